"""A chapter's resolved document as the pieces of a notebook: Markdown written from the page as
Sphinx resolved it (glued numbers, glossary terms, citations, cross-references, in the build's
language), and the code cells of the chapter's executed notebook, with their outputs, in order.

Markdown cells leave no trace in the document (myst-nb keeps only their text), so the
``source-read`` hook :func:`mark_cell_breaks` puts a comment after every ``+++`` cell break,
holding that cell's metadata (a written answer's tags and points)."""

from __future__ import annotations

import json
import re

import nbformat
from docutils import nodes
from sphinx.locale import get_translation

from kazbook.notebooks.errors import NotebookError

MARK = "kazbook-cell "
_BREAK = re.compile(r"^\+\+\+[ \t]*(\{.*\})?[ \t]*$", re.M)


def mark_cell_breaks(app, docname: str, source: list[str]) -> None:
    if not docname.startswith("chapters/"):
        return
    # The marker goes on the line after the break, so the page's line numbers shift by one per
    # break below it; a chapter has two or three.
    source[0] = _BREAK.sub(lambda m: f"{m.group(0)}\n% {MARK}{m.group(1) or '{}'}", source[0])


class Pieces:
    """What :func:`walk` finds, in document order: ``(state, cell)`` pairs, state being
    ``text``, ``exercise`` or ``solution``; ``("solution-end", None)`` closes a solution."""

    def __init__(self, render, executed, shown: list[int]):
        self.render = render  # nodes -> Markdown
        self.executed = executed
        self.shown = shown  # the code cells the page shows, by index
        self.items: list[tuple[str, object]] = []
        self.state = "text"
        self.blocks: list = []
        self.meta: dict = {}
        self.placed: set[int] = set()
        self.exercises = 0

    def flush(self) -> None:
        text = self.render(self.blocks).strip() if self.blocks else ""
        if text or self.meta:
            cell = nbformat.v4.new_markdown_cell(text)
            if self.meta:
                cell.metadata.update(self.meta)
            self.items.append((self.state, cell))
        self.blocks, self.meta = [], {}

    def heading(self, title: nodes.title, level: int) -> None:
        self.flush()
        text = self.render([nodes.paragraph("", "", *[c.deepcopy() for c in title.children])]).strip()
        self.blocks.append("#" * level + " " + text)

    def code(self, index: int) -> None:
        self.flush()
        # Cells the page leaves out (remove-cell: setup, plotting, glue) still run: each right
        # after the shown cell before it (the first ones before the first shown cell), as the
        # chapter's own code, never as an exercise's answer or solution.
        if not self.placed:
            self._hidden(-1, index)
        self.items.append((self.state, self._cell(index)))
        later = [i for i in self.shown if i > index]
        self._hidden(index, later[0] if later else len(self.executed.cells))

    def _hidden(self, after: int, before: int) -> None:
        for i in range(after + 1, before):
            if self.executed.cells[i].cell_type == "code" and i not in self.placed:
                self.items.append(("text", self._cell(i)))

    def _cell(self, index: int):
        source = self.executed.cells[index]
        cell = nbformat.v4.new_code_cell(source.source)
        if source.metadata.get("tags"):
            cell.metadata["tags"] = list(source.metadata["tags"])
        cell.outputs = [_for_jupyter(out) for out in source.get("outputs", [])]
        cell.execution_count = source.get("execution_count")
        self.placed.add(index)
        return cell

    def finish(self) -> list[tuple[str, object]]:
        self.flush()
        self._hidden(-1, len(self.executed.cells))  # a chapter with no shown code cell
        return self.items


_SITE_CHART = re.compile(r'<script type="application/json" class="kz-vega-spec">(.*?)</script>', re.S)


def _for_jupyter(output):
    """A chart the site's run drew for the book's page (its compiled Vega in a placeholder for
    the site's runtime) as kazcars draws it in Jupyter: Vega 5 for JupyterLab, the PNG beside."""
    from kazcars.charts import VEGA5_SCHEMA, VEGA_MIMETYPE

    data = output.get("data", {})
    m = _SITE_CHART.search(data.get("text/html", "")) if isinstance(data.get("text/html"), str) else None
    if not m:
        return output
    spec = json.loads(m.group(1).replace("<\\/", "</"))
    spec["$schema"] = VEGA5_SCHEMA
    bundle = {VEGA_MIMETYPE: spec, **{k: v for k, v in data.items() if k in ("image/png", "text/plain")}}
    return nbformat.v4.new_output(output["output_type"], data=bundle, metadata=output.get("metadata", {}))


def _is_code_cell(node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def _holds_structure(node) -> bool:
    return any(_is_code_cell(n) or n.tagname in ("exercise_enumerable_node", "solution_node")
               or (isinstance(n, nodes.comment) and n.astext().startswith(MARK))
               for n in node.findall(nodes.Element, include_self=False))


def walk(children, pieces: Pieces, level: int = 0) -> None:
    for child in children:
        if isinstance(child, nodes.section):
            pieces.heading(child[0], level + 1)
            walk([c for c in child.children if not isinstance(c, nodes.title)], pieces, level + 1)
        elif isinstance(child, nodes.comment) and child.astext().startswith(MARK):
            pieces.flush()
            meta = json.loads(child.astext()[len(MARK):])
            pieces.meta = {k: v for k, v in meta.items() if k in ("tags", "points")}
        elif _is_code_cell(child):
            pieces.code(child["cell_index"])
        elif child.tagname == "exercise_enumerable_node":
            _region(child, "exercise", pieces, level)
        elif child.tagname == "solution_node":
            _region(child, "solution", pieces, level)
            pieces.items.append(("solution-end", None))
        elif isinstance(child, (nodes.raw, nodes.comment, nodes.target, nodes.substitution_definition)):
            continue
        elif isinstance(child, nodes.Element) and _holds_structure(child):
            walk(child.children, pieces, level)
        else:
            pieces.blocks.append(child)


def _region(node, state: str, pieces: Pieces, level: int) -> None:
    if pieces.state != "text":
        raise NotebookError(f"a {state} inside a {pieces.state}")
    pieces.flush()
    pieces.state = state
    if state == "exercise":
        pieces.exercises += 1
        # "Exercise", as sphinx-exercise titles it in the build's language (its catalog's word when
        # the directive has no title: a translation's notebook and worksheet say «Жаттығу»).
        title = next((c.astext().strip() for c in node.children if c.tagname == "exercise_title"), "")
        pieces.blocks.append(f"### {title or get_translation('exercise')('Exercise')} {pieces.exercises}")
    for child in node.children:
        if child.tagname in ("exercise_title", "solution_title", "title"):
            continue
        # The directive's body is a section without a title: its content, at this level.
        walk([c for c in child.children if not isinstance(c, nodes.title)]
             if isinstance(child, nodes.section) else [child], pieces, level)
    pieces.flush()
    pieces.state = "text"
