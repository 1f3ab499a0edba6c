"""Icons without Font Awesome's 1.5 MB fontawesome.js: the icon classes the built pages use
become a small ``icons.css`` (the icons' SVG paths as CSS masks), and the theme's icon web fonts
keep only the glyphs its stylesheets still draw."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.util import logging

from kazbook.charts import RUNTIME_DIR

logger = logging.getLogger(__name__)


def link_icons_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(f"{RUNTIME_DIR}/icons.css")


ICON_MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw"}
ICON_RULE = re.compile(r'[{,]\s*"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]*","([^"]+)"\]')


def _solid_icons() -> dict[str, tuple[int, int, str]]:
    """Font Awesome's solid icons (name and aliases -> width, height, SVG path), read from the
    theme's own fontawesome.js, which the pages no longer load."""
    import pydata_sphinx_theme

    script = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts"
              / "fontawesome.js").read_text(encoding="utf-8")
    end = script.index('d("fas",p)')
    start = script.rindex("var p={", 0, end)
    icons = {}
    for name, width, height, aliases, path in ICON_RULE.findall(script[start:end]):
        for alias in [name, *re.findall(r'"([a-z0-9-]+)"', aliases)]:
            icons.setdefault(alias, (int(width), int(height), path))
    return icons


def _icons_css(names: set[str]) -> tuple[str, list[str]]:
    icons = _solid_icons()
    rules = [
        "/* Font Awesome Free icons (CC BY 4.0, fontawesome.com) used by this site, as CSS masks:"
        " written by kazbook.slim in place of the theme's 1.5 MB fontawesome.js. */",
        ".fa-solid::before,.fas::before{content:\"\"!important;display:inline-block;width:1.25em;height:1em;"
        "vertical-align:-.125em;background-color:currentColor;"
        "-webkit-mask:var(--kz-icon) center/contain no-repeat;mask:var(--kz-icon) center/contain no-repeat}",
    ]
    missing = []
    for name in sorted(names):
        if name not in icons:
            missing.append(name)
            continue
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        data = quote(svg, safe=" /=:,.-'")
        rules.append(f'.fa-{name}{{--kz-icon:url("data:image/svg+xml,{data}")}}')
    return "\n".join(rules) + "\n", missing


def write_icons_css(app: Sphinx, exception) -> None:
    """Every icon class the built pages use, drawn from the theme's own icon set."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    names = set()
    for page in out.rglob("*.html"):
        for cls in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            names.update(c[3:] for c in cls.split() if c.startswith("fa-") and c not in ICON_MODIFIERS)
    css, missing = _icons_css(names)
    if missing:
        logger.warning("[kazbook] no solid Font Awesome icon for: %s", ", ".join(missing))
    target = out / "_static" / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "icons.css").write_text(css, encoding="utf-8")

ICON_CLASS_RULE = re.compile(r"(?:\.fa-[a-z0-9-]+:(?::)?(?:before|after),?)+\{content:[^}]*\}")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b")


def subset_icon_fonts(app: Sphinx, exception) -> None:
    """The theme's stylesheets still draw a few icons with Font Awesome's web fonts (admonition
    titles, download and external links, the GitHub mark): 275 KB of fonts for a handful of
    glyphs. Keep only the glyphs those stylesheets name (not the 2,000 `.fa-*` class rules,
    whose icons come from icons.css)."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    from fontTools import subset

    codepoints = set()
    for sheet in (out / "_static").rglob("*.css"):
        text = ICON_CLASS_RULE.sub("", sheet.read_text(encoding="utf-8", errors="replace"))
        for match in PRIVATE_USE.finditer(text):
            codepoints.add(int(match.group(1), 16) if match.group(1) else ord(match.group(0)))
    fonts = sorted((out / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    for font_path in fonts:
        options = subset.Options()
        options.flavor = "woff2"
        options.notdef_outline = True
        font = subset.load_font(str(font_path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(font_path), options)
