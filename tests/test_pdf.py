"""The PDF edition, read back from the real PDF: every chapter title and Kazakh text in it,
no missing glyph, every font embedded, an image for every chart, no object repr, and every
internal reference resolved."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import HTML, PDF_DIR, PDF_NAME, ROOT

REPRS = ["alt.Chart(", "alt.LayerChart(", "LayerChart(...)", "interactive(children", "<IPython", "IntSlider(",
         "<Figure size", "object at 0x", "<kazcars."]


@pytest.fixture(scope="session")
def pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def chapter_titles() -> list[str]:
    from kazcars.notebooks import chapters

    return [re.search(r"^# (.+)$", md.read_text(encoding="utf-8"), flags=re.M).group(1) for md in chapters(ROOT)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_holds_every_chapter_title(pdf_text):
    text = _squash(pdf_text)
    missing = [t for t in chapter_titles() if _squash(t) not in text]
    assert missing == []


def test_pdf_holds_kazakh_text_from_chapter_one(pdf_text):
    from kazcars import load

    text = _squash(pdf_text)
    first = load("seed_paragraphs").sort_values("segment").text_kk.iloc[0]
    # The article sits in a two-column table, so its lines break; its opening words do not.
    assert " ".join(first.split()[:4]) in text
    for word in ("Қысқаша мазмұны", "Өскемен", "Қостанай"):
        assert word in text
    assert set("ӘҒҚҢӨҰҮІ") <= set(pdf_text.upper())


def test_latex_log_has_no_missing_character(pdf):
    log = (PDF_DIR / PDF_NAME.replace(".pdf", ".log")).read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_every_font_is_embedded(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    not_embedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not_embedded == []


def test_every_chart_is_an_image_and_no_object_repr_is_printed(pdf, pdf_text):
    from kazcars.notebooks import chapters

    n_charts = sum(md.read_text(encoding="utf-8").count("```{glue:figure}") for md in chapters(ROOT))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    n_images = sum(1 for line in images.splitlines()[2:] if line.split()[2] == "image")
    assert n_images >= n_charts >= 2
    assert [r for r in REPRS if r in pdf_text] == []


def test_internal_references_resolve(pdf):
    log = (PDF_DIR / PDF_NAME.replace(".pdf", ".log")).read_text(encoding="utf-8", errors="replace")
    assert "There were undefined references" not in log
    assert not re.search(r"Reference `[^']+' on page \d+ undefined", log)
    assert not re.search(r"Hyper reference `[^']+' on page \d+ undefined", log)


def test_pdf_is_a_book_with_contents_parts_and_back_matter(pdf, pdf_text):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with open(pdf, "rb") as f:
        outlines = [title for level, title, *_ in PDFDocument(PDFParser(f)).get_outlines()]
    assert len(outlines) >= len(chapter_titles())
    text = _squash(pdf_text)
    for heading in ("PART I", "Glossary", "Bibliography", "Data dictionary"):
        assert heading.lower() in text.lower()


def test_pdf_is_published_with_the_site(pdf):
    assert (HTML / PDF_NAME).read_bytes() == pdf.read_bytes()
    assert f'href="{PDF_NAME}"' in (HTML / "index.html").read_text(encoding="utf-8") or \
        PDF_NAME in (HTML / "index.html").read_text(encoding="utf-8")
