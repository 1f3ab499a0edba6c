"""Offline charts: notebooks executed by the build render their charts for the site
(``KAZCARS_RENDER=site``); the pinned Vega runtime (npm ``vega``, see ``package.json``) and the
book's loader (``kazbook/static/kazbook-charts.js``) are copied into ``_static/kazbook/`` and
loaded only by pages that hold a chart, which fetch the runtime when the first chart nears."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

from kazbook.project import node_package

RUNTIME_DIR = "kazbook"
CHART_MARK = "data-kz-chart"


def _runtime_source() -> tuple[Path, str]:
    pkg, installed = node_package("vega")
    return pkg / "build" / "vega.min.js", installed


def require_chart_runtime(app: Sphinx) -> None:
    """Fail early, before any page is read, when the pinned Vega is not installed."""
    if app.builder.format == "html":
        _runtime_source()


def copy_chart_runtime(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    runtime, _ = _runtime_source()
    target = Path(app.outdir) / "_static" / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(runtime, target / "vega.min.js")
    shutil.copyfile(Path(__file__).parent / "static" / "kazbook-charts.js", target / "kazbook-charts.js")
    shutil.copyfile(runtime.parent.parent / "LICENSE", target / "vega-LICENSE.txt")


def load_chart_runtime_on_chart_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if CHART_MARK in context.get("body", ""):
        # The loader fetches the runtime itself when the first chart nears the screen.
        runtime = context["pathto"](f"_static/{RUNTIME_DIR}/vega.min.js", 1)
        app.add_js_file(f"{RUNTIME_DIR}/kazbook-charts.js", loading_method="defer",
                        **{"data-kz-runtime": runtime})


def copy_own_static_files(app: Sphinx, exception) -> None:
    """Sphinx copies static files only when a page was rebuilt: an edit to the book's own
    _static/ alone (book.css, say) would not reach the site until then."""
    if exception or app.builder.format != "html":
        return
    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for path in source.rglob("*") if source.is_dir() else []:
            target = Path(app.outdir) / "_static" / path.relative_to(source)
            if path.is_file() and (not target.exists() or target.read_bytes() != path.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
