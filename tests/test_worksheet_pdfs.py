"""The printable worksheet and answer key of every chapter, read back from the PDFs: the
worksheet holds every exercise prompt of its chapter and no line of any solution or rubric; the
answer key holds every expected value and every rubric; and which cells go on paper."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import nbformat
import pytest

from conftest import ROOT
from kazbook.notebooks import BEGIN_SOLUTION, END_SOLUTION
from kazbook.project import chapters
from kazbook.worksheet_pdf import ANSWER_LINE, WRITING_BOX, worksheet
from kazbook.worksheets import chapter_title, exercises_only

CHAPTERS = chapters(ROOT)
SOLUTION = re.compile(re.escape(BEGIN_SOLUTION) + r"\n(.*?)\n" + re.escape(END_SOLUTION), re.S)


def letters(text: str) -> str:
    """Letters and digits only: what survives the PDF's hyphenation, quotes and line breaks."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def squashed(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def prompts(student) -> list[str]:
    """Each exercise's prompt and each written question, as Markdown with link targets and HTML
    tags (a citation's superscript) dropped."""
    cells = exercises_only(student, "x").cells
    found = [c.source for c in cells if c.cell_type == "markdown" and re.search(r"^#+\s+Exercise", c.source, re.M)]
    found += [c.source.replace("YOUR ANSWER HERE", "") for c in cells
              if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")]
    return [re.sub(r"<[^>]+>", "", re.sub(r"\]\([^)]*\)", "]", p)) for p in found]


def solution_lines(teacher, student) -> list[str]:
    """Every line of the teacher notebook's solutions and rubrics that the student notebook
    does not show too (the answer cell's stub and check; a citation the prompt also gives)."""
    shown = letters("\n".join(c.source for c in exercises_only(student, "x").cells))
    lines = []
    for cell in exercises_only(teacher, "x").cells:
        for region in SOLUTION.findall(cell.source):
            lines += [line for line in region.splitlines() if len(letters(line)) >= 20 and letters(line) not in shown]
    return lines


def expected_values(md) -> dict[str, str]:
    from kazcars import checks

    checks.check("__load__", None)
    text = md.read_text(encoding="utf-8").split("## Exercises", 1)[1]
    keys = dict.fromkeys(re.findall(r'kc\.check\("([\w-]+)", answer\)', text))
    return {k: checks.plain(checks._REGISTRY[k].expected()) for k in keys}


@pytest.fixture(scope="session")
def printed(worksheet_pdfs, generated):
    """Per chapter: (worksheet text, answer key text, student notebook, teacher notebook)."""
    return {md.stem: (pdf_text(worksheet_pdfs / f"{md.stem}-worksheet.pdf"),
                      pdf_text(worksheet_pdfs / f"{md.stem}-answer-key.pdf"),
                      nbformat.read(generated[0] / f"{md.stem}.ipynb", as_version=4),
                      nbformat.read(generated[1] / f"{md.stem}.ipynb", as_version=4)) for md in CHAPTERS}


def test_there_is_a_worksheet_and_an_answer_key_per_chapter_and_nothing_else(worksheet_pdfs):
    expected = sorted(f"{md.stem}-{kind}.pdf" for md in CHAPTERS for kind in ("worksheet", "answer-key"))
    assert sorted(p.name for p in worksheet_pdfs.iterdir()) == expected


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_the_worksheet_holds_every_prompt_and_no_solution(printed, md):
    sheet, _, student, teacher = printed[md.stem]
    text = letters(sheet)
    assert letters(f"Worksheet: {chapter_title(student)}") in text
    found = prompts(student)
    assert len(found) >= 4, "three exercises and a written question at least"
    assert [p[:80] for p in found if letters(p) not in text] == []
    lines = solution_lines(teacher, student)
    assert len(lines) >= 3
    assert [line for line in lines if letters(line) in text] == []
    assert "Rubric" not in sheet and "Expected answer" not in sheet and "Correct." not in sheet


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_the_answer_key_holds_every_expected_value_and_rubric(printed, md):
    _, key, student, teacher = printed[md.stem]
    text = squashed(key)
    values = expected_values(md)
    assert len(values) >= 3
    assert {k: v for k, v in values.items() if f"Expected answer: {v} (" not in text} == {}
    written = sum(1 for c in student.cells if "written-answer" in c.metadata.get("tags", [])
                  or (c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")))
    assert written >= 1 and text.count("Rubric.") >= written
    assert [p[:80] for p in prompts(student) if letters(p) not in letters(key)] == []


# --- Which cells go on paper (no TeX needed) -----------------------------------------------


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_a_worksheet_has_a_line_per_numeric_answer_a_box_per_written_one_and_no_test(generated, md):
    student = nbformat.read(generated[0] / f"{md.stem}.ipynb", as_version=4)
    sheet = worksheet(student, "Title")
    sources = [c.source for c in sheet.cells]
    exercise = exercises_only(student, "x").cells
    answers = sum("answer = ..." in c.source for c in exercise if c.cell_type == "code")
    written = sum(1 for c in exercise if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution"))
    assert sources.count(ANSWER_LINE) == answers >= 3
    assert sources.count(WRITING_BOX) == written >= 1
    assert not [c for c in sheet.cells if c.metadata.get("nbgrader", {}).get("grade")
                and not c.metadata.get("nbgrader", {}).get("solution")]
    assert all(not c.get("outputs") for c in sheet.cells if c.cell_type == "code")
    assert "YOUR ANSWER HERE" not in "\n".join(sources)
