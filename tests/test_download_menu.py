"""Each chapter page's download menu offers its student and teacher notebooks and the PDF, and
an "Open in Colab" link: to the student notebook as published when the build knows where the
site is published (GitHub Actions, or KAZBOOK_SITE_URL), else to the committed notebook when
`repository.url` names a GitHub repository. GitHub Actions' variables name the repository, so a
fork's build links to the fork. The student edition's menu offers only its student notebook (and
Colab), nothing for teachers."""

from types import SimpleNamespace

import pytest

from conftest import ROOT

from kazbook import downloads


ENVIRONMENT = ("GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "KAZBOOK_REPOSITORY_URL", "KAZBOOK_SITE_URL")


@pytest.fixture(autouse=True)
def no_build_environment(monkeypatch):
    """Each test sets the environment it describes (the suite itself may run in GitHub Actions)."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def _config(repository_url: str):
    """The configuration as the build has it once the extension has read it (config-inited)."""
    config = SimpleNamespace(html_theme_options={"repository_url": repository_url, "repository_branch": "main"},
                             latex_elements={}, myst_substitutions={}, version="", release="",
                             kazbook_languages=["en", "kk"], language="en")
    downloads.set_version_and_repository(None, config)
    return config


def _menu(pagename: str, repository_url: str, student: bool = False, pdf: bool = True, body: str = ""):
    config = _config(repository_url)
    config.kazbook_hide_solutions = student
    config.kazbook_pdf = pdf
    app = SimpleNamespace(config=config)
    context = {"pathto": lambda target, resource=0: f"../{target}", "body": body,
               "header_buttons": [{"label": "download-buttons", "buttons": [
                   {"label": "download-source-button", "url": "../_sources/x.md"},
                   {"label": "download-pdf-button", "type": "javascript"}]}]}
    downloads.offer_downloads(app, pagename, "page.html", context, None)
    menu = {b["label"]: b.get("url") for group in context["header_buttons"] for b in group["buttons"]}
    return (menu, context["body"]) if body else menu


def test_chapter_menu_offers_notebooks_pdf_and_colab():
    menu = _menu("chapters/08-the-market", "https://github.com/example/car-book")
    assert menu["download-student-notebook"] == "../notebooks/student/08-the-market.ipynb"
    assert menu["download-teacher-notebook"] == "../notebooks/teacher/08-the-market.ipynb"
    assert menu["download-book-pdf"] == "../car-assembly-kazakhstan.pdf"
    # Without a published site there is no Colab link: notebooks are build outputs, in no repository.
    assert "open-in-colab" not in menu
    assert "download-pdf-button" not in menu  # the browser's print-to-PDF gives way to the real PDF


def test_no_colab_link_without_a_github_repository():
    assert "open-in-colab" not in _menu("chapters/08-the-market", "")
    assert set(_menu("index", "https://github.com/example/car-book")) == {"download-source-button", "download-book-pdf"}


def test_github_actions_names_the_repository_and_the_published_notebook(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "A-Teacher/car-book")
    # _config.yml's repository.url (here the upstream's) gives way to the repository being built.
    menu = _menu("chapters/08-the-market", "https://github.com/upstream/car-book")
    assert menu["open-in-colab"] == ("https://colab.research.google.com/#fileId=https%3A//a-teacher.github.io/"
                                     "car-book/notebooks/student/08-the-market.ipynb")
    config = _config("")
    assert config.html_theme_options["repository_url"] == "https://github.com/A-Teacher/car-book"
    assert "https://github.com/A-Teacher/car-book/blob/main/CHANGELOG.md" in config.html_theme_options["extra_footer"]


def test_a_user_site_repository_is_published_at_the_root(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REPOSITORY", "school/school.github.io")
    assert downloads.published_site_url(downloads.repository_url()) == "https://school.github.io"


def test_site_url_from_the_environment_for_a_custom_domain(monkeypatch):
    monkeypatch.setenv("KAZBOOK_SITE_URL", "https://books.example.kz/cars/")
    menu = _menu("chapters/08-the-market", "")
    assert menu["open-in-colab"] == ("https://colab.research.google.com/#fileId=https%3A//books.example.kz/cars/"
                                     "notebooks/student/08-the-market.ipynb")


def test_published_colab_targets_exist(built_site, generated):
    """The link from the published site names notebooks/student/<chapter>.ipynb in the site."""
    from kazbook.project import chapters

    missing = [md.stem for md in chapters(ROOT) if not (built_site / "notebooks" / "student" / f"{md.stem}.ipynb").is_file()]
    assert missing == []


def test_student_edition_menu_offers_only_the_student_notebook(monkeypatch):
    monkeypatch.setenv("KAZBOOK_SITE_URL", "https://class.example.org/book")
    menu = _menu("chapters/08-the-market", "https://github.com/example/car-book", student=True)
    assert set(menu) == {"download-student-notebook", "open-in-colab"}
    monkeypatch.delenv("KAZBOOK_SITE_URL")
    assert _menu("chapters/08-the-market", "", student=True) == {
        "download-student-notebook": "../notebooks/student/08-the-market.ipynb"}
    # No Markdown source (it holds the solutions) and no PDF: an empty menu is dropped.
    assert _menu("index", "https://github.com/example/car-book", student=True) == {}


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
