/* Dashboard charts and the Kaltim choropleth. Data comes from json_script blocks in the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  var charts = JSON.parse(document.getElementById("chart-data").textContent);
  var counts = JSON.parse(document.getElementById("map-counts").textContent);
  var casesWord = document.getElementById("i18n-cases").textContent;

  function bar(id, rows, horizontal) {
    var el = document.getElementById(id);
    if (el && !rows.length) { el.parentNode.hidden = true; }  // nothing to draw: no empty box
    if (!el || !window.Chart || !rows.length) { return; }
    new window.Chart(el, {
      type: "bar",
      data: { labels: rows.map(function (r) { return r[0].length > 32 ? r[0].slice(0, 31) + "…" : r[0]; }),
              datasets: [{ label: casesWord, data: rows.map(function (r) { return r[1]; }), backgroundColor: "#0b5d7a" }] },
      options: { indexAxis: horizontal ? "y" : "x", maintainAspectRatio: false, plugins: { legend: { display: false } },
                 scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } } }
    });
  }
  // Suppressed public counts (null, shown as "<5") are left out of the charts; the tables list them.
  function shown(rows) { return rows.filter(function (r) { return r[1] !== null; }); }
  charts.status = shown(charts.status || []);
  charts.violation = shown(charts.violation || []);
  charts.sanction = shown(charts.sanction || []);
  bar("chart-status", charts.status, true);
  bar("chart-violation", charts.violation, false);
  bar("chart-sanction", charts.sanction, true);

  var mapEl = document.getElementById("region-map");
  if (!mapEl || !window.L) { return; }
  var byCode = {};
  var max = 0;
  counts.forEach(function (r) { byCode[r.code] = r; if (r.n !== null && r.n > max) { max = r.n; } });
  var suppressed = counts.some(function (r) { return r.n === null; });
  function shownCount(row) { return !row ? 0 : (row.n === null ? "<5" : row.n); }
  var steps = ["#f1f5f9", "#c6dbe8", "#8fb8d1", "#4f8fb3", "#0b5d7a"];
  function colour(n) {
    if (n === null) { return steps[1]; }
    if (!n) { return steps[0]; }
    var i = Math.min(steps.length - 1, 1 + Math.floor((n / Math.max(max, 1)) * (steps.length - 2)));
    return steps[i];
  }
  // The legend: each colour with the range of counts it stands for (computed from the same rule).
  function legend() {
    var control = window.L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = window.L.DomUtil.create("div", "map-legend");
      box.id = "map-legend";
      var title = document.createElement("strong");
      title.textContent = (document.getElementById("i18n-legend") || {}).textContent || casesWord;
      box.appendChild(title);
      var entries = [[steps[0], "0"]];
      if (suppressed) { entries.push([steps[1], "<5"]); }
      var from = null, index = null;
      for (var n = 1; n <= max + 1; n++) {
        var c = n <= max ? colour(n) : null;
        if (c !== index) {
          if (index !== null) { entries.push([index, from === n - 1 ? String(from) : from + "–" + (n - 1)]); }
          index = c; from = n;
        }
      }
      entries.forEach(function (e) {
        var row = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = e[0];
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(e[1]));
        box.appendChild(row);
      });
      return box;
    };
    return control;
  }
  // No tile layer: the map must work without any outside server.
  var map = window.L.map(mapEl, { zoomSnap: 0.25, attributionControl: true });
  fetch(script.dataset.geojson, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = window.L.geoJSON(geo, {
      style: function (f) {
        var row = byCode[f.properties.kode];
        return { color: "#334155", weight: 1, fillOpacity: 0.85, fillColor: colour(row ? row.n : 0) };
      },
      onEachFeature: function (f, l) {
        var row = byCode[f.properties.kode];
        var label = document.createElement("span");
        label.textContent = f.properties.nama + ": " + shownCount(row) + " " + casesWord;
        l.bindTooltip(label, { sticky: true });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    legend().addTo(map);
    map.attributionControl.addAttribution("BIG/Kemendagri (kaltim_kabkota.geojson)");
  });
})();
