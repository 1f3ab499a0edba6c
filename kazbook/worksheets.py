"""Printable worksheets and answer keys: ``python -m kazbook.worksheets --out _build/html/worksheets``.

For every chapter this writes

- ``NN-name-worksheet.html``: the chapter's Exercises section only, as students see it (taken
  from the student notebook: prompts, answer cells, written-answer cells; no solution);
- ``NN-name-answer-key.html``: the same exercises with their solutions, results and rubrics
  (taken from the executed teacher notebook);

and an ``index.html`` listing them, for a quick look in a browser. The PDFs that ``make book``
publishes are typeset from the same exercises by :mod:`kazbook.worksheet_pdf`. The
notebooks come from ``make notebooks``: students' from ``notebooks/student/`` in the repository,
teachers' from ``notebooks/teacher/`` in the built site. The answer keys are teacher material:
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

from kazbook.project import ROOT, chapters

EXERCISES = re.compile(r"^##\s+Exercises\s*$", re.M)
NEXT_SECTION = re.compile(r"^##\s+(?!#)", re.M)


def exercises_only(nb: nbformat.NotebookNode, title: str) -> nbformat.NotebookNode:
    """The notebook's Exercises section (up to the next level-two heading), under ``title``."""
    cells, inside = [], False
    for cell in nb.cells:
        if not inside and cell.cell_type == "markdown" and EXERCISES.search(cell.source):
            # The heading may share its cell with the text before it: keep what follows it.
            inside = True
            cell = copy.deepcopy(cell)
            cell.source = f"# {title}" + EXERCISES.split(cell.source, maxsplit=1)[1]
        elif inside and cell.cell_type == "markdown" and NEXT_SECTION.search(cell.source):
            before = NEXT_SECTION.split(cell.source, maxsplit=1)[0].strip()
            if before:
                cell = copy.deepcopy(cell)
                cell.source = before
                cells.append(cell)
            break
        elif inside:
            cell = copy.deepcopy(cell)
        else:
            continue
        cells.append(cell)
    if not cells:
        raise ValueError(f"{title}: the notebook has no '## Exercises' section")
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata = copy.deepcopy(nb.metadata)
    return out


def chapter_title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M) if cell.cell_type == "markdown" else None
        if m:
            return m.group(1).strip()
    return "Exercises"


def to_html(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def write_all(out: Path, student_dir: Path, teacher_dir: Path | None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written, rows = [], []
    for md in chapters(ROOT):
        student = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        title = chapter_title(student)
        sheet = out / f"{md.stem}-worksheet.html"
        sheet.write_text(to_html(exercises_only(student, f"Worksheet: {title}")), encoding="utf-8")
        written.append(sheet)
        links = [f'<a href="{sheet.name}">worksheet</a>']
        if teacher_dir is not None:
            teacher = nbformat.read(teacher_dir / f"{md.stem}.ipynb", as_version=4)
            key = out / f"{md.stem}-answer-key.html"
            key.write_text(to_html(exercises_only(teacher, f"Answer key: {title}")), encoding="utf-8")
            written.append(key)
            links.append(f'<a href="{key.name}">answer key</a>')
        rows.append(f"<li>{html.escape(title)}: {' · '.join(links)}</li>")
    index = out / "index.html"
    index.write_text("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<title>Worksheets and answer keys</title></head><body>"
                     "<h1>Worksheets and answer keys</h1><p>Print a page from your browser "
                     "(File, Print; or Save as PDF).</p><ul>" + "".join(rows) + "</ul></body></html>\n",
                     encoding="utf-8")
    return written + [index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "worksheets")
    parser.add_argument("--student", type=Path, default=ROOT / "notebooks" / "student",
                        help="folder of student notebooks (make notebooks)")
    parser.add_argument("--teacher", type=Path, default=ROOT / "_build" / "html" / "notebooks" / "teacher",
                        help="folder of executed teacher notebooks (make notebooks); the answer keys need it")
    args = parser.parse_args(argv)
    teacher = args.teacher if args.teacher.exists() else None
    if teacher is None:
        print(f"worksheets: no teacher notebooks in {args.teacher}; writing worksheets without answer keys "
              "(run `make notebooks` first)", file=sys.stderr)
    for path in write_all(args.out, args.student, teacher):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
