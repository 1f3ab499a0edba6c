"""The build's page-lightening steps change how fast a page opens, never what it shows or how a
keyboard reaches it: purged stylesheets style every element exactly as the full ones do, boxes
that scroll still get a tab stop, and sections skipped until the reader nears them still draw
their charts and take the reader to a linked heading.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from sitequality import axe_violations, draw_everything, edition_of, open_for_audit, pages_of, serious

from kazbook.slim.css import PURGED_PREFIX, unpurged_css_dir

STASH = unpurged_css_dir(ROOT / "_build" / ".doctrees")


def _purged_sheets(site: Path) -> list[Path]:
    return sorted(p for p in (site / "_static").rglob("*.css")
                  if p.read_text(encoding="utf-8").startswith(PURGED_PREFIX))


def test_the_themes_stylesheets_are_purged_and_their_full_copies_kept(built_site):
    sheets = _purged_sheets(built_site)
    names = {p.name for p in sheets}
    assert {"pydata-sphinx-theme.css", "sphinx-design.min.css", "basic.css", "theme.css"} <= names, names
    for sheet in sheets:
        full = STASH / sheet.relative_to(built_site)
        assert full.exists(), f"no full copy of {sheet.name}"
    theme = built_site / "_static" / "styles" / "pydata-sphinx-theme.css"
    full_theme = STASH / theme.relative_to(built_site)
    assert theme.stat().st_size < full_theme.stat().st_size / 2
    # theme.css carries basic.css inline: no @import chain before the first paint.
    assert "@import" not in (built_site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")


def _screenshot(browser, url: str, full: bool, viewport: dict, scheme: str, action=None) -> bytes:
    """The whole page as the reader sees it, with the purged stylesheets or (full=True) the
    full ones the build kept, every section and chart drawn."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()

    def serve_full(route):
        url = route.request.url.split("?")[0].split("#")[0]
        stash = STASH / url[url.index("/_static/") + 1:]
        if stash.exists():
            route.fulfill(status=200, content_type="text/css", body=stash.read_bytes())
        else:
            route.continue_()

    if full:
        page.route("**/_static/**/*.css*", serve_full)
    page.goto(url, wait_until="load")
    draw_everything(page)
    if action:
        action(page)
    page.wait_for_timeout(400)
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    context.close()
    return png


#: Chromium's rasteriser may shade the anti-aliased edge of a rounded corner or shadow a few
#: levels apart from one load to the next (seen: up to 11 of 255); a rule the purge lost changes
#: a pixel by far more (a missing tooltip arrow: about 200).
NOISE = 24


def _difference(a: bytes, b: bytes) -> str | None:
    """None if the two screenshots have the same pixels (within NOISE), else where they differ."""
    if a == b:
        return None
    import io

    from PIL import Image, ImageChops

    first, second = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return f"page size {first.size} with the full stylesheets, {second.size} purged"
    box = ImageChops.difference(first, second).point(lambda v: 255 if v > NOISE else 0).getbbox()
    if box is None:
        return None
    # A single hairline (one pixel wide or tall: seen once, the left edge of one code block on a
    # phone, in every try of one run) is the rasteriser placing an edge at another subpixel. A
    # rule the purge lost changes more than one line of pixels: a border has four sides and
    # recurs on every box it styles.
    left, top, right, bottom = box
    if right - left <= 1 or bottom - top <= 1:
        return None
    return f"pixels differ in the box {box} (left, top, right, bottom)"


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 412, "height": 823}


def _open_download_menu(page):
    page.locator(".dropdown-download-buttons .dropdown-toggle").first.click()


def _open_search(page):
    page.keyboard.press("Control+k")


def _open_site_navigation(page):
    page.locator("button.primary-toggle:visible").first.click()


STATES = [("desktop, light", DESKTOP, "light", None), ("desktop, dark", DESKTOP, "dark", None),
          ("phone, light", PHONE, "light", None)]
CHAPTER_STATES = [("download menu open", DESKTOP, "light", _open_download_menu),
                  ("search dialog open, dark", DESKTOP, "dark", _open_search),
                  ("phone, site navigation open", PHONE, "light", _open_site_navigation)]


def test_purged_stylesheets_draw_every_page_exactly_as_the_full_ones(browser, gzip_site_url, built_site):
    """Every page, whole, on a desktop in light and dark mode and on a phone (a translation's
    page on a desktop in light mode), and a chapter with the theme's menu, search dialog and phone
    navigation open: the same pixels with the purged stylesheets as with the full ones."""
    problems = []
    pages = pages_of(built_site) + ["search.html?q=tenge", "genindex.html"]
    chapter = next(p for p in pages if p.startswith("chapters/"))
    # A translation's pages hold the same elements as their English twins (the purge keeps a
    # rule by the elements it styles, not by words): each is drawn once, on a desktop in light
    # mode, to catch an element only it has; the other states are the source edition's.
    cases = [(rel, *state) for rel in pages
             for state in (STATES if edition_of(built_site, rel) == "" else STATES[:1])]
    cases += [(chapter, *state) for state in CHAPTER_STATES]
    for rel, label, viewport, scheme, action in cases:
        url = f"{gzip_site_url}/{rel}"
        # A difference the stylesheets cause shows in every try; one a busy machine causes (a
        # transition caught midway) does not.
        for _ in range(3):
            full = _screenshot(browser, url, True, viewport, scheme, action)
            purged = _screenshot(browser, url, False, viewport, scheme, action)
            difference = _difference(full, purged)
            if difference is None:
                break
        if difference:
            problems.append(f"{rel} ({label}), in three tries: {difference}")
    assert problems == [], "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone(browser, gzip_site_url, built_site):
    """Wide charts, tables and code scroll inside their own boxes; long URLs break."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = []
    for rel in pages_of(built_site):
        page.goto(f"{gzip_site_url}/{rel}", wait_until="load")
        draw_everything(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{rel}: {width}px wide on a {PHONE['width']}px screen")
    context.close()
    assert wide == [], "\n".join(wide)


def test_a_box_that_scrolls_gets_a_tab_stop_and_one_that_does_not_gets_none(browser, gzip_site_url, built_site):
    """The theme's rule (tabindex 0 when a code block or output scrolls, -1 when not), now set
    as the browser lays each box out: checked on a phone, where long code lines scroll, for
    every box of a chapter as the reader scrolls through it."""
    chapter = next(p for p in pages_of(built_site) if p.startswith("chapters/"))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{gzip_site_url}/{chapter}", wait_until="load")
    boxes = page.locator("pre, .cell_output > .output")
    assert boxes.count() > 5
    seen = {"0": 0, "-1": 0}
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        page.wait_for_timeout(50)
        scrolls = box.evaluate("e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight")
        # Every box starts with a tab stop; the measurement corrects it once the box is laid out.
        page.wait_for_function("([e, s]) => e.getAttribute('tabindex') === (s ? '0' : '-1')",
                               arg=[box.element_handle(), scrolls], timeout=5_000)
        tabindex = box.get_attribute("tabindex")
        assert tabindex == ("0" if scrolls else "-1"), f"box {i} scrolls={scrolls} but tabindex={tabindex}"
        seen[tabindex] += 1
    # Both kinds occur, so the check above has tested both branches.
    assert seen["0"] and seen["-1"], seen
    context.close()


#: What Tab must reach: the boxes that may scroll (the same list as kazbook/slim/static/kazbook-tabstops.js).
SCROLL_BOXES = ("pre, .cell_output > .output, .pst-scrollable-table-container, [data-kz-chart]")


def _tab_through(page, limit: int = 1500) -> None:
    """Press Tab from the top of the page until focus leaves the main content after having been
    in it; every focused element is marked, so a box counts if it or a descendant was focused."""
    page.evaluate("""() => {
        document.activeElement && document.activeElement.blur();
        window.scrollTo(0, 0);
        document.addEventListener('focusin', e => {
            e.target.dataset.kzFocused = '1';
            if (e.target.closest('#main-content')) window.kzEntered = true;
            else if (window.kzEntered) window.kzLeft = true;
        });
    }""")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if presses % 25 == 0 and page.evaluate("!!window.kzLeft"):
            return
    raise AssertionError(f"Tab did not leave the main content after {limit} presses")


def test_tab_reaches_every_box_that_scrolls_in_every_chapter(browser, gzip_site_url, built_site):
    """From the first paint, with sections far from the screen not yet laid out: Tab from the top
    of each chapter to its end reaches every box that scrolls (or something inside it)."""
    missed = []
    for rel in (p for p in pages_of(built_site) if p.startswith("chapters/")):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{gzip_site_url}/{rel}", wait_until="load")
        _tab_through(page)
        # Only now, after the walk, measure which boxes scroll (measuring lays the page out).
        draw_everything(page)
        missed += [f"{rel}: {m}" for m in page.evaluate(
            "sel => [...document.querySelectorAll('#main-content ' + sel.split(', ').join(', #main-content '))]"
            ".filter(e => !e.closest('.toggle-hidden'))"  # in a closed solution: reached once opened
            ".filter(e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight)"
            ".filter(e => !e.dataset.kzFocused && !e.querySelector('[data-kz-focused]'))"
            ".map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))", SCROLL_BOXES)]
        context.close()
    assert missed == [], "\n".join(missed)


def test_axe_finds_no_serious_violation_on_a_chapter_as_first_loaded(browser, gzip_site_url, built_site):
    """The audits in test_quality.py lay out every section first; a reader's first paint has the
    far sections skipped, and must be as accessible."""
    found = []
    for rel in (p for p in pages_of(built_site) if p.startswith("chapters/")):
        context, page, _, _ = open_for_audit(browser, f"{gzip_site_url}/{rel}", draw=False, viewport=PHONE)
        try:
            found += [f"{rel}: {v['id']} {v['targets']}" for v in serious(axe_violations(page))]
        finally:
            context.close()
    assert found == [], "\n".join(found)


def test_the_themes_whole_page_measuring_is_replaced_not_kept(built_site):
    script = (built_site / "_static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert 'window.addEventListener("load",' not in script.split("// kazbook:")[0]
    assert script.count("// kazbook: keyboard access to scrollable boxes") == 1


def test_skipped_sections_take_the_reader_to_a_linked_heading_and_draw_their_charts(
        browser, gzip_site_url, built_site):
    chapter = next(rel for rel in pages_of(built_site) if rel.startswith("chapters/")
                   and (built_site / rel).read_text(encoding="utf-8").count("data-kz-chart") >= 2)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{gzip_site_url}/{chapter}", wait_until="load")
    sections = page.locator(".bd-article > section > section")
    assert page.evaluate("getComputedStyle(document.querySelector('.bd-article > section > section'))"
                         ".contentVisibility") == "auto"
    last = sections.nth(sections.count() - 1).get_attribute("id")
    page.goto(f"{gzip_site_url}/{chapter}#{last}", wait_until="load")
    page.wait_for_timeout(500)
    top = page.evaluate(f"document.getElementById('{last}').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2, f"#{last} is at {top}px, not at the top of the screen"
    page.goto(f"{gzip_site_url}/{chapter}", wait_until="load")
    charts = page.locator("[data-kz-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("e => e.dataset.kzReady || e.dataset.kzError",
                               arg=charts.nth(i).element_handle(), timeout=30_000)
        assert charts.nth(i).get_attribute("data-kz-ready") == "1"
        box = charts.nth(i).locator("svg").first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
    context.close()


def test_audits_see_every_section_drawn(browser, gzip_site_url, built_site):
    """axe must check the whole page, not only the sections near the screen."""
    chapter = next(p for p in pages_of(built_site) if p.startswith("chapters/"))
    context, page, _, _ = open_for_audit(browser, f"{gzip_site_url}/{chapter}")
    try:
        skipped = page.evaluate("[...document.querySelectorAll('.bd-article section')]"
                                ".filter(s => getComputedStyle(s).contentVisibility !== 'visible').length")
        assert skipped == 0
    finally:
        context.close()
