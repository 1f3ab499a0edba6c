"""Set-up tells the truth: the prerequisite check names every missing tool with the Debian
command that installs it, in seconds; the lock resolves under every supported Python; and
`make book` on a clean clone without TeX builds the site and notebooks, says once that the PDF
was skipped, and leaves no link to a file it did not make."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT, require_tool
from sitequality import dead_links

sys.path.insert(0, str(ROOT / "tools"))
import lockcheck  # noqa: E402
import prereqs  # noqa: E402
from stage import harmless_reason  # noqa: E402

TEX = ("xelatex", "latexmk")
# Each hidden tool and the Debian package its line must name.
HIDDEN = {"node": "nodejs", "npm": "npm", "xelatex": "texlive-xetex", "latexmk": "latexmk", "xindy": "xindy",
          "fc-list": "fonts-dejavu", "chromium": "chromium", "pdftotext": "poppler-utils"}


def path_without(tools, shadow: Path) -> str:
    """$PATH with `tools` hidden: every directory that holds one is replaced by a shadow
    directory of symlinks to everything else it holds."""
    dirs = []
    for i, d in enumerate(os.environ["PATH"].split(os.pathsep)):
        if not any(os.path.lexists(os.path.join(d, t)) for t in tools):
            dirs.append(d)
            continue
        copy = shadow / str(i)
        copy.mkdir(parents=True)
        for entry in os.scandir(d):
            if entry.name not in tools:
                (copy / entry.name).symlink_to(entry.path)
        dirs.append(str(copy))
    return os.pathsep.join(dirs)


def _env(path: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CHROMIUM", "MAKEFLAGS", "MAKELEVEL")}
    env.update(PATH=path, **extra)
    return env


def test_prereq_check_names_every_missing_tool_with_its_install_line_in_seconds(tmp_path):
    path = path_without(set(HIDDEN) | {"python3"}, tmp_path / "shadow")
    (tmp_path / "bin").mkdir()
    # `make` is what a reader runs: its check must find this Python as python3 and nothing else.
    (tmp_path / "bin" / "python3").symlink_to(sys.executable)
    env = _env(f"{tmp_path / 'bin'}{os.pathsep}{path}")
    start = time.monotonic()
    run = subprocess.run(["make", "--no-print-directory", "check-test"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    seconds = time.monotonic() - start
    lines = run.stdout.splitlines()
    assert seconds < 5, seconds
    for tool, package in HIDDEN.items():
        named = [line for line in lines if line.startswith(f"missing {tool}")
                 or (tool == "fc-list" and line.startswith("missing fonts DejaVu"))]
        assert len(named) == 1, (tool, run.stdout)
        assert "apt-get install --no-install-recommends" in named[0] and f" {package}" in named[0], named[0]
    assert run.returncode != 0, "Node is missing: nothing can build"
    assert "make test stops" in run.stdout


def test_without_tex_only_ci_stops_the_book_and_make_pdf_stops_at_once(tmp_path):
    """A reader without TeX still gets the site; CI must not pass by skipping the PDF."""
    path = path_without(set(TEX), tmp_path / "shadow")
    check = [sys.executable, str(ROOT / "tools" / "prereqs.py")]
    reader = subprocess.run(check + ["book"], env=_env(path), capture_output=True, text=True, timeout=60)
    ci = subprocess.run(check + ["book"], env=_env(path, CI="true"), capture_output=True, text=True, timeout=60)
    pdf = subprocess.run(["make", "--no-print-directory", "pdf"], cwd=ROOT, env=_env(path),
                         capture_output=True, text=True, timeout=60)
    assert reader.returncode == 0 and "missing xelatex" in reader.stdout, reader.stdout
    assert ci.returncode == 1 and "missing xelatex" in ci.stdout and "missing latexmk" in ci.stdout, ci.stdout
    assert pdf.returncode != 0 and "missing latexmk" in pdf.stdout and "make pdf stops" in pdf.stdout, pdf.stdout
    assert "[pdf]" not in pdf.stdout and "[setup]" not in pdf.stdout, "make pdf must stop before any stage"


def _stage(tmp_path, *lines: str, strict=True):
    emit = [sys.executable, "-c", "import sys; print(*sys.argv[1:], sep='\\n')", *lines]
    return subprocess.run([sys.executable, str(ROOT / "tools" / "stage.py"), *(["--strict"] if strict else []),
                           "site", "building", "--", *emit], cwd=tmp_path, capture_output=True, text=True, timeout=60)


def test_a_stage_counts_harmless_lines_with_their_reason_and_fails_on_a_real_warning(tmp_path):
    tcp = "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication"
    page = "\x1b[01mreading sources... \x1b[39;49;00m[ 35%] \x1b[35mchapters/01-reading-the-news\x1b[39;49;00m"
    clean = _stage(tmp_path, page, tcp, tcp, "build succeeded.")
    assert clean.returncode == 0, clean.stdout
    *lines, last = clean.stdout.splitlines()
    assert lines == ["[site] building ...",
                     "[site]   reading sources... [ 35%] chapters/01-reading-the-news",
                     "[site] filtered 2 harmless line(s): " + harmless_reason(tcp)]
    assert last.startswith("[site] done in 0 s")
    warned = _stage(tmp_path, tcp, "chapters/08.md:12: WARNING: undefined label: 'fig-x'")
    assert warned.returncode == 1
    assert "[site] chapters/08.md:12: WARNING: undefined label: 'fig-x'" in warned.stdout
    assert "FAILED" in warned.stdout and "TCP" not in warned.stdout.replace("loopback TCP", "")
    # The PDF stage is not strict (LaTeX's own notices); Sphinx's -W still fails it on a warning.
    assert _stage(tmp_path, "WARNING: x", strict=False).returncode == 0


def _old_python() -> str | None:
    for pattern in ("/usr/bin/python3.[0-9]", "/usr/bin/python3.10", os.path.expanduser("~/.pyenv/versions/3.10.*/bin/python"),
                    os.path.expanduser("~/.pyenv/versions/3.9.*/bin/python")):
        for found in sorted(glob.glob(pattern)):
            return found
    return None


def test_an_old_python3_is_told_which_python_to_install(tmp_path):
    old = _old_python()
    if old is None:
        pytest.skip("no Python older than 3.11 on this machine to play a too-old python3")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(old)
    path = path_without({"python3", "python3.11", "python3.12", "python3.13"}, tmp_path / "shadow")
    run = subprocess.run(["make", "--no-print-directory", "check-book"], cwd=ROOT, capture_output=True, text=True,
                         env=_env(f"{tmp_path / 'bin'}{os.pathsep}{path}"), timeout=60)
    assert run.returncode != 0
    assert "missing Python 3.11 or newer (this python3 is 3." in run.stdout, run.stdout
    assert prereqs.PYTHON_HINT in run.stdout


@pytest.fixture(scope="module")
def lock_resolved() -> dict:  # pip resolves against the package index: not the fast tier
    """pip's resolver on the lock under each supported Python at once (each is mostly waiting
    on the package index)."""
    from concurrent.futures import ThreadPoolExecutor

    found = lockcheck.find_interpreters()
    with ThreadPoolExecutor(max_workers=len(lockcheck.MINORS)) as pool:
        futures = {minor: pool.submit(lockcheck.resolve, python) for minor, python in found.items()}
        return {minor: future.result() for minor, future in futures.items()}


@pytest.mark.slow
@pytest.mark.parametrize("minor", lockcheck.MINORS)
def test_lock_resolves_and_pins_everything_under_python_3_minor(minor, lock_resolved):
    if minor not in lock_resolved:
        require_tool(f"python3.{minor}", f"Python 3.{minor}")
    result = lock_resolved[minor]
    assert result["ok"], result["output"]
    assert result["version"].startswith(f"3.{minor}.")
    assert result["packages"] > 100 and result["unpinned"] == []


def test_lock_is_compiled_from_requirements_in():
    lock = (ROOT / "requirements.txt").read_text()
    assert lock.startswith("# This file was autogenerated by uv via the following command:\n#    make lock\n")
    pins = lockcheck.locked_pins()
    top = [line.split("<")[0].split(">")[0].split("=")[0].strip() for line in (ROOT / "requirements.in").read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    assert [name for name in top if lockcheck._norm(name) not in pins] == []


@pytest.mark.slow  # a whole `make book`
def test_make_book_on_a_clean_clone_without_tex(tmp_path):
    """The newcomer's path, end to end: one real `make book` in a fresh clone, TeX hidden. It
    reuses an installed venv (BOOK_TEST_VENV, default this one) and node_modules, so it builds
    rather than reinstalls; `make -q` on their stamps proves make will not touch them."""
    venv = Path(os.environ.get("BOOK_TEST_VENV", sys.prefix))
    node_modules = ROOT / "node_modules"
    if not (venv / ".installed").exists() or not (node_modules / ".installed").exists():
        message = f"needs an installed venv ({venv}/.installed) and node_modules (run make setup)"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    clone = tmp_path / "book"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    (clone / ".venv").symlink_to(venv)
    (clone / "node_modules").symlink_to(node_modules.resolve())
    # A clone's files are newer than the stamps of the venv it borrows; make must not reinstall.
    for name in ("requirements.txt", "pyproject.toml", "package.json", "package-lock.json"):
        os.utime(clone / name, (0, 0))
    env = _env(path_without(set(TEX), tmp_path / "shadow"), PYTHONPATH=str(clone))
    stamps = [".venv/.installed", "node_modules/.installed"]
    assert subprocess.run(["make", "-q", *stamps], cwd=clone, env=env).returncode == 0, "make would reinstall"

    start = time.monotonic()
    run = subprocess.run(["make", "book"], cwd=clone, env=env, capture_output=True, text=True, timeout=5400)
    seconds = time.monotonic() - start
    out = run.stdout + run.stderr
    (tmp_path / "make-book.log").write_text(out)
    print(f"make book without TeX: {seconds:.0f} s\n{out}")
    assert run.returncode == 0, out[-6000:]
    assert [line for line in out.splitlines() if "PDF skipped" in line] == [prereqs.pdf_skipped_line()], out
    for stage in ("site", "notebooks"):
        assert f"[{stage}] done in" in out, out
    assert "Kernel is running over TCP" not in out and "Traceback" not in out, out
    site = clone / "_build" / "html"
    assert not (site / "car-assembly-kazakhstan.pdf").exists()
    assert (site / "notebooks" / "student-notebooks.zip").exists()
    assert dead_links(site) == []
