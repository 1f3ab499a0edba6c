"""Each chapter page's download menu offers its student and teacher notebooks and the PDF, and
an "Open in Colab" link once `repository.url` in _config.yml names a GitHub repository."""

import sys
from types import SimpleNamespace

from conftest import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import kazbook  # noqa: E402


def _menu(pagename: str, repository_url: str, pdf: bool = True, body: str = ""):
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={"repository_url": repository_url,
                                                                     "repository_branch": "main"},
                                                 kazbook_pdf=pdf))
    context = {"pathto": lambda target, resource=0: f"../{target}", "body": body,
               "header_buttons": [{"label": "download-buttons", "buttons": [
                   {"label": "download-source-button", "url": "../_sources/x.md"},
                   {"label": "download-pdf-button", "type": "javascript"}]}]}
    kazbook._download_menu(app, pagename, "page.html", context, None)
    menu = {b["label"]: b.get("url") for b in context["header_buttons"][0]["buttons"]}
    return (menu, context["body"]) if body else menu


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


def test_built_without_tex_no_menu_entry_or_page_link_offers_the_pdf():
    page = '<p><a class="reference" href="../car-assembly-kazakhstan.pdf">The whole book as a PDF</a> and ' \
           '<a href="../notebooks/student-notebooks.zip">notebooks</a></p>'
    menu, body = _menu("chapters/08-the-market", "", pdf=False, body=page)
    assert "download-book-pdf" not in menu
    assert "car-assembly-kazakhstan.pdf" not in body
    assert "The whole book as a PDF (not in this copy: it was built without TeX)" in body
    assert '<a href="../notebooks/student-notebooks.zip">notebooks</a>' in body
    menu, body = _menu("chapters/08-the-market", "", pdf=True, body=page)
    assert menu["download-book-pdf"] and body == page
