"""The PDF: everything inside the text block (tests/test_pdf.py measures it), and each
chapter's references listed under its heading."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


# The text block of the PDF in pt: A4 less Sphinx's default 1in margins (sphinx.sty hmargin,
# vmargin); a table too wide for the page's width is set across its height, in landscape.
TEXT_WIDTH_PT = 452.0
TEXT_HEIGHT_PT = 700.0

# LaTeX's space between two columns of a table (2 \tabcolsep), and a narrower one for a
# table of many columns.
COLUMN_GAP_PT = 12.0
NARROW_GAP_PT = 5.0

# Type sizes a table may use, largest first: \small for every table, smaller when its longest
# unbreakable words need it.
TABLE_SIZES = ((r"\small", 10.0), (r"\footnotesize", 9.0), (r"\scriptsize", 8.0))

# A word longer than this (an id, a file path, a hash) gets places where a line may break.
LONG_WORD = 16
_BREAK_AFTER = re.compile(r"(?<=[_/;,@.:=&?#\-–])(?=\S)")
_CHUNK = 10
NOT_BROKEN = (nodes.title, nodes.caption, nodes.FixedTextElement, nodes.raw, nodes.comment,
              nodes.math, nodes.math_block)


def _unbreakable_pieces(word: str) -> list[str]:
    """``word`` cut where the PDF may break a line: after _ / ; , @ . : = & ? # - and inside
    long runs with none of them (hashes)."""
    if len(word) <= LONG_WORD:
        return [word]
    pieces = []
    for piece in _BREAK_AFTER.split(word):
        pieces += [piece[i:i + _CHUNK] for i in range(0, len(piece), _CHUNK)] if len(piece) > 2 * _CHUNK else [piece]
    return pieces


def _is_bare_url(node: nodes.Node) -> bool:
    # Sphinx prints a link whose text is its address with \sphinxurl, which breaks it itself.
    return isinstance(node, nodes.reference) and node.get("refuri") == node.astext()


def _long_words_may_break(doctree: nodes.document) -> None:
    """Let a line break inside long ids, paths and hashes (table cells, bibliography notes),
    which LaTeX would otherwise push past the right margin."""
    for text in list(doctree.findall(nodes.Text)):
        ancestor = text.parent
        while ancestor is not None and not isinstance(ancestor, NOT_BROKEN) and not _is_bare_url(ancestor):
            ancestor = ancestor.parent
        if ancestor is not None or text.parent is None:
            continue
        words = re.split(r"(\s+)", text.astext())
        if all(len(w) <= LONG_WORD for w in words):
            continue
        parts: list[nodes.Node] = []
        run = ""
        for word in words:
            pieces = _unbreakable_pieces(word)
            run += pieces[0]
            for piece in pieces[1:]:
                parts += [nodes.Text(run), nodes.raw("", r"\allowbreak{}", format="latex")]
                run = piece
        parts.append(nodes.Text(run))
        text.parent.replace(text, parts)


def _em(text: str) -> float:
    """Width of ``text`` in ems of DejaVu Serif: the font's mean advance widths (read with
    fontTools) of Latin capitals 0.74, Cyrillic capitals 0.83, digits and Cyrillic small letters
    0.64, Latin small letters 0.57, punctuation 0.37, each rounded up."""
    width = 0.0
    for c in text:
        if c.isupper():
            width += 0.84 if ord(c) >= 0x400 else 0.75
        elif c.isdigit() or ord(c) >= 0x400:
            width += 0.65
        elif c.isalpha():
            width += 0.58
        else:
            width += 0.4
    return width


def _column_widths(natural: list[float], shortest: list[float], room: float) -> list[float]:
    """Widths in ems: each column's longest text if all fit, else each column's longest
    unbreakable word plus a share of the rest in proportion to how much more it holds."""
    if sum(natural) <= room:
        return list(natural)
    spare = max(room - sum(shortest), 0.0)
    flex = [n - s for n, s in zip(natural, shortest)]
    return [s + spare * f / (sum(flex) or 1) for s, f in zip(shortest, flex)]


def _fit_table(table: nodes.table) -> None:
    """Type the table in a smaller size and, when its text is wider than the page, give its
    columns widths (wrapped, ragged right; see the preamble in _config.yml) that fit."""
    tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    n = len(colspecs)
    natural, shortest = [1.0] * n, [1.0] * n
    for part in tgroup.children:
        if not isinstance(part, (nodes.thead, nodes.tbody)):
            continue
        # Header cells are set in bold.
        bold = 1.1 if isinstance(part, nodes.thead) else 1.0
        for row in part.children:
            col = 0
            for entry in row.children:
                span = entry.get("morecols", 0) + 1
                words = entry.astext().split()
                if span == 1 and col < n and words:
                    natural[col] = max(natural[col], bold * _em(" ".join(words)))
                    shortest[col] = max(shortest[col], max(bold * _em(p) for w in words for p in _unbreakable_pieces(w)))
                col += span

    def room(layout) -> float:
        """Ems of type that the columns can hold side by side."""
        line, _, size, gap = layout
        return (line - n * gap) / size

    # Upright in smaller type, then with the columns closer together, and only then turned.
    layouts = [(TEXT_WIDTH_PT, command, size, COLUMN_GAP_PT) for command, size in TABLE_SIZES]
    layouts += [(TEXT_WIDTH_PT, command, size, NARROW_GAP_PT) for command, size in TABLE_SIZES[1:]]
    layouts += [(TEXT_HEIGHT_PT, command, size, COLUMN_GAP_PT) for command, size in TABLE_SIZES]
    layouts += [(TEXT_HEIGHT_PT, command, size, NARROW_GAP_PT) for command, size in TABLE_SIZES]
    layout = layouts[0]
    line, command, size, gap = layout
    if sum(natural) > room(layout):
        # A column narrower than its longest word would push that word past the margin.
        layout = next((lay for lay in layouts if 1.05 * sum(shortest) <= room(lay)), layouts[-1])
        line, command, size, gap = layout
        widths = _column_widths(natural, shortest, room(layout))
        # Sphinx's \X{a}{b} column is a/b of the line less the gap: shares that include the
        # gap leave each column the width of text it was given.
        for colspec, width in zip(colspecs, widths):
            colspec["colwidth"] = max(1, round(10 * (width * size + gap)))
        if "colwidths-given" not in table["classes"]:
            table["classes"].append("colwidths-given")
    begin, end = r"\par\begingroup" + command, r"\par\endgroup"
    if gap != COLUMN_GAP_PT:
        begin += r"\setlength{\tabcolsep}{%gpt}" % (gap / 2)
    if line == TEXT_HEIGHT_PT:
        begin, end = r"\begin{landscape}" + begin, end + r"\end{landscape}"
    parent = table.parent
    at = parent.index(table)
    parent.insert(at + 1, nodes.raw("", end, format="latex"))
    parent.insert(at, nodes.raw("", begin, format="latex"))


def _footnote_marks_apart(doctree: nodes.document) -> None:
    """Two citations in a row printed their marks as one number ("2003⁷⁸" for notes 7 and 8);
    a superscript comma keeps them apart, as on the web page."""
    from sphinx.builders.latex.nodes import footnotemark

    marks = (nodes.footnote, nodes.footnote_reference, footnotemark)
    for node in list(doctree.findall(lambda n: isinstance(n, marks))):
        parent = node.parent
        if not isinstance(parent, nodes.TextElement):
            continue
        following = parent.index(node) + 1
        if following < len(parent) and isinstance(parent[following], marks):
            parent.insert(following, nodes.raw("", r"\textsuperscript{,}", format="latex"))


def pdf_fits_the_page(app: Sphinx, doctree, docname) -> None:
    """In the PDF every table may run over a page break (LaTeX longtable: the article's
    side-by-side translation and the data dictionary are longer than a page) and fits the
    width of the text block, and so do long ids and runs of footnote marks."""
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        if not isinstance(table.parent, nodes.entry):
            _fit_table(table)
    # After the widths: they are measured on the cells' text.
    _long_words_may_break(doctree)
    _footnote_marks_apart(doctree)


def references_listed_under_their_heading(app: Sphinx, doctree) -> None:
    """LaTeX sets each {footcite} as a footnote on its own page and leaves the chapter's
    {footbibliography} empty, so the PDF's "References" heading had nothing under it. The PDF
    lists the chapter's references there too, numbered as their footnotes: a list inside an
    ``only`` node for LaTeX, so the page read once serves every builder (the site, the PDF and
    the notebooks share one environment)."""
    for box in list(doctree.findall(nodes.container)):
        notes = [c for c in box.children if isinstance(c, nodes.footnote)]
        if not notes or len(notes) != len(box.children):
            continue
        numbers = [int(note[0].astext()) for note in notes]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            logger.warning("[kazbook] footnotes under References are not numbered in order: %s", numbers,
                           location=box)
            continue
        listed = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", start=numbers[0])
        for note in notes:
            item = nodes.list_item()
            for child in note.children[1:]:
                copy = child.deepcopy()
                for element in copy.findall(nodes.Element):
                    element["ids"], element["names"] = [], []
                item += copy
            listed += item
        for_pdf = addnodes.only(expr="latex")
        for_pdf += listed
        box.parent.insert(box.parent.index(box) + 1, for_pdf)
