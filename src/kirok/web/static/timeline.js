// Incidents per month: one stacked bar chart by type, then a small chart per province
// on a shared scale so provinces can be compared at a glance.
(function () {
  "use strict";
  const canvas = document.getElementById("by-type");
  if (!canvas || !window.Chart) return;

  const PALETTE = ["#8f1d21", "#2f5d8a", "#d08c2f", "#4f8a5b", "#7a5195", "#3c9ca8",
                   "#b05f8d", "#6b6b6b", "#a3a832", "#c2543a", "#34495e"];
  const label = function (s) { return s.replace(/_/g, " "); };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#46505a";
  Chart.defaults.animation = false;

  // A click on a bar opens the incidents it counts: the page's filters, that month, and the
  // bar's type or province, so the list holds exactly the bar's number.
  function opener(months, filterOf) {
    return function (event, elements) {
      if (!elements.length) return;
      const hit = elements[0];
      const params = new URLSearchParams(window.location.search);
      params.delete("page");
      params.set("month", months[hit.index]);
      const filter = filterOf(hit.datasetIndex);
      if (!filter) return; // the "unknown" province is no filter
      params.set(filter[0], filter[1]);
      window.location.assign(canvas.dataset.list + "?" + params.toString());
    };
  }

  function barChart(target, months, datasets, options) {
    return new Chart(target, {
      type: "bar",
      data: { labels: months, datasets: datasets },
      options: Object.assign({
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      }, options || {}),
    });
  }

  function provinceCharts(data) {
    const holder = document.getElementById("provinces");
    const series = data.by_province;
    const names = Object.keys(series).sort(function (a, b) {
      const sum = function (k) { return series[k].reduce(function (x, y) { return x + y; }, 0); };
      return sum(b) - sum(a);
    });
    const max = Math.max(1, ...names.map(function (n) { return Math.max(...series[n]); }));
    names.forEach(function (name) {
      const card = document.createElement("figure");
      card.className = "card mini";
      const caption = document.createElement("figcaption");
      const total = series[name].reduce(function (x, y) { return x + y; }, 0);
      caption.textContent = name + " · " + total;
      const box = document.createElement("div");
      box.className = "mini-chart";
      const c = document.createElement("canvas");
      box.append(c);
      card.append(caption, box);
      holder.append(card);
      barChart(c, data.months, [{ data: series[name], backgroundColor: "#2f5d8a", maxBarThickness: 14 }], {
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 4, maxRotation: 0 } },
          y: { beginAtZero: true, max: max, ticks: { maxTicksLimit: 3, precision: 0 } },
        },
        plugins: { legend: { display: false } },
        onClick: opener(data.months, function () {
          return name === "unknown" ? null : ["province", name];
        }),
      });
    });
  }

  fetch(canvas.dataset.timeline, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      if (!data.months.length) {
        canvas.parentElement.textContent = "No incident in this view is dated to a month.";
        return;
      }
      const types = Object.keys(data.by_type);
      const datasets = types.map(function (type, i) {
        return { label: label(type), data: data.by_type[type], backgroundColor: PALETTE[i % PALETTE.length], maxBarThickness: 48 };
      });
      barChart(canvas, data.months, datasets, {
        onClick: opener(data.months, function (i) { return ["type", types[i]]; }),
      });
      if (data.year_only) {
        document.getElementById("timeline-note").textContent +=
          " (" + data.year_only + " in this view are dated only to a year.)";
      }
      provinceCharts(data);
      canvas.dataset.ready = "true";
    });
})();
