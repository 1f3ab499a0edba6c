"""Chart labels and category names in one place (``data/labels.csv``), in en, kk and ru.

The book is written in English; setting ``KAZCARS_LANG=kk`` switches every chart label that
comes through :func:`label` to Kazakh, which is how a Kazakh edition can start.
"""

from __future__ import annotations

import os

from kazcars.data import DataError, load

LANGUAGES = ("en", "kk", "ru")


def language() -> str:
    lang = os.environ.get("KAZCARS_LANG", "en")
    if lang not in LANGUAGES:
        raise DataError(f"KAZCARS_LANG={lang!r}: expected one of {', '.join(LANGUAGES)}")
    return lang


def label(key: str, lang: str | None = None) -> str:
    """The label for ``key`` in the book's language (or ``lang``)."""
    table = load("labels").set_index("key")
    lang = lang or language()
    if key not in table.index:
        raise DataError(f"data/labels.csv: no label with key {key!r}; add a row for it")
    value = table.at[key, lang]
    if value is None or value != value or str(value) == "<NA>":
        raise DataError(f"data/labels.csv: the label {key!r} has no {lang!r} text")
    return str(value)
