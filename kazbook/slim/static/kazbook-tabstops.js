
// kazbook: keyboard access to scrollable boxes, measured when the browser lays them out.
// Appended by kazbook.slim (kazbook/slim/scripts.py) to the theme's pydata-sphinx-theme.js in place of the theme's own
// addTabStopsToScrollableElements(), which does the same job at page load: it measures every
// code block and output on the page at once, forcing the browser to lay out the whole chapter
// (including the sections it would otherwise skip until the reader nears them): about 200 ms
// of blocked main thread on a mid-range phone. Same rule as the theme's: a box that scrolls
// gets tabindex 0 (keyboard users can scroll it), one that does not gets -1. The book's charts,
// which scroll sideways on a phone (_static/book.css), are such boxes too. Until the browser has
// laid a box out (a section it skips until the reader nears it), the box keeps a tab stop, so Tab
// never skips a box that may scroll; focusing it makes the browser lay its section out, and the
// measurement then corrects the tab stop.
(function () {
  "use strict";
  var BOXES = ["pre", ".nboutput > .output_area", ".cell_output > .output", ".jp-RenderedHTMLCommon",
               ".pst-scrollable-table-container", "[data-kz-chart]"].join(", ");

  function scrolls(el) {
    return el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
  }

  // A chart box scrolls only once its chart is drawn (kazbook-charts.js sets data-kz-ready),
  // which may not change the box's own size: until then it keeps its tab stop.
  function measurable(el) {
    return !el.hasAttribute("data-kz-chart") || el.dataset.kzReady;
  }

  function update(boxes) {
    boxes = boxes.filter(measurable);
    var stops = boxes.map(scrolls);  // measure all, then write: one layout, not one per box
    boxes.forEach(function (el, i) { el.tabIndex = stops[i] ? 0 : -1; });
  }

  function start() {
    var main = document.getElementById("main-content");
    if (!main) return;
    // An attribute write, no measuring: every box is reachable from the first paint.
    Array.prototype.forEach.call(main.querySelectorAll(BOXES), function (el) {
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
    });
    if (!("ResizeObserver" in window)) {
      update(Array.prototype.slice.call(document.querySelectorAll(BOXES)));
      return;
    }
    var watched = new ResizeObserver(function (entries) {
      update(entries.map(function (e) { return e.target; }));
    });
    function watch(root) {
      if (root.nodeType !== 1) return;
      if (root.matches(BOXES)) watched.observe(root);
      Array.prototype.forEach.call(root.querySelectorAll(BOXES), function (el) { watched.observe(el); });
    }
    watch(document.body);
    // Widgets and charts add boxes after load; a drawn chart is measured again.
    new MutationObserver(function (records) {
      var drawn = [];
      records.forEach(function (r) {
        if (r.type === "attributes") drawn.push(r.target);
        else Array.prototype.forEach.call(r.addedNodes, watch);
      });
      if (drawn.length) update(drawn);
    }).observe(main, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-kz-ready"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
