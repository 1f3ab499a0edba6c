"""Execute each chapter's notebooks and write them: student notebooks into the repository's
``notebooks/``, and with ``--site`` both audiences, nbgrader_config.py and a zip of each into
the built site."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat

import kazbook.notebooks
from kazbook.notebooks.bundle import bootstrap_cells
from kazbook.notebooks.chapter import build_pair
from kazbook.notebooks.myst import NotebookError
from kazbook.notebooks.nbgrader import NBGRADER_CONFIG
from kazbook.project import ROOT, chapters


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
    parser = argparse.ArgumentParser(description=kazbook.notebooks.__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "notebooks", help="repository folder for student notebooks")
    parser.add_argument("--site", type=Path, default=None, help="built site to publish both audiences into")
    args = parser.parse_args(argv)
    try:
        write_all(args.out, args.site)
    except NotebookError as exc:
        print(f"notebooks: error: {exc}", file=sys.stderr)
        return 1
    return 0
