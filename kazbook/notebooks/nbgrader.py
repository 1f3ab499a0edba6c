"""The nbgrader side of the notebooks: the settings the teacher notebooks are written for, each
exercise's hidden test, and the student release of a teacher notebook."""

from __future__ import annotations

import copy
import re

import nbformat

from kazbook.notebooks.errors import NotebookError

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


#: The nbgrader settings the teacher notebooks are written for (shipped with them as
#: ``nbgrader_config.py``): the answer stub stays, so a released cell reads like the book's.
CODE_STUB = ""
TEXT_STUB = "YOUR ANSWER HERE"
NBGRADER_CONFIG = f"""\
# nbgrader settings for the book's teacher notebooks (merge into your course's nbgrader_config.py).
c = get_config()
# The answer cells keep `answer = ...` and the instant check around the solution; nothing else
# replaces the solution (nbgrader's default would add `raise NotImplementedError()`).
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}
c.ExecutePreprocessor.timeout = 600
# Feedback shows each failed test's message, but not the hidden tests, which hold the answers,
# neither in the cells nor in a traceback (which would quote the lines around the failure).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor


class MessageOnlyErrors(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["traceback"] = [f"{{out['ename']}}: {{out['evalue']}}"]
        return cell, resources


c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, MessageOnlyErrors, CSSHTMLHeaderPreprocessor]
"""


def lock(cell, grade_id: str) -> None:
    """An nbgrader read-only cell: autograde restores its source, so a submission cannot
    change the setup or the data."""
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True,
                                 "grade_id": grade_id, "schema_version": 3}


def hidden_test(key: str, number: int) -> str:
    """A test that grades the value of `answer` with nothing but the expected value written in
    it (no call into kazcars, which a submission could replace), and that clears `answer`, so
    the next exercise is graded on the value its own cell sets."""
    from kazcars import checks

    checks.check("__load__", None)  # registers the book's checks
    if key not in checks._REGISTRY:
        raise NotebookError(f"there is no check called {key!r} (kazcars/exercises/)")
    rule = checks._REGISTRY[key]
    expected = float(rule.expected())
    return "\n".join([
        f"# Exercise {number} is graded here, from the value of `answer` set in the cell above.",
        BEGIN_HIDDEN,
        "try:",
        "    _given = answer",
        "except NameError:",
        "    _given = None",
        "else:",
        "    del answer",
        "import numbers as _numbers",
        f"_expected, _rel_tol = {expected!r}, {rule.rel_tol!r}",
        "assert _given is not None, (\"`answer` is not set: keep the exercise's line `answer = ...` \"",
        "                            \"and put your result in place of `...`.\")",
        "assert _given is not Ellipsis, \"`answer` is still `...`: this exercise was not answered.\"",
        "assert isinstance(_given, _numbers.Real) and not isinstance(_given, bool), (",
        "    f\"`answer` is a {type(_given).__name__}, not a number (for a one-value table, take the number out, e.g. with .item()).\")",
        "assert abs(float(_given) - _expected) <= max(_rel_tol * abs(_expected), 1e-9), (",
        "    f\"`answer` = {float(_given):,.6g} is not within {_rel_tol:.0%} of the expected value.\")",
        END_HIDDEN,
    ])


def _without(source: str, begin: str, end: str, stub: str | None) -> str:
    """``source`` with each begin..end region replaced by ``stub`` (None: removed), the way
    nbgrader's ClearSolutions and ClearHiddenTests do it."""
    out, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
            if stub is not None:
                indent = re.match(r"\s*", line).group(0)
                out += [indent + s for s in stub.split("\n")]
        elif end in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def release(teacher: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student notebook: what nbgrader's generate_assignment makes of the teacher notebook
    with NBGRADER_CONFIG (tests/test_notebooks.py compares the two), without checksums."""
    student = copy.deepcopy(teacher)
    for cell in student.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            stub = CODE_STUB if cell.cell_type == "code" else TEXT_STUB
            cell.source = _without(cell.source, BEGIN_SOLUTION, END_SOLUTION, stub)
        if meta.get("grade") and not meta.get("solution"):
            cell.source = _without(cell.source, BEGIN_HIDDEN, END_HIDDEN, None)
        # nbgrader's LockCells: what a student may delete or edit in Jupyter.
        if meta.get("solution"):
            cell.metadata["deletable"] = False
        elif meta.get("grade") or meta.get("locked"):
            cell.metadata.update({"deletable": False, "editable": False})
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return student
