"""Student and teacher notebooks from the chapters' MyST sources: ``python -m kazbook.notebooks``.

For every chapter in ``_toc.yml`` this writes

- a **teacher notebook**, the nbgrader source: each exercise's answer cell keeps the student's
  stub (``answer = ...`` and the instant ``kc.check``) with only the solution lines (and the
  solution's prose, as comments) between ``### BEGIN SOLUTION`` / ``### END SOLUTION``; after it
  a locked test cell that grades the value of ``answer`` against the expected value, written
  inside ``### BEGIN HIDDEN TESTS``; written questions (Markdown cells tagged
  ``written-answer`` in the chapter) become manually graded answer cells holding the rubric as
  their solution; the setup and data cells are locked. Executed, with outputs.
- a **student notebook**: exactly what nbgrader's ``generate_assignment`` makes of the teacher
  notebook with :data:`NBGRADER_CONFIG` (solutions and hidden tests removed, stubs kept, the
  same cell ids and nbgrader metadata), so a student notebook from the zip can be handed in and
  autograded. Saved without outputs.

Both carry the ``kazcars`` package and ``data/`` in their first cell (a zip, base64), so a
notebook opened alone works offline; the next cell installs whatever packages the Python it
runs in lacks (in Colab: Altair 6, vl-convert, frictionless). MyST-only syntax (glue,
citations, directives) becomes plain Markdown, with glued numbers filled in from the teacher
notebook's execution. Output: ``notebooks/`` in the repository (student notebooks, for Colab
links) and, with ``--site``, ``notebooks/`` in the built site with both audiences, the
teacher's ``nbgrader_config.py`` and a zip of each.
"""

from __future__ import annotations

import argparse
import hashlib
import base64
import copy
import io
import json
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKED = ("kazcars", "data")
#: What a notebook imports beyond the standard library: distribution -> (requirement to
#: install when missing, lowest major version that works). Pins match requirements.txt.
#: A fresh Colab runtime lacks altair 6, vl-convert and frictionless.
NEEDED = {
    "altair": ("altair==6.3.0", 6),
    "vl-convert-python": ("vl-convert-python==1.9.0.post1", 1),
    "frictionless": ("frictionless==5.21.0", 5),
    "tabulate": ("tabulate==0.9.0", 0),
    "pandas": ("pandas==3.1.1", 2),
    "numpy": ("numpy==2.4.6", 1),
    "ipywidgets": ("ipywidgets==8.1.9", 7),
}

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

BOOTSTRAP = '''\
# Setup for this notebook: installs any package it needs that this Python lacks (in Colab:
# Altair 6, vl-convert, frictionless), then unpacks the book's helper package and data
# (carried in the cell above, so the notebook works offline and on its own).
import base64, importlib, importlib.metadata, io, os, sys, tempfile, zipfile
_NEEDED = {needed!r}

def _missing():
    missing = []
    for dist, (requirement, major) in _NEEDED.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = "0"
        if int(have.split(".")[0]) < major or have == "0":
            missing.append(requirement)
    return missing

try:
    from google.colab import output as _colab_output
except ImportError:
    _colab_output = None
if _missing():
    get_ipython().run_line_magic("pip", "install -q " + " ".join(_missing()))
    importlib.invalidate_caches()
    if _missing():
        raise ImportError("This notebook needs: " + " ".join(_missing()) + ". Install them once while "
                          "online (`pip install " + " ".join(_missing()) + "`), then run this cell again.")
if _colab_output is not None:
    _colab_output.enable_custom_widget_manager()  # ipywidgets 8 controls in Colab
_book = os.path.join(tempfile.gettempdir(), "kazcars-book-{digest}")
if not os.path.isdir(os.path.join(_book, "kazcars")):
    zipfile.ZipFile(io.BytesIO(base64.b64decode(_BOOK_ZIP))).extractall(_book)
sys.path.insert(0, _book)
os.environ["KAZCARS_DATA"] = os.path.join(_book, "data")
'''


class NotebookError(ValueError):
    """A chapter that cannot be turned into notebooks; the message names the file and cell."""


def chapters(root: Path = ROOT) -> list[Path]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [root / f"{c['file']}.md" for part in toc["parts"] for c in part["chapters"]
            if c["file"].startswith("chapters/")]


def pack_book(root: Path = ROOT) -> tuple[str, str]:
    """A deterministic zip of kazcars/ and data/, base64-encoded, and a short digest of it."""
    import hashlib

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for top in PACKED:
            for path in sorted((root / top).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
    data = buf.getvalue()
    return base64.b64encode(data).decode("ascii"), hashlib.sha256(data).hexdigest()[:12]


def bootstrap_cells(root: Path = ROOT) -> list:
    encoded, digest = pack_book(root)
    carrier = nbformat.v4.new_code_cell("_BOOK_ZIP = (\n" + "\n".join(
        f'    "{encoded[i:i + 100]}"' for i in range(0, len(encoded), 100)) + "\n)")
    carrier.metadata.update({"tags": ["book-data"], "jupyter": {"source_hidden": True}})
    _lock(carrier, "book-data")
    setup = nbformat.v4.new_code_cell(BOOTSTRAP.format(needed=NEEDED, digest=digest))
    setup.metadata["tags"] = ["book-setup"]
    _lock(setup, "book-setup")
    return [carrier, setup]


def _lock(cell, grade_id: str) -> None:
    """An nbgrader read-only cell: autograde restores its source, so a submission cannot
    change the setup or the data."""
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True,
                                 "grade_id": grade_id, "schema_version": 3}


# --- MyST to plain Markdown -------------------------------------------------------------

FENCE_BLOCK = re.compile(r"^```\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.S | re.M)


def _format_glue(value: str, spec: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value.strip("'\"")
    return format(number, spec) if spec else (str(int(number)) if number.is_integer() else f"{number:g}")


class MystToMarkdown:
    def __init__(self, glued: dict[str, str], sources):
        self.glued = glued
        self.sources = sources
        self.cited: list[str] = []
        self.exercise_number = 0

    def citation(self, keys: str) -> str:
        parts = []
        for key in keys.split(","):
            key = key.strip()
            if key not in self.cited:
                self.cited.append(key)
            row = self.sources.loc[key]
            year = str(row.date)[:4] if str(row.date) not in ("", "<NA>") else "n.d."
            parts.append(f"{row.publisher}, {year}")
        return "(" + "; ".join(parts) + ")"

    def inline(self, text: str) -> str:
        def glue(m):
            name, _, spec = m.group(1).partition(":")
            if name not in self.glued:
                raise NotebookError(f"glue:text `{name}` has no glued value")
            return _format_glue(self.glued[name], spec)

        text = re.sub(r"\{glue:text\}`([^`]+)`", glue, text)
        text = re.sub(r"\{footcite:[pt]\}`([^`]+)`|\{footcite\}`([^`]+)`",
                      lambda m: self.citation(m.group(1) or m.group(2)), text)
        text = re.sub(r"\{term\}`([^`<]+?)\s*<[^>]+>`", r"\1", text)
        text = re.sub(r"\{(?:term|kk|ru)\}`([^`]+)`", r"\1", text)
        text = re.sub(r"\{doc\}`([^`<]+?)\s*<[^>]+>`", r"\1 (in the book)", text)
        text = re.sub(r"\{doc\}`([^`]+)`", lambda m: f"*{Path(m.group(1)).name.replace('-', ' ')}* (in the book)", text)
        text = re.sub(r"\{numref\}`([^`]+)`", r"\1", text)
        text = re.sub(r"^\([\w-]+\)=\s*$\n?", "", text, flags=re.M)
        return text

    def block(self, m: re.Match) -> str:
        name, arg, body = m.group("name"), m.group("arg").strip(), m.group("body")
        content = "\n".join(line for line in body.splitlines() if not re.match(r"^:\w+:", line)).strip()
        if name == "glue:figure":
            return f"*Figure ({arg}).* {self.inline(content)}"
        if name == "exercise-start":
            self.exercise_number += 1
            return f"### Exercise {self.exercise_number}"
        if name in ("exercise-end", "solution-end"):
            return ""
        if name == "solution-start":
            return ""
        if name == "footbibliography":
            return "\n".join(f"- {self._reference(k)}" for k in self.cited) or "- (none)"
        if name in ("note", "tip", "warning", "important", "admonition"):
            return f"> **{name.capitalize()}.** " + self.inline(content).replace("\n", "\n> ")
        return self.inline(content)

    def _reference(self, key: str) -> str:
        row = self.sources.loc[key]
        bits = [str(row.publisher), f"*{row.title}*"]
        if str(row.date) not in ("", "<NA>"):
            bits.append(str(row.date))
        if str(row.url) not in ("", "<NA>"):
            bits.append(str(row.url))
        return ". ".join(bits) + "."

    def convert(self, text: str) -> str:
        out = FENCE_BLOCK.sub(self.block, text)
        out = self.inline(out)
        return re.sub(r"\n{3,}", "\n\n", out).strip()


# --- splitting exercises and solutions --------------------------------------------------

MARK = re.compile(r"^```\{(exercise-start|exercise-end|solution-start|solution-end)\}(.*)$", re.M)


def _regions(nb) -> list[tuple[str, object]]:
    """Split the notebook into (state, cell) pieces; state is text, exercise or solution.
    A Markdown cell tagged ``written-answer`` keeps its metadata (tags, points)."""
    pieces, state = [], "text"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            pieces.append((state, cell))
            continue
        if WRITTEN in cell.metadata.get("tags", []):
            if MARK.search(cell.source):
                raise NotebookError(f"a `{WRITTEN}` cell holds a directive (end the cell with `+++` first):\n{cell.source}")
            piece = nbformat.v4.new_markdown_cell(cell.source)
            piece.metadata.update({"tags": list(cell.metadata["tags"]), "points": cell.metadata.get("points")})
            pieces.append((state, piece))
            continue
        chunk, current = [], state
        lines = cell.source.splitlines()
        i = 0
        while i < len(lines):
            m = MARK.match(lines[i])
            if m:
                # The directive's own lines (options and closing fence) stay with it.
                end = i + 1
                while end < len(lines) and lines[end].strip() != "```":
                    end += 1
                block = lines[i:end + 1]
                kind = m.group(1)
                if kind in ("exercise-start", "solution-start"):
                    if chunk:
                        pieces.append((current, nbformat.v4.new_markdown_cell("\n".join(chunk))))
                    chunk, current = block, kind.split("-")[0]
                else:
                    chunk += block
                    pieces.append((current, nbformat.v4.new_markdown_cell("\n".join(chunk))))
                    chunk, current = [], "text"
                i = end + 1
                continue
            chunk.append(lines[i])
            i += 1
        if chunk:
            pieces.append((current, nbformat.v4.new_markdown_cell("\n".join(chunk))))
        state = current
    if state != "text":
        raise NotebookError(f"a {state} region is not closed (no {state}-end)")
    return pieces


CHECK_CALL = re.compile(r"kc\.check\(\s*[\"'](?P<key>[\w-]+)[\"']\s*,\s*answer\s*\)")
#: The tag of a Markdown cell inside an exercise that asks for a written answer (manually
#: graded in nbgrader; its cell metadata gives the points).
WRITTEN = "written-answer"
RUBRIC = "**Rubric.**"
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


class _Exercise:
    """One exercise while it is read: its cells (answer and written cells as placeholders
    until the solution is known) and what its solution brings."""

    def __init__(self):
        self.cells: list = []
        self.key: str | None = None
        self.stub: tuple[str, str] = ("", "")
        self.written: list = []
        self.solution_code: list[str] = []
        self.prose: list[str] = []
        self.rubrics: list[str] = []


def build_pair(md: Path, glued: dict[str, str] | None = None, boot: list | None = None):
    """Return (student, teacher) notebooks for one chapter, not executed."""
    import jupytext

    from kazcars.data import sources

    try:
        nb = jupytext.read(md)
    except Exception as exc:  # jupytext raises several types for malformed input
        raise NotebookError(f"{md}: not a readable MyST notebook ({exc})") from None
    conv = MystToMarkdown(glued if glued is not None else {}, sources())
    teacher: list = []
    exercise: _Exercise | None = None
    numbers = iter(range(1, 1000))
    setup_locked = False

    try:
        regions = _regions(nb)
    except NotebookError as exc:
        raise NotebookError(f"{md}: {exc}") from None
    for state, cell in regions:
        if state == "exercise" and exercise is None:
            exercise = _Exercise()
        if cell.cell_type == "code":
            clean = nbformat.v4.new_code_cell(cell.source)
            if cell.metadata.get("tags"):
                clean.metadata["tags"] = list(cell.metadata["tags"])
            if state == "solution":
                exercise.solution_code.append(cell.source)
            elif state == "exercise":
                m = CHECK_CALL.search(cell.source)
                if not m:
                    raise NotebookError(f"{md}: an exercise's code cell has no `kc.check(\"key\", answer)` line:\n{cell.source}")
                if exercise.key:
                    raise NotebookError(f"{md}: exercise {exercise.key!r} has more than one answer cell")
                start = cell.source.rfind("\n", 0, m.start()) + 1
                exercise.key, exercise.stub = m.group("key"), (cell.source[:start], cell.source[start:])
                exercise.cells.append("answer")
            else:
                if not setup_locked and "kc.setup()" in cell.source:
                    _lock(clean, "chapter-setup")
                    setup_locked = True
                teacher.append(clean)
            continue
        if WRITTEN in cell.metadata.get("tags", []):
            if state != "exercise":
                raise NotebookError(f"{md}: a `{WRITTEN}` cell sits outside an exercise:\n{cell.source}")
            points = cell.metadata.get("points")
            if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
                raise NotebookError(f"{md}: a `{WRITTEN}` cell needs positive `points` in its metadata, "
                                    f'e.g. +++ {{"tags": ["{WRITTEN}"], "points": 2}}')
            exercise.written.append((conv.convert(cell.source), points))
            exercise.cells.append("written")
            continue
        text = conv.convert(cell.source)
        if state == "solution":
            for paragraph in re.split(r"\n\s*\n", text):
                if paragraph.strip():
                    (exercise.rubrics if paragraph.startswith(RUBRIC) else exercise.prose).append(paragraph.strip())
            if "{solution-end}" in cell.source:
                teacher.extend(_exercise_cells(exercise, next(numbers), md))
                exercise = None
            continue
        if state == "exercise" or (exercise is not None and exercise.key):
            # An exercise's prose waits with its cells until the solution is known.
            if text:
                exercise.cells.append(nbformat.v4.new_markdown_cell(text))
            continue
        if text:
            teacher.append(nbformat.v4.new_markdown_cell(text))
    if exercise is not None:
        raise NotebookError(f"{md}: exercise with check {exercise.key!r} has no solution")
    boot = boot if boot is not None else bootstrap_cells()
    teacher_nb = _finish(teacher, boot)
    return release(teacher_nb), teacher_nb


def _comment(paragraphs: list[str]) -> list[str]:
    import textwrap

    lines = []
    for paragraph in paragraphs:
        lines += ["# " + line for line in textwrap.wrap(" ".join(paragraph.split()), 92)]
    return lines


def _exercise_cells(ex: _Exercise, number: int, md: Path) -> list:
    """The teacher's cells for one exercise: prompt, answer cell (stub around the solution),
    its hidden test, written-answer cells holding their rubrics."""
    if not ex.key:
        raise NotebookError(f"{md}: a solution follows no exercise with a check")
    if not ex.solution_code:
        raise NotebookError(f"{md}: the solution for {ex.key!r} has no code cell")
    if len(ex.rubrics) != len(ex.written):
        raise NotebookError(f"{md}: exercise {ex.key!r} has {len(ex.written)} `{WRITTEN}` cell(s) but "
                            f"{len(ex.rubrics)} `{RUBRIC}` paragraph(s) in its solution; give each written answer one")
    solution = [line for block in ex.solution_code for line in block.strip().splitlines()
                if not CHECK_CALL.search(line)]
    before, after = ex.stub
    source = before + "\n".join([BEGIN_SOLUTION, *_comment(ex.prose), *solution, END_SOLUTION]) + "\n" + after.strip()
    answer = nbformat.v4.new_code_cell(source)
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                   "grade_id": f"{ex.key}-answer", "schema_version": 3}
    test = nbformat.v4.new_code_cell(_hidden_test(ex.key, number))
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": f"{ex.key}-test", "schema_version": 3}
    cells, written = [], iter(zip(ex.written, ex.rubrics))
    for i, cell in enumerate(ex.cells):
        if cell == "answer":
            cells += [answer, test]
        elif cell == "written":
            (prompt, points), rubric = next(written)
            grade_id = f"{ex.key}-written" + (f"-{i}" if len(ex.written) > 1 else "")
            answer_md = nbformat.v4.new_markdown_cell(f"{prompt}\n\n{BEGIN_SOLUTION}\n{rubric}\n{END_SOLUTION}")
            answer_md.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "points": points,
                                              "grade_id": grade_id, "schema_version": 3}
            cells.append(answer_md)
        else:
            cells.append(cell)
    return cells


def _hidden_test(key: str, number: int) -> str:
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


def execute(nb, cwd: Path, timeout: int = 600):
    from nbclient import NotebookClient

    env_render = os.environ.pop("KAZCARS_RENDER", None)  # notebooks render for Jupyter, not the site
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if env_render is not None:
            os.environ["KAZCARS_RENDER"] = env_render
    return nb


def glued_values(nb) -> dict[str, str]:
    values = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            record = out.get("metadata", {}).get("scrapbook", {})
            if record.get("name"):
                prefix = record.get("mime_prefix", "")
                values[record["name"]] = out.get("data", {}).get(f"{prefix}text/plain", "")
    return values


def make(md: Path, workdir: Path, boot: list | None = None):
    """Build, execute and return (student, teacher) for one chapter."""
    boot = boot if boot is not None else bootstrap_cells()
    # First pass: execute the chapter's code to learn the glued values.
    _, probe_teacher = _pair_without_glue(md, boot)
    execute(probe_teacher, workdir)
    glued = glued_values(probe_teacher)
    student, teacher = build_pair(md, glued, boot)
    # Outputs of the executed pass carry over cell by cell (same code in the same order).
    _copy_outputs(probe_teacher, teacher)
    return student, teacher


def _pair_without_glue(md: Path, boot: list):
    class AnyGlue(dict):
        def __contains__(self, key):
            return True

        def __getitem__(self, key):
            return "0"

    return build_pair(md, AnyGlue(), boot)


def _copy_outputs(executed, target) -> None:
    code_a = [c for c in executed.cells if c.cell_type == "code"]
    code_b = [c for c in target.cells if c.cell_type == "code"]
    # Solution prose rides in answer cells as comments, with its glued numbers filled in only in
    # the final pass: compare the code, not the comments.
    def code(cell):
        return [line for line in cell.source.splitlines() if not line.lstrip().startswith("#")]

    if [code(c) for c in code_a] != [code(c) for c in code_b]:
        raise NotebookError("the executed and final notebooks differ in their code cells")
    for a, b in zip(code_a, code_b):
        b.outputs = a.outputs
        b.execution_count = a.execution_count


def write_all(out_repo: Path, site: Path | None, root: Path = ROOT) -> list[str]:
    import tempfile

    written = []
    (out_repo / "student").mkdir(parents=True, exist_ok=True)
    teacher_dir = (site / "notebooks" / "teacher") if site else Path(tempfile.mkdtemp()) / "teacher"
    teacher_dir.mkdir(parents=True, exist_ok=True)
    boot = bootstrap_cells(root)
    with tempfile.TemporaryDirectory() as work:
        for md in chapters(root):
            student, teacher = make(md, Path(work), boot)
            nbformat.validate(student)
            nbformat.validate(teacher)
            nbformat.write(student, out_repo / "student" / f"{md.stem}.ipynb")
            nbformat.write(teacher, teacher_dir / f"{md.stem}.ipynb")
            written.append(md.stem)
            print(f"notebooks: {md.stem}: student and teacher written", flush=True)
    if site:
        student_site = site / "notebooks" / "student"
        if student_site.exists():
            shutil.rmtree(student_site)
        shutil.copytree(out_repo / "student", student_site)
        (teacher_dir / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
        for audience in ("student", "teacher"):
            folder = site / "notebooks" / audience
            with zipfile.ZipFile(site / "notebooks" / f"{audience}-notebooks.zip", "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(folder.glob("*.ipynb")) + sorted(folder.glob("*.py")):
                    zf.write(path, f"{audience}/{path.name}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "notebooks", help="repository folder for student notebooks")
    parser.add_argument("--site", type=Path, default=None, help="built site to publish both audiences into")
    args = parser.parse_args(argv)
    try:
        write_all(args.out, args.site)
    except NotebookError as exc:
        print(f"notebooks: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
