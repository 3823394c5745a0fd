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

  const NO_LOCALITY = "(none)"; // the list's filter for records placed only by province
  const names = JSON.parse(el.dataset.provinces || "{}"); // boundary names → ours
  const SPREAD_PX = 16; // how far apart markers sharing one point are drawn

  function placeParams(p) {
    const params = new URLSearchParams(window.location.search);
    params.delete("page");
    if (p.province) params.set("province", p.province);
    params.set("locality", p.locality || NO_LOCALITY);
    return params;
  }

  function text(tag, value, cls) {
    const node = document.createElement(tag);
    node.textContent = value;
    if (cls) node.className = cls;
    return node;
  }

  function popup(p) {
    // Built from text nodes: place names come from untrusted report text.
    const box = document.createElement("div");
    box.className = "map-popup";
    box.append(text("strong", [p.locality, p.province].filter(Boolean).join(", ") || "Unnamed place"));
    if (p.precision !== "locality") {
      box.append(text("div", p.locality
        ? "No coordinates for " + p.locality + ": shown at the province seat."
        : "Placed by province only: shown at the province seat.", "muted"));
    }
    box.append(text("div", p.records + (p.records === 1 ? " incident" : " incidents") +
      (p.victims ? ", " + p.victims + " victims" : "")));
    const list = document.createElement("ul");
    box.append(list);
    const link = document.createElement("a");
    link.href = el.dataset.list + "?" + placeParams(p).toString();
    link.textContent = "List all " + p.records;
    box.append(link);
    return { box: box, list: list };
  }

  function fillList(p, list) {
    // The records themselves, from the same filters as the list the link opens.
    if (list.dataset.filled) return;
    list.dataset.filled = "true";
    const params = placeParams(p);
    params.set("kind", "incident");
    params.set("limit", "8");
    json("/api/records?" + params.toString()).then(function (body) {
      body.items.forEach(function (r) {
        const item = document.createElement("li");
        const a = text("a", "#" + r.id + " " + r.type.replace(/_/g, " "));
        a.href = "/records/" + r.id;
        item.append(a, text("span", " " + (r.date || "undated"), "muted"));
        list.append(item);
      });
      if (body.total > body.items.length) {
        list.append(text("li", "… and " + (body.total - body.items.length) + " more", "muted"));
      }
    }).catch(function () { list.append(text("li", "The records could not be loaded.")); });
  }

  function drawPoints(points) {
    const weight = function (p) { return p.victims || p.records; };
    const max = Math.max(1, ...points.map(weight));
    // Markers sharing a point (a province seat, its province-only records, the places
    // the gazetteer has no point for) are spread on a small ring so each can be clicked.
    const stacks = {};
    points.forEach(function (p) {
      const key = p.lat + "," + p.lon;
      (stacks[key] = stacks[key] || []).push(p);
    });
    const markers = [];
    Object.keys(stacks).forEach(function (key) {
      const stack = stacks[key].sort(function (a, b) { return weight(b) - weight(a); });
      stack.forEach(function (p, i) {
        const exact = p.precision === "locality";
        const marker = L.circleMarker([p.lat, p.lon], {
          radius: 4 + 22 * Math.sqrt(weight(p) / max),
          color: "#7d1f1f",
          weight: exact ? 1 : 1.5,
          dashArray: exact ? null : "3 3",
          fillColor: exact ? "#c0392b" : "#e8a39b",
          fillOpacity: 0.5,
        });
        const content = popup(p);
        marker.bindPopup(content.box);
        marker.on("popupopen", function () { fillList(p, content.list); });
        marker.addTo(map);
        markers.push({ marker: marker, p: p, index: i, size: stack.length });
      });
    });
    function spread() {
      markers.forEach(function (m) {
        if (m.size < 2) return;
        const angle = (2 * Math.PI * m.index) / m.size;
        const centre = map.latLngToLayerPoint([m.p.lat, m.p.lon]);
        const shifted = centre.add([SPREAD_PX * Math.cos(angle), SPREAD_PX * Math.sin(angle)]);
        m.marker.setLatLng(map.layerPointToLatLng(shifted));
      });
    }
    spread();
    map.on("zoomend", spread);
    el.dataset.markers = String(markers.length);
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
        // Province names as the app writes them ("North Pyongan", not "P'yŏngan-bukto").
        const label = names[f.properties.name] || f.properties.name;
        const name = document.createElement("span");
        name.textContent = label || "";
        if (label) layer.bindTooltip(name, { sticky: true });
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
