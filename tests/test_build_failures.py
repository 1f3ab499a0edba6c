"""The build fails loudly on bad input and never serves stale numbers: a cell error names the
notebook and the cell, a malformed data file names file, row and column, and an edit to data/
re-executes the cached notebooks that read it. Each test builds a one-page book in a temporary
folder with the real configuration, extension and data."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Probe

```{code-cell} ipython3
import kazcars as kc
kc.setup()
"""


@pytest.fixture()
def mini_book(tmp_path) -> Path:
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_config.yml", "references.bib", "package.json", "pyproject.toml"):
        shutil.copy(ROOT / name, book / name)
    for name in ("_static", "data", "kazcars"):
        shutil.copytree(ROOT / name, book / name, ignore=shutil.ignore_patterns("__pycache__"))
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: probe\n", encoding="utf-8")
    (book / "index.md").write_text("# Index\n", encoding="utf-8")
    return book


def build(book: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KAZCARS_DATA=str(book / "data"))
    return subprocess.run([str(BIN / "jupyter-book"), "build", str(book), "-n", "-W", "--keep-going", *extra],
                          cwd=book, env=env, capture_output=True, text=True, timeout=900)


def write_probe(book: Path, code: str) -> None:
    (book / "probe.md").write_text(HEADER + code + "\n```\n", encoding="utf-8")


def test_a_cell_error_fails_the_build_naming_notebook_and_cell(mini_book):
    write_probe(mini_book, "share = 24 / 0")
    result = build(mini_book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "probe" in log and "ZeroDivisionError" in log and "share = 24 / 0" in log


def test_malformed_data_fails_the_build_naming_file_row_and_column(mini_book):
    path = mini_book / "data" / "plants.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[2][rows[0].index("latitude")] = "north"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    write_probe(mini_book, 'kc.load("plants")')
    result = build(mini_book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "plants.csv, row 3, column 'latitude'" in log and "'north'" in log


def test_editing_data_re_executes_cached_notebooks(mini_book):
    write_probe(mini_book, 'print("label:", kc.label("axis_year"))')
    first = build(mini_book)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    page = mini_book / "_build" / "html" / "probe.html"
    assert "label: Year" in page.read_text(encoding="utf-8")

    unchanged = build(mini_book)
    assert unchanged.returncode == 0 and "clearing the execution cache" not in unchanged.stdout

    labels = mini_book / "data" / "labels.csv"
    labels.write_text(labels.read_text(encoding="utf-8").replace("axis_year,Year,", "axis_year,Year of sale,", 1),
                      encoding="utf-8")
    second = build(mini_book)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "clearing the execution cache" in second.stdout
    assert "label: Year of sale" in page.read_text(encoding="utf-8")


def test_editing_the_glossary_rebuilds_its_page_in_an_incremental_build(mini_book):
    # The glossary page is written from data/glossary.csv by a directive, not by a notebook:
    # only the directive's declared inputs tell Sphinx that the page is out of date.
    shutil.copy(ROOT / "back" / "glossary.md", mini_book / "glossary.md")
    (mini_book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: glossary\n",
                                        encoding="utf-8")
    first = build(mini_book)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    page = mini_book / "_build" / "html" / "glossary.html"
    old = "Assembly of a vehicle from large, pre-assembled units"
    assert old in page.read_text(encoding="utf-8")

    glossary = mini_book / "data" / "glossary.csv"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(old, "Assembly from large units, edited", 1),
                        encoding="utf-8")
    second = build(mini_book)  # incremental: no --all
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    html = page.read_text(encoding="utf-8")
    assert "Assembly from large units, edited" in html and old not in html


def test_the_execution_cache_keys_on_data_and_the_reader_package_only(tmp_path):
    # The build package (the notebook writer, say) is not imported by any chapter's kernel, so
    # editing it must not re-execute eleven chapters; a reader module or a data file must.
    from kazbook.cache import inputs_fingerprint

    for name in ("data", "kazcars", "kazbook"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    before = inputs_fingerprint(tmp_path)
    build_only = sorted((tmp_path / "kazbook").rglob("*.py"))
    assert build_only
    for path in build_only:
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert inputs_fingerprint(tmp_path) == before
    (tmp_path / "kazcars" / "fx.py").write_text((tmp_path / "kazcars" / "fx.py").read_text(encoding="utf-8") + "\n",
                                                encoding="utf-8")
    after_reader = inputs_fingerprint(tmp_path)
    assert after_reader != before
    (tmp_path / "data" / "labels.csv").write_text((tmp_path / "data" / "labels.csv").read_text(encoding="utf-8") + "\n",
                                                  encoding="utf-8")
    assert inputs_fingerprint(tmp_path) != after_reader
