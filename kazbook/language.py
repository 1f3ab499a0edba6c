"""Text in Kazakh, Russian or English marked with its language, so screen readers switch voice:
the ``{kk}``, ``{ru}`` and ``{en}`` roles (``{en}`` for English inside a translated page), and Cyrillic text the authors could not mark (bibliography titles,
cells and outputs written from data) found and marked by ``kazcars.language``."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class foreign(nodes.inline):
    """Text in another language than the page's, so screen readers switch voice."""


def _visit_foreign_html(self, node):
    # On a page in that language already (a {kk} role on a Kazakh page) no mark is needed.
    same = node["lang"] == (self.config.language or "en")
    self.body.append("<span>" if same else f'<span lang="{node["lang"]}">')


def _depart_foreign_html(self, node):
    self.body.append("</span>")


def _pass(self, node):
    pass


def language_role(lang: str):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        node = foreign(rawtext, text)
        node["lang"] = lang
        return [node], []

    return role

NOT_PROSE = (foreign, nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.math, nodes.math_block)


def mark_foreign_text(app: Sphinx, doctree, docname) -> None:
    """Cyrillic text the authors could not mark with {kk}/{ru} (bibliography titles, cells and
    outputs written from data) gets its language too (kazcars.language), so a screen reader
    reads it in a Kazakh or Russian voice instead of spelling it out in English."""
    from kazbook.summary import kazakh_summary
    from kazcars.language import split_by_language

    if app.builder.format != "html":
        return
    page_lang = app.config.language or "en"
    # A Kazakh summary is marked as a whole (<div lang="kk">); guessing its pieces could call a
    # fragment without a Kazakh letter Russian.
    marked = NOT_PROSE + (kazakh_summary,)
    for text in list(doctree.findall(nodes.Text)):
        ancestor = text.parent
        while ancestor is not None and not isinstance(ancestor, marked):
            ancestor = ancestor.parent
        if text.parent is None or ancestor is not None:
            continue
        # Text in the page's own language (a Kazakh page's Kazakh) needs no mark of its own. On a
        # Kazakh page a Cyrillic run without a Kazakh letter («Тарау», «саны») is Kazakh too: the
        # guess "Russian" is only for pages in another language; Russian there is marked {ru}.
        pieces = [(piece, None if lang == page_lang or (page_lang == "kk" and lang == "ru") else lang)
                  for piece, lang in split_by_language(text.astext())]
        if all(lang is None for _, lang in pieces):
            continue
        parts = []
        for piece, lang in pieces:
            if lang is None:
                parts.append(nodes.Text(piece))
            else:
                parts.append(foreign(piece, piece, lang=lang))
        text.parent.replace(text, parts)


def add_language_roles(app: Sphinx) -> None:
    """The ``foreign`` node (a ``<span lang>`` in HTML; plain text elsewhere) and its roles."""
    app.add_node(foreign, html=(_visit_foreign_html, _depart_foreign_html), latex=(_pass, _pass),
                 text=(_pass, _pass))
    from kazcars.i18n import languages

    # One role per language of the data ({en} marks English inside a Kazakh page).
    for lang in languages():
        app.add_role(lang, language_role(lang))
