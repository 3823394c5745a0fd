// The incident map: Natural Earth boundaries from local files, no tile server, and one
// circle per place from /api/geo under the page's own filters.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) return;

  const NEIGHBOURS = ["156", "410", "643", "392"]; // China, South Korea, Russia, Japan
  const DPRK = "408";
  const map = L.map(el, {
    zoomSnap: 0.25,
    attributionControl: false,
    minZoom: 5,
    maxBounds: [[32, 116], [46, 138]],
  }).setView([40.2, 127.3], 6.75);

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function popup(p) {
    // Built from text nodes: place names come from untrusted report text.
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = [p.locality, p.province].filter(Boolean).join(", ") || "Unnamed place";
    const line = document.createElement("div");
    line.textContent = p.records + (p.records === 1 ? " incident" : " incidents") +
      (p.victims ? ", " + p.victims + " victims" : "");
    const params = new URLSearchParams(window.location.search);
    if (p.province) params.set("province", p.province);
    if (p.locality) params.set("locality", p.locality);
    const link = document.createElement("a");
    link.href = el.dataset.list + "?" + params.toString();
    link.textContent = "List them";
    box.append(title, line, link);
    return box;
  }

  function drawPoints(points) {
    const weight = function (p) { return p.victims || p.records; };
    const max = Math.max(1, ...points.map(weight));
    points
      .sort(function (a, b) { return weight(b) - weight(a); })
      .forEach(function (p) {
        L.circleMarker([p.lat, p.lon], {
          radius: 4 + 22 * Math.sqrt(weight(p) / max),
          color: "#7d1f1f",
          weight: 1,
          fillColor: "#c0392b",
          fillOpacity: 0.5,
        }).bindPopup(popup(p)).addTo(map);
      });
  }

  Promise.all([
    json("/static/vendor/geo/countries-50m.json"),
    json("/static/vendor/geo/prk-provinces.topo.json"),
    json(el.dataset.geo),
  ]).then(function (loaded) {
    const world = topojson.feature(loaded[0], loaded[0].objects.countries);
    const provinces = topojson.feature(loaded[1], loaded[1].objects.prk);
    L.geoJSON(world, {
      filter: function (f) { return NEIGHBOURS.indexOf(f.id) >= 0; },
      style: { color: "#b8c1ca", weight: 1, fillColor: "#eef0f2", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    L.geoJSON(provinces, {
      style: { color: "#9aa5b1", weight: 0.8, fillColor: "#fdfdfb", fillOpacity: 1 },
      onEachFeature: function (f, layer) {
        const name = document.createElement("span");
        name.textContent = f.properties.name || "";
        if (f.properties.name) layer.bindTooltip(name, { sticky: true });
      },
    }).addTo(map);
    L.geoJSON(world, {
      filter: function (f) { return f.id === DPRK; },
      style: { color: "#3b4754", weight: 1.5, fill: false },
      interactive: false,
    }).addTo(map);
    drawPoints(loaded[2].points);
    el.dataset.ready = "true";
  }).catch(function (err) {
    el.textContent = "The map could not be drawn: " + err.message;
    el.dataset.ready = "error";
  });
})();
