"""One chapter as a teacher notebook (the nbgrader source) and its student release, from the
pieces of its resolved document (doctree.py): each answer cell holds the student's stub around
the solution, a hidden test follows it, written answers carry their rubrics."""

from __future__ import annotations

import copy
import hashlib
import re

import nbformat

from kazbook.notebooks.bundle import bootstrap_cells
from kazbook.notebooks.errors import NotebookError
from kazbook.notebooks.nbgrader import BEGIN_SOLUTION, END_SOLUTION, hidden_test, lock, release

CHECK_CALL = re.compile(r"kc\.check\(\s*[\"'](?P<key>[\w-]+)[\"']\s*,\s*answer\s*\)")

#: The tag of a Markdown cell inside an exercise that asks for a written answer (manually
#: graded in nbgrader; its cell metadata gives the points).
WRITTEN = "written-answer"


class _Exercise:
    """One exercise while it is read: its cells (answer and written cells as placeholders
    until the solution is known) and what its solution brings."""

    def __init__(self):
        self.cells: list = []
        self.key: str | None = None
        self.stub: tuple[str, str] = ("", "")
        self.written: list = []
        self.solution_code: list[str] = []
        self.solution_outputs: list = []
        self.prose: list[str] = []
        self.rubrics: list[str] = []


def build_pair(items, name: str, boot: list | None = None, rubric: str = "**Rubric.**"):
    """Return (student, teacher) notebooks for one chapter from its pieces (doctree.walk):
    ``(state, cell)`` in document order, ``("solution-end", None)`` after each solution.
    ``rubric`` opens a rubric paragraph in a solution, in the build's language."""
    teacher: list = []
    exercise: _Exercise | None = None
    numbers = iter(range(1, 1000))
    setup_locked = False
    for state, cell in items:
        if state == "solution-end":
            teacher.extend(_exercise_cells(exercise, next(numbers), name, rubric))
            exercise = None
            continue
        if state == "exercise" and exercise is None:
            exercise = _Exercise()
        if state == "solution" and exercise is None:
            raise NotebookError(f"{name}: a solution follows no exercise")
        if cell.cell_type == "code":
            if state == "solution":
                exercise.solution_code.append(cell.source)
                exercise.solution_outputs = cell.get("outputs", [])
            elif state == "exercise":
                m = CHECK_CALL.search(cell.source)
                if not m:
                    raise NotebookError(f"{name}: an exercise's code cell has no `kc.check(\"key\", answer)` line:\n{cell.source}")
                if exercise.key:
                    raise NotebookError(f"{name}: exercise {exercise.key!r} has more than one answer cell")
                start = cell.source.rfind("\n", 0, m.start()) + 1
                exercise.key, exercise.stub = m.group("key"), (cell.source[:start], cell.source[start:])
                exercise.cells.append("answer")
            else:
                if not setup_locked and "kc.setup()" in cell.source:
                    lock(cell, "chapter-setup")
                    setup_locked = True
                teacher.append(cell)
            continue
        if WRITTEN in cell.metadata.get("tags", []):
            if state != "exercise":
                raise NotebookError(f"{name}: a `{WRITTEN}` cell sits outside an exercise:\n{cell.source}")
            points = cell.metadata.get("points")
            if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
                raise NotebookError(f"{name}: a `{WRITTEN}` cell needs positive `points` in its metadata, "
                                    f'e.g. +++ {{"tags": ["{WRITTEN}"], "points": 2}}')
            exercise.written.append((cell.source, points))
            exercise.cells.append("written")
            continue
        text = cell.source
        if state == "solution":
            for paragraph in re.split(r"\n\s*\n", text):
                if paragraph.strip():
                    (exercise.rubrics if paragraph.startswith(rubric) else exercise.prose).append(paragraph.strip())
            continue
        if state == "exercise" or (exercise is not None and exercise.key):
            # An exercise's prose waits with its cells until the solution is known.
            if text:
                exercise.cells.append(nbformat.v4.new_markdown_cell(text))
            continue
        if text:
            teacher.append(nbformat.v4.new_markdown_cell(text))
    if exercise is not None:
        raise NotebookError(f"{name}: exercise with check {exercise.key!r} has no solution")
    boot = boot if boot is not None else bootstrap_cells()
    teacher_nb = _finish(teacher, boot)
    return release(teacher_nb), teacher_nb


def _comment(paragraphs: list[str]) -> list[str]:
    import textwrap

    lines = []
    for paragraph in paragraphs:
        lines += ["# " + line for line in textwrap.wrap(" ".join(paragraph.split()), 92)]
    return lines


def _exercise_cells(ex: _Exercise, number: int, md: str, rubric: str) -> list:
    """The teacher's cells for one exercise: prompt, answer cell (stub around the solution),
    its hidden test, written-answer cells holding their rubrics."""
    if not ex.key:
        raise NotebookError(f"{md}: a solution follows no exercise with a check")
    if not ex.solution_code:
        raise NotebookError(f"{md}: the solution for {ex.key!r} has no code cell")
    if len(ex.rubrics) != len(ex.written):
        raise NotebookError(f"{md}: exercise {ex.key!r} has {len(ex.written)} `{WRITTEN}` cell(s) but "
                            f"{len(ex.rubrics)} `{rubric}` paragraph(s) in its solution; give each written answer one")
    solution = [line for block in ex.solution_code for line in block.strip().splitlines()
                if not CHECK_CALL.search(line)]
    before, after = ex.stub
    source = before + "\n".join([BEGIN_SOLUTION, *_comment(ex.prose), *solution, END_SOLUTION]) + "\n" + after.strip()
    answer = nbformat.v4.new_code_cell(source)
    # The teacher sees what the solution printed when the book was built (its check's verdict).
    answer.outputs = ex.solution_outputs
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                   "grade_id": f"{ex.key}-answer", "schema_version": 3}
    test = nbformat.v4.new_code_cell(hidden_test(ex.key, number))
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": f"{ex.key}-test", "schema_version": 3}
    cells, written = [], iter(zip(ex.written, ex.rubrics))
    for i, cell in enumerate(ex.cells):
        if cell == "answer":
            cells += [answer, test]
        elif cell == "written":
            (prompt, points), marking = next(written)
            grade_id = f"{ex.key}-written" + (f"-{i}" if len(ex.written) > 1 else "")
            answer_md = nbformat.v4.new_markdown_cell(f"{prompt}\n\n{BEGIN_SOLUTION}\n{marking}\n{END_SOLUTION}")
            answer_md.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "points": points,
                                              "grade_id": grade_id, "schema_version": 3}
            cells.append(answer_md)
        else:
            cells.append(cell)
    return cells


def _finish(cells: list, boot: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = copy.deepcopy(boot) + cells
    for cell in nb.cells:
        if "nbgrader" in cell.metadata:  # nbgrader records it too, to notice a changed cell type
            cell.metadata["nbgrader"]["cell_type"] = cell.cell_type
    # Stable cell ids, so that regenerating an unchanged chapter gives the same file.
    for i, cell in enumerate(nb.cells):
        cell["id"] = hashlib.sha1(f"{i}\n{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]
    return nb
