"""The book's editions: the full site, the student edition (``kazbook_hide_solutions``: no
solutions, no teacher material) in every language, and whether the site may link the PDF
(``kazbook_pdf``). ``make student-site`` builds the student edition (kazbook/student_site.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def add_edition_settings(app: Sphinx) -> None:
    app.add_config_value("kazbook_hide_solutions", False, "env")
    # Whether the site may link the PDF: `make` passes KAZBOOK_PDF=0 when TeX is missing.
    app.add_config_value("kazbook_pdf", os.environ.get("KAZBOOK_PDF", "1") != "0", "html")


def is_student_edition(app: Sphinx) -> bool:
    return bool(app.config.kazbook_hide_solutions)

STUDENT_TAG = "student_edition"

#: The "For teachers" page of the student edition, a paragraph an entry of the book's own catalog
#: (locale/<lang>/LC_MESSAGES/kazbook.po): it points teachers to the full edition.
STUDENT_TEACHER_PAGE = (
    "This is the **student edition** of the book. It leaves out every solution and all teacher "
    "material: no teacher notebooks, no answer keys, no grading notes, no PDF (the PDF prints the "
    "solutions). Each chapter's download menu offers its student notebook, and the book's start page "
    "offers all of them in one zip.",
    "Teachers: the full edition of the book shows every solution and has a *For teachers* page on "
    "assigning the notebooks, grading them with nbgrader and exporting the grades. Build this student "
    "edition for your class with `make student-site` and publish that folder instead of the full site.",
)


def set_up_student_edition(app: Sphinx, config) -> None:
    """The student edition: the `student_edition` tag (for `{only}` blocks), no copied Markdown
    sources (they hold the solutions), and its name after the book's title."""
    if config.kazbook_hide_solutions:
        from kazbook.catalogs import interface_translation

        app.tags.add(STUDENT_TAG)
        config.html_copy_source = False
        config.html_title = f"{config.html_title} {interface_translation(config.language or 'en')('(student edition)')}"


def replace_teacher_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if is_student_edition(app) and docname == "back/for-teachers":
        from kazbook.catalogs import interface_translation

        # The heading is the full edition's, which its page catalog translates.
        translate = interface_translation(app.config.language or "en")
        source[0] = "# For teachers\n\n" + "\n\n".join(translate(p) for p in STUDENT_TEACHER_PAGE) + "\n"


def hide_solutions(app: Sphinx, doctree) -> None:
    """Student edition: drop every solution. sphinx-exercise's own `hide_solutions` leaves the
    end marker of gated solutions behind and the HTML writer then fails, so the book removes
    the merged solution nodes itself."""
    if not app.config.kazbook_hide_solutions:
        return
    from sphinx_exercise.nodes import solution_node

    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)


def publish_student_notebooks(app: Sphinx, exception) -> None:
    """The student edition carries the student notebooks the full build's `notebooks` builder
    wrote (``make notebooks``) and their zip, so the links its pages and menus offer resolve."""
    if exception or not is_student_edition(app) or app.builder.format != "html":
        return
    from kazbook.languages import is_translation

    # The full edition's notebooks in the same language: _build/notebooks/, _build/<lang>/_build/notebooks/.
    full = Path(app.srcdir) / "_build" / (f"{app.config.language}/_build" if is_translation(app) else "")
    built = full / "notebooks" / "student"
    if not built.is_dir():
        raise ExtensionError(f"{built} does not exist: the student edition publishes the notebooks of "
                             "`make notebooks`; run it first")
    out = Path(app.outdir) / "notebooks"
    if (out / "student").exists():
        shutil.rmtree(out / "student")
    shutil.copytree(built, out / "student")
    shutil.make_archive(str(out / "student-notebooks"), "zip", root_dir=out, base_dir="student")
