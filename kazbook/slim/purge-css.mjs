// Removes from the site's stylesheets every rule whose selectors match nothing the site can
// show: run by kazbook.slim (kazbook/slim/css.py) when an HTML build finishes, on the built site itself.
//
// Why: the theme's stylesheet is 397 KB (66 KB gzipped) of Bootstrap and theme rules, most of
// them for components this book never uses. It blocks the first paint on every page, and the
// browser matches every rule against every element on every style recalculation, which is
// most of a chapter's main-thread time on a slow phone.
//
// What counts as used: any word in the built HTML or in any script the site ships (so the
// classes that Bootstrap, the theme and Sphinx's search add at run time are kept), and every
// selector on the attributes the theme switches at run time (light/dark mode, popper placement).
// tests/test_lighter_pages.py compares screenshots of pages with the full and the purged stylesheets.
//
// Usage: node purge-css.mjs <site dir> <stylesheet> [<stylesheet> ...]  (rewritten in place;
// prints one JSON line: bytes before and after, per file).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PurgeCSS } from "purgecss";

const [site, ...sheets] = process.argv.slice(2);
if (!site || sheets.length === 0) {
  console.error("usage: node purge-css.mjs <site dir> <stylesheet> [...]");
  process.exit(2);
}

const posix = (p) => p.split(path.sep).join("/");
const results = await new PurgeCSS().purge({
  content: [posix(path.join(site, "**/*.html")), posix(path.join(site, "_static/**/*.js"))],
  css: sheets,
  // Attributes whose values the theme's scripts set: keep every rule on them.
  dynamicAttributes: ["data-theme", "data-mode", "data-bs-theme", "data-popper-placement", "aria-expanded",
                      "aria-current", "aria-selected", "aria-hidden", "open", "dir"],
  safelist: {
    // Elements the browser or scripts create without naming them in any file.
    // Bootstrap names tooltip placements in code (`bs-${name}-auto`), never in full.
    standard: ["html", "body", ":root", "svg", "tooltip", "show", "fade", "collapsing", "active",
               /^bs-(tooltip|popover)-/],
  },
});

const summary = {};
for (const { css, file } of results) {
  const before = (await readFile(file)).length;
  await writeFile(file, css);
  summary[posix(path.relative(site, file))] = [before, Buffer.byteLength(css)];
}
console.log(JSON.stringify(summary));
