"""Printable worksheets hold a chapter's exercises and nothing else (no teaching text, no
solution); answer keys hold the same exercises with their solutions and rubrics."""

import nbformat
import pytest

from conftest import ROOT
from kazbook.project import chapters
from kazbook.worksheets import exercises_only, write_all

CHAPTERS = chapters(ROOT)


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_a_worksheet_holds_the_exercises_only(md, generated):
    student = nbformat.read(generated[0] / f"{md.stem}.ipynb", as_version=4)
    sheet = exercises_only(student, "Worksheet")
    text = "\n".join(c.source for c in sheet.cells)
    assert sheet.cells[0].source.startswith("# Worksheet")
    assert "kc.check(" in text and "answer = ..." in text
    assert "## References" not in text and "## Summary" not in text and "Solution" not in text
    assert "kc.setup()" not in text and "_BOOK_ZIP" not in text
    exercises = sum(c.source.count("### Exercise") for c in student.cells)
    assert sum(c.source.count("### Exercise") for c in sheet.cells) == exercises > 0


def test_a_notebook_without_exercises_is_refused():
    with pytest.raises(ValueError, match="no Exercises section"):
        exercises_only(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")]), "x")


def test_answer_keys_carry_the_solutions_and_rubrics(generated, tmp_path):
    student_dir, teacher_dir = generated
    written = write_all(tmp_path, student_dir, teacher_dir)
    keys = [p for p in written if p.name.endswith("-answer-key.html")]
    sheets = [p for p in written if p.name.endswith("-worksheet.html")]
    assert len(keys) == len(sheets) == len(CHAPTERS)
    for key, sheet in zip(sorted(keys), sorted(sheets)):
        assert "Rubric." in key.read_text(encoding="utf-8")
        assert "Rubric." not in sheet.read_text(encoding="utf-8")
