"""The PDF edition, read back from the real PDF: every chapter title and Kazakh text in it,
no missing glyph, every font embedded, an image for every chart, no object repr, and every
internal reference resolved."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import HTML, ROOT, in_language, language_of

REPRS = ["alt.Chart(", "alt.LayerChart(", "LayerChart(...)", "interactive(children", "<IPython", "IntSlider(",
         "<Figure size", "object at 0x", "<kazcars."]


@pytest.fixture(scope="session")
def pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def chapter_titles(lang: str = "en") -> list[str]:
    from kazbook.project import chapters

    return [in_language(lang, re.search(r"^# (.+)$", md.read_text(encoding="utf-8"), flags=re.M).group(1),
                        md.relative_to(ROOT).with_suffix("").as_posix()) for md in chapters(ROOT)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_holds_every_chapter_title(pdf, pdf_text):
    text = _squash(pdf_text)
    missing = [t for t in chapter_titles(language_of(pdf)) if _squash(t) not in text]
    assert missing == []


def test_pdf_holds_kazakh_text_from_chapter_one(pdf, pdf_text):
    from kazcars import load

    text = _squash(pdf_text)
    first = load("seed_paragraphs").sort_values("segment").text_kk.iloc[0]
    # The article sits in a two-column table, so its lines break; its opening words do not.
    assert " ".join(first.split()[:4]) in text
    # The Kazakh edition leaves out the English chapters' Kazakh summary.
    summary = ("Қысқаша мазмұны",) if language_of(pdf) == "en" else ()
    for word in (*summary, "Өскемен", "Қостанай"):
        assert word in text
    assert set("ӘҒҚҢӨҰҮІ") <= set(pdf_text.upper())


def test_latex_log_has_no_missing_character(pdf):
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_every_font_is_embedded(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    not_embedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not_embedded == []


def test_every_chart_is_an_image_and_no_object_repr_is_printed(pdf, pdf_text):
    from kazbook.project import chapters

    n_charts = sum(md.read_text(encoding="utf-8").count("```{glue:figure}") for md in chapters(ROOT))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    n_images = sum(1 for line in images.splitlines()[2:] if line.split()[2] == "image")
    assert n_images >= n_charts >= 2
    assert [r for r in REPRS if r in pdf_text] == []


def test_internal_references_resolve(pdf):
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "There were undefined references" not in log
    assert not re.search(r"Reference `[^']+' on page \d+ undefined", log)
    assert not re.search(r"Hyper reference `[^']+' on page \d+ undefined", log)


def test_pdf_is_a_book_with_contents_parts_and_back_matter(pdf, pdf_text):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with open(pdf, "rb") as f:
        outlines = [title for level, title, *_ in PDFDocument(PDFParser(f)).get_outlines()]
    lang = language_of(pdf)
    assert len(outlines) >= len(chapter_titles(lang))
    text = _squash(pdf_text)
    # The contents are titled "Contents" in the edition's language (Sphinx would take the first
    # part's caption), and the back matter follows.
    headings = (in_language(lang, "Contents", "kazbook"), in_language(lang, "Glossary", "back/glossary"),
                in_language(lang, "Bibliography", "kazbook"), in_language(lang, "Data dictionary", "back/data-dictionary"))
    for heading in headings:
        assert heading.lower() in text.lower(), heading


def test_pdf_is_published_with_the_site(pdf):
    lang = language_of(pdf)
    site = HTML if lang == "en" else HTML / lang
    assert (site / pdf.name).read_bytes() == pdf.read_bytes()
    assert pdf.name in (site / "index.html").read_text(encoding="utf-8")


# --- What a reader of the paper sees: nothing cut at the margins, no pandas missing-value
# marker in a table, every chapter's references under its heading, no instruction to hover.

PT = 72 / 72.27  # a TeX point in PDF units (big points)
# pdfplumber's character boxes come from the font's bounding box, and TeX lets a glyph's ink
# overhang its box by a hair; a point and a half is well below a cut character.
TOLERANCE = 1.5


def text_block(log_text: str) -> dict[str, float]:
    """The text block that the preamble in _config.yml writes to the LaTeX log, in PDF units."""
    start = log_text.index("kazbook text block:")
    # TeX wraps its log at 79 characters without adding a space.
    record = log_text[start:start + 800].replace("\n", "")
    block = {key: float(value) * PT for key, value in re.findall(r"([a-z-]+)=(-?[\d.]+)pt", record)}
    assert {"odd-left", "even-left", "top", "width", "height", "footskip"} <= set(block), record
    return block


@pytest.fixture(scope="session")
def pdf_log(pdf) -> str:
    return pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def pdf_pages(pdf):
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        yield doc


def edges(page, block: dict[str, float], upright: bool = True) -> tuple[float, float, float, float]:
    """Left, right, top and bottom of the text block as pdfplumber reports the page. A landscape
    table's page (pdflscape) carries /Rotate 90, and pdfplumber reports it turned as a reader
    turns it: its body runs along the paper's height, while its running head and page number
    (not upright there) keep the paper's portrait frame, mapped by :func:`typeset_box`."""
    left = block["odd-left"] if page.page_number % 2 else block["even-left"]
    top = block["top"]
    if page.rotation == 90 and upright:
        height = page.width
        return height - top - block["height"], height - top, left, left + block["width"]
    return left, left + block["width"], top, top + block["height"]


def typeset_box(page, obj) -> tuple[float, float, float, float]:
    """x0, x1, top and baseline of a character (bottom of an image) in the frame of :func:`edges`."""
    base = page.height - obj["matrix"][5] if obj["object_type"] == "char" else obj["bottom"]
    if page.rotation == 90 and not obj.get("upright", True):
        height = page.width
        return obj["top"], obj["bottom"], height - obj["x1"], height - obj["x0"] - 0.25 * obj["size"]
    return obj["x0"], obj["x1"], obj["top"], base


def crossings(doc, block: dict[str, float]) -> list[str]:
    """Every character and image of the PDF that is not inside the text block; a character may
    sit wholly above it in the running head or wholly below it in the foot (page number and
    chapter title), on the paper."""
    assert {page.rotation for page in doc.pages} <= {0, 90}
    found = []
    for page in doc.pages:
        for kind, objects in (("char", page.chars), ("image", page.images)):
            for obj in objects:
                upright = obj.get("upright", True)
                left, right, top, bottom = edges(page, block, upright)
                x0, x1, y0, base = typeset_box(page, obj)
                paper = page.width if page.rotation == 90 and not upright else page.height
                inside_h = x0 >= left - TOLERANCE and x1 <= right + TOLERANCE
                # TeX's text block ends at the last line's baseline: descenders hang below it.
                inside_v = y0 >= top - TOLERANCE and base <= bottom + TOLERANCE
                in_head = kind == "char" and base <= top and y0 >= 18
                in_foot = kind == "char" and y0 >= bottom - TOLERANCE and base <= paper - 18
                if not (inside_h and (inside_v or in_head or in_foot)):
                    what = repr(obj["text"]) if kind == "char" else "image"
                    found.append(f"page {page.page_number}: {what} at x {x0:.1f}-{x1:.1f}, y {y0:.1f}-{base:.1f}")
    return found


def test_no_text_or_image_crosses_the_text_block(pdf_pages, pdf_log):
    """A wide table or a long id ran off the right edge of the page and was cut."""
    block = text_block(pdf_log)
    # A4 with Sphinx's 1in margins; the test measures against the log, this only guards the log.
    assert 440 < block["width"] < 460 and 60 < block["odd-left"] < 80
    found = crossings(pdf_pages, block)
    assert found == [], f"{len(found)} characters or images outside the text block, e.g. {found[:15]}"


# Cells of a table are further apart than the words of a sentence: 2 \tabcolsep = 12 pt between
# columns, where a stretched space in justified 11 pt text stays under 8 pt; and tables are set
# in type of 10 pt or less (kazbook/latex.py), some with columns only 5 pt apart.
CELL_GAP = 8.0
TABLE_TYPE, TABLE_CELL_GAP = 10.5, 4.5


def missing_value_cells(doc) -> list[str]:
    """Words that are a pandas missing-value marker standing alone as a table cell, as far from
    their neighbours on the line as a table's columns (or alone on it), so "None of the plants"
    in a sentence is not one. Code (monospaced) is not a table."""
    from conftest import MISSING_VALUE_MARKERS

    found = []
    for page in doc.pages:
        words = page.extract_words(extra_attrs=["fontname", "size"])
        for w in words:
            if w["text"] not in MISSING_VALUE_MARKERS or "Mono" in w["fontname"]:
                continue
            line = [v for v in words if v is not w and abs(v["top"] - w["top"]) < 2]
            gaps = [min((w["x0"] - v["x1"] for v in line if v["x1"] <= w["x0"] + 0.5), default=None),
                    min((v["x0"] - w["x1"] for v in line if v["x0"] >= w["x1"] - 0.5), default=None)]
            least = CELL_GAP if w["size"] > TABLE_TYPE else TABLE_CELL_GAP
            if all(g is None or g >= least for g in gaps):
                found.append(f"page {page.page_number}: {w['text']!r} at x {w['x0']:.0f}, y {w['top']:.0f}")
    return found


def test_no_table_cell_in_the_pdf_shows_a_missing_value_marker(pdf_pages):
    assert missing_value_cells(pdf_pages) == []


INTERACTIVE = re.compile(r"\b(hover(s|ing|ed)?|click(s|ing|ed|able)?|drag(s|ging|ged)?|sliders?|tap(s|ping|ped)?|"
                         r"move the controls?)\b", re.I)


def prose_sentences(doc, block: dict[str, float]) -> list[str]:
    """The PDF's sentences, without code (monospaced), running heads and page numbers."""
    top, bottom = block["top"] - TOLERANCE, block["top"] + block["height"] + TOLERANCE
    text = []
    for page in doc.pages:
        body = page.filter(lambda o: o.get("object_type") != "char" or (
            "Mono" not in o.get("fontname", "") and top <= o["top"] and o["bottom"] <= bottom))
        text.append(body.extract_text(x_tolerance=1.5) or "")
    joined = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", "\n".join(text))
    joined = re.sub(r"\s+", " ", joined)
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(\[])", joined)


def interactive_sentences(doc, block: dict[str, float]) -> list[str]:
    return [s for s in prose_sentences(doc, block)
            if INTERACTIVE.search(s) and "online edition" not in s.lower()]


def test_interactive_wording_sits_only_in_sentences_about_the_online_edition(pdf_pages, pdf_log):
    """Paper cannot be hovered over, clicked or dragged; the same words serve the web page
    only in a sentence that says it is about the online edition. Labels of chart controls are
    in the charts' images, and code is not prose."""
    found = interactive_sentences(pdf_pages, text_block(pdf_log))
    assert found == [], "\n".join(found)


def outline_targets(doc) -> list[tuple[int, str, int, float]]:
    """The PDF's bookmarks as (level, title, page index, distance of the target from the top
    of its page)."""
    from pdfminer.pdftypes import resolve1

    index = {page.page_obj.pageid: i for i, page in enumerate(doc.pages)}
    targets = []
    for level, title, dest, action, _ in doc.doc.get_outlines():
        if dest is None and action is not None:
            dest = resolve1(action).get("D")
        dest = resolve1(dest)
        if isinstance(dest, (bytes, str)):
            dest = resolve1(doc.doc.get_dest(dest))
        if isinstance(dest, dict):
            dest = resolve1(dest["D"])
        page_ref, kind, *args = dest
        i = index[page_ref.objid]
        y = args[1] if getattr(kind, "name", "") == "XYZ" and len(args) > 1 and args[1] is not None else None
        targets.append((level, title, i, 0.0 if y is None else doc.pages[i].height - y))
    return targets


def section_text(doc, targets, at: int) -> str:
    """The text from bookmark ``at`` to the next bookmark."""
    _, _, first_page, first_top = targets[at]
    _, _, last_page, last_top = targets[at + 1] if at + 1 < len(targets) else (0, "", len(doc.pages) - 1, 1e9)
    text = []
    for i in range(first_page, last_page + 1):
        page = doc.pages[i]
        top = first_top if i == first_page else 0
        bottom = min(last_top, page.height) if i == last_page else page.height
        if bottom > top:
            text.append(page.crop((0, top, page.width, bottom)).extract_text() or "")
    return "\n".join(text)


def cited_keys(md_text: str) -> set[str]:
    return {key.strip() for keys in re.findall(r"\{footcite(?::[pt])?\}`([^`]+)`", md_text) for key in keys.split(",")}


def test_every_chapters_references_heading_lists_its_references(pdf, pdf_pages):
    """LaTeX turns each citation into a footnote and left the chapter's "References" heading
    with nothing under it; each chapter lists its references there, numbered as the notes."""
    from kazbook.project import chapters

    targets = outline_targets(pdf_pages)
    titles = [t for _, t, _, _ in targets]
    short = {}
    lang = language_of(pdf)
    for md, title in zip(chapters(ROOT), chapter_titles(lang)):
        heading = in_language(lang, "References", md.relative_to(ROOT).with_suffix("").as_posix())
        at = next(i for i, t in enumerate(titles) if _squash(t) == _squash(title))
        level = targets[at][0]
        end = next((j for j in range(at + 1, len(targets)) if targets[j][0] <= level), len(targets))
        refs = [j for j in range(at + 1, end) if targets[j][1].strip() == heading]
        assert len(refs) == 1, f"{title}: {len(refs)} References headings"
        listed = {int(n) for n in re.findall(r"^\s*(\d+)\.\s", section_text(pdf_pages, targets, refs[0]), flags=re.M)}
        wanted = set(range(1, len(cited_keys(md.read_text(encoding="utf-8"))) + 1))
        if not wanted <= listed:
            short[md.name] = sorted(wanted - listed)
    assert short == {}, f"references missing under the heading: {short}"
