// Draws the book's charts with the site's own Vega runtime: no network, no Vega-Lite compiler.
// Each chart is a <div data-kz-chart> holding its compiled Vega spec as inert JSON.
(function () {
  "use strict";
  function draw(el) {
    if (el.dataset.kzDrawn) return;
    el.dataset.kzDrawn = "1";
    var spec = JSON.parse(el.querySelector("script.kz-vega-spec").textContent);
    var view = new vega.View(vega.parse(spec), { renderer: "svg", container: el, hover: true });
    el.kzView = view;
    view.runAsync().then(function () {
      el.dataset.kzReady = "1";
    }).catch(function (err) {
      el.dataset.kzError = String(err && err.message || err);
      console.error("chart failed to draw:", err);
    });
  }
  function init() {
    document.querySelectorAll("[data-kz-chart]").forEach(draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
