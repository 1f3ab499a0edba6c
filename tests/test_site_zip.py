"""The whole site as one zip (`make book`, kazbook/site_zip.py), unzipped into a new folder and
opened from there as a reader opens it from a USB stick: file://, no server, the network cut.
Every page opens with no console error and draws every chart, every internal link resolves,
search finds pages, and the landing page of the served site offers the zip with its size."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, book_pages
from sitequality import dead_links
from sitequality import DRAWN, open_offline, unexpected_console

from kazbook import site_zip


@pytest.fixture(scope="session")
def site_zip_file(built_site, generated, pdf):
    """The zip as `make book` writes it, after the notebooks and the PDF."""
    result = subprocess.run([sys.executable, "-m", "kazbook.site_zip", str(built_site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return built_site / site_zip.ZIP_NAME


@pytest.fixture(scope="session")
def unzipped(site_zip_file, tmp_path_factory):
    # A space in the path, as in many a stick's "My Files".
    dest = tmp_path_factory.mktemp("usb") / "My Files"
    with zipfile.ZipFile(site_zip_file) as zf:
        zf.extractall(dest)
    folders = list(dest.iterdir())
    assert [f.name for f in folders] == [site_zip.folder_name()], "one folder, named with the version"
    return folders[0]


def test_zip_holds_the_whole_site_with_pdf_and_notebooks(built_site, unzipped):
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.is_file() and not p.name.startswith(".") and p.name != site_zip.ZIP_NAME}
    copied = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert copied == built
    for needed in ("index.html", "search.html", "car-assembly-kazakhstan.pdf", "notebooks/student-notebooks.zip",
                   "notebooks/teacher-notebooks.zip", "notebooks/student/01-reading-the-news.ipynb",
                   "notebooks/teacher/01-reading-the-news.ipynb"):
        assert needed in copied


def test_landing_page_offers_the_zip_with_its_size(built_site, site_zip_file, unzipped):
    size = site_zip.human_size(site_zip_file.stat().st_size)
    landing = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<a href="{re.escape(site_zip.ZIP_NAME)}">[^<]*zip</a> \({re.escape(size)}\b', landing)
    # The copy does not offer the zip it came in (the link would lead nowhere).
    assert site_zip.ZIP_NAME not in (unzipped / "index.html").read_text(encoding="utf-8")


def test_every_internal_link_resolves_from_the_folder(unzipped):
    pages = book_pages(unzipped) + [unzipped / "search.html", unzipped / "genindex.html"]
    assert len(pages) >= 10
    assert dead_links(unzipped, pages, folder_index=False) == []


def test_every_page_opens_from_the_folder_with_the_network_cut(browser, unzipped):
    problems, total_charts = [], 0
    for path in book_pages(unzipped):
        rel = path.relative_to(unzipped).as_posix()
        context, page, outside, errors, charts = open_offline(browser, path.as_uri(), None)
        try:
            total_charts += charts
            if page.locator("h1").count() == 0:
                problems.append(f"{rel}: no heading, the page did not open")
            if outside:
                problems.append(f"{rel}: requests outside the folder: {outside}")
            if unexpected_console(errors):
                problems.append(f"{rel}: console errors: {unexpected_console(errors)}")
            drawn = page.locator(DRAWN).count()
            if drawn != charts:
                problems.append(f"{rel}: {drawn} of {charts} charts drawn")
        finally:
            context.close()
    assert problems == []
    assert total_charts >= 2


def _search(browser, search_page_url: str, site_origin: str | None) -> list[str]:
    """Search the book for a word from chapter 6 and open the first result; its links."""
    context, page, outside, errors, _ = open_offline(browser, f"{search_page_url}?q=Kostanay", site_origin)
    try:
        page.wait_for_function("/Search finished|did not match/.test("
                               "document.querySelector('#search-results')?.innerText || '')", timeout=30_000)
        links = page.locator("#search-results ul.search li a")
        hits = links.evaluate_all("links => links.map(a => a.href)")
        assert hits, page.locator("#search-results").inner_text()
        links.first.click()
        page.wait_for_load_state("load")
        assert page.locator("h1").count() >= 1, page.url
        assert outside == [] and unexpected_console(errors) == []
        return hits
    finally:
        context.close()


def test_search_finds_pages_from_the_folder(browser, unzipped):
    hits = _search(browser, (unzipped / "search.html").as_uri(), None)
    assert all(h.startswith(unzipped.as_uri()) for h in hits)


def test_search_finds_pages_on_the_served_site(browser, site_url):
    assert _search(browser, f"{site_url}/search.html", site_url)
