"""The book's chart theme and renderers.

Two ways a chart leaves a notebook:

- **In the book** (the build sets ``KAZCARS_RENDER=site``): the Vega-Lite spec is compiled to
  Vega with vl-convert at build time and written into the page as inert JSON; the page loads
  one pinned Vega runtime from the site itself (``_static/kazbook/``), so charts draw and stay
  interactive with no network and no Vega-Lite compiler in the browser. The same output
  carries a PNG, which the PDF builder picks.
- **In Jupyter or Colab** (any other run): the same compiled Vega spec under the MIME type
  ``application/vnd.vega.v5+json``, which JupyterLab and Notebook 7 draw with the Vega runtime
  they ship (interactive, no network), plus the PNG, which front ends without a Vega renderer
  (Colab, classic Notebook, GitHub's viewer) show instead. No output loads a script.
- **In Jupyter without vl-convert** (a school PC with no network that lacks it): the Vega-Lite
  spec itself under ``application/vnd.vegalite.v5+json``, which JupyterLab and Notebook 7
  compile and draw with the Vega-Lite and Vega they ship (interactive, no network), and the alt
  text as plain text; no PNG, which only vl-convert can make. The site build needs vl-convert.

Every chart must have a ``description``: it becomes the chart's ARIA label (alt text).
"""

from __future__ import annotations

import base64
import html
import json
import os
from functools import lru_cache

import altair as alt

from kazcars.i18n import DEFAULT, known, language, number_style, vega_locale

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
#: A sequential scheme that stays readable for the common colour-vision deficiencies.
SEQUENTIAL = "viridis"

FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"
WIDTH = 560
HEIGHT = 300
PNG_SCALE = 2

SITE = "site"


class ChartError(ValueError):
    """A chart that cannot be published as it stands (e.g. no alt text)."""


def theme() -> dict:
    """Theme config: palette, fonts and sizes shared by every chart in the book, and in a
    language other than English its number and date format (Vega's format locale: decimal
    comma, thousands space and month names in Kazakh), which the site's Vega runtime and
    JupyterLab's read from the spec and :func:`to_png_base64` passes to vl-convert."""
    config = {"config": {
        "font": FONT,
        "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
        "range": {"category": OKABE_ITO, "ordinal": {"scheme": SEQUENTIAL}, "ramp": {"scheme": SEQUENTIAL}},
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222", "gridColor": "#ddd"},
        "legend": {"labelLimit": 0, "labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222"},
        "title": {"fontSize": 15, "anchor": "start", "color": "#111"},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 60, "filled": True},
    }}
    if language() != DEFAULT:
        config["config"]["locale"] = vega_locale()
        ungrouped = short_numbers_ungrouped("datum.label")
        if ungrouped != "datum.label":
            for part in ("axis", "legend"):
                config["config"][part]["labelExpr"] = ungrouped
    return config


def short_numbers_ungrouped(text: str, lang: str | None = None) -> str:
    """A Vega expression: ``text`` with a number too short to group in the language written
    without its separator. Vega's format locale groups every number of four digits or more; a
    language that groups from five (Kazakh: 7500 but 18 000) takes the space out of 7 500."""
    _, group, group_from = number_style(lang)
    for digits in range(4, min(group_from, 7)):
        # The whole number part (nothing grouped after it), with a sign or not, then any decimals.
        pattern = rf"^([-\u2212]?\\d{{{digits - 3}}}){group}(\\d{{3}})(?![\\d{group}])"
        text = f"replace({text}, regexp('{pattern}'), '$1$2')"
    return text


def _require_description(spec: dict) -> str:
    desc = spec.get("description")
    if not desc or not str(desc).strip():
        title = spec.get("title")
        raise ChartError(
            f"chart {title!r} has no description: give it alt text with "
            "`.properties(description=...)` so screen readers and the PDF can say what it shows"
        )
    return str(desc)


@lru_cache(maxsize=1)
def _vl_convert():
    import vl_convert as vlc

    # Kazakh and Russian labels need a font with Cyrillic; Debian's DejaVu has it.
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto"):
        if os.path.isdir(folder):
            vlc.register_font_directory(folder)
    return vlc


def _locale_options(spec: dict) -> dict:
    locale = spec.get("config", {}).get("locale")
    if not locale:
        return {}
    return {"format_locale": locale.get("number"), "time_format_locale": locale.get("time")}


def to_png_base64(spec: dict) -> str:
    png = _vl_convert().vegalite_to_png(spec, scale=PNG_SCALE, **_locale_options(spec))
    return base64.b64encode(png).decode("ascii")


def to_vega(spec: dict) -> dict:
    return _vl_convert().vegalite_to_vega(spec)


def _hide_unlabelled_shapes(node: dict) -> None:
    """Vega gives a geoshape layer (a base map) the role graphics-symbol but no name, which
    screen readers announce as an unlabelled image (axe: svg-img-alt). A shape layer with no
    description of its own is background: the chart's description says what the map shows."""
    for mark in node.get("marks", []):
        if mark.get("type") == "shape" and "description" not in mark and "aria" not in mark:
            mark["aria"] = False
        _hide_unlabelled_shapes(mark)


def _described_vega(spec: dict) -> dict:
    desc = _require_description(spec)
    vega_spec = to_vega(spec)
    _hide_unlabelled_shapes(vega_spec)
    vega_spec.setdefault("description", desc)
    return vega_spec


def _in_language(spec: dict) -> dict:
    """The spec with its description (alt text) in the reader's language, where
    ``data/messages.csv`` translates it (a chapter's English description is its message id)."""
    desc = spec.get("description")
    if isinstance(desc, str) and known(desc) != desc:
        return {**spec, "description": known(desc)}
    return spec


def site_html(spec: dict) -> str:
    """The chart as it goes into a book page: a placeholder holding its compiled Vega spec."""
    desc = _require_description(spec)
    vega_spec = _described_vega(spec)
    # `</` would end the script element early; JSON allows `<\/`.
    payload = json.dumps(vega_spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div class="kz-vega" data-kz-chart>'
        f'<script type="application/json" class="kz-vega-spec">{payload}</script>'
        f'<noscript><p>{html.escape(desc)}</p></noscript></div>'
    )


def site_renderer(spec: dict, **metadata) -> dict:
    spec = _in_language(spec)
    return {"text/html": site_html(spec), "image/png": to_png_base64(spec), "text/plain": _require_description(spec)}


#: JupyterLab 4 (and Notebook 7, which uses its renderers) draws this type with its bundled
#: Vega 5 runtime; it has no renderer for a Vega 6 type.
VEGA_MIMETYPE = "application/vnd.vega.v5+json"
VEGA5_SCHEMA = "https://vega.github.io/schema/vega/v5.json"


#: JupyterLab 4 and Notebook 7 compile this type with their bundled Vega-Lite 5.
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
VEGALITE5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def has_vl_convert() -> bool:
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return False
    return True


def _views(spec: dict):
    """Every view of a (layered or concatenated) spec, the spec itself first."""
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _views(sub)
    if isinstance(spec.get("spec"), dict):
        yield from _views(spec["spec"])


def _selections_in_their_views(spec: dict) -> dict:
    """Altair puts a selection at the top with the names of its ``views``; the Vega-Lite 5 that
    JupyterLab 4 bundles then fails with "Duplicate signal name". Defined in each named view
    instead, it compiles the same there. Top-level variables (sliders) stay where they are."""
    spec = json.loads(json.dumps(spec))
    top = spec.get("params", [])
    moved = [p for p in top if p.get("views") and "select" in p]
    if not moved:
        return spec
    spec["params"] = [p for p in top if p not in moved]
    if not spec["params"]:
        del spec["params"]
    by_name = {view.get("name"): view for view in _views(spec) if view.get("name")}
    for param in moved:
        for name in param["views"]:
            by_name[name].setdefault("params", []).append({k: v for k, v in param.items() if k != "views"})
    return spec


def vegalite_bundle(spec: dict) -> dict:
    """The chart for a notebook without vl-convert: the Vega-Lite spec and the alt text."""
    desc = _require_description(spec)
    # Altair 6 labels its specs Vega-Lite 6; JupyterLab's renderer takes only the v5 type, and
    # the book's charts use nothing Vega-Lite 5 lacks (tests/test_notebooks.py draws them offline).
    return {VEGALITE_MIMETYPE: {**_selections_in_their_views(spec), "$schema": VEGALITE5_SCHEMA}, "text/plain": desc}


def notebook_renderer(spec: dict, **metadata) -> dict:
    """A bundle every notebook front end shows with the network cut: compiled Vega for the
    front ends with a Vega renderer, a PNG for the others, the alt text as plain text. No
    text/html: JupyterLab prefers HTML to Vega, and Altair's HTML loads Vega from a CDN.
    Without vl-convert (which compiles and rasterises): the Vega-Lite spec, no PNG."""
    spec = _in_language(spec)
    if not has_vl_convert():
        return vegalite_bundle(spec)
    vega_spec = _described_vega(spec)
    # vl-convert labels its output Vega 6; the spec uses nothing the Vega 5 runtime lacks
    # (tests/test_notebooks.py draws every chart with JupyterLab's own runtime, network cut).
    vega_spec["$schema"] = VEGA5_SCHEMA
    return {VEGA_MIMETYPE: vega_spec, "image/png": to_png_base64(spec), "text/plain": _require_description(spec)}


def render_target() -> str:
    return os.environ.get("KAZCARS_RENDER", "notebook")


def enable() -> None:
    """Register and switch on the theme and the renderer for where the code runs."""
    alt.theme.register("kazcars", enable=True)(theme)
    alt.renderers.register("kazcars_site", site_renderer)
    alt.renderers.register("kazcars_notebook", notebook_renderer)
    alt.renderers.enable("kazcars_site" if render_target() == SITE else "kazcars_notebook")
    alt.data_transformers.disable_max_rows()
