"""Displaying tables so that HTML gets HTML and the PDF gets a typeset table."""

from __future__ import annotations

import html
import numbers
import re

import numpy as np
import pandas as pd

from kazcars.i18n import DEFAULT, has_label, known, label, language, number
from kazcars.language import mark_html_text


class SideBySide:
    """Two columns of text in two languages, each marked with its language for screen readers."""

    def __init__(self, left: list[str], right: list[str], headers: tuple[str, str], langs: tuple[str, str]):
        if len(left) != len(right):
            raise ValueError(f"side by side: {len(left)} texts on the left but {len(right)} on the right")
        self.left, self.right, self.headers, self.langs = left, right, headers, langs

    def _repr_html_(self) -> str:
        h = "".join(f'<th scope="col">{html.escape(t)}</th>' for t in self.headers)
        rows = "".join(
            f'<tr><td lang="{self.langs[0]}">{html.escape(a)}</td><td lang="{self.langs[1]}">{html.escape(b)}</td></tr>'
            for a, b in zip(self.left, self.right)
        )
        return f'<table class="kz-side-by-side"><thead><tr>{h}</tr></thead><tbody>{rows}</tbody></table>'

    def _repr_markdown_(self) -> str:
        def cell(t: str) -> str:
            return t.replace("|", "\\|").replace("\n", " ")

        lines = [f"| {self.headers[0]} | {self.headers[1]} |", "|---|---|"]
        lines += [f"| {cell(a)} | {cell(b)} |" for a, b in zip(self.left, self.right)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return "\n\n".join(f"{a}\n{b}" for a, b in zip(self.left, self.right))


def side_by_side(frame: pd.DataFrame, left: str, right: str, headers: tuple[str, str],
                 langs: tuple[str, str]) -> SideBySide:
    return SideBySide(list(frame[left].astype(str)), list(frame[right].astype(str)), headers, langs)


#: ``DataFrame.attrs`` key: the headers of a localised frame's columns of English text.
ENGLISH_COLUMNS = "kazcars_english_columns"

# What an empty cell shows, in every table the book prints, on the page and in the PDF:
# nothing (chapter 6 tells the reader that an empty cell means "not found").
MISSING = ""


def _cell(value, column_key: str | None):
    """A cell as the reader's language writes it: a number in its style, a category value
    through its label ``<column_key>_<value>`` where ``data/labels.csv`` has one, other text
    through data/messages.csv where it has it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return value
    if isinstance(value, (bool, np.bool_)):
        key = f"{column_key}_{str(value).lower()}"
        return label(key) if column_key and has_label(key) else value
    if isinstance(value, numbers.Integral):
        return number(value, decimals=0)
    if isinstance(value, numbers.Real):
        # pandas' own display precision, trailing zeros dropped, then the language's marks.
        return number(value, decimals=pd.get_option("display.precision"))
    if isinstance(value, str) and column_key:
        for key in (f"{column_key}_{value}", f"{column_key}_{value.lower()}"):
            if has_label(key):
                return label(key)
    if isinstance(value, str):
        # Free text of the data (a measure's wording) that data/messages.csv translates.
        return known(value)
    return value


def localised(frame: pd.DataFrame, values: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` as the reader's language shows it (unchanged in English): numbers in its style
    (``18 000,5`` in Kazakh; a year is never grouped), category values and column headers from
    ``data/labels.csv`` (a column ``c``'s header is the label ``column_c``, its value ``v`` the
    label ``c_v``, or ``<values[c]>_v`` when ``values`` names another prefix). Cells and
    headers with no label stay as they are; missing values stay missing."""
    if language() == DEFAULT:
        return frame
    values = values or {}
    shown = frame.astype(object)
    for col in shown.columns:
        key = values.get(col, col if isinstance(col, str) else None)
        if pd.api.types.is_datetime64_any_dtype(frame[col].dtype):
            continue
        shown[col] = [_cell(v, key) for v in shown[col]]
    english = [c for c in frame.columns if isinstance(c, str) and c.endswith("_en")]
    shown.columns = _headers(shown.columns)
    shown.index = _headers(shown.index)
    # A column of English text (``text_en``, the book's translation of a source) by the header
    # it now has, so that its cells can be marked English on the page.
    shown.attrs[ENGLISH_COLUMNS] = [*frame.attrs.get(ENGLISH_COLUMNS, []), *_headers(pd.Index(english, dtype=object))]
    return shown


def _headers(axis: pd.Index) -> pd.Index:
    """Column headers (or index values) through their labels: ``column_<name>``, or, for the
    values of a named axis (a pivot's categories), ``<axis name>_<value>``; the name too."""
    if isinstance(axis, pd.MultiIndex):
        return axis
    name = axis.name if isinstance(axis.name, str) else None

    def one(value):
        if not isinstance(value, str):
            return value
        for key in ([f"{name}_{value}"] if name else []) + [f"column_{value}"]:
            if has_label(key):
                return label(key)
        return value

    if not any(isinstance(v, str) for v in axis):
        renamed = axis.copy()
    else:
        renamed = pd.Index([one(v) for v in axis], name=axis.name, dtype=object)
    if name and has_label(f"column_{name}"):
        renamed.name = label(f"column_{name}")
    return renamed


def table(frame: pd.DataFrame, missing: str = MISSING, values: dict[str, str] | None = None) -> pd.DataFrame:
    """A table for display, with ``missing`` (empty by default) where a value is missing, in
    the reader's language (:func:`localised`; ``values`` maps a column to the label prefix of
    its categories, e.g. ``{"status": "claim_status"}``).

    A DataFrame shown as it is already prints a missing value as an empty cell, on the page and
    in the PDF (see :func:`enable_markdown_tables`); ``kc.show.table(frame, missing="–")`` is
    for a table that wants a dash instead, in both.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"show.table expects a pandas DataFrame, not {type(frame).__name__}")
    return localised(frame, values).astype(object).fillna(missing)


def _frame_markdown(frame: pd.DataFrame) -> str:
    frame = localised(frame)
    # tabulate cannot compare pd.NA.
    shown = frame.astype(object).where(frame.notna(), MISSING)
    return shown.to_markdown(index=not isinstance(frame.index, pd.RangeIndex))


def _frame_html(frame: pd.DataFrame) -> str:
    """The usual HTML table, with :data:`MISSING` where a value is missing."""
    frame = localised(frame)
    shown = frame.copy()
    for col in shown.columns:
        column = shown[col]
        if isinstance(column.dtype, pd.Float64Dtype):
            # Float columns keep pandas' number formatting; to_html's na_rep fills their NaN.
            shown[col] = column.astype("float64")
        elif not (pd.api.types.is_float_dtype(column.dtype) or pd.api.types.is_datetime64_any_dtype(column.dtype)):
            # to_html ignores na_rep for None and pd.NA and prints "None" and "<NA>".
            shown[col] = column.astype(object).where(column.notna(), MISSING)
    # Row numbers 0, 1, 2 ... say nothing (the Markdown form leaves them out too); and the empty
    # corner above a real index is a plain cell, not a header with no name (screen readers).
    html_table = shown.to_html(na_rep=MISSING, notebook=True, index=not isinstance(frame.index, pd.RangeIndex),
                               max_rows=pd.get_option("display.max_rows"),
                               max_cols=pd.get_option("display.max_columns"))
    head, sep, body = html_table.partition("</thead>")
    markup = head.replace("<th></th>", "<td></td>") + sep + body
    if language() != DEFAULT:
        # The page is in the reader's language: its Cyrillic is that language, not to be guessed
        # as Russian where a word lacks a Kazakh letter (Жыл, Кезең). Its English columns say so.
        english = set(frame.attrs.get(ENGLISH_COLUMNS, []))
        return _cells_marked_english(markup, [c in english for c in shown.columns])
    return mark_html_text(markup)


#: A cell of English prose: four Latin words in a row and no Cyrillic (a source's wording, a
#: research note: the data hold them in English, and a page in another language shows them so).
ENGLISH_PROSE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:.()/'’-]+[A-Za-z][A-Za-z'’-]*){3,}")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _cells_marked_english(markup: str, english: list[bool]) -> str:
    """Each body row's ``<td>`` of a column flagged in ``english``, and each holding English
    prose, gets ``lang="en"`` (the index is a ``<th>``, so the ``<td>``s follow the columns; in
    a table cut to fewer columns than it has only the prose is found)."""
    if len(english) > (pd.get_option("display.max_columns") or len(english)):
        english = []
    head, sep, body = markup.partition("<tbody>")

    def row(match: re.Match) -> str:
        flags = iter(english)

        def cell(m: re.Match) -> str:
            text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
            prose = bool(ENGLISH_PROSE.search(text)) and not CYRILLIC.search(text)
            return f'<td lang="en">{m.group(1)}</td>' if next(flags, False) or prose else m.group(0)

        return re.sub(r"<td>(.*?)</td>", cell, match.group(0), flags=re.S)

    return head + sep + re.sub(r"<tr>.*?</tr>", row, body, flags=re.S)


def enable_markdown_tables() -> None:
    """Give DataFrames a Markdown form too (the PDF builder typesets it as a real table), and
    an HTML form; both show :data:`MISSING` where a value is missing."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["text/markdown"].for_type(pd.DataFrame, _frame_markdown)
        ip.display_formatter.formatters["text/html"].for_type(pd.DataFrame, _frame_html)
