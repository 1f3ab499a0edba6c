// Draws the book's charts with the site's own Vega runtime: no network, no Vega-Lite compiler.
// Each chart is a <div data-kz-chart> holding its compiled Vega spec as inert JSON.
//
// Light on slow phones: the runtime (vega.min.js, ~180 KB gzipped) is fetched only when the
// first chart comes near the screen, and each chart is drawn when it comes near the screen, so
// a page opens without waiting for charts the reader has not reached. Before printing, and
// through window.kazbook.drawAll(), every chart is drawn at once.
(function () {
  "use strict";
  var script = document.currentScript;
  var runtimeUrl = script && script.getAttribute("data-kz-runtime");
  var loading = null;

  function runtime() {
    if (window.vega) return Promise.resolve(window.vega);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = runtimeUrl;
        s.onload = function () { resolve(window.vega); };
        s.onerror = function () { reject(new Error("could not load the chart runtime " + runtimeUrl)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function fail(el, err) {
    el.dataset.kzError = String(err && err.message || err);
    console.error("chart failed to draw:", err);
  }

  function draw(el) {
    if (el.dataset.kzDrawn) return el.kzDone;
    el.dataset.kzDrawn = "1";
    el.kzDone = runtime().then(function (vega) {
      var spec = JSON.parse(el.querySelector("script.kz-vega-spec").textContent);
      var view = new vega.View(vega.parse(spec), { renderer: "svg", container: el, hover: true });
      el.kzView = view;
      return view.runAsync();
    }).then(function () {
      el.dataset.kzReady = "1";
    }).catch(function (err) { fail(el, err); });
    return el.kzDone;
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-kz-chart]"));
  }

  function drawAll() {
    return Promise.all(charts().map(draw));
  }

  function init() {
    var all = charts();
    if (!all.length) return;
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          seen.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    all.forEach(function (el) { seen.observe(el); });
  }

  window.kazbook = { drawAll: drawAll };
  window.addEventListener("beforeprint", drawAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
