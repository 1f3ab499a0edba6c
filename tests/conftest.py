"""Shared fixtures: the real strict build, a static server for the built site, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTML = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


#: Fixtures that build the book, a page, a PDF or notebooks, or start a browser: a test that uses
#: one (directly or through another fixture) is not in the fast tier.
BUILDING_FIXTURES = {"book_build", "mini_book", "browser", "pdf", "pdf_build", "generated", "starter_site", "student_site",
                     "slimming_off_build", "worksheet_pdfs", "worksheets_build"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds, executes notebooks or opens a browser "
                                       "(left out of `make test-fast`)")


def pytest_collection_modifyitems(config, items):
    # The fast tier (`make test-fast`, `pytest -m "not slow"`) is every test that needs no
    # build; marking by fixture keeps the tiers right as tests are added.
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def require_tool(path_or_name: str, what: str) -> str:
    """Return the tool's path; in CI a missing tool fails the test, elsewhere it skips it."""
    found = path_or_name if Path(path_or_name).exists() else shutil.which(path_or_name)
    if found:
        return found
    message = f"{what} not found ({path_or_name}); .ci/run installs it with apt-get"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def book_build():
    """Build the book once per session with the real strict command (and --all, so every
    page is re-read and every warning counted): the English site, then each translation into
    _build/html/<lang>/, as `make html` does. (A translation with an untranslated or fuzzy
    entry fails, unless KAZBOOK_PARTIAL_TRANSLATION=1 is set.)"""
    from kazbook.languages import translations

    flags = ["-n", "-W", "--keep-going", "--all"]
    result = subprocess.run([str(BIN / "jupyter-book"), "build", str(ROOT), *flags], cwd=ROOT,
                            capture_output=True, text=True, timeout=3000)
    for lang in translations(ROOT) if result.returncode == 0 else []:
        edition = subprocess.run([sys.executable, "-m", "kazbook.languages", "build", lang, *flags], cwd=ROOT,
                                 capture_output=True, text=True, timeout=3000)
        result = subprocess.CompletedProcess(result.args, edition.returncode, result.stdout + edition.stdout,
                                             result.stderr + edition.stderr)
        if edition.returncode:
            break
    return result


@pytest.fixture(scope="session")
def built_site(book_build) -> Path:
    assert book_build.returncode == 0, (book_build.stdout + book_build.stderr)[-6000:]
    assert (HTML / "index.html").exists()
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """A plain static server on loopback, like `python -m http.server`."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    chromium = require_tool(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


PDF_DIR = ROOT / "_build" / "latex"
PDF_NAME = "car-assembly-kazakhstan.pdf"


@pytest.fixture(scope="session")
def generated(built_site, tmp_path_factory):
    """Both audiences, written by `make notebooks` (the notebooks builder on the site's pages)
    into the built site."""
    result = subprocess.run(["make", "notebooks"], cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
    return built_site / "notebooks" / "student", built_site / "notebooks" / "teacher"


def pdf_of(lang: str) -> Path:
    """Where `make pdf` writes an edition's PDF: the English in _build/latex, a translation's in
    _build/<lang>/_build/latex (its edition's folder, kazbook/languages.py), named with its language."""
    from kazbook.languages import book_languages

    if lang == book_languages(ROOT)[0]:
        return PDF_DIR / PDF_NAME
    return ROOT / "_build" / lang / "_build" / "latex" / PDF_NAME.replace(".pdf", f"-{lang}.pdf")


@pytest.fixture(scope="session")
def pdf_build(built_site):
    require_tool("xelatex", "TeX Live (xelatex)")
    require_tool("pdftotext", "poppler-utils")
    result = subprocess.run(["make", "pdf"], cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]


def language_of(pdf) -> str:
    """The edition of a PDF: "en", or the code its name ends with (…-kk.pdf)."""
    return pdf.stem.removeprefix(PDF_NAME.removesuffix(".pdf")).lstrip("-") or "en"


def in_language(lang: str, text: str, domain: str) -> str:
    """What an edition prints for an English text: its catalog's translation (the English where
    a partial edition has none); LaTeX's own words come from the book's catalog."""
    if lang == "en":
        return text
    from kazbook.catalogs import catalog_dir, read_catalog

    message = read_catalog(catalog_dir(lang, ROOT) / f"{domain}.po").get(text)
    return message.string if message and message.string and not message.fuzzy else text


def editions() -> list[str]:
    """Every edition's language, the source's first (kazbook_languages in _config.yml)."""
    from kazbook.languages import book_languages

    return book_languages(ROOT)


@pytest.fixture(scope="session", params=editions())
def pdf(request, pdf_build):
    """Each edition's PDF (`make pdf` makes them all): the same tests hold for every one."""
    return pdf_of(request.param)


def edition_notebooks(lang: str) -> tuple[Path, Path]:
    """Where `make notebooks` writes an edition's student and teacher notebooks: in its site."""
    from kazbook.languages import edition_dir

    folder = edition_dir(lang, HTML) / "notebooks"
    return folder / "student", folder / "teacher"


@pytest.fixture(scope="session")
def worksheets_build(generated) -> None:
    """`make worksheets`: every edition's printable worksheets and answer keys, typeset into its
    site from its notebooks."""
    require_tool("xelatex", "TeX Live (xelatex)")
    require_tool("pdftotext", "poppler-utils")
    result = subprocess.run(["make", "worksheets"], cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="session", params=editions())
def worksheet_pdfs(request, worksheets_build):
    """Each edition's worksheets folder (the English in _build/html/worksheets/, a translation's
    in _build/html/<lang>/worksheets/) with its language and notebooks: the same tests hold for
    every one."""
    from types import SimpleNamespace

    from kazbook.languages import edition_dir

    student, teacher = edition_notebooks(request.param)
    return SimpleNamespace(lang=request.param, folder=edition_dir(request.param, HTML) / "worksheets",
                           student=student, teacher=teacher)


# What pandas prints for a missing value; no table of the book, on a page or in the PDF, shows
# one (an empty cell, or a chapter's chosen dash, says "not found").
MISSING_VALUE_MARKERS = frozenset({"None", "nan", "NaN", "NaT", "<NA>"})


def book_pages(site: Path) -> list[Path]:
    """Every page of the built book (not search or genindex scaffolding), as paths."""
    from sitequality import pages_of

    return [site / rel for rel in pages_of(site)]


# --- Quality in a real browser (tests/test_quality.py): the site served gzipped, Lighthouse,
# and the Jupyter Book starter template as the baseline.

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@pytest.fixture(scope="session")
def gzip_site_url(built_site):
    """The built site served gzipped on loopback, as a real host serves it."""
    from sitequality import serve_gzipped

    with serve_gzipped(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory) -> Path:
    """`jupyter-book create`'s starter template, built the same way as the book."""
    from sitequality import build_starter

    return build_starter(tmp_path_factory.mktemp("starter"), BIN / "jupyter-book")


@pytest.fixture(scope="session")
def starter_url(starter_site):
    from sitequality import serve_gzipped

    with serve_gzipped(starter_site) as url:
        yield url


@pytest.fixture(scope="session")
def lighthouse_bin() -> str:
    require_tool(CHROMIUM, "Chromium")
    return require_tool(str(LIGHTHOUSE), "Lighthouse (npm devDependency; `npm ci` installs it)")
