"""The student edition of the site (`make student-site`) leaves every solution and all teacher
material out, while the full edition keeps them: no teacher notebook, no PDF (it prints the
solutions), no Markdown sources (they hold them too). It carries the student notebooks its
menus offer, and every local link in it resolves. Both build with the strict flags, and each is
made in every language of the book (the Kazakh in kk/, as in the full site)."""

import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import PDF_NAME, ROOT, book_pages, editions, in_language
from sitequality import dead_links, page_links

from kazbook.editions import STUDENT_TEACHER_PAGE
from kazbook.languages import edition_dir

STUDENT = ROOT / "_build" / "student" / "_build" / "html"
TEACHER_MATERIAL = ("notebooks/teacher", "teacher-notebooks.zip", PDF_NAME, "_sources/", "answer-key")


@pytest.fixture(scope="session")
def student_site():
    result = subprocess.run(["make", "student-site"], cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    return STUDENT


@pytest.mark.parametrize("lang", editions())
def test_student_edition_has_no_solutions(built_site, student_site, lang):
    chapters = sorted((edition_dir(lang, built_site) / "chapters").glob("*.html"))
    assert chapters
    for page in chapters:
        full = page.read_text(encoding="utf-8")
        student = (edition_dir(lang, student_site) / "chapters" / page.name).read_text(encoding="utf-8")
        assert full.count('class="solution') >= 3, page.name
        assert 'class="solution' not in student, page.name
        # The exercises themselves stay, with their self-checking answer cells.
        assert student.count('class="exercise') == full.count('class="exercise'), page.name


@pytest.mark.parametrize("lang", editions())
def test_the_student_edition_names_itself_in_its_language(student_site, lang):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((edition_dir(lang, student_site) / "back" / "for-teachers.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.title.get_text().endswith(in_language(lang, "(student edition)", "kazbook")), page.title
    # Compared without spaces (get_text(" ") spaces out the inline elements) and with Sphinx's
    # curly apostrophes straightened.
    text = "".join(page.select_one("article").get_text(" ").replace("\u2019", "'").split())
    for paragraph in STUDENT_TEACHER_PAGE:
        said = in_language(lang, paragraph, "kazbook")
        assert said != paragraph or lang == "en", f"locale/{lang}: kazbook.po lacks {paragraph[:40]!r}"
        # The page shows the paragraph's words (Markdown's marks rendered away).
        assert "".join(said.replace("*", "").replace("`", "").split()) in text


def test_every_local_link_of_the_student_edition_resolves(student_site):
    assert dead_links(student_site) == []


def test_every_page_of_the_student_edition_opens_from_its_folder_with_the_network_cut(browser, student_site):
    """As a class gets it on a school PC: opened from the folder (file://), nothing from outside;
    every link the page shows, menus included, leads to a file of the edition."""
    from sitequality import open_offline, unexpected_console

    problems = []
    for path in book_pages(student_site):
        rel = path.relative_to(student_site).as_posix()
        context, page, outside, errors, _ = open_offline(browser, path.as_uri(), None)
        try:
            if outside or unexpected_console(errors):
                problems.append(f"{rel}: outside {outside}, errors {unexpected_console(errors)}")
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                if href.startswith("file://"):
                    target = Path(unquote(urlparse(href).path))
                    if not target.is_file():  # a folder opens as a file listing over file://
                        problems.append(f"{rel} -> {href}")
        finally:
            context.close()
    assert problems == []


def test_student_edition_offers_no_teacher_material(student_site):
    offered = {page.relative_to(student_site).as_posix(): [link for link in page_links(page)
                                                            if any(t in link for t in TEACHER_MATERIAL)]
               for page in book_pages(student_site) + [student_site / "search.html"]}
    assert {page: links for page, links in offered.items() if links} == {}
    for lang in editions():
        for folder in ("notebooks/teacher", "_sources"):
            assert not (edition_dir(lang, student_site) / folder).exists(), f"{lang}: {folder}"


@pytest.mark.parametrize("lang", editions())
def test_every_chapter_of_the_student_edition_offers_its_student_notebook(student_site, lang):
    site = edition_dir(lang, student_site)
    for page in sorted((site / "chapters").glob("*.html")):
        target = f"../notebooks/student/{page.stem}.ipynb"
        assert target in page_links(page), page.name
        assert (page.parent / target).resolve().exists(), page.name
    assert (site / "notebooks" / "student-notebooks.zip").exists()
