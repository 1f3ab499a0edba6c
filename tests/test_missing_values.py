"""A missing value shows as an empty cell (or a chapter's chosen dash), never as pandas' None,
nan, NaN, NaT or <NA>: in the book's display of DataFrames and in every table of the built site.
The PDF's tables are checked in tests/test_pdf.py."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import MISSING_VALUE_MARKERS, book_pages

# One missing value of every kind pandas has, each in a column of its own dtype.
EVERY_KIND_OF_MISSING = pd.DataFrame({
    "int": pd.array([1, None], dtype="Int64"),
    "string": pd.array(["Kostanay", None], dtype="string"),
    "object": ["Kostanay", None],
    "float": [1.5, float("nan")],
    "Float64": pd.array([1.25, None], dtype="Float64"),
    "date": pd.to_datetime(["2015-08-20", None]),
    "bool": pd.array([True, None], dtype="boolean"),
    "category": pd.Categorical(["SKD", None]),
})


def html_cells(html: str) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in BeautifulSoup(html, "html.parser").find_all(["td", "th"])]


def markdown_cells(markdown: str) -> list[str]:
    return [cell.strip() for line in markdown.splitlines() for cell in line.strip().strip("|").split("|")]


def test_a_frame_shows_every_kind_of_missing_value_as_an_empty_cell_on_the_page_and_in_the_pdf():
    from kazcars.show import MISSING, _frame_html, _frame_markdown

    html, markdown = _frame_html(EVERY_KIND_OF_MISSING), _frame_markdown(EVERY_KIND_OF_MISSING)
    assert set(html_cells(html)) & MISSING_VALUE_MARKERS == set()
    assert set(markdown_cells(markdown)) & MISSING_VALUE_MARKERS == set()
    assert MISSING == ""
    # The second row is all missing: all its cells are empty in both forms.
    assert html_cells(html)[-len(EVERY_KIND_OF_MISSING.columns):] == [""] * len(EVERY_KIND_OF_MISSING.columns)
    assert markdown_cells(markdown.splitlines()[-1]) == [""] * len(EVERY_KIND_OF_MISSING.columns)
    # Values that are present are still printed.
    assert {"1", "Kostanay", "1.5", "1.25", "2015-08-20", "True", "SKD"} <= set(html_cells(html))


@pytest.mark.parametrize("missing", ["", "–"])
def test_show_table_shows_its_chosen_mark_in_both_forms(missing):
    from kazcars.show import _frame_html, _frame_markdown, table

    shown = table(EVERY_KIND_OF_MISSING, missing=missing)
    n = len(EVERY_KIND_OF_MISSING.columns)
    assert html_cells(_frame_html(shown))[-n:] == [missing] * n
    assert markdown_cells(_frame_markdown(shown).splitlines()[-1]) == [missing] * n


def missing_value_cells(site) -> list[tuple[str, str]]:
    """(page, cell) for every table cell of the built site that shows a missing-value marker."""
    found = []
    for page in book_pages(site):
        cells = html_cells(page.read_text(encoding="utf-8"))
        found += [(page.relative_to(site).as_posix(), c) for c in cells if c in MISSING_VALUE_MARKERS]
    return found


def test_no_table_cell_on_any_page_shows_a_missing_value_marker(built_site):
    assert missing_value_cells(built_site) == []
