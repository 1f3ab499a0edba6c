"""The real strict build: `jupyter-book build -n -W --keep-going --all` passes with no warning."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
# One list of known harmless lines, each with its reason, for `make`'s quiet log and this test.
from stage import real_warnings  # noqa: E402


def test_strict_build_passes_with_zero_warnings(book_build):
    log = book_build.stdout + book_build.stderr
    assert book_build.returncode == 0, log[-6000:]
    assert real_warnings(log) == []


def unbuilt_toc_pages(site) -> list[str]:
    """The pages `_toc.yml` lists that the built ``site`` lacks."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f for f in files if not (site / f"{f}.html").exists()]


def test_every_toc_page_is_built(built_site):
    assert unbuilt_toc_pages(built_site) == []
