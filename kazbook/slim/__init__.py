"""Theme slimming, a Sphinx extension of its own (``kazbook.slim`` in ``_config.yml``'s
``sphinx: extra_extensions``): it rewrites what pydata-sphinx-theme, Jupyter Book and docutils
put in the pages, so they stay within the budgets of tests/test_quality.py. The book builds,
reads and draws its charts without it: after a theme or Jupyter Book upgrade, switch it off
first (tests/test_slimming_off.py builds the book so).

- no fontawesome.js: the icons the pages use come from a small generated ``icons.css``, and the
  icon web fonts keep only the glyphs the stylesheets name (icons.py);
- no search index outside the search page, the theme's helper scripts deferred (the templates
  in ``templates/``; scripts.py);
- the theme's page-load measuring of scrollable boxes replaced by a lazy one (scripts.py);
- the stylesheets purged of rules that match nothing on the site (css.py, ``purge-css.mjs``);
- ARIA and duplicate-id fixes of docutils' and sphinx-exercise's markup (aria.py).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from kazbook.slim.aria import fix_aria
from kazbook.slim.css import purge_unused_css, require_css_purger
from kazbook.slim.icons import link_icons_css, subset_icon_fonts, write_icons_css
from kazbook.slim.scripts import defer_theme_scripts, measure_tab_stops_lazily


def use_lighter_templates(app: Sphinx, config) -> None:
    config.templates_path = [str(Path(__file__).parent / "templates"), *config.templates_path]


def setup(app: Sphinx):
    app.connect("config-inited", use_lighter_templates)
    app.connect("builder-inited", require_css_purger)
    app.connect("builder-inited", link_icons_css)
    # Each page as it is written.
    app.connect("html-page-context", defer_theme_scripts)
    app.connect("html-page-context", fix_aria)
    # When the site is written, after the book's own files are copied (kazbook, priority 900) and
    # after pydata-sphinx-theme rewrites pygments.css; in this order: the icon fonts are subset
    # against the purged stylesheets.
    app.connect("build-finished", purge_unused_css, priority=910)
    app.connect("build-finished", measure_tab_stops_lazily, priority=910)
    app.connect("build-finished", write_icons_css, priority=910)
    app.connect("build-finished", subset_icon_fonts, priority=910)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
