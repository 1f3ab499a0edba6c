"""One version number for a release a teacher can cite: `version` in pyproject.toml, and the
same number in CITATION.cff, at the top of the changelog, in the site's footer and on its
"How to cite" page, and on the PDF's title page. No page writes the number itself."""

from __future__ import annotations

import re
import subprocess

import yaml

from conftest import ROOT, book_pages, in_language, language_of

from kazbook.catalogs import interface_translation
from kazbook.languages import translations
from kazbook.project import book_version

RELEASED = re.compile(r"^## (\d+\.\d+\.\d+\S*) - (\d{4}-\d{2}-\d{2})\s*$", re.M)


def test_citation_and_changelog_name_the_version():
    version = book_version()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    newest = RELEASED.search((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert newest, "CHANGELOG.md has a heading '## <version> - <date>' for each release"
    assert (str(cff["version"]), newest.group(1)) == (version, version)
    assert str(cff["date-released"]) == newest.group(2)


def test_no_page_writes_the_version_itself():
    version = re.compile(rf"(?<![\d.]){re.escape(book_version())}(?![\d.])")
    sources = [ROOT / "index.md", *sorted((ROOT / "chapters").glob("*.md")), *sorted((ROOT / "back").glob("*.md"))]
    assert [p.relative_to(ROOT).as_posix() for p in sources if version.search(p.read_text(encoding="utf-8"))] == []


def test_site_shows_the_version_on_every_page_and_the_cite_page(built_site):
    version = book_version()
    def label(page):  # a translation's pages say "Version" in their language
        lang = page.relative_to(built_site).parts[0]
        return interface_translation(lang)("Version") if lang in translations() else "Version"

    missing = [p.relative_to(built_site).as_posix() for p in book_pages(built_site)
               if f"{label(p)} {version}" not in p.read_text(encoding="utf-8")]
    assert missing == []
    cite = (built_site / "back" / "cite-and-contribute.html").read_text(encoding="utf-8")
    assert f"version {version}, " in re.sub(r"<[^>]+>", "", cite)


def test_pdf_title_page_shows_the_version(pdf):
    title_pages = subprocess.run(["pdftotext", "-f", "1", "-l", "2", str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout
    # "Version" in the PDF's own language (the book's catalog: «Нұсқасы» in Kazakh).
    assert f"{in_language(language_of(pdf), 'Version', 'kazbook')} {book_version()}" in title_pages
