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


def cyrillic_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of every Cyrillic run in ``text``."""
    return [(m.start(), m.end(), language_of(m.group(0), text[:m.start()])) for m in CYRILLIC_RUN.finditer(text)]


def mark_html_text(markup: str) -> str:
    """HTML with every Cyrillic run in its text (not in tags or <style>) wrapped in
    <span lang="..">."""
    def mark(segment: str) -> str:
        text = html.unescape(segment)
        runs = cyrillic_runs(text)
        if not runs:
            return segment
        out, last = [], 0
        for start, end, lang in runs:
            out.append(html.escape(text[last:start], quote=False))
            out.append(f'<span lang="{lang}">{html.escape(text[start:end], quote=False)}</span>')
            last = end
        out.append(html.escape(text[last:], quote=False))
        return "".join(out)

    parts = re.split(r"(<style\b.*?</style>|<[^>]*>)", markup, flags=re.S)
    return "".join(p if p.startswith("<") else mark(p) for p in parts)
