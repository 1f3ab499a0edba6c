"""Interface strings the themes write in English with no message catalog (a template's literal
``title="Toggle primary sidebar"``, Jupyter Book's search-box text): in a translation's build
they come from the book's own catalog, ``locale/<lang>/LC_MESSAGES/kazbook.po``, like the
download menu's (kazbook/downloads.py)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from kazbook.languages import is_translation

#: Attribute values the themes' templates hard-code (sphinx-book-theme 1.3: the sidebar toggles,
#: the navigation landmarks) and Jupyter Book's default search-box text.
HARD_CODED = ("Toggle primary sidebar", "Toggle secondary sidebar", "Main", "Page", "Search this book...")
SEARCH_BAR_TEXT = "Search this book..."


def translate_search_box(app: Sphinx, config) -> None:
    from kazbook.downloads import _

    if is_translation(app):
        config.html_theme_options["search_bar_text"] = _(SEARCH_BAR_TEXT)


def translate_hard_coded_attributes(app: Sphinx, exception) -> None:
    """Each page's English attribute values of HARD_CODED, in the build's language."""
    from kazbook.downloads import _

    if exception or app.builder.format != "html" or not is_translation(app):
        return
    table = {f'="{text}"': f'="{_(text)}"' for text in HARD_CODED if _(text) != text}
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = html
        for old, translated in table.items():
            new = new.replace(old, translated)
        if new != html:
            page.write_text(new, encoding="utf-8")
