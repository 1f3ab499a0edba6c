"""The Kazakh edition's catalogs (locale/kk/LC_MESSAGES/, kazbook/catalogs.py): complete, kept
up to date with the English text (a changed paragraph turns fuzzy), free of text the build
writes from data/, their glue roles bound to their page, and glued numbers in Kazakh style.
No build: the tests that build the Kazakh site are in test_kazakh_edition.py."""

from __future__ import annotations

import hashlib
import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from conftest import ROOT
from kazbook.catalogs import INTERFACE_DOMAINS, gaps, incomplete, page_catalogs, read_catalog, update_catalogs, with_document
from kazbook.languages import book_languages, translations
from kazbook.localise import in_style

SOURCE_COPIES = ROOT / "tests" / "fixtures" / "sources"


def test_the_kazakh_catalogs_have_no_untranslated_or_fuzzy_entry():
    """Fails until the translators' work lands: the Kazakh build fails the same way."""
    found = incomplete("kk")
    summary = {path.relative_to(ROOT).as_posix(): len(entries) for path, entries in found.items()}
    assert found == {}, f"{sum(summary.values())} entries left: {summary}"


def test_every_page_has_a_catalog_in_every_translation():
    from kazbook.project import chapters

    pages = {p.relative_to(ROOT).with_suffix("").as_posix() for p in chapters(ROOT)} | {"index"}
    for lang in translations():
        assert pages <= set(page_catalogs(lang)), lang


def test_the_languages_are_listed_once_with_the_source_first():
    assert book_languages()[0] == "en" and "kk" in translations()
    # The Makefile and the build package take the list from _config.yml, never name a translation.
    assert not re.search(r"\bkk\b", (ROOT / "Makefile").read_text(encoding="utf-8"))


def _catalog(path, entries, lang=None):
    catalog = Catalog(locale=lang) if lang else Catalog()
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0)


def test_a_changed_english_paragraph_turns_its_kazakh_entry_fuzzy_and_a_new_one_untranslated(tmp_path):
    po = tmp_path / "locale" / "kk" / "LC_MESSAGES" / "chapters" / "x.po"
    _catalog(po, {"The plant opened in 2003.": "Зауыт 2003 жылы ашылды.", "Sales fell.": "Сатылым азайды."}, "kk")
    pots = tmp_path / "pot"
    _catalog(pots / "chapters" / "x.pot", {"The plant opened in 2004.": "", "Sales fell.": "", "A new line.": ""})
    update_catalogs(pots, "kk", tmp_path)
    assert sorted(gaps(po)) == [("fuzzy", "The plant opened in 2004."), ("untranslated", "A new line.")]
    kept = {m.id: m.string for m in read_catalog(po) if m.id}
    assert kept["Sales fell."] == "Сатылым азайды."


def test_a_translated_glue_role_is_bound_to_its_page():
    text = ("Бағам {glue:text}`rate_2015:.1f` теңге, {glue}`n` және {glue:text}`/other.md::k:,.0f`, "
            "зауыт саны {glue:text}`n_plants`.")
    assert with_document(text, "/chapters/01-x.md") == (
        "Бағам {glue:text}`/chapters/01-x.md::rate_2015:.1f` теңге, {glue}`/chapters/01-x.md::n` және "
        "{glue:text}`/other.md::k:,.0f`, зауыт саны {glue:text}`/chapters/01-x.md::n_plants:s`.")


def test_glued_numbers_print_in_kazakh_style():
    nbsp = "\u00a0"
    assert in_style("12,345.6", "kk") == f"12{nbsp}345,6"
    assert in_style("1,234,567", "kk") == f"1{nbsp}234{nbsp}567"
    assert in_style("1,500", "kk") == "1500"   # four digits: no space
    assert in_style("2015", "kk") == "2015"    # years: untouched
    assert in_style("38.2", "kk") == "38,2"
    assert in_style("12,345.6", "en") == "12,345.6"


def test_text_written_from_data_is_in_no_catalog():
    """The glossary, data dictionary and teachers' table come from data/ in the build's
    language; their text in a catalog would be translated twice. (`make catalogs` drops it.)"""
    from kazcars import load

    generated = set(load("glossary").term_en)
    for lang in translations():
        for domain, path in page_catalogs(lang).items():
            ids = {m.id for m in read_catalog(path) if m.id}
            assert not ids & generated, (path, sorted(ids & generated)[:5])


def test_interface_catalogs_are_complete_and_not_page_catalogs():
    for lang in translations():
        for domain in INTERFACE_DOMAINS:
            path = ROOT / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
            assert path.is_file() and gaps(path) == [], path


def test_the_term_base_copy_matches_its_recorded_hash():
    readme = (SOURCE_COPIES / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"`kazakh_terms\.csv`.*`([0-9a-f]{64})`", readme).group(1)
    assert hashlib.sha256((SOURCE_COPIES / "kazakh_terms.csv").read_bytes()).hexdigest() == recorded


def test_a_numbered_headings_translation_stays_one_paragraph_when_compiled(tmp_path):
    """Sphinx keeps a translation only if it parses as one paragraph; "2. Тараудан…" would be a
    list, and the heading would stay in English."""
    from babel.messages.mofile import read_mo

    from kazbook.catalogs import compile_edition

    (tmp_path / "page.md").write_text("### 2. Make an assignment\n\n2015 was a year.\n", encoding="utf-8")
    folder = tmp_path / "locale" / "kk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="kk")
    catalog.add("2. Make an assignment", "2. Тапсырма жасау")
    catalog.add("2015 was a year.", "2015 жыл болды.")
    with (folder / "page.po").open("wb") as f:
        write_po(f, catalog, width=0)
    compile_edition("kk", tmp_path / "out", tmp_path)
    with (tmp_path / "out" / "kk" / "LC_MESSAGES" / "page.mo").open("rb") as f:
        compiled = {m.id: m.string for m in read_mo(f) if m.id}
    assert compiled == {"2. Make an assignment": "2\\. Тапсырма жасау", "2015 was a year.": "2015 жыл болды."}


def test_text_kept_out_of_the_catalogs_keeps_its_language_spans_in_place():
    """Sphinx removes every inline with a "translatable" key (RemoveTranslatableInline) and puts
    its text at the end of the paragraph: the glossary's {en}/{ru} spans were lost so."""
    from docutils import nodes

    from kazbook.language import foreign
    from kazbook.localise import keep_out_of_catalogs

    span = foreign("", "Per capita", lang="en")
    paragraph = nodes.paragraph("", "", nodes.Text("Ағылшынша: "), span, nodes.Text("."))
    keep_out_of_catalogs(paragraph)
    assert paragraph["translatable"] is False and "translatable" not in span
