"""Each chapter page's download menu offers its student and teacher notebooks and the PDF, and
an "Open in Colab" link once `repository.url` in _config.yml names a GitHub repository; the
student edition's menu offers only its student notebook (and Colab), nothing for teachers."""

import sys
from types import SimpleNamespace

from conftest import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import kazbook  # noqa: E402


def _menu(pagename: str, repository_url: str, student: bool = False):
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={"repository_url": repository_url,
                                                                     "repository_branch": "main"},
                                                 kazbook_hide_solutions=student))
    context = {"pathto": lambda target, resource=0: f"../{target}",
               "header_buttons": [{"label": "download-buttons", "buttons": [
                   {"label": "download-source-button", "url": "../_sources/x.md"},
                   {"label": "download-pdf-button", "type": "javascript"}]}]}
    kazbook._download_menu(app, pagename, "page.html", context, None)
    return {b["label"]: b.get("url") for group in context["header_buttons"] for b in group["buttons"]}


def test_chapter_menu_offers_notebooks_pdf_and_colab():
    menu = _menu("chapters/08-the-market", "https://github.com/example/car-book")
    assert menu["download-student-notebook"] == "../notebooks/student/08-the-market.ipynb"
    assert menu["download-teacher-notebook"] == "../notebooks/teacher/08-the-market.ipynb"
    assert menu["download-book-pdf"] == "../car-assembly-kazakhstan.pdf"
    assert menu["open-in-colab"] == ("https://colab.research.google.com/github/example/car-book/blob/main/"
                                     "notebooks/student/08-the-market.ipynb")
    assert "download-pdf-button" not in menu  # the browser's print-to-PDF gives way to the real PDF


def test_no_colab_link_without_a_github_repository():
    assert "open-in-colab" not in _menu("chapters/08-the-market", "")
    assert set(_menu("index", "https://github.com/example/car-book")) == {"download-source-button", "download-book-pdf"}


def test_committed_colab_targets_exist():
    from kazcars.notebooks import chapters

    for md in chapters(ROOT):
        assert (ROOT / "notebooks" / "student" / f"{md.stem}.ipynb").exists(), md.stem


def test_student_edition_menu_offers_only_the_student_notebook():
    menu = _menu("chapters/08-the-market", "https://github.com/example/car-book", student=True)
    assert set(menu) == {"download-student-notebook", "open-in-colab"}
    assert _menu("chapters/08-the-market", "", student=True) == {
        "download-student-notebook": "../notebooks/student/08-the-market.ipynb"}
    # No Markdown source (it holds the solutions) and no PDF: an empty menu is dropped.
    assert _menu("index", "https://github.com/example/car-book", student=True) == {}
