"""Student and teacher notebooks for every chapter: the student's hold no solution and run alone,
in a kernel with only Colab's usual packages, after their own first cell, and on a PC with no
network that lacks vl-convert and frictionless (charts as Vega-Lite, a one-line note); their
charts load nothing from outside and draw in JupyterLab with the network cut; the teacher's run with every check passing; the committed student
notebooks are up to date; an nbgrader course assigns, autogrades and gives feedback on them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import BIN, ROOT, editions
from sitequality import cut_the_network, same_origin
from kazcars import checks
from kazbook.notebooks import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, NBGRADER_CONFIG
from kazbook.project import chapters

CHAPTERS = chapters(ROOT)
#: The packages a fresh Colab runtime has that the notebooks may rely on (Altair 5, not 6).
COLAB_USUAL = ("pandas", "numpy", "matplotlib", "ipywidgets", "altair>=5,<6")


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


def _regions(source: str, begin: str, end: str) -> list[str]:
    return re.findall(re.escape(begin) + r"\n(.*?)\n" + re.escape(end), source, flags=re.S)


def _hidden_text(teacher) -> list[str]:
    """Every line of every solution and hidden-test region of the teacher notebook (solution
    code, the solution's prose kept as comments there, rubrics, expected values) that the
    notebook does not also show outside those regions (a teaching cell may load the same table)."""
    lines, outside = [], []
    for cell in teacher.cells:
        rest = cell.source
        for begin, end in ((BEGIN_SOLUTION, END_SOLUTION), (BEGIN_HIDDEN, END_HIDDEN)):
            for region in _regions(cell.source, begin, end):
                lines += [line.strip().lstrip("# ") for line in region.splitlines() if len(line.strip()) > 12]
                rest = rest.replace(region, "")
        outside.append(rest)
    shown = "\n".join(outside)
    return [line for line in lines if line not in shown]


def _student(generated, md: Path, lang: str = "en"):
    from kazbook.languages import edition_dir

    # Each edition's notebooks sit in its own site folder (the English at the root).
    folder = generated[0] if lang == "en" else edition_dir(lang, generated[0].parents[1]) / "notebooks" / "student"
    return nbformat.read(folder / f"{md.stem}.ipynb", as_version=4)


def _teacher(generated, md: Path):
    return nbformat.read(generated[1] / f"{md.stem}.ipynb", as_version=4)


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_holds_no_solution(generated, md):
    student = _student(generated, md)
    text = _visible_source(student)
    assert BEGIN_SOLUTION not in text and BEGIN_HIDDEN not in text and "**Rubric.**" not in text
    # Whole lines: a solution line may be the start of a longer teaching line.
    shown_lines = {line.strip() for line in text.splitlines()}
    leaked = [line for line in _solution_code(md) if line in shown_lines and not line.startswith(("answer = ...", "kc.check("))]
    assert leaked == []
    assert [line for line in _hidden_text(_teacher(generated, md)) if line in text] == []
    checks.check("__load__", None)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code"
                     and "book-data" not in c.metadata.get("tags", []))
    for key in set(re.findall(r'kc\.check\("([\w-]+)"', code)):
        value = checks._REGISTRY[key].expected()
        for shown in {f"{value:.1f}", f"{value:.2f}", f"{value:.3g}", f"{value:.0f}", repr(float(value))}:
            # Short numbers appear in any code; a number counts whole (200 is not inside 2005).
            if len(shown.replace(".", "").lstrip("0")) >= 3:
                assert not re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d.])", code), \
                    f"{md.stem}: the answer to {key} ({shown}) is written in a code cell"


# --- A kernel like a fresh Colab runtime -------------------------------------------------

RUN_NOTEBOOK = """\
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
try:
    NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=True).execute()
finally:
    nbformat.write(nb, sys.argv[2])
"""


def kernel_venv(base: Path, packages) -> tuple[Path, Path]:
    """A venv in `base` with only `packages` (from PyPI) plus the kernel machinery, and the
    script that runs a notebook in it. Its python and the script."""
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *packages, "ipykernel", "nbclient"],
                         capture_output=True, text=True, timeout=1800)
    assert pip.returncode == 0, pip.stderr[-3000:]
    (base / "run_notebook.py").write_text(RUN_NOTEBOOK)
    return python, base / "run_notebook.py"


def run_alone(python: Path, runner: Path, nb, folder: Path, **env_vars: str):
    """Execute `nb` alone in the empty `folder` with the venv's kernel and nothing of the book's
    environment (no PYTHONPATH to the repository, a fresh temp dir), plus `env_vars`."""
    nbformat.write(nb, folder / "in.ipynb")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KAZCARS", "VIRTUAL_ENV"))}
    env.update(TMPDIR=str(folder), PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}", **env_vars)
    result = subprocess.run([str(python), str(runner), "in.ipynb", "out.ipynb"], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    return nbformat.read(folder / "out.ipynb", as_version=4)


def _lacks(python: Path, *modules: str) -> bool:
    check = textwrap.dedent(f"""\
        import importlib
        for name in {modules!r}:
            try:
                importlib.import_module(name)
            except ImportError:
                continue
            raise SystemExit(name + " is installed")""")
    return subprocess.run([str(python), "-c", check]).returncode == 0


@pytest.fixture(scope="session")
def colab_like_kernel(tmp_path_factory):
    """A venv with only Colab's usual packages plus the kernel machinery, and a stand-in
    `google.colab` package; built once per session (it is the slow part)."""
    base = tmp_path_factory.mktemp("colab-like")
    python, runner = kernel_venv(base, COLAB_USUAL)
    # As in Colab: Altair 5, no vl-convert, no frictionless; the notebook's first cell must fix that.
    assert subprocess.run([str(python), "-c", "import altair; assert altair.__version__.startswith('5.')"]).returncode == 0
    assert _lacks(python, "vl_convert", "frictionless")
    stub = base / "stub" / "google" / "colab"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text('"""Stands in for Colab\'s package: the notebooks take their Colab path."""\n')
    (stub / "output.py").write_text("def enable_custom_widget_manager():\n    pass\n")
    return python, base / "stub", runner


@pytest.fixture(scope="session")
def colab_runs(generated, colab_like_kernel, tmp_path_factory):
    """Each student notebook executed alone in an empty folder by the Colab-like kernel, once."""
    python, stub, runner = colab_like_kernel
    done = {}

    def run(md: Path, lang: str = "en"):
        if (md.stem, lang) not in done:
            nb = _student(generated, md, lang)
            # Says where the helper package and the data came from, and that the setup took Colab's path.
            nb.cells.append(nbformat.v4.new_code_cell(
                "import kazcars, os, sys\nprint(kazcars.__file__)\nprint(os.environ['KAZCARS_DATA'])\n"
                "print('colab path:', _colab_output is sys.modules.get('google.colab.output'))"))
            done[md.stem, lang] = run_alone(python, runner, nb, tmp_path_factory.mktemp(f"alone-{lang}-{md.stem}"),
                                            PYTHONPATH=str(stub))
        return done[md.stem, lang]

    return run


#: Letters only the edition's language writes: its notebook's text is in that language.
OWN_LETTERS = {"kk": "әғқңөұүһі"}


@pytest.mark.parametrize("lang", editions())
@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_runs_alone_in_a_colab_like_kernel_after_its_first_cell(colab_runs, md, lang):
    from kazcars.i18n import translate

    executed = colab_runs(md, lang)
    errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, c in enumerate(executed.cells)
              for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    printed = "".join(o.get("text", "") for o in executed.cells[-1].outputs)
    assert "kazcars-book-" in printed and str(ROOT) not in printed, "the notebook used what it carries"
    assert "colab path: True" in printed
    if lang in OWN_LETTERS:
        prose = "\n".join(c.source for c in executed.cells if c.cell_type == "markdown")
        assert len(re.findall(f"[{OWN_LETTERS[lang]}]", prose)) > 500, f"the notebook's text is in {lang}"
    # The instant feedback speaks the edition's language.
    answer_cells = [c for c in executed.cells if "answer = ..." in c.source]
    feedback = [json.dumps(o.get("data", {}), ensure_ascii=False) for c in answer_cells for o in c.outputs]
    not_answered = translate("Not answered", lang)
    assert len(feedback) == len(answer_cells) >= 3 and all(not_answered in f for f in feedback)


# --- A school PC with no network, without vl-convert and frictionless ----------------------

#: pip there reaches no index and reads no configuration (no find-links to a local mirror).
NO_NETWORK = {"PIP_INDEX_URL": "http://127.0.0.1:9/", "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull,
              "PIP_RETRIES": "0", "PIP_TIMEOUT": "5"}


@pytest.fixture(scope="session")
def offline_kernel(tmp_path_factory):
    """A venv with every package the notebooks need except the optional ones (no vl-convert,
    no frictionless), at the notebooks' own pins; not Colab (no google.colab)."""
    from kazbook.notebooks.bundle import NEEDED, OPTIONAL

    python, runner = kernel_venv(tmp_path_factory.mktemp("offline"),
                                 [req for dist, (req, _) in NEEDED.items() if dist not in OPTIONAL])
    assert _lacks(python, "vl_convert", "frictionless", "google.colab")
    return python, runner


@pytest.fixture(scope="session")
def offline_runs(generated, offline_kernel, tmp_path_factory):
    """Each student notebook run alone in an empty folder by the offline kernel, once."""
    python, runner = offline_kernel
    done = {}

    def run(md: Path, lang: str = "en"):
        if (md.stem, lang) not in done:
            nb = _student(generated, md, lang)
            done[md.stem, lang] = run_alone(python, runner, nb, tmp_path_factory.mktemp(f"offline-{lang}-{md.stem}"),
                                            **NO_NETWORK)
        return done[md.stem, lang]

    return run


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_runs_offline_without_vl_convert_and_frictionless(offline_runs, md):
    from kazbook.notebooks.bundle import OPTIONAL

    executed = offline_runs(md)
    errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, c in enumerate(executed.cells)
              for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    setup = next(c for c in executed.cells if "book-setup" in c.metadata.get("tags", []))
    printed = "".join(o.get("text", "") for o in setup.outputs if o.output_type == "stream")
    note = [line for line in printed.splitlines() if line.startswith("Working without")]
    assert note == ["Working without vl-convert-python, frictionless (could not install): "
                    + "; ".join(OPTIONAL.values()) + "."]
    outputs = [o.get("data", {}) for c in executed.cells for o in c.get("outputs", [])]
    charts = [d for d in outputs if "application/vnd.vegalite.v5+json" in d]
    assert len(charts) >= 2, "every chapter has at least two charts"
    assert all(set(c) == {"application/vnd.vegalite.v5+json", "text/plain"} for c in charts)
    assert not [d for d in outputs if "application/vnd.vega.v5+json" in d or "image/png" in d]
    assert _outside_references(executed) == []
    answer_cells = [c for c in executed.cells if "answer = ..." in c.source]
    assert len(answer_cells) >= 3 and all("Not answered" in json.dumps([o.get("data", {}) for o in c.outputs])
                                          for c in answer_cells)


#: What makes an output reach the network when a front end shows it: an element that loads a
#: remote file, any remote address inside a script (Altair's HTML builds its script tags from
#: a list of CDN paths), a remote `url` in a chart's data. A URL printed as text (a table of
#: sources) loads nothing.
REMOTE = r"(?:https?:)?//[\w-]+(?:\.[\w-]+)+"
LOADS = re.compile(rf"""<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?{REMOTE}""", re.I)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.I | re.S)
JSON_URL = re.compile(rf"""["'](?:url|src|href)["']\s*:\s*["']{REMOTE}""", re.I)


def _outside_references(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime.startswith("image/") and not mime.startswith("image/svg"):
                    continue
                text = value if isinstance(value, str) else json.dumps(value)
                if mime == "application/javascript":
                    text = f"<script>{text}</script>"
                hits = [m.group(0) for m in LOADS.finditer(text)] + [m.group(0) for m in JSON_URL.finditer(text)]
                hits += [m.group(0) for body in SCRIPT.findall(text) for m in re.finditer(REMOTE, body)]
                found += [f"cell {i} {mime}: {hit}" for hit in hits]
    return found


def test_the_outside_check_catches_altair_html_output():
    # Altair's stock HTML loads Vega from a CDN: the check below must see it.
    import altair as alt
    from altair.vegalite.v6.display import html_renderer

    bundle = html_renderer(alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q").to_dict())
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("chart")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data=bundle[0] if isinstance(bundle, tuple) else bundle)]
    assert _outside_references(nb)


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_charts_draw_with_the_network_cut(colab_runs, md):
    executed = colab_runs(md)
    charts = [o.data for c in executed.cells for o in c.get("outputs", [])
              if "application/vnd.vega.v5+json" in o.get("data", {})]
    assert len(charts) >= 2, "every chapter has at least two charts"
    # Compiled Vega for JupyterLab/Notebook 7's built-in renderer, a PNG for Colab and the rest.
    assert all("image/png" in c and "text/html" not in c for c in charts)
    assert _outside_references(executed) == []


@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_teacher_notebook_carries_the_sites_run_and_every_check_passes(generated, md):
    # The notebooks builder runs nothing: the chapter's cells carry the outputs of the site's one
    # execution; the bundle and the hidden tests run when a teacher (or nbgrader) runs them.
    teacher = _teacher(generated, md)
    code = [c for c in teacher.cells if c.cell_type == "code"]
    chapter_cells = [c for c in code if c.metadata.get("nbgrader", {}).get("grade_id") in (None, "chapter-setup")]
    assert chapter_cells and all(c.execution_count for c in chapter_cells), "a chapter cell lacks the site's run"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    tests = [c for c in code if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(tests) >= 3 and all(BEGIN_HIDDEN in c.source for c in tests)
    answers = [c for c in code if c.metadata.get("nbgrader", {}).get("solution")]
    assert all("Correct" in json.dumps([o.get("data", {}) for o in c.outputs]) for c in answers)
    locked = {c.metadata["nbgrader"]["grade_id"] for c in code if c.metadata.get("nbgrader", {}).get("locked")}
    assert {"book-data", "book-setup", "chapter-setup"} <= locked
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)


def test_site_publishes_both_audiences_and_zips(generated, built_site):
    for audience in ("student", "teacher"):
        folder = built_site / "notebooks" / audience
        assert sorted(p.stem for p in folder.glob("*.ipynb")) == [m.stem for m in CHAPTERS]
        with zipfile.ZipFile(built_site / "notebooks" / f"{audience}-notebooks.zip") as zf:
            names = zf.namelist()
            assert sorted(n for n in names if n.endswith(".ipynb")) == [f"{audience}/{m.stem}.ipynb" for m in CHAPTERS]
    with zipfile.ZipFile(built_site / "notebooks" / "teacher-notebooks.zip") as zf:
        assert zf.read("teacher/nbgrader_config.py").decode() == NBGRADER_CONFIG


def test_the_notebook_bundle_carries_the_reader_package_and_data_only():
    # A student's kernel imports kazcars and reads data/; the build package stays behind, and the
    # reader package must not need it.
    import base64
    import io

    from kazbook.notebooks import pack_book

    encoded, _ = pack_book(ROOT)
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded))).namelist()
    assert {name.split("/", 1)[0] for name in names} == {"kazcars", "data"}
    assert "kazcars/__init__.py" in names and "data/datapackage.json" in names
    reader = sorted((ROOT / "kazcars").rglob("*.py"))
    assert [p.name for p in reader if re.search(r"^\s*(from|import)\s+kazbook\b", p.read_text(encoding="utf-8"), re.M)] == []


def _items(*cells):
    """Pieces of a chapter as the builder's walk gives them: (state, cell)."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    made = []
    for state, kind, source, *meta in cells:
        if state == "solution-end":
            made.append((state, None))
            continue
        cell = md(source) if kind == "md" else code(source)
        if meta:
            cell.metadata.update(meta[0])
        made.append((state, cell))
    return made


WRITTEN_CELL = {"tags": ["written-answer"], "points": 2}


def test_a_written_answer_without_a_rubric_or_points_is_rejected():
    from kazbook.notebooks import NotebookError, build_pair

    exercise = [("exercise", "md", "### Exercise 1"),
                ("exercise", "code", 'answer = ...\nkc.check("ch1_value_per_vehicle", answer)'),
                ("exercise", "md", "Then judge: why?", WRITTEN_CELL),
                ("solution", "code", "answer = 1")]
    with pytest.raises(NotebookError, match=r"ch: exercise 'ch1_value_per_vehicle' has 1 `written-answer` cell"):
        build_pair(_items(*exercise, ("solution", "md", "**Notes.** Because."), ("solution-end", None, None)), "ch", [])
    bad_points = [*exercise[:2], ("exercise", "md", "Then judge: why?", {**WRITTEN_CELL, "points": 0})]
    with pytest.raises(NotebookError, match=r"ch: a `written-answer` cell needs positive `points`"):
        build_pair(_items(*bad_points), "ch", [])
    with pytest.raises(NotebookError, match=r"ch: exercise with check 'ch1_value_per_vehicle' has no solution"):
        build_pair(_items(*exercise[:2]), "ch", [])
    # The rubric is recognised by its label in the build's language.
    _, teacher = build_pair(_items(*exercise, ("solution", "md", "**Бағалау өлшемі.** Себебі."),
                                   ("solution-end", None, None)), "ch", [], rubric="**Бағалау өлшемі.**")
    assert any("Бағалау өлшемі" in c.source and c.metadata["nbgrader"]["points"] == 2
               for c in teacher.cells if c.cell_type == "markdown" and "nbgrader" in c.metadata)


# --- nbgrader, end to end ----------------------------------------------------------------

def _answered(notebook, solutions: dict[str, str], written: str | None = None):
    """A copy of a released notebook with each answer cell's `answer = ...` line replaced by
    the code in `solutions` (by grade id), as a student would type it."""
    nb = nbformat.from_dict(json.loads(json.dumps(notebook)))
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") in solutions:
            cell.source = re.sub(r"^answer = \.\.\..*$", lambda m: solutions[meta["grade_id"]], cell.source,
                                 count=1, flags=re.M)
        elif written and meta.get("solution") and cell.cell_type == "markdown":
            cell.source = cell.source.replace("YOUR ANSWER HERE", written)
    return nb


def _teacher_solutions(teacher) -> dict[str, str]:
    return {c.metadata["nbgrader"]["grade_id"]: _regions(c.source, BEGIN_SOLUTION, END_SOLUTION)[0]
            for c in teacher.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}


def _without_checksums(metadata: dict) -> dict:
    meta = json.loads(json.dumps(metadata))
    meta.get("nbgrader", {}).pop("checksum", None)
    return meta


def test_nbgrader_round_trip_grades_value_answers_and_leaks_no_solution(generated, built_site, tmp_path):
    md = CHAPTERS[0]
    teacher = _teacher(generated, md)
    course = tmp_path / "course"
    (course / "source" / "ch01").mkdir(parents=True)
    shutil.copy(generated[1] / f"{md.stem}.ipynb", course / "source" / "ch01" / "ch01.ipynb")
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG + "c.CourseDirectory.course_id = 'kazcars'\n")
    # nbgrader starts alembic and a kernel from the environment's bin folder.
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("KAZCARS_RENDER", None)

    def nbgrader(*args):
        result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, capture_output=True, text=True,
                                env=env, timeout=1800)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    nbgrader("generate_assignment", "ch01", "--force")
    release = nbformat.read(course / "release" / "ch01" / "ch01.ipynb", as_version=4)

    # The release holds no line of any solution, solution paragraph, rubric or hidden test.
    released = "\n".join(c.source for c in release.cells)
    hidden = _hidden_text(teacher)
    assert len(hidden) >= 10
    assert [line for line in hidden if line in released] == []
    assert "raise NotImplementedError" not in released
    # The student notebook is the release, cell for cell (nbgrader adds only checksums).
    student = _student(generated, md)
    assert [(c.id, c.cell_type, c.source, _without_checksums(c.metadata)) for c in release.cells] == \
           [(c.id, c.cell_type, c.source, _without_checksums(c.metadata)) for c in student.cells]
    locked = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("locked")]
    assert {"book-data", "book-setup", "chapter-setup"} <= {c.metadata["nbgrader"]["grade_id"] for c in locked}

    right = _teacher_solutions(teacher)
    keys = [k.removesuffix("-answer") for k in right]
    assert keys == ["ch1_factor_at_62", "ch1_output_2010_usd_mn", "ch1_value_per_vehicle"]
    slips = {  # the rate added up, not compounded; a thousand times too big; the value in another name only
        "ch1_factor_at_62-answer": "answer = 1 + 0.62 * 5",
        "ch1_output_2010_usd_mn-answer": "answer = 16e9 / float(kc.fx.kzt_per_usd(2010)) / 1e3",
        "ch1_value_per_vehicle-answer": "value = 650e9 / 124e3 / 1e6",
    }
    with zipfile.ZipFile(built_site / "notebooks" / "student-notebooks.zip") as zf:
        from_zip = nbformat.reads(zf.read(f"student/{md.stem}.ipynb").decode(), as_version=4)
    submissions = {
        "alice": _answered(release, right, written="The total spans many years of changing rates: one rate cannot convert it."),
        "bob": _answered(release, {"ch1_factor_at_62-answer": right["ch1_factor_at_62-answer"],
                                   **{k: v for k, v in slips.items() if k != "ch1_factor_at_62-answer"}}),
        "carol": release,
        "dave": _answered(from_zip, right),
    }
    for name, nb in submissions.items():
        (course / "submitted" / name / "ch01").mkdir(parents=True)
        nbformat.write(nb, course / "submitted" / name / "ch01" / "ch01.ipynb")
    nbgrader("autograde", "ch01", "--create", "--force")
    nbgrader("generate_feedback", "ch01", "--force")

    from nbgrader.api import Gradebook

    expected = {  # points per autograded test; written answers wait for the teacher
        "alice": [1, 1, 1], "bob": [1, 0, 0], "carol": [0, 0, 0], "dave": [1, 1, 1],
    }
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for name, points in expected.items():
            got = [gb.find_grade(f"{k}-test", "ch01", "ch01", name).score for k in keys]
            assert got == points, name
            written = gb.find_grade("ch1_value_per_vehicle-written", "ch01", "ch01", name)
            assert written.max_score == 2
            # An untouched written answer scores 0 by itself; a written one waits for the teacher.
            assert written.needs_manual_grade == (name == "alice"), name
        assert gb.find_submission("ch01", "alice").max_score == 5
    graded = nbformat.read(course / "autograded" / "bob" / "ch01" / "ch01.ipynb", as_version=4)
    messages = "\n".join(o.get("evalue", "") for c in graded.cells for o in c.get("outputs", [])
                         if o.output_type == "error")
    assert "not within 1% of the expected value" in messages and "`answer` is not set" in messages
    carol = nbformat.read(course / "autograded" / "carol" / "ch01" / "ch01.ipynb", as_version=4)
    assert "`answer` is still `...`" in json.dumps([c.get("outputs", []) for c in carol.cells])
    for name in expected:
        feedback = (course / "feedback" / name / "ch01" / "ch01.html").read_text(encoding="utf-8")
        # The failure messages reach the student; the hidden tests (and their expected values) do not.
        assert "_expected" not in feedback and "HIDDEN TESTS" not in feedback, name
    assert "`answer` is not set" in (course / "feedback" / "bob" / "ch01" / "ch01.html").read_text(encoding="utf-8")


# --- The same outputs in a real JupyterLab, network cut ----------------------------------

@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server (the book's environment: JupyterLab 4 with its built-in Vega 5
    renderer) on loopback, serving a folder the tests put notebooks in."""
    import socket
    import time
    import urllib.request

    folder = tmp_path_factory.mktemp("lab")
    # Its own workspaces and settings: a remembered workspace would reopen other notebooks.
    state = tmp_path_factory.mktemp("lab-state")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(BIN / "jupyter-lab"), "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
         f"--LabApp.workspaces_dir={state / 'workspaces'}", f"--LabApp.user_settings_dir={state / 'settings'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        yield url, folder
    finally:
        server.terminate()
        server.wait(timeout=30)


#: The chart types JupyterLab's own renderer draws: compiled Vega (with vl-convert) and
#: Vega-Lite (without it, on the offline kernel).
LAB_CHART_TYPES = ("application/vnd.vega.v5+json", "application/vnd.vegalite.v5+json")


@pytest.mark.parametrize("runs", ["colab_runs", "offline_runs"])
@pytest.mark.parametrize("md", CHAPTERS, ids=[m.stem for m in CHAPTERS])
def test_student_notebook_charts_draw_in_jupyterlab_with_the_network_cut(request, runs, jupyterlab, browser, md):
    url, folder = jupyterlab
    executed = request.getfixturevalue(runs)(md)
    expected = sum(any(t in o.get("data", {}) for t in LAB_CHART_TYPES) for c in executed.cells for o in c.get("outputs", []))
    nbformat.write(executed, folder / f"{md.stem}-{runs}.ipynb")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = cut_the_network(page, same_origin(url))
    try:
        page.goto(f"{url}/lab/tree/{md.stem}-{runs}.ipynb?reset")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        # Draw every chart, however far down: JupyterLab renders cells as they near the screen.
        page.wait_for_function(f"document.querySelectorAll('.jp-RenderedVegaCommon5').length >= {expected}",
                               timeout=60_000, polling=500)
        drawn = page.wait_for_function(textwrap.dedent("""\
            (n) => {
              const inked = [...document.querySelectorAll('.jp-RenderedVegaCommon5 canvas')].filter(c => {
                if (!c.width || !c.height) return false;
                const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let ink = 0;
                for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && px[i] < 200) ink++;
                return ink > 200;
              });
              return inked.length >= n && inked.length;
            }"""), arg=expected, timeout=60_000, polling=500).json_value()
    finally:
        context.close()
    assert drawn == expected >= 2
    assert outside == [] and errors == []
