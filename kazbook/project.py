"""Where the book's files are and what it calls itself: the repository root, the chapters in
``_toc.yml``, the version in ``pyproject.toml`` and the npm packages ``package.json`` pins."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent


def chapters(root: Path = ROOT) -> list[Path]:
    """The chapters' sources, in the order of ``_toc.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [root / f"{c['file']}.md" for part in toc["parts"] for c in part["chapters"]
            if c["file"].startswith("chapters/")]


def book_version(root: Path = ROOT) -> str:
    """The book's one version number, `version` in pyproject.toml. The site's footer, the PDF's
    title page and the offline zip's folder take it from here; CITATION.cff and CHANGELOG.md
    must agree (tests/test_release.py)."""
    import tomllib

    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        raise ExtensionError(f"{pyproject} does not exist: the book takes its version from it")
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def node_package(name: str) -> tuple[Path, str]:
    """An npm package the build uses, installed at the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"][name]
    pkg = ROOT / "node_modules" / name
    if not (pkg / "package.json").exists():
        raise ExtensionError(f"the build needs the npm package {name}: {pkg} does not exist; run `npm ci` in {ROOT}")
    installed = json.loads((pkg / "package.json").read_text())["version"]
    if installed != pinned:
        raise ExtensionError(f"npm package {name} is {installed} but package.json pins {pinned}; run `npm ci`")
    return pkg, installed
