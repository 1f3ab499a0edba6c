"""Student and teacher notebooks for every chapter: the student's hold no solution and run top
to bottom with answers unfilled; the teacher's run with every check passing; both work opened
alone; the committed student notebooks are up to date; nbgrader can assign and grade them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import BIN, ROOT
from kazcars import checks
from kazcars.notebooks import chapters, execute

CHAPTERS = chapters(ROOT)


def _code_lines(text: str) -> set[str]:
    return {line.strip() for cell in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
            for line in cell.splitlines() if len(line.strip()) > 12}


def _solution_code(md: Path) -> set[str]:
    """Code lines that appear only in solutions (not also in the chapter's teaching cells)."""
    text = md.read_text(encoding="utf-8")
    blocks = re.findall(r"```\{solution-start\}.*?```\{solution-end\}", text, flags=re.S)
    solution = set().union(*(_code_lines(b) for b in blocks)) if blocks else set()
    rest = _code_lines(re.sub(r"```\{solution-start\}.*?```\{solution-end\}", "", text, flags=re.S))
    return solution - rest


def _visible_source(nb) -> str:
    """Everything a student can read (the packed data cell is a base64 zip, not readable)."""
    return "\n".join(c.source for c in nb.cells if "book-data" not in c.metadata.get("tags", []))


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_holds_no_solution(generated, md):
    student = nbformat.read(generated[0] / f"{md.stem}.ipynb", as_version=4)
    text = _visible_source(student)
    assert "BEGIN SOLUTION" not in text and "#### Solution" not in text
    leaked = [line for line in _solution_code(md) if line in text and not line.startswith(("answer = ...", "kc.check("))]
    assert leaked == []
    checks.check("__load__", None)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code"
                     and "book-data" not in c.metadata.get("tags", []))
    for key in set(re.findall(r'kc\.check\("([\w-]+)"', code)):
        value = checks._REGISTRY[key].expected()
        for shown in {f"{value:.1f}", f"{value:.2f}", f"{value:.3g}", f"{value:.0f}"}:
            if len(shown.replace(".", "").lstrip("0")) >= 3:  # short numbers appear in any code
                assert shown not in code, f"{md.stem}: the answer to {key} ({shown}) is written in a code cell"


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_runs_top_to_bottom_with_answers_unfilled(generated, md, tmp_path):
    student = nbformat.read(generated[0] / f"{md.stem}.ipynb", as_version=4)
    n_exercises = sum(1 for c in student.cells if c.cell_type == "code" and "answer = ..." in c.source)
    assert n_exercises >= 3
    execute(student, tmp_path)
    outputs = [o for c in student.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    feedback = [json.dumps(o.get("data", {})) for c in student.cells if "answer = ..." in c.get("source", "")
                for o in c.get("outputs", [])]
    assert len(feedback) == n_exercises and all("Not answered" in f for f in feedback)


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_teacher_notebook_is_executed_and_every_check_passes(generated, md):
    teacher = nbformat.read(generated[1] / f"{md.stem}.ipynb", as_version=4)
    code = [c for c in teacher.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "every cell was run"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    graded = [c for c in code if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) >= 3
    answers = [c for c in code if c.metadata.get("nbgrader", {}).get("solution")]
    assert all("Correct" in json.dumps([o.get("data", {}) for o in c.outputs]) for c in answers)
    # Charts in the teacher notebook carry a PNG, so they show wherever the notebook opens.
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)


def test_a_notebook_opened_alone_uses_the_data_it_carries(generated, tmp_path):
    nb = nbformat.read(generated[0] / f"{CHAPTERS[0].stem}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import kazcars, os\nprint(kazcars.__file__)\nprint(os.environ['KAZCARS_DATA'])"))
    alone = tmp_path / "alone"
    alone.mkdir()
    execute(nb, alone)
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "kazcars-book-" in printed and str(ROOT) not in printed


def test_committed_student_notebooks_are_up_to_date(generated):
    committed = ROOT / "notebooks" / "student"
    fresh = sorted(p.name for p in generated[0].glob("*.ipynb"))
    assert sorted(p.name for p in committed.glob("*.ipynb")) == fresh, "run `make notebooks` and commit notebooks/"
    for name in fresh:
        assert (committed / name).read_text(encoding="utf-8") == (generated[0] / name).read_text(encoding="utf-8"), \
            f"notebooks/student/{name} is stale: run `make notebooks` and commit it"


def test_site_publishes_both_audiences_and_zips(generated, built_site):
    import zipfile

    for audience in ("student", "teacher"):
        folder = built_site / "notebooks" / audience
        assert sorted(p.stem for p in folder.glob("*.ipynb")) == [m.stem for m in CHAPTERS]
        with zipfile.ZipFile(built_site / "notebooks" / f"{audience}-notebooks.zip") as zf:
            assert len(zf.namelist()) == len(CHAPTERS)


def test_a_malformed_chapter_is_rejected_naming_the_file(tmp_path):
    from kazcars.notebooks import NotebookError, _pair_without_glue

    bad = tmp_path / "bad.md"
    text = CHAPTERS[0].read_text(encoding="utf-8")
    last = text.rindex("```{solution-end}\n```")
    bad.write_text(text[:last] + text[last + len("```{solution-end}\n```"):], encoding="utf-8")
    with pytest.raises(NotebookError, match=r"bad\.md: a solution region is not closed"):
        _pair_without_glue(bad, [])


def test_nbgrader_generates_the_assignment_and_autogrades_it(generated, tmp_path):
    course = tmp_path / "course"
    source = course / "source" / "ch01"
    source.mkdir(parents=True)
    shutil.copy(generated[1] / f"{CHAPTERS[0].stem}.ipynb", source / "ch01.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'kazcars'\nc.ExecutePreprocessor.timeout = 300\n")
    nbgrader = str(BIN / "nbgrader")
    # nbgrader starts alembic and a kernel from the environment's bin folder.
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("KAZCARS_RENDER", None)

    def run(*args):
        result = subprocess.run([nbgrader, *args], cwd=course, capture_output=True, text=True, env=env, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    run("generate_assignment", "ch01", "--force")
    release = nbformat.read(course / "release" / "ch01" / "ch01.ipynb", as_version=4)
    released = "\n".join(c.source for c in release.cells)
    assert "BEGIN SOLUTION" not in released and "raise NotImplementedError()" in released

    # Alice hands in the solutions; Bob hands in the released notebook untouched.
    for student, notebook in (("alice", source / "ch01.ipynb"), ("bob", course / "release" / "ch01" / "ch01.ipynb")):
        target = course / "submitted" / student / "ch01"
        target.mkdir(parents=True)
        shutil.copy(notebook, target / "ch01.ipynb")
    run("autograde", "ch01", "--create", "--force")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        alice = gb.find_submission("ch01", "alice")
        bob = gb.find_submission("ch01", "bob")
        assert alice.max_score >= 3
        assert alice.score == alice.max_score
        assert bob.score == 0
