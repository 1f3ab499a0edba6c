"""Which language a run of Cyrillic text is in, so pages can mark it (lang="kk" / lang="ru")
and screen readers read it in the right voice.

Used by the book's Sphinx extension for text no author marked (bibliography titles, prose
written from data) and by :mod:`kazcars.show` for table cells.
"""

from __future__ import annotations

import html
import re

#: Letters of the Kazakh Cyrillic alphabet that Russian does not have.
KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
#: A run of Cyrillic words, with the spaces, digits and punctuation between them.
CYRILLIC_RUN = re.compile(r"[\u0400-\u04FF](?:[\u0400-\u04FF\d\s«»\"'.,:;!?()\-–—…%№]*[\u0400-\u04FF])?[»\"]?")
_LABELLED = {"kk": re.compile(r"\bKazakh\W*$"), "ru": re.compile(r"\bRussian\W*$")}


def language_of(run: str, before: str = "") -> str:
    """"kk" or "ru". A run labelled by the word before it ("in Kazakh «...»", "Russian: ...")
    is in that language; otherwise Kazakh if it has a letter Russian lacks, else Russian."""
    for lang, label in _LABELLED.items():
        if label.search(before[-24:]):
            return lang
    return "kk" if KAZAKH_LETTERS & set(run) else "ru"


def split_by_language(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each with its language: "kk" or "ru" for a Cyrillic run, None
    for the text between (the page's own language)."""
    pieces, last = [], 0
    for match in CYRILLIC_RUN.finditer(text):
        if match.start() > last:
            pieces.append((text[last:match.start()], None))
        pieces.append((match.group(0), language_of(match.group(0), text[:match.start()])))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], None))
    return pieces


def mark_html_text(markup: str) -> str:
    """HTML with every Cyrillic run in its text (not in tags or <style>) wrapped in
    <span lang="..">."""
    def mark(segment: str) -> str:
        pieces = split_by_language(html.unescape(segment))
        if all(lang is None for _, lang in pieces):
            return segment
        return "".join(html.escape(piece, quote=False) if lang is None
                       else f'<span lang="{lang}">{html.escape(piece, quote=False)}</span>'
                       for piece, lang in pieces)

    parts = re.split(r"(<style\b.*?</style>|<[^>]*>)", markup, flags=re.S)
    return "".join(p if p.startswith("<") else mark(p) for p in parts)
