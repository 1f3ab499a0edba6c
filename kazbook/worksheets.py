"""Printable worksheets and answer keys as HTML: ``python -m kazbook.worksheets [--lang kk]``.

For every chapter of an edition (``--lang``: its notebooks, its words) this writes

- ``NN-name-worksheet.html``: the chapter's Exercises section only, as students see it (taken
  from the student notebook: prompts, answer cells, written-answer cells; no solution);
- ``NN-name-answer-key.html``: the same exercises with their solutions, results and rubrics
  (taken from the executed teacher notebook);

and an ``index.html`` listing them, for a quick look in a browser. The PDFs that ``make book``
publishes are typeset from the same exercises by :mod:`kazbook.worksheet_pdf`. The
notebooks come from ``make notebooks``, in the edition's site (``notebooks/student/`` and
``notebooks/teacher/``). Every fixed string a reader sees is a message of the book's interface
catalog (``locale/<lang>/LC_MESSAGES/kazbook.po``), and the Exercises section is found by its
nbgrader answer cells, not by its heading's English text. The answer keys are teacher material:
do not publish them with the student edition.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import sys
from pathlib import Path

import nbformat

from kazbook.catalogs import interface_translation
from kazbook.languages import book_languages, edition_dir
from kazbook.project import ROOT, chapters

#: A level-two heading (a section), not ``###`` (an exercise).
SECTION = re.compile(r"^##\s+(?!#)", re.M)


def _is_answer_cell(cell) -> bool:
    """An exercise's answer cell, as the notebooks builder marks it for nbgrader (kazbook/notebooks/chapter.py),
    whatever language its prompts are in."""
    grading = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(grading.get("solution")) and grading.get("grade_id", "").endswith("-answer")


def exercises_only(nb: nbformat.NotebookNode, title: str) -> nbformat.NotebookNode:
    """The notebook's Exercises section under ``title``: from the section heading before the
    first exercise's answer cell (its text is the edition's: "Exercises", «Жаттығулар») up to
    the next level-two heading."""
    first = next((i for i, cell in enumerate(nb.cells) if _is_answer_cell(cell)), None)
    start = next((i for i in range(first - 1, -1, -1) if nb.cells[i].cell_type == "markdown"
                  and SECTION.search(nb.cells[i].source)), None) if first is not None else None
    if start is None:
        raise ValueError(f"{title}: the notebook has no Exercises section (no answer cell under a section heading)")
    head = copy.deepcopy(nb.cells[start])
    # The heading may share its cell with the text before it: keep what follows it.
    head.source = f"# {title}\n" + SECTION.split(head.source)[-1].partition("\n")[2]
    cells = [head]
    for cell in nb.cells[start + 1:]:
        cell = copy.deepcopy(cell)
        if cell.cell_type == "markdown" and SECTION.search(cell.source):
            before = SECTION.split(cell.source, maxsplit=1)[0].strip()
            if before:
                cell.source = before
                cells.append(cell)
            break
        cells.append(cell)
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata = copy.deepcopy(nb.metadata)
    return out


def chapter_title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M) if cell.cell_type == "markdown" else None
        if m:
            return m.group(1).strip()
    raise ValueError("the notebook has no level-one heading (the chapter's title)")


#: The documents' titles, messages of the book's interface catalog (locale/<lang>/LC_MESSAGES/kazbook.po).
WORKSHEET_TITLE = "Worksheet: {title}"
ANSWER_KEY_TITLE = "Answer key: {title}"


def words(lang: str):
    """The edition's words for the fixed strings a reader of a worksheet sees: msgid -> msgstr
    from the book's interface catalog (the source edition's are its msgids)."""
    return interface_translation(lang, ROOT)


def source_language() -> str:
    return book_languages(ROOT)[0]


def add_edition_arguments(parser: argparse.ArgumentParser, out: str) -> None:
    """--lang, and the folders it implies unless given: the notebooks `make notebooks` wrote into
    that edition's site (the source edition's _build/html/, a translation's _build/html/<lang>/)."""
    parser.add_argument("--lang", default=source_language(), choices=book_languages(ROOT),
                        help="the edition: its notebooks, its words")
    parser.add_argument("--out", type=Path, help=f"default: {out}")
    parser.add_argument("--student", type=Path, help="folder of student notebooks (default: the edition's)")
    parser.add_argument("--teacher", type=Path, help="folder of executed teacher notebooks (default: the edition's)")


def edition_folders(args: argparse.Namespace, out: Path) -> argparse.Namespace:
    """The arguments with each folder not given set to the edition's (``out`` for --out)."""
    notebooks = edition_dir(args.lang, ROOT / "_build" / "html") / "notebooks"
    args.out = args.out or out
    args.student = args.student or notebooks / "student"
    args.teacher = args.teacher or notebooks / "teacher"
    return args


def to_html(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def write_all(out: Path, student_dir: Path, teacher_dir: Path | None, lang: str | None = None) -> list[Path]:
    """A worksheet and an answer key per chapter as HTML in ``out``, and an index, in the words
    of the edition in ``lang`` (the source language's if None)."""
    lang = lang or source_language()
    out.mkdir(parents=True, exist_ok=True)
    _ = words(lang)
    written, rows = [], []
    for md in chapters(ROOT):
        student = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        title = chapter_title(student)
        sheet = out / f"{md.stem}-worksheet.html"
        sheet.write_text(to_html(exercises_only(student, _(WORKSHEET_TITLE).format(title=title))), encoding="utf-8")
        written.append(sheet)
        links = [f'<a href="{sheet.name}">{html.escape(_("Worksheet"))}</a>']
        if teacher_dir is not None:
            teacher = nbformat.read(teacher_dir / f"{md.stem}.ipynb", as_version=4)
            key = out / f"{md.stem}-answer-key.html"
            key.write_text(to_html(exercises_only(teacher, _(ANSWER_KEY_TITLE).format(title=title))), encoding="utf-8")
            written.append(key)
            links.append(f'<a href="{key.name}">{html.escape(_("Answer key"))}</a>')
        rows.append(f"<li>{html.escape(title)}: {' · '.join(links)}</li>")
    heading = html.escape(_("Worksheets and answer keys"))
    index = out / "index.html"
    index.write_text(f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
                     f"<title>{heading}</title></head><body><h1>{heading}</h1>"
                     f"<p>{html.escape(_('Print a page from your browser (File, Print; or Save as PDF).'))}</p>"
                     "<ul>" + "".join(rows) + "</ul></body></html>\n", encoding="utf-8")
    return written + [index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_edition_arguments(parser, "_build/worksheets/, a translation's _build/worksheets/<lang>/")
    args = parser.parse_args(argv)
    args = edition_folders(args, edition_dir(args.lang, ROOT / "_build" / "worksheets"))
    teacher = args.teacher if args.teacher.exists() else None
    if teacher is None:
        print(f"worksheets: no teacher notebooks in {args.teacher}; writing worksheets without answer keys "
              "(run `make notebooks` first)", file=sys.stderr)
    for path in write_all(args.out, args.student, teacher, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
