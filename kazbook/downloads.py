"""What a reader can take away: each chapter page's download menu (its notebooks, Colab, the
PDF), the book's version on the site and in the PDF, and where the repository and the published
site are (so a fork's build links to the fork)."""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from kazbook.editions import is_student_edition
from kazbook.project import book_version

PDF_NAME = "car-assembly-kazakhstan.pdf"
_kazbook = get_translation("kazbook")


def _(text: str) -> str:
    """The book's own interface strings, translated by locale/<lang>/LC_MESSAGES/kazbook.po."""
    return str(_kazbook(text))


def pdf_name(app: Sphinx) -> str:
    """The PDF of the edition being built: a translation's carries its language's code."""
    source = app.config.kazbook_languages[0]
    lang = app.config.language or source
    return PDF_NAME if lang == source else PDF_NAME.replace(".pdf", f"-{lang}.pdf")


def repository_url(configured: str = "") -> str:
    """The book's repository: KAZBOOK_REPOSITORY_URL if set; else, in GitHub Actions, the
    repository being built (GITHUB_SERVER_URL/GITHUB_REPOSITORY), so a fork's published copy
    links to the fork with no edit to _config.yml; else `repository.url` in _config.yml."""
    env = os.environ
    if env.get("KAZBOOK_REPOSITORY_URL"):
        return env["KAZBOOK_REPOSITORY_URL"].rstrip("/")
    if env.get("GITHUB_REPOSITORY"):
        return f"{env.get('GITHUB_SERVER_URL') or 'https://github.com'}".rstrip("/") + f"/{env['GITHUB_REPOSITORY']}"
    return str(configured or "").rstrip("/")


def published_site_url(repo_url: str) -> str | None:
    """Where the built site is published: KAZBOOK_SITE_URL if set (a custom domain); else, when
    GitHub Actions builds a github.com repository (the workflow in .github/workflows deploys it
    to GitHub Pages), that repository's Pages address; else unknown."""
    explicit = os.environ.get("KAZBOOK_SITE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", repo_url)
    if not os.environ.get("GITHUB_ACTIONS") or not match:
        return None
    owner, name = match.group(1).lower(), match.group(2)
    return f"https://{owner}.github.io" if name.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{name}"


def colab_url(app: Sphinx, stem: str) -> str | None:
    """Colab opens a notebook from a URL (`#fileId=`, the form Hugging Face's and DagsHub's
    "Open in Colab" buttons use) or from a path in a GitHub repository (`/github/`). A published
    site gives the first: the student notebook exactly as this build published it (notebooks are
    build outputs, committed nowhere). Without a published site: no Colab link."""
    notebook = f"notebooks/student/{stem}.ipynb"
    opts = app.config.html_theme_options or {}
    site = published_site_url(str(opts.get("repository_url", "")).rstrip("/"))
    if site:
        return f"https://colab.research.google.com/#fileId={quote(f'{site}/{notebook}', safe='/')}"
    return None


def set_version_and_repository(app: Sphinx, config) -> None:
    """The version on the site (footer) and in the PDF (title page), and the repository URL
    from the environment when it names one (see repository_url)."""
    version = book_version()
    config.version = config.release = version
    config.latex_elements.setdefault("releasename", _("Version"))
    # Pages quote it as {{ book_version }} (MyST substitution), never as a number of their own.
    config.myst_substitutions = {**(config.myst_substitutions or {}), "book_version": version}
    opts = config.html_theme_options
    opts["repository_url"] = repository_url(opts.get("repository_url", ""))
    changes = (f' · <a href="{opts["repository_url"]}/blob/{opts.get("repository_branch") or "main"}/CHANGELOG.md">'
               f"{_('what changed')}</a>" if opts["repository_url"].startswith("https://") else "")
    opts["extra_footer"] = (opts.get("extra_footer") or "") + f'<p class="kz-version">{_("Version")} {version}{changes}</p>'


def offer_downloads(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The theme's download menu offers this page's notebooks and the whole book as a PDF
    (all made by `make book`), instead of only the Markdown source and the browser's print.

    The student edition offers only what it holds and nothing for teachers: the student
    notebook (and Colab), no teacher notebook, no PDF (the PDF prints every solution) and no
    Markdown source (it holds the solutions too)."""
    pathto = context.get("pathto")
    student = is_student_edition(app)
    pdf = app.config.kazbook_pdf and not student
    name = pdf_name(app)
    if name != PDF_NAME and "body" in context:
        # A translation's pages (For teachers) link its own PDF.
        context["body"] = context["body"].replace(f'{PDF_NAME}"', f'{name}"').replace(f">{PDF_NAME}<", f">{name}<")
    if not app.config.kazbook_pdf and "body" in context:
        # Built without TeX (`make book` sets KAZBOOK_PDF=0): the pages' own links to a PDF (the
        # book's, a worksheet's, an answer key's) would be dead, so they say why there is none.
        context["body"] = re.sub(r'<a [^>]*href="[^"]*\.pdf"[^>]*>(.*?)</a>',
                                 rf"\1 ({_('not in this copy: it was built without TeX')})", context["body"], flags=re.S)
    for group in list(context.get("header_buttons", [])):
        if group.get("label") != "download-buttons":
            continue
        drop = {"download-pdf-button"} | ({"download-source-button"} if student else set())
        buttons = [b for b in group["buttons"] if b.get("label") not in drop]
        if pagename.startswith("chapters/"):
            stem = pagename.split("/", 1)[1]
            buttons[:0] = [
                {"type": "link", "url": pathto(f"notebooks/student/{stem}.ipynb", 1), "text": _("Student notebook (.ipynb)"),
                 "tooltip": _("Exercises with instant feedback, no solutions"), "icon": "fas fa-code",
                 "label": "download-student-notebook"},
            ]
            if not student:
                buttons.insert(1, {"type": "link", "url": pathto(f"notebooks/teacher/{stem}.ipynb", 1),
                                   "text": _("Teacher notebook (.ipynb)"),
                                   "tooltip": _("With solutions, outputs and nbgrader metadata"),
                                   "icon": "fas fa-chalkboard-teacher", "label": "download-teacher-notebook"})
            colab = colab_url(app, stem)
            if colab:
                buttons.insert(2 - student, {"type": "link", "url": colab,
                                             "text": _("Open in Colab"), "tooltip": _("Open the student notebook in Google Colab"),
                                             "icon": "fas fa-rocket", "label": "open-in-colab"})
        if pdf:
            buttons.append({"type": "link", "url": pathto(name, 1), "text": _("Whole book (PDF)"),
                            "tooltip": _("The offline PDF edition"), "icon": "fas fa-file-pdf", "label": "download-book-pdf"})
        group["buttons"] = buttons
        if not buttons:  # an empty menu would still show its button
            context["header_buttons"].remove(group)
