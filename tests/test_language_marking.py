"""Kazakh and Russian text on the site carries its language (lang="kk" / lang="ru"), so a screen
reader reads it in the right voice: the passages the authors mark with {kk}/{ru}, and the text
written from data that no author touches (bibliography titles, table cells, outputs)."""

from __future__ import annotations

from sitequality import pages_of

# Every visible text node with a Cyrillic letter outside code, with the nearest lang around it.
CYRILLIC_TEXT = r"""() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!/[\u0400-\u04FF]/.test(node.textContent) || el.closest('script, style, pre, code, svg')) continue;
    const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
    out.push([lang, node.textContent.trim().slice(0, 60)]);
  }
  return out;
}"""
KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def unmarked_cyrillic(browser, site, site_url: str) -> tuple[list[str], dict[str, int]]:
    """Cyrillic passages of the built ``site`` (served at ``site_url``) without Kazakh or Russian
    as their language, or with Kazakh letters marked Russian; and how many carry each."""
    page = browser.new_page()
    problems, marked = [], {"kk": 0, "ru": 0}
    for rel in pages_of(site) + ["genindex.html"]:
        page.goto(f"{site_url}/{rel}", wait_until="load")
        for lang, text in page.evaluate(CYRILLIC_TEXT):
            if lang not in ("kk", "ru"):
                problems.append(f"{rel}: lang={lang!r} on {text!r}")
            elif lang == "ru" and KAZAKH_ONLY & set(text):
                problems.append(f"{rel}: Kazakh letters marked Russian: {text!r}")
            else:
                marked[lang] += 1
    page.close()
    return problems, marked


def test_every_cyrillic_passage_on_every_page_carries_kazakh_or_russian_as_its_language(
        browser, site_url, built_site):
    problems, marked = unmarked_cyrillic(browser, built_site, site_url)
    assert problems == [], "\n".join(problems)
    # Both languages occur (the seed article is Kazakh; several sources are Russian).
    assert marked["kk"] > 20 and marked["ru"] > 5, marked


def test_bibliography_titles_from_data_are_marked_by_their_letters_and_labels(browser, site_url, built_site):
    page = browser.new_page()
    page.goto(f"{site_url}/back/references.html", wait_until="load")
    spans = page.evaluate("[...document.querySelectorAll('.citation [lang]')].map(e => [e.lang, e.textContent])")
    page.close()
    assert any(lang == "kk" and KAZAKH_ONLY & set(text) for lang, text in spans), spans
    assert any(lang == "ru" for lang, _ in spans), spans


def test_a_name_labelled_kazakh_in_prose_is_marked_kazakh(browser, site_url, built_site):
    """«Азия-Авто» has no letter that tells Kazakh from Russian; the words before it do."""
    page = browser.new_page()
    page.goto(f"{site_url}/chapters/02-before-the-plants.html", wait_until="load")
    lang = page.evaluate("[...document.querySelectorAll('span[lang]')].find(e => e.textContent.includes('Азия-Авто'))?.lang")
    page.close()
    assert lang == "kk"


def test_the_language_of_a_run_comes_from_its_label_or_its_letters():
    from kazcars.language import language_of, mark_html_text, split_by_language

    assert language_of("мыңыншы көлігін") == "kk"
    assert language_of("Стальные тулпары") == "ru"
    assert language_of("«Азия-Авто»", before="Azia Avto (in Kazakh ") == "kk"
    assert language_of("ТОО «СарыаркаАвтоПром»", before="Russian: ") == "ru"
    text = "Kazakh: «Сарыарқа» · Russian: «Сарыарка» · English: SaryarkaAvtoProm"
    assert [lang for _, lang in split_by_language(text) if lang] == ["kk", "ru"]
    marked = mark_html_text('<style>td {color: red}</style><td>148 мың &amp; more</td><td>2015</td>')
    assert marked == ('<style>td {color: red}</style><td>148 <span lang="kk">мың</span> &amp; more</td>'
                      '<td>2015</td>')
