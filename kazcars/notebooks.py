"""Student and teacher notebooks from the chapters' MyST sources: ``python -m kazcars.notebooks``.

For every chapter in ``_toc.yml`` this writes

- a **student notebook**: the teaching cells and the exercises, every solution removed, one
  answer cell per exercise that checks itself (``kc.check``); saved without outputs;
- a **teacher notebook**: the same with the solutions in nbgrader's format (solution regions
  between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` and a locked, graded test cell per
  exercise), executed, with outputs.

Both carry the ``kazcars`` package and ``data/`` in their first cell (a zip, base64), so a
notebook opened alone works offline; in Colab the same cell installs the few packages Colab
lacks. MyST-only syntax (glue, citations, directives) becomes plain Markdown, with glued numbers
filled in from the teacher notebook's execution. Output: ``notebooks/`` in the repository
(student notebooks, for Colab links) and, with ``--site``, ``notebooks/`` in the built site with
both audiences and a zip of each.
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

ROOT = Path(__file__).resolve().parent.parent
PACKED = ("kazcars", "data")
#: Packages a fresh Colab runtime lacks (pins match requirements.txt).
COLAB_PACKAGES = ("vl-convert-python==1.9.0.post1", "frictionless==5.21.0", "altair==6.3.0", "tabulate==0.9.0")

BOOTSTRAP = '''\
# Setup for this notebook: unpacks the book's helper package and data (carried below, so the
# notebook works offline and on its own) and, in Colab, installs the few packages Colab lacks.
import base64, io, os, sys, tempfile, zipfile
if "google.colab" in sys.modules:
    get_ipython().run_line_magic("pip", "install -q {colab_packages}")
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
    setup = nbformat.v4.new_code_cell(BOOTSTRAP.format(colab_packages=" ".join(COLAB_PACKAGES), digest=digest))
    setup.metadata["tags"] = ["book-setup"]
    return [carrier, setup]


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
            return "#### Solution"
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
    """Split the notebook into (state, cell) pieces; state is text, exercise or solution."""
    pieces, state = [], "text"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            pieces.append((state, cell))
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


def build_pair(md: Path, glued: dict[str, str] | None = None, boot: list | None = None):
    """Return (student, teacher) notebooks for one chapter, not executed."""
    import jupytext

    from kazcars.data import sources

    try:
        nb = jupytext.read(md)
    except Exception as exc:  # jupytext raises several types for malformed input
        raise NotebookError(f"{md}: not a readable MyST notebook ({exc})") from None
    conv = MystToMarkdown(glued if glued is not None else {}, sources())
    student, teacher = [], []
    pending_key = None
    solution_code: list[str] = []
    solution_text_after: list = []

    def md_cell(text: str):
        text = conv.convert(text)
        return nbformat.v4.new_markdown_cell(text) if text else None

    try:
        regions = _regions(nb)
    except NotebookError as exc:
        raise NotebookError(f"{md}: {exc}") from None
    for state, cell in regions:
        if cell.cell_type == "code":
            clean = nbformat.v4.new_code_cell(cell.source)
            if cell.metadata.get("tags"):
                clean.metadata["tags"] = list(cell.metadata["tags"])
            if state == "solution":
                solution_code.append(cell.source)
                continue
            if state == "exercise":
                m = CHECK_CALL.search(cell.source)
                if not m:
                    raise NotebookError(f"{md}: an exercise's code cell has no `kc.check(\"key\", answer)` line:\n{cell.source}")
                pending_key = m.group("key")
                student.append(clean)
                continue
            student.append(clean)
            teacher.append(copy.deepcopy(clean))
            continue
        text = cell.source
        if state == "solution":
            converted = md_cell(text)
            # Explanations written after the solution code stay after the answer cell.
            (solution_text_after if solution_code else teacher).extend([converted] if converted else [])
            if "{solution-end}" in text:
                if not pending_key:
                    raise NotebookError(f"{md}: a solution follows no exercise with a check")
                teacher.extend(_nbgrader_cells(pending_key, solution_code, md))
                teacher.extend(solution_text_after)
                pending_key, solution_code, solution_text_after = None, [], []
            continue
        converted = md_cell(text)
        if converted is not None:
            student.append(converted)
            teacher.append(copy.deepcopy(converted))
    if pending_key:
        raise NotebookError(f"{md}: exercise with check {pending_key!r} has no solution")
    boot = boot if boot is not None else bootstrap_cells()
    return _finish(student, boot), _finish(teacher, boot)


def _nbgrader_cells(key: str, solution_code: list[str], md: Path) -> list:
    if not solution_code:
        raise NotebookError(f"{md}: the solution for {key!r} has no code cell")
    body = "\n".join(solution_code).strip()
    answer = nbformat.v4.new_code_cell("### BEGIN SOLUTION\n" + body + "\n### END SOLUTION")
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                   "grade_id": f"{key}-answer", "schema_version": 3}
    test = nbformat.v4.new_code_cell(f'assert kc.check("{key}", answer).ok, kc.check("{key}", answer).message')
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": f"{key}-test", "schema_version": 3}
    return [answer, test]


def _finish(cells: list, boot: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = copy.deepcopy(boot) + cells
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
    if [c.source for c in code_a] != [c.source for c in code_b]:
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
        for audience in ("student", "teacher"):
            folder = site / "notebooks" / audience
            with zipfile.ZipFile(site / "notebooks" / f"{audience}-notebooks.zip", "w", zipfile.ZIP_DEFLATED) as zf:
                for nb in sorted(folder.glob("*.ipynb")):
                    zf.write(nb, f"{audience}/{nb.name}")
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
