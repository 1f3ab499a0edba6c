"""No thebe. Jupyter Book always loads sphinx-thebe, whose script declares THEBE_JS_URL twice
(a page error on every page) and would fetch thebe from a CDN. The book has no live-code
buttons, so thebe's scripts and stylesheet go. This is not theme slimming: without it every
page has a console error (tests/test_slimming_off.py)."""

from __future__ import annotations

from sphinx.application import Sphinx


def drop_thebe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        # In place: the context shares this list with the builder, which resets it per page.
        scripts[:] = [s for s in scripts if "thebe" not in str(s).lower()
                                   and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]
    css = context.get("css_files")
    if css:
        css[:] = [c for c in css if "thebe" not in str(c).lower()]

