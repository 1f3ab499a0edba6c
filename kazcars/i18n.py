"""The language a reader sees: labels, feedback, numbers and dates in the build's language.

The languages are the language columns of ``data/labels.csv`` (the columns between ``key`` and
``source_ids``), so a new edition is a column of data, not code. The current language is
``KAZCARS_LANGUAGE`` (default ``en``), or whatever :func:`set_language` chose in this kernel.

- :func:`message` turns an English template (the message id, as in gettext) into the current
  language through ``data/messages.csv`` and fills its ``{placeholders}``; the translation keeps
  its own word order.
- :func:`number` writes a number as the language does: ``18,000.5`` in English, ``18 000,5`` in
  Kazakh (a no-break space for thousands, from five digits; a year is never grouped).
- :func:`vega_locale` is the same convention (and the month names) as Vega's format locale.
"""

from __future__ import annotations

import math
import os

from kazcars import data as _data
from kazcars.data import DataError, load, resource

ENV = "KAZCARS_LANGUAGE"
DEFAULT = "en"
_chosen: str | None = None


class LanguageError(DataError):
    """A language the data has no column for."""


def languages() -> tuple[str, ...]:
    """The language codes the book has, in the order of ``data/labels.csv``'s columns."""
    names = [f["name"] for f in resource("labels")["schema"]["fields"]]
    return tuple(names[names.index("key") + 1:names.index("source_ids")])


def _known(lang: str, where: str) -> str:
    if lang not in languages():
        raise LanguageError(f"{where}={lang!r}: unknown language; the book has "
                            f"{', '.join(languages())} (the language columns of data/labels.csv)")
    return lang


def language() -> str:
    """The current language: :func:`set_language`'s choice, else ``KAZCARS_LANGUAGE``, else en."""
    if _chosen is not None:
        return _chosen
    return _known(os.environ.get(ENV, DEFAULT) or DEFAULT, ENV)


def set_language(lang: str | None) -> str:
    """Switch this kernel's language (``None``: back to ``KAZCARS_LANGUAGE``); returns it."""
    global _chosen
    _chosen = None if lang is None else _known(lang, "set_language")
    return language()


def _text(frame, key, lang: str, file: str, what: str) -> str:
    if key not in frame.index:
        raise DataError(f"data/{file}: no {what} {key!r}; add a row for it")
    value = frame.at[key, lang]
    if value is None or value != value or str(value) == "<NA>" or not str(value).strip():
        raise DataError(f"data/{file}: the {what} {key!r} has no {lang!r} text (column {lang!r})")
    return str(value)


_tables: dict = {}


def _table(name: str, key: str):
    """``data/<name>.csv`` indexed by ``key``, read again only when a data file changed (a table
    cell is looked up many times)."""
    stamp = _data._stamp(_data.DATA_DIR)
    if _tables.get(name, (None,))[0] != stamp:
        _tables[name] = (stamp, load(name).set_index(key))
    return _tables[name][1]


def label(key: str, lang: str | None = None) -> str:
    """The label ``key`` of ``data/labels.csv`` in the current language (or ``lang``)."""
    return _text(_table("labels", "key"), key, lang or language(), "labels.csv", "label")


def has_label(key: str) -> bool:
    return key in _table("labels", "key").index


def translate(template: str, lang: str | None = None) -> str:
    """The template ``template`` (English) in ``lang``, from ``data/messages.csv``."""
    lang = lang or language()
    if lang == DEFAULT:
        return template
    return _text(_table("messages", "en"), template, lang, "messages.csv", "message")


def known(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` if ``data/messages.csv`` has it as an English template, else as it is
    (a chart description or control label a chapter already wrote in the reader's language)."""
    lang = lang or language()
    if lang == DEFAULT or text not in _table("messages", "en").index:
        return text
    return translate(text, lang)


def message(template: str, lang: str | None = None, *, strict: bool = True, **fields) -> str:
    """``template`` translated, with each ``{field}`` filled (numbers as :func:`number`). Not
    ``strict``: a template with no row is shown in English instead of raising (a check's hint,
    so that feedback never fails on a student's answer; tests require every row)."""
    lang = lang or language()
    shown = {k: number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
             for k, v in fields.items()}
    return (translate(template, lang) if strict else known(template, lang)).format(**shown)


def number_style(lang: str | None = None) -> tuple[str, str, int]:
    """(decimal mark, thousands separator, fewest digits that are grouped) from the labels."""
    lang = lang or language()
    return (label("number_decimal", lang), label("number_group", lang).replace("space", "\u00a0"),
            int(label("number_group_from_digits", lang)))


def number(x, lang: str | None = None, decimals: int | None = None) -> str:
    """``x`` written the language's way; four significant figures unless ``decimals`` is given
    (a whole number stays whole): 75,922 / 37.97 / 0.0123 in English, 75 922 / 37,97 in Kazakh."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if decimals is None:
        decimals = 0 if x == 0 else max(0, 3 - math.floor(math.log10(abs(x))))
    text = f"{abs(x):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    mark, group, from_digits = number_style(lang)
    if len(whole) >= from_digits:
        whole = f"{int(whole):,}".replace(",", group)
    sign = "-" if x < 0 and text.strip("0.") else ""
    return sign + whole + (mark + frac if frac else "")


def vega_locale(lang: str | None = None) -> dict:
    """Vega's format locale (d3-format and d3-time-format) for the language, from the labels."""
    lang = lang or language()
    mark, group, _ = number_style(lang)
    months = [label(f"month_{i:02d}", lang) for i in range(1, 13)]
    days = [label(f"weekday_{i}", lang) for i in range(7)]
    return {
        "number": {"decimal": mark, "thousands": group, "grouping": [3],
                   "currency": ["", ""], "minus": "\u2212"},
        "time": {"dateTime": label("date_format_datetime", lang), "date": label("date_format_date", lang),
                 "time": "%H:%M:%S", "periods": ["AM", "PM"],
                 "days": days, "shortDays": [d[:3] for d in days],
                 "months": months, "shortMonths": [label(f"month_short_{i:02d}", lang) for i in range(1, 13)]},
    }
