"""Printable worksheets hold a chapter's exercises and nothing else (no teaching text, no
solution); answer keys hold the same exercises with their solutions and rubrics."""

import re

import nbformat
import pytest

from conftest import ROOT, edition_notebooks, editions
from kazbook.project import chapters
from kazbook.worksheets import WORKSHEET_TITLE, exercises_only, words, write_all

CHAPTERS = chapters(ROOT)


def exercise_heading(lang: str) -> re.Pattern:
    """An exercise's heading in the edition's notebooks: sphinx-exercise's word from its catalog
    ("### Exercise 1", "### Жаттығу 1")."""
    from kazbook.catalogs import catalog_dir, read_catalog

    po = catalog_dir(lang, ROOT) / "exercise.po"
    message = read_catalog(po).get("Exercise") if po.exists() else None
    return re.compile(rf"^###\s+{re.escape(message.string if message and message.string else 'Exercise')} \d", re.M)


@pytest.mark.parametrize("lang", editions())
@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_a_worksheet_holds_the_exercises_only(md, lang, generated):
    student = nbformat.read(edition_notebooks(lang)[0] / f"{md.stem}.ipynb", as_version=4)
    sheet = exercises_only(student, "Worksheet")
    text = "\n".join(c.source for c in sheet.cells)
    assert sheet.cells[0].source.startswith("# Worksheet")
    assert "kc.check(" in text and "answer = ..." in text
    # No other section: no level-two heading (References, Summary, in the edition's words).
    assert not re.search(r"^##\s", text, re.M) and "Solution" not in text
    assert "kc.setup()" not in text and "_BOOK_ZIP" not in text
    heading = exercise_heading(lang)
    exercises = sum(len(heading.findall(c.source)) for c in student.cells)
    assert sum(len(heading.findall(c.source)) for c in sheet.cells) == exercises > 0


def test_a_notebook_without_exercises_is_refused():
    with pytest.raises(ValueError, match="no Exercises section"):
        exercises_only(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")]), "x")


@pytest.mark.parametrize("lang", editions())
def test_answer_keys_carry_the_solutions_and_rubrics(generated, tmp_path, lang):
    student_dir, teacher_dir = edition_notebooks(lang)
    written = write_all(tmp_path, student_dir, teacher_dir, lang)
    keys = [p for p in written if p.name.endswith("-answer-key.html")]
    sheets = [p for p in written if p.name.endswith("-worksheet.html")]
    assert len(keys) == len(sheets) == len(CHAPTERS)
    rubric, title = words(lang)("Rubric."), words(lang)(WORKSHEET_TITLE).split(":")[0]
    for key, sheet in zip(sorted(keys), sorted(sheets)):
        assert rubric in key.read_text(encoding="utf-8")
        assert rubric not in sheet.read_text(encoding="utf-8") and title in sheet.read_text(encoding="utf-8")
