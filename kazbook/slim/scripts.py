"""The theme's scripts made lighter: its page-load measuring of every scrollable box replaced by
``kazbook/slim/static/kazbook-tabstops.js``; its helper scripts deferred; sphinx-design's tab
script only on pages with tabs; thebe (always loaded by Jupyter Book) dropped."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


TAB_STOPS_MARK = "// kazbook: keyboard access to scrollable boxes"

#: pydata-sphinx-theme 0.17.1 (pinned), minified: the call of addTabStopsToScrollableElements().
TAB_STOPS_CALL = re.compile(r'"complete"===document\.readyState\?(\w+)\(\):window\.addEventListener\("load",\1\)')


def measure_tab_stops_lazily(app: Sphinx, exception) -> None:
    """Replace the theme's page-load measuring of every code block and output (a forced layout
    of the whole page) with kazbook/slim/static/kazbook-tabstops.js, which gives the same tab stops as
    the browser lays each box out. Fails the build if the theme's code is not what it expects."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    script = out / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if not script.exists():
        return
    text = script.read_text(encoding="utf-8")
    lazily = (Path(__file__).parent / "static" / "kazbook-tabstops.js").read_text(encoding="utf-8")
    if TAB_STOPS_MARK in text:
        # Sphinx did not copy the theme's scripts afresh: the call is gone already; keep the
        # appended script current, so an edit to it reaches the site in an incremental build.
        script.write_text(text.split(TAB_STOPS_MARK)[0] + lazily, encoding="utf-8")
        return
    calls = TAB_STOPS_CALL.findall(text)
    name = calls[0] if len(calls) == 1 else None
    if not name or "pst-scrollable-table-container" not in text.split(f"function {name}(){{", 1)[-1][:400]:
        raise ExtensionError(f"{script}: the theme's addTabStopsToScrollableElements() call was not found; "
                             "the pinned pydata-sphinx-theme changed: update measure_tab_stops_lazily")
    text = TAB_STOPS_CALL.sub("void 0", text)
    script.write_text(text.rstrip("\n") + "\n" + lazily, encoding="utf-8")


# Scripts that must run before the inline scripts after them (they define
# DOCUMENTATION_OPTIONS, which the page's inline scripts set): left blocking.
_KEEP_BLOCKING = ("documentation_options.js",)


def defer_theme_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Defer the theme's helper scripts (they only wire up buttons; deferred, they keep their
    order and stop blocking the first paint) and drop sphinx-design's tab script on pages with
    no tabs."""
    body = context.get("body", "")
    scripts = context.get("script_files")
    # The search page's template loads searchtools.js without defer, and it calls doctools.js's
    # _ready() as it loads: deferred, doctools.js came too late and search never ran.
    blocking = context.get("pagename") == "search"
    if scripts:
        kept = []
        for s in scripts:
            name = str(s)
            if "design-tabs.js" in name and "sd-tab-set" not in body:
                continue
            attrs = getattr(s, "attributes", None)
            if blocking and attrs and "defer" in attrs:
                # The script objects are shared by every page: the search page gets copies.
                s = type(s)(s.filename, priority=s.priority, **{k: v for k, v in attrs.items() if k != "defer"})
            elif (not blocking and attrs is not None and name and not name.startswith(("http:", "https:"))
                    and not any(k in name for k in _KEEP_BLOCKING) and "async" not in attrs):
                attrs.setdefault("defer", "defer")
            kept.append(s)
        scripts[:] = kept
