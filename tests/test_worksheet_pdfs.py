"""The printable worksheet and answer key of every chapter in every edition, read back from the
PDFs: the worksheet holds every exercise prompt of its chapter and no line of any solution or
rubric; the answer key holds every expected value (in the edition's number style) and every
rubric; a translation's print its own fixed strings and no English one; and which cells go on
paper."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import nbformat
import pytest

from conftest import ROOT, edition_notebooks, editions
from kazbook.languages import edition_dir, translations
from kazbook.localise import in_style
from kazbook.notebooks import BEGIN_SOLUTION, END_SOLUTION
from kazbook.project import chapters
from kazbook.worksheet_pdf import EXPECTED, WHOLE, WITHIN, WRITING_BOX, answer_line, worksheet
from kazbook.worksheets import ANSWER_KEY_TITLE, WORKSHEET_TITLE, chapter_title, exercises_only, words

CHAPTERS = chapters(ROOT)
SOLUTION = re.compile(re.escape(BEGIN_SOLUTION) + r"\n(.*?)\n" + re.escape(END_SOLUTION), re.S)


def letters(text: str) -> str:
    """Letters and digits only: what survives the PDF's hyphenation, quotes and line breaks."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def squashed(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def pdf_text(path) -> str:
    # -raw: the order TeX wrote the text in. Laid out by position, a line that opens with inline
    # code (its font sits a little lower) is read after the line's words.
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def prompts(student) -> list[str]:
    """Each exercise's prompt and each written question, as Markdown with link targets and HTML
    tags (a citation's superscript) dropped."""
    cells = exercises_only(student, "x").cells
    # An exercise is a level-three heading in every edition ("Exercise 1", «Жаттығу 1»).
    found = [c.source for c in cells if c.cell_type == "markdown" and re.search(r"^###\s", c.source, re.M)]
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


def expected_values(md, lang: str) -> dict[str, str]:
    """Each check of the chapter's exercises with its expected value as the edition prints it."""
    from kazcars import checks

    checks.check("__load__", None)
    text = md.read_text(encoding="utf-8").split("## Exercises", 1)[1]
    keys = dict.fromkeys(re.findall(r'kc\.check\("([\w-]+)", answer\)', text))
    return {k: in_style(checks.plain(checks._REGISTRY[k].expected()), lang) for k in keys}


def expected_label(lang: str) -> str:
    """"Expected answer:", in the edition's words (the bold part of its line)."""
    return words(lang)(EXPECTED).split("**")[1]


@pytest.fixture(scope="session")
def printed(worksheet_pdfs):
    """The edition's language, and per chapter: (worksheet text, answer key text, student
    notebook, teacher notebook)."""
    folder, student, teacher = worksheet_pdfs.folder, worksheet_pdfs.student, worksheet_pdfs.teacher
    return worksheet_pdfs.lang, {md.stem: (pdf_text(folder / f"{md.stem}-worksheet.pdf"),
                                           pdf_text(folder / f"{md.stem}-answer-key.pdf"),
                                           nbformat.read(student / f"{md.stem}.ipynb", as_version=4),
                                           nbformat.read(teacher / f"{md.stem}.ipynb", as_version=4)) for md in CHAPTERS}


def test_there_is_a_worksheet_and_an_answer_key_per_chapter_and_nothing_else(worksheet_pdfs):
    # The same names in every edition: each For teachers page links ../worksheets/<name>.pdf.
    expected = sorted(f"{md.stem}-{kind}.pdf" for md in CHAPTERS for kind in ("worksheet", "answer-key"))
    assert sorted(p.name for p in worksheet_pdfs.folder.iterdir()) == expected


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_the_worksheet_holds_every_prompt_and_no_solution(printed, md):
    lang, by_chapter = printed
    sheet, _, student, teacher = by_chapter[md.stem]
    _ = words(lang)
    text = letters(sheet)
    assert letters(_(WORKSHEET_TITLE).format(title=chapter_title(student))) in text
    found = prompts(student)
    assert len(found) >= 4, "three exercises and a written question at least"
    assert [p[:80] for p in found if letters(p) not in text] == []
    lines = solution_lines(teacher, student)
    assert len(lines) >= 3
    assert [line for line in lines if letters(line) in text] == []
    assert _("Rubric.").rstrip(".") not in sheet and expected_label(lang) not in sheet and "Correct." not in sheet


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_the_answer_key_holds_every_expected_value_and_rubric(printed, md):
    lang, by_chapter = printed
    _, key, student, teacher = by_chapter[md.stem]
    text = squashed(key)
    assert squashed(words(lang)(ANSWER_KEY_TITLE).format(title=chapter_title(student))) in text
    values = expected_values(md, lang)
    assert len(values) >= 3
    assert {k: v for k, v in values.items() if f"{expected_label(lang)} {squashed(v)} (" not in text} == {}
    written = sum(1 for c in student.cells if "written-answer" in c.metadata.get("tags", [])
                  or (c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")))
    assert written >= 1 and text.count(words(lang)("Rubric.")) >= written
    assert [p[:80] for p in prompts(student) if letters(p) not in letters(key)] == []


# --- Which cells go on paper (no TeX needed) -----------------------------------------------


@pytest.mark.parametrize("lang", editions())
@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_a_worksheet_has_a_line_per_numeric_answer_a_box_per_written_one_and_no_test(generated, md, lang):
    student = nbformat.read(edition_notebooks(lang)[0] / f"{md.stem}.ipynb", as_version=4)
    sheet = worksheet(student, "Title", lang)
    sources = [c.source for c in sheet.cells]
    exercise = exercises_only(student, "x").cells
    answers = sum("answer = ..." in c.source for c in exercise if c.cell_type == "code")
    written = sum(1 for c in exercise if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution"))
    assert sources.count(answer_line(words(lang))) == answers >= 3
    assert sources.count(WRITING_BOX) == written >= 1
    assert not [c for c in sheet.cells if c.metadata.get("nbgrader", {}).get("grade")
                and not c.metadata.get("nbgrader", {}).get("solution")]
    assert all(not c.get("outputs") for c in sheet.cells if c.cell_type == "code")
    assert "YOUR ANSWER HERE" not in "\n".join(sources)


# --- A translation's worksheets speak its language ------------------------------------------

#: What the English worksheets and answer keys print around the exercises (kazbook/worksheet_pdf.py).
ENGLISH_FIXED = ("Worksheet", "Answer key", "Name:", "Class:", "Date:", "Answer:", "Expected answer", "within",
                 "exact whole number", "Rubric", "Exercise")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.mark.parametrize("lang", translations(ROOT))
def test_a_translations_worksheets_print_its_prompts_and_fixed_strings_and_no_english_one(worksheets_build, lang):
    _ = words(lang)
    assert _("Name") != "Name" and _(EXPECTED) != EXPECTED, f"locale/{lang}: kazbook.po lacks the worksheets' words"
    student_dir = edition_notebooks(lang)[0]
    folder = edition_dir(lang, ROOT / "_build" / "html") / "worksheets"
    for md in CHAPTERS:
        sheet = squashed(pdf_text(folder / f"{md.stem}-worksheet.pdf"))
        key = squashed(pdf_text(folder / f"{md.stem}-answer-key.pdf"))
        student = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        # Its prompts are the edition's own, not the English ones left untranslated.
        assert all(CYRILLIC.search(p) for p in prompts(student)), md.stem
        for fixed in ("Name", "Class", "Date", "Answer"):
            assert f"{_(fixed)}:" in sheet, (md.stem, fixed)
        assert expected_label(lang) in key
        assert _(WITHIN).split("{")[0].strip() in key or _(WHOLE) in key
        for text, what in ((sheet, "worksheet"), (key, "answer key")):
            assert [s for s in ENGLISH_FIXED if s in text] == [], (md.stem, what)
