"""The README's map of the repository names every top-level folder the repository holds, and
nothing else, so a newcomer's first read matches the tree."""

import re
import subprocess

import pytest

from conftest import ROOT


def test_the_readme_map_lists_exactly_the_top_level_folders():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the tracked folders are unknown")
    folders = {path.split("/", 1)[0] for path in listed.stdout.splitlines() if "/" in path}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Map of the repository", 1)[1].split("\n## ", 1)[0]
    mapped = set(re.findall(r"^\| `([^`/]+)/` \|", section, flags=re.M))
    assert mapped == folders
