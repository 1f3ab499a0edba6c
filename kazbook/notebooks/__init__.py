"""Student and teacher notebooks from the chapters' MyST sources: ``python -m kazbook.notebooks``.

For every chapter in ``_toc.yml`` this writes

- a **teacher notebook**, the nbgrader source: each exercise's answer cell keeps the student's
  stub (``answer = ...`` and the instant ``kc.check``) with only the solution lines (and the
  solution's prose, as comments) between ``### BEGIN SOLUTION`` / ``### END SOLUTION``; after it
  a locked test cell that grades the value of ``answer`` against the expected value, written
  inside ``### BEGIN HIDDEN TESTS``; written questions (Markdown cells tagged
  ``written-answer`` in the chapter) become manually graded answer cells holding the rubric as
  their solution; the setup and data cells are locked. Executed, with outputs.
- a **student notebook**: exactly what nbgrader's ``generate_assignment`` makes of the teacher
  notebook with :data:`NBGRADER_CONFIG` (solutions and hidden tests removed, stubs kept, the
  same cell ids and nbgrader metadata), so a student notebook from the zip can be handed in and
  autograded. Saved without outputs.

Both carry the ``kazcars`` package and ``data/`` in their first cell (a zip, base64), so a
notebook opened alone works offline; the next cell installs whatever packages the Python it
runs in lacks (in Colab: Altair 6, vl-convert, frictionless). MyST-only syntax (glue,
citations, directives) becomes plain Markdown, with glued numbers filled in from the teacher
notebook's execution. Output: ``notebooks/`` in the repository (student notebooks, for Colab
links) and, with ``--site``, ``notebooks/`` in the built site with both audiences, the
teacher's ``nbgrader_config.py`` and a zip of each.
"""

from kazbook.notebooks.bundle import NEEDED, PACKED, bootstrap_cells, pack_book
from kazbook.notebooks.chapter import WRITTEN, build_pair
from kazbook.notebooks.myst import MystToMarkdown, NotebookError
from kazbook.notebooks.nbgrader import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION,
                                        NBGRADER_CONFIG, release)
from kazbook.notebooks.write import _pair_without_glue, execute, glued_values, make, write_all

__all__ = ["BEGIN_HIDDEN", "BEGIN_SOLUTION", "END_HIDDEN", "END_SOLUTION", "NBGRADER_CONFIG", "NEEDED", "PACKED",
           "WRITTEN", "MystToMarkdown", "NotebookError", "bootstrap_cells", "build_pair", "execute", "glued_values",
           "make", "pack_book", "release", "write_all", "_pair_without_glue"]
