"""Student and teacher notebooks, written by the ``notebooks`` Sphinx builder (builder.py) from
each chapter's resolved document, in the build's language, with the outputs of the site's one
execution (``make notebooks``, after ``make html``). For every chapter:

- a **teacher notebook**, the nbgrader source: each exercise's answer cell keeps the student's
  stub (``answer = ...`` and the instant ``kc.check``) with only the solution lines (and the
  solution's prose, as comments) between ``### BEGIN SOLUTION`` / ``### END SOLUTION``; after it
  a locked test cell that grades the value of ``answer`` against the expected value, written
  inside ``### BEGIN HIDDEN TESTS``; written questions (Markdown cells tagged
  ``written-answer`` in the chapter) become manually graded answer cells holding the rubric as
  their solution; the setup and data cells are locked. With the outputs of the build.
- a **student notebook**: exactly what nbgrader's ``generate_assignment`` makes of the teacher
  notebook with :data:`NBGRADER_CONFIG` (solutions and hidden tests removed, stubs kept, the
  same cell ids and nbgrader metadata), so a student notebook from the zip can be handed in and
  autograded. Without outputs.

Both carry the ``kazcars`` package and ``data/`` in their first cell (a zip, base64), so a
notebook opened alone works offline; the next cell installs whatever packages the Python it
runs in lacks. Output: ``<build>/notebooks/{student,teacher}/`` and a zip of each, published
into the site by ``make notebooks``; none is committed.
"""

from __future__ import annotations

from kazbook.notebooks.bundle import NEEDED, PACKED, bootstrap_cells, pack_book
from kazbook.notebooks.chapter import WRITTEN, build_pair
from kazbook.notebooks.errors import NotebookError
from kazbook.notebooks.nbgrader import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION,
                                        NBGRADER_CONFIG, release)

__all__ = ["BEGIN_HIDDEN", "BEGIN_SOLUTION", "END_HIDDEN", "END_SOLUTION", "NBGRADER_CONFIG", "NEEDED", "PACKED",
           "WRITTEN", "NotebookError", "add_notebook_builder", "bootstrap_cells", "build_pair", "pack_book", "release"]

#: The chart priorities of the notebooks builder: it writes no output from the page (the cells
#: carry the executed notebook's), so any choice stops myst-nb's "no mime type" warning.
_PRIORITIES = [("notebooks", mime, rank) for rank, mime in enumerate(
    ("text/plain", "image/png", "text/markdown", "text/html", "application/vnd.vegalite.v5+json"), start=10)]


def add_notebook_builder(app) -> None:
    from kazbook.notebooks.builder import NotebookBuilder
    from kazbook.notebooks.doctree import mark_cell_breaks

    app.setup_extension("sphinx_markdown_builder")
    app.add_builder(NotebookBuilder)
    # Its own words ("Rubric.") come from the book's "kazbook" catalog (kazbook/catalogs.py).
    app.connect("source-read", mark_cell_breaks)
    app.connect("config-inited", _add_priorities)


def _add_priorities(app, config) -> None:
    config.nb_mime_priority_overrides = list(config.nb_mime_priority_overrides) + _PRIORITIES
