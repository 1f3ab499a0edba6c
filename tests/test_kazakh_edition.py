"""The Kazakh edition as built by `make html` (``_build/html/kk/``, kazbook/languages.py): every
page says it is Kazakh, links to its English twin and back, shows the same glued numbers as its
twin in Kazakh style, has no English interface string, no long run of English prose and none of
the term base's forbidden variants. The budgets (Lighthouse, axe, page weight) and the offline
checks cover the Kazakh pages through their own tests' page lists; a glue role in a translated
paragraph is proved by building a one-page book in Kazakh."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from bs4 import BeautifulSoup, Comment

from conftest import ROOT
from kazbook.catalogs import INTERFACE_DOMAINS, read_catalog
from kazbook.interface import HARD_CODED
from kazbook.localise import in_style
from sitequality import pages_of
from test_build_failures import HEADER, build, mini_book  # noqa: F401 - mini_book is a fixture

LANG = "kk"
TERMS = ROOT / "tests" / "fixtures" / "sources" / "kazakh_terms.csv"
SEED = ROOT / "data" / "seed" / "kazinform_2016_car_assembly.kk.txt"
#: Not text of the page's language: code, scripts and what is marked with another language.
NOT_TEXT = "code, pre, script, style, kbd"
#: Nor prose to be translated: the sources' own titles (references, footnotes).
NOT_PROSE = f"{NOT_TEXT}, .citation, .footnote-list, [role=doc-footnote]"
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s:.()]+[A-Za-z][A-Za-z'’-]*){5,}")


@pytest.fixture(scope="session")
def kk_site(built_site) -> Path:
    site = built_site / LANG
    assert (site / "index.html").is_file(), "make html builds the Kazakh edition into _build/html/kk/"
    return site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _english_pages(site: Path) -> list[str]:
    return [rel for rel in pages_of(site) if not rel.startswith(f"{LANG}/")]


def _prose(soup: BeautifulSoup, leave_out: str = NOT_PROSE) -> list[str]:
    """The page's text nodes a reader reads in the page's language (not comments, not what
    ``leave_out`` selects, not what is marked with another language)."""
    for tag in soup.select(leave_out):
        tag.decompose()
    for tag in soup.select("[lang]"):
        if tag.name != "html" and tag.get("lang") != LANG:
            tag.decompose()
    body = soup.body or soup
    return [t for t in body.find_all(string=True) if t.strip() and not isinstance(t, Comment)]


def test_every_kazakh_page_is_declared_kazakh(kk_site):
    pages = pages_of(kk_site) + ["search.html", "genindex.html"]
    assert len(pages) >= 15
    wrong = [rel for rel in pages if _soup(kk_site / rel).html.get("lang") != LANG]
    assert wrong == []


def _switch(page: Path, lang: str) -> Path:
    links = _soup(page).select(f"a.kz-language-switch[hreflang={lang}]")
    assert len(links) == 1, f"{page}: {len(links)} switches to {lang}"
    return (page.parent / links[0]["href"]).resolve()


def test_the_language_switch_opens_the_same_page_and_comes_back(built_site, kk_site):
    """Relative links, so the switch works from a folder (file://) and from the USB zip."""
    for rel in _english_pages(built_site) + ["search.html", "genindex.html"]:
        english = built_site / rel
        assert _switch(english, LANG) == (kk_site / rel).resolve(), rel
        assert _switch(kk_site / rel, "en") == english.resolve(), rel
        assert not _soup(english).select("a.kz-language-switch")[0]["href"].startswith(("/", "http"))


def _glued(page: Path) -> Counter:
    soup = _soup(page)
    # The English pages' Kazakh summary (dropped from the Kazakh edition) glues numbers too.
    for summary in soup.select(".kazakh-summary"):
        summary.decompose()
    for strong in soup.find_all("strong"):
        paragraph = strong.find_parent("p")
        if paragraph and strong.get_text().startswith("Қысқаша мазмұны"):
            paragraph.decompose()
    return Counter(span.get_text() for span in soup.select("span.pasted-text"))


def test_every_glued_number_equals_its_english_twins_in_kazakh_style(built_site, kk_site):
    problems, total = [], 0
    for rel in _english_pages(built_site):
        english = Counter({in_style(text, LANG): n for text, n in _glued(built_site / rel).items()})
        kazakh = _glued(kk_site / rel)
        total += sum(kazakh.values())
        if english != kazakh:
            problems.append(f"{rel}: only in English {dict(english - kazakh)}, only in Kazakh {dict(kazakh - english)}")
    assert problems == [], "\n".join(problems)
    assert total >= 20


def _english_interface_strings() -> set[str]:
    strings = set(HARD_CODED)
    for domain in INTERFACE_DOMAINS:
        for message in read_catalog(ROOT / "locale" / LANG / "LC_MESSAGES" / f"{domain}.po"):
            if message.id and message.string and message.string != message.id and "%" not in message.id:
                strings.add(message.id.strip())
    # Labels with a number (sphinx-exercise's "Exercise 3", Sphinx's "Fig. 2").
    return strings


EXERCISE_LABEL = re.compile(r"^(Exercise|Solution to|Fig\.|Table|Listing|Section) \d")


def test_no_english_interface_string_is_left_on_a_kazakh_page(kk_site):
    english = _english_interface_strings()
    problems = []
    for rel in pages_of(kk_site) + ["search.html", "genindex.html"]:
        soup = _soup(kk_site / rel)
        attrs = {tag[a].strip() for a in ("title", "aria-label", "placeholder", "alt")
                 for tag in soup.find_all(attrs={a: True})}
        texts = {t.strip() for t in _prose(soup, NOT_TEXT)}
        left = sorted(s for s in texts | attrs if s in english or EXERCISE_LABEL.match(s))
        if left:
            problems.append(f"{rel}: {left}")
    assert problems == [], "\n".join(problems)


def test_no_run_of_six_english_words_outside_code_references_and_marked_spans(kk_site):
    problems = []
    for rel in pages_of(kk_site):
        for text in _prose(_soup(kk_site / rel)):
            for run in ENGLISH_RUN.findall(text):
                problems.append(f"{rel}: {run[:100]!r}")
    assert problems == [], f"{len(problems)} runs:\n" + "\n".join(problems[:60])


def _forbidden() -> list[tuple[str, re.Pattern]]:
    rows = list(csv.DictReader(TERMS.open(encoding="utf-8")))
    found = []
    for row in rows:
        for variant in re.split(r"[;/]", row["forbidden_kk"]):
            if variant.strip():
                found.append((f"{row['concept']}: {variant.strip()} (use {row['kk']})",
                              re.compile(rf"(?<!\w){re.escape(variant.strip())}", re.IGNORECASE)))
    return found


def _quoted_from_seed(text: str, start: int, seed: str) -> bool:
    """A quotation of the seed article keeps its words ("рынок" inside «…» of the seed)."""
    squash = " ".join(text.split())
    if squash in seed:
        return True
    opening, closing = text.rfind("«", 0, start), text.find("»", start)
    return opening >= 0 and closing > 0 and " ".join(text[opening + 1:closing].split()) in seed


def test_no_forbidden_variant_of_the_term_base_on_a_kazakh_page(kk_site):
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    forbidden = _forbidden()
    assert len(forbidden) >= 10
    problems = []
    for rel in pages_of(kk_site):
        for text in _prose(_soup(kk_site / rel)):
            for rule, pattern in forbidden:
                for match in pattern.finditer(text):
                    if not _quoted_from_seed(text, match.start(), seed):
                        problems.append(f"{rel}: {rule}: …{text[max(0, match.start() - 40):match.end() + 40]}…")
    assert problems == [], "\n".join(problems)


def test_the_kazakh_edition_drops_the_kazakh_summary_the_english_one_keeps(built_site, kk_site):
    page = "chapters/01-reading-the-news.html"
    assert "Қысқаша мазмұны" in (built_site / page).read_text(encoding="utf-8")
    assert "Қысқаша мазмұны" not in (kk_site / page).read_text(encoding="utf-8")


def test_a_translated_paragraph_keeps_its_glued_number_in_kazakh_style(mini_book):
    """A translator writes the glue role as in English; the build binds it to its page (a
    translated paragraph is parsed as a document of its own, which has no glue data)."""
    (mini_book / "probe.md").write_text(
        HEADER + 'from kazcars import glue\nglue("output", 12345.678, display=False)\n```\n\n'
        "Output was {glue:text}`output:,.1f` units in 2015.\n", encoding="utf-8")
    _kazakh_mini_book(mini_book)
    catalog = Catalog(locale=LANG)
    catalog.add("Probe", "Сынама")
    catalog.add("Output was {glue:text}`output:,.1f` units in 2015.",
                "2015 жылы өнім {glue:text}`output:,.1f` бірлік болды.")
    with (mini_book / "locale" / LANG / "LC_MESSAGES" / "probe.po").open("wb") as f:
        write_po(f, catalog, width=0)
    result = build(mini_book)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    html = (mini_book / "_build" / "html" / "probe.html").read_text(encoding="utf-8")
    assert '2015 жылы өнім <span class="pasted-text">12\u00a0345,7</span> бірлік болды.' in html


def test_an_untranslated_entry_fails_the_kazakh_build_naming_file_and_msgid(mini_book):
    (mini_book / "probe.md").write_text(HEADER + "```\n\nA sentence nobody translated.\n", encoding="utf-8")
    _kazakh_mini_book(mini_book)
    catalog = Catalog(locale=LANG)
    catalog.add("Probe", "Сынама")
    catalog.add("A sentence nobody translated.", "")
    with (mini_book / "locale" / LANG / "LC_MESSAGES" / "probe.po").open("wb") as f:
        write_po(f, catalog, width=0)
    result = build(mini_book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "locale/kk/LC_MESSAGES/probe.po: untranslated msgid 'A sentence nobody translated.'" in log


def _kazakh_mini_book(book: Path) -> None:
    """The one-page book in Kazakh, with the book's interface catalogs."""
    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["config"]["language"] = LANG
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    folder = book / "locale" / LANG / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for domain in INTERFACE_DOMAINS:
        (folder / f"{domain}.po").write_bytes((ROOT / "locale" / LANG / "LC_MESSAGES" / f"{domain}.po").read_bytes())


#: A four-digit number with a group separator (7 500): Kazakh groups from five digits.
FOUR_DIGITS_GROUPED = re.compile(r"^[-\u2212]?\d[\u00a0\u202f ]\d{3}(?![\d\u00a0\u202f ])")


def test_every_chart_on_a_kazakh_page_draws_with_kazakh_labels(browser, site_url, kk_site):
    """Drawn in a browser with the network cut: no chart word is a label's English where the
    label has its own Kazakh (data/labels.csv), the charts' text is Kazakh, and the numbers on
    their axes and legends are grouped as Kazakh groups them, from five digits (7500, 18 000;
    not 7 500). (A number a chart writes as a text mark is left to Vega's grouping.)"""
    from sitequality import DRAWN, open_offline

    with (ROOT / "data" / "labels.csv").open(encoding="utf-8") as f:
        english_only = {row["en"] for row in csv.DictReader(f)
                        if row["en"] != row[LANG] and re.search(r"[A-Za-z]{3}", row["en"])}
    problems, drawn_total = [], 0
    for rel in pages_of(kk_site):
        if "data-kz-chart" not in (kk_site / rel).read_text(encoding="utf-8"):
            continue
        context, page, outside, errors, charts = open_offline(browser, f"{site_url}/{LANG}/{rel}", site_url)
        drawn_total += page.locator(DRAWN).count()
        words = page.eval_on_selector_all(f"{DRAWN} svg text", "els => els.map(e => e.textContent.trim())")
        english = sorted({w for w in words if w in english_only})
        scales = page.eval_on_selector_all(f"{DRAWN} svg .role-axis-label text, {DRAWN} svg .role-legend-label text",
                                           "els => els.map(e => e.textContent.trim())")
        grouped_short = sorted({w for w in scales if FOUR_DIGITS_GROUPED.match(w)})
        if page.locator(DRAWN).count() != charts or english or outside or grouped_short:
            problems.append(f"{rel}: {page.locator(DRAWN).count()} of {charts} drawn, English labels {english}, "
                            f"four-digit numbers grouped {grouped_short}, requests outside {outside}")
        if not any(re.search(r"[а-яәғқңөұүһі]", w, re.I) for w in words):
            problems.append(f"{rel}: no Kazakh word in its charts")
        context.close()
    assert drawn_total >= 20 and problems == []
