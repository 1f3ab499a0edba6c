"""Printable worksheets and answer keys as PDFs: ``python -m kazbook.worksheet_pdf --out _build/html/worksheets``.

For every chapter, after ``make notebooks``:

- ``NN-name-worksheet.pdf``: the chapter's exercises as students get them (from the student
  notebook: prompts and answer cells, a line for each numeric answer and a box for each written
  one; no solution, no test cell);
- ``NN-name-answer-key.pdf``: the same exercises with each solution's code and result, the
  expected value with its tolerance, and the rubric of each written answer (from the executed
  teacher notebook).

They are typeset like the book's PDF: Sphinx's LaTeX builder (myst-nb reads the notebooks,
outputs picked by the book's LaTeX priorities) and xelatex with the book's fonts, so Kazakh
letters, the difficulty stars and the charts print as they do in the book. TeX is already what
the book's PDF needs; ``make book`` skips both when it is missing. Answer keys are teacher
material: the student edition links none (its For teachers page is replaced, kazbook/editions.py).
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import yaml

from kazbook.notebooks import BEGIN_SOLUTION, END_SOLUTION
from kazbook.project import ROOT, chapters
from kazbook.worksheets import chapter_title, exercises_only

KINDS = ("worksheet", "answer-key")
CHECK = re.compile(r'kc\.check\("([\w-]+)"')
SOLUTION = re.compile(re.escape(BEGIN_SOLUTION) + r"\n?(.*?)\n?" + re.escape(END_SOLUTION), re.S)

#: A ruled line for a numeric answer and a box for a written one (raw LaTeX in MyST).
ANSWER_LINE = "```{raw} latex\n\\par\\medskip\\noindent Answer: \\rule{7cm}{0.4pt}\\par\\medskip\n```"
WRITING_BOX = "```{raw} latex\n\\par\\noindent\\fbox{\\parbox[t][5cm][t]{\\dimexpr\\linewidth-2\\fboxsep-2\\fboxrule}{\\strut}}\\par\n```"
NAME_LINE = ("```{raw} latex\n\\noindent Name: \\rule{6cm}{0.4pt}\\hfill Class: \\rule{2.5cm}{0.4pt}"
             "\\hfill Date: \\rule{2.5cm}{0.4pt}\\par\\bigskip\n```")


#: A link inside the book (a citation's note, a glossary entry): the PDF has no target for it.
INNER_LINK = re.compile(r"\[([^\]]*)\]\((?!https?:|mailto:)[^)]*\)")
SUPERSCRIPT = re.compile(r"<sup>(.*?)</sup>", re.S)


def _printable(source: str) -> str:
    """Markdown for paper: links inside the book become their text, since a worksheet carries
    neither the notes nor the glossary; a citation's raised number becomes [33] in the line
    (a raised one is read out of order by text extraction)."""
    return SUPERSCRIPT.sub(lambda m: "\\[" + m.group(1) + "\\]", INNER_LINK.sub(r"\1", source))


def _grading(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _is_test(cell) -> bool:
    """nbgrader's locked test cell: nothing a reader of paper needs."""
    return cell.cell_type == "code" and _grading(cell).get("grade") and not _grading(cell).get("solution")


def _md(source: str):
    return nbformat.v4.new_markdown_cell(source)


def _body(nb, title: str) -> list:
    """The Exercises section under a level-one ``title``, exercise headings one level down."""
    cells = copy.deepcopy(exercises_only(nb, title).cells)
    for cell in cells:
        if cell.cell_type == "markdown":
            cell.source = _printable(re.sub(r"^###\s", "## ", cell.source, flags=re.M))
    return cells


def worksheet(student, title: str):
    """The student notebook's exercises for paper: code as it stands, no outputs, no tests."""
    cells = []
    for i, cell in enumerate(_body(student, f"Worksheet: {title}")):
        if _is_test(cell):
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cells.append(cell)
            if "answer = ..." in cell.source:
                cells.append(_md(ANSWER_LINE))
        elif _grading(cell).get("solution"):  # a written answer: its prompt, then room to write
            prompt = cell.source.replace("YOUR ANSWER HERE", "").strip()
            cells += [_md(prompt), _md(WRITING_BOX)]
        else:
            cells.append(cell)
        if i == 0:
            cells.append(_md(NAME_LINE))
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(student.metadata))


def answer_key(teacher, title: str, expected) -> nbformat.NotebookNode:
    """The teacher notebook's exercises with solutions, results, expected values and rubrics.
    ``expected(key)`` gives a check's expected value and tolerance in words."""
    cells = []
    for cell in _body(teacher, f"Answer key: {title}"):
        if _is_test(cell):
            continue
        solved = SOLUTION.findall(cell.source)
        if cell.cell_type == "code" and solved:
            keys = CHECK.findall(cell.source)
            cell.source = "\n".join(solved + [line for line in cell.source.splitlines() if CHECK.match(line)])
            cells.append(cell)
            cells += [_md(f"**Expected answer:** {expected(key)}") for key in keys]
        elif cell.cell_type == "markdown" and solved:  # a written answer's prompt and its rubric
            prompt = SOLUTION.sub("", cell.source).strip()
            cells += [_md(prompt), _md("\n\n".join(s.strip() for s in solved))]
        else:
            cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(teacher.metadata))


def expected_text(key: str) -> str:
    from kazcars import checks

    checks.check("__load__", None)  # registers every chapter's checks
    rule = checks._REGISTRY[key]
    return f"{checks.plain(rule.expected())} ({rule.tolerance_text()}), {rule.what}."


def _book_latex() -> tuple[dict, list]:
    """The book's LaTeX fonts and page, and its output priorities for LaTeX (``_config.yml``)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    elements = {k: v for k, v in config["latex_elements"].items() if k in ("papersize", "pointsize", "fontpkg")}
    # Short documents: no section numbers, no contents.
    elements.update(preamble="\\setcounter{secnumdepth}{0}\n", tableofcontents="")
    priorities = [p for p in config["nb_mime_priority_overrides"] if p[0] == "latex"]
    return elements, priorities


def build_pdfs(documents: dict[str, tuple[str, nbformat.NotebookNode]], out: Path, work: Path) -> list[Path]:
    """Typeset each ``name -> (title, notebook)`` into ``out/name.pdf`` (Sphinx, then xelatex)."""
    from sphinx.application import Sphinx

    src = work / "src"
    src.mkdir(parents=True, exist_ok=True)
    for name, (_, nb) in documents.items():
        nbformat.write(nb, src / f"{name}.ipynb")
    (src / "index.md").write_text("# Worksheets\n\n```{toctree}\n:hidden:\n\n" + "\n".join(documents) + "\n```\n",
                                  encoding="utf-8")
    elements, priorities = _book_latex()
    settings = {
        "extensions": ["myst_nb"], "root_doc": "index", "project": "Car assembly in Kazakhstan",
        "nb_execution_mode": "off", "nb_render_markdown_format": "myst", "nb_mime_priority_overrides": priorities,
        "latex_engine": "xelatex", "latex_elements": elements, "language": "en",
        "latex_documents": [(name, f"{name}.tex", title, "Car assembly in Kazakhstan", "howto")
                            for name, (title, _) in documents.items()],
    }
    latex = work / "latex"
    app = Sphinx(str(src), None, str(latex), str(work / "doctrees"), "latex", confoverrides=settings,
                 status=None, warningiserror=False, freshenv=True)
    app.build()
    if app.statuscode:
        raise RuntimeError(f"worksheets: Sphinx's LaTeX builder failed in {work}")
    make = subprocess.run(["make", "-C", str(latex), "all-pdf", "LATEXMKOPTS=-silent"], capture_output=True, text=True)
    if make.returncode:
        raise RuntimeError(f"worksheets: xelatex failed (log in {latex}):\n{make.stdout[-3000:]}{make.stderr[-2000:]}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in documents:
        written.append(Path(shutil.copy2(latex / f"{name}.pdf", out / f"{name}.pdf")))
    return written


def write_all(out: Path, student_dir: Path, teacher_dir: Path, work: Path | None = None) -> list[Path]:
    """A worksheet and an answer key per chapter, as PDFs in ``out``."""
    documents = {}
    for md in chapters(ROOT):
        student = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        teacher = nbformat.read(teacher_dir / f"{md.stem}.ipynb", as_version=4)
        title = chapter_title(student)
        documents[f"{md.stem}-worksheet"] = (f"Worksheet: {title}", worksheet(student, title))
        documents[f"{md.stem}-answer-key"] = (f"Answer key: {title}", answer_key(teacher, title, expected_text))
    if work is not None:
        return build_pdfs(documents, out, work)
    with tempfile.TemporaryDirectory(prefix="kazbook-worksheets-") as tmp:
        return build_pdfs(documents, out, Path(tmp))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "html" / "worksheets")
    parser.add_argument("--student", type=Path, default=ROOT / "_build" / "html" / "notebooks" / "student",
                        help="folder of student notebooks (make notebooks)")
    parser.add_argument("--teacher", type=Path, default=ROOT / "_build" / "html" / "notebooks" / "teacher",
                        help="folder of executed teacher notebooks (make notebooks)")
    parser.add_argument("--work", type=Path, help="keep the LaTeX sources and logs here")
    args = parser.parse_args(argv)
    for folder in (args.student, args.teacher):
        if not folder.is_dir():
            print(f"worksheets: no notebooks in {folder}: run `make notebooks` first", file=sys.stderr)
            return 1
    for path in write_all(args.out, args.student, args.teacher, args.work):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
