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

from kazbook.languages import DATE_FORMATS, edition_dir, latex_language
from kazbook.localise import in_style
from kazbook.notebooks import BEGIN_SOLUTION, END_SOLUTION
from kazbook.project import ROOT, chapters
from kazbook.worksheets import (ANSWER_KEY_TITLE, WORKSHEET_TITLE, add_edition_arguments, chapter_title,
                                edition_folders, exercises_only, source_language, words)

KINDS = ("worksheet", "answer-key")
CHECK = re.compile(r'kc\.check\("([\w-]+)"')
SOLUTION = re.compile(re.escape(BEGIN_SOLUTION) + r"\n?(.*?)\n?" + re.escape(END_SOLUTION), re.S)

#: A box for a written answer, a ruled line for a numeric one and the student's name, class and
#: date (raw LaTeX in MyST); the lines' words are the edition's (``words``).
WRITING_BOX = "```{raw} latex\n\\par\\noindent\\fbox{\\parbox[t][5cm][t]{\\dimexpr\\linewidth-2\\fboxsep-2\\fboxrule}{\\strut}}\\par\n```"


def answer_line(_) -> str:
    return "```{raw} latex\n\\par\\medskip\\noindent " + _("Answer") + ": \\rule{7cm}{0.4pt}\\par\\medskip\n```"


def name_line(_) -> str:
    return ("```{raw} latex\n\\noindent " + _("Name") + ": \\rule{6cm}{0.4pt}\\hfill " + _("Class")
            + ": \\rule{2.5cm}{0.4pt}\\hfill " + _("Date") + ": \\rule{2.5cm}{0.4pt}\\par\\bigskip\n```")



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


def worksheet(student, title: str, lang: str | None = None):
    """The student notebook's exercises for paper, in the words of the edition in ``lang``: code
    as it stands, no outputs, no tests."""
    _ = words(lang or source_language())
    cells = []
    for i, cell in enumerate(_body(student, _(WORKSHEET_TITLE).format(title=title))):
        if _is_test(cell):
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cells.append(cell)
            if "answer = ..." in cell.source:
                cells.append(_md(answer_line(_)))
        elif _grading(cell).get("solution"):  # a written answer: its prompt, then room to write
            prompt = cell.source.replace("YOUR ANSWER HERE", "").strip()
            cells += [_md(prompt), _md(WRITING_BOX)]
        else:
            cells.append(cell)
        if i == 0:
            cells.append(_md(name_line(_)))
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(student.metadata))


def answer_key(teacher, title: str, expected, lang: str | None = None) -> nbformat.NotebookNode:
    """The teacher notebook's exercises with solutions, results, expected values and rubrics.
    ``expected(key)`` gives a check's expected value and tolerance in words."""
    _ = words(lang or source_language())
    cells = []
    for cell in _body(teacher, _(ANSWER_KEY_TITLE).format(title=title)):
        if _is_test(cell):
            continue
        solved = SOLUTION.findall(cell.source)
        if cell.cell_type == "code" and solved:
            keys = CHECK.findall(cell.source)
            cell.source = "\n".join(solved + [line for line in cell.source.splitlines() if CHECK.match(line)])
            cells.append(cell)
            cells += [_md(expected(key)) for key in keys]
        elif cell.cell_type == "markdown" and solved:  # a written answer's prompt and its rubric
            prompt = SOLUTION.sub("", cell.source).strip()
            cells += [_md(prompt), _md("\n\n".join(s.strip() for s in solved))]
        else:
            cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(teacher.metadata))


#: The answer key's line for a check (Markdown). ``what`` is the check's own description,
#: English only (kazcars/exercises/): a translation leaves it out, its prompt says what is asked.
EXPECTED = "**Expected answer:** {value} ({tolerance}), {what}."
WHOLE, WITHIN = "the exact whole number", "within {percent} %"


def expected_text(key: str, lang: str | None = None) -> str:
    """A check's expected value and tolerance in the edition's words and number style (a
    decimal comma and grouped thousands in Kazakh: kazbook.localise, as the glued numbers)."""
    from kazcars import checks

    lang = lang or source_language()
    _ = words(lang)
    checks.check("__load__", None)  # registers every chapter's checks
    rule = checks._REGISTRY[key]
    tolerance = _(WHOLE) if rule.whole else _(WITHIN).format(percent=checks.plain(rule.rel_tol * 100))
    return in_style(_(EXPECTED).format(value=checks.plain(rule.expected()), tolerance=tolerance, what=rule.what), lang)


def _book_latex() -> tuple[dict, list]:
    """The book's LaTeX fonts and page, and its output priorities for LaTeX (``_config.yml``)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    elements = {k: v for k, v in config["latex_elements"].items() if k in ("papersize", "pointsize", "fontpkg")}
    # Short documents: no section numbers, no contents.
    elements.update(preamble="\\setcounter{secnumdepth}{0}\n", tableofcontents="")
    priorities = [p for p in config["nb_mime_priority_overrides"] if p[0] == "latex"]
    return elements, priorities


def build_pdfs(documents: dict[str, tuple[str, nbformat.NotebookNode]], out: Path, work: Path,
               lang: str | None = None) -> list[Path]:
    """Typeset each ``name -> (title, notebook)`` into ``out/name.pdf`` (Sphinx, then xelatex), in
    ``lang``'s LaTeX set-up (the book's PDF's: kazbook.languages.latex_language)."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    src = work / "src"
    src.mkdir(parents=True, exist_ok=True)
    for name, (_, nb) in documents.items():
        nbformat.write(nb, src / f"{name}.ipynb")
    (src / "index.md").write_text("# Worksheets\n\n```{toctree}\n:hidden:\n\n" + "\n".join(documents) + "\n```\n",
                                  encoding="utf-8")
    lang = lang or source_language()
    elements, priorities = _book_latex()
    book = words(lang)("Car assembly in Kazakhstan")
    settings = {
        "extensions": ["myst_nb"], "root_doc": "index", "project": book,
        "nb_execution_mode": "off", "nb_render_markdown_format": "myst", "nb_mime_priority_overrides": priorities,
        "latex_engine": "xelatex", "latex_elements": latex_language(lang, elements), "language": lang,
        **({"today_fmt": DATE_FORMATS[lang]} if lang in DATE_FORMATS else {}),
        "latex_documents": [(name, f"{name}.tex", title, book, "howto")
                            for name, (title, _) in documents.items()],
    }
    latex = work / "latex"
    # As sphinx-build and jupyter-book run Sphinx: docutils' language look-up patched, so a
    # language docutils lacks (kk) is no warning (Sphinx translates what the documents print).
    with patch_docutils(str(src)), docutils_namespace():
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


def write_all(out: Path, student_dir: Path, teacher_dir: Path, work: Path | None = None,
              lang: str | None = None) -> list[Path]:
    """A worksheet and an answer key per chapter, as PDFs in ``out``, from the notebooks of the
    edition in ``lang`` and in its words; the same file names in every edition, so that each
    edition's For teachers page links its own by the same relative path."""
    lang = lang or source_language()
    _ = words(lang)
    documents = {}
    for md in chapters(ROOT):
        student = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        teacher = nbformat.read(teacher_dir / f"{md.stem}.ipynb", as_version=4)
        title = chapter_title(student)
        documents[f"{md.stem}-worksheet"] = (_(WORKSHEET_TITLE).format(title=title), worksheet(student, title, lang))
        documents[f"{md.stem}-answer-key"] = (_(ANSWER_KEY_TITLE).format(title=title),
                                              answer_key(teacher, title, lambda key: expected_text(key, lang), lang))
    if work is not None:
        return build_pdfs(documents, out, work, lang)
    with tempfile.TemporaryDirectory(prefix="kazbook-worksheets-") as tmp:
        return build_pdfs(documents, out, Path(tmp), lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_edition_arguments(parser, "the edition's site's worksheets/ (_build/html/worksheets/, _build/html/<lang>/worksheets/)")
    parser.add_argument("--work", type=Path, help="keep the LaTeX sources and logs here")
    args = parser.parse_args(argv)
    args = edition_folders(args, edition_dir(args.lang, ROOT / "_build" / "html") / "worksheets")
    for folder in (args.student, args.teacher):
        if not folder.is_dir():
            print(f"worksheets: no notebooks in {folder}: run `make notebooks` first", file=sys.stderr)
            return 1
    for path in write_all(args.out, args.student, args.teacher, args.work, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
