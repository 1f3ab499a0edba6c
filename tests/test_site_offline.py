"""The built site in a real browser with the network cut: every page loads cleanly, nothing
leaves the site, every chart draws, and a bound slider redraws its chart."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import book_pages
from sitequality import cut_the_network, draw_everything, same_origin

# Console lines known to be harmless, each with the reason it is allowed.
ALLOWED_CONSOLE = {
    # (none yet)
}

CHART = "[data-kz-chart]"
# Vega marks a drawn chart's container with role="graphics-document"; the SVG is inside it.
DRAWN = "[data-kz-chart][role='graphics-document'][data-kz-ready]:has(svg.marks)"


def _open(browser, url: str, site_origin: str | None):
    """Open a page with every request outside the site aborted and recorded."""
    context = browser.new_context()
    page = context.new_page()
    inside = (lambda target: urlparse(target).scheme == "file") if site_origin is None else same_origin(site_origin)
    outside, errors = cut_the_network(page, inside)
    # A missing file (a 404 for the favicon, say) is an error too, even where no console shows it.
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} for {r.url}"))
    page.goto(url, wait_until="load")
    charts = page.locator(CHART).count()
    # Charts draw as they near the screen; draw every one now (test_quality.py and
    # test_lighter_pages.py check that scrolling draws them too).
    draw_everything(page)
    return context, page, outside, errors, charts


def _unexpected(errors):
    return [e for e in errors if not any(allowed in e for allowed in ALLOWED_CONSOLE)]


def offline_problems(browser, site, site_url: str) -> tuple[list[str], int]:
    """Open every page of the built ``site`` served at ``site_url`` with the network cut: what
    went wrong on each (requests that left the site, console errors, charts not drawn), and
    how many charts the pages hold."""
    total_charts = 0
    problems = []
    for path in book_pages(site):
        rel = path.relative_to(site).as_posix()
        context, page, outside, errors, charts = _open(browser, f"{site_url}/{rel}", site_url)
        drawn = page.locator(DRAWN).count()
        failed = page.locator("[data-kz-chart][data-kz-error]").count()
        total_charts += charts
        if outside:
            problems.append(f"{rel}: requests left the site: {outside}")
        if _unexpected(errors):
            problems.append(f"{rel}: console errors: {_unexpected(errors)}")
        if drawn != charts or failed:
            problems.append(f"{rel}: {drawn} of {charts} charts drawn ({failed} failed)")
        context.close()
    return problems, total_charts


def test_every_page_loads_offline_with_no_errors_and_draws_every_chart(browser, site_url, built_site):
    assert len(book_pages(built_site)) >= 4
    problems, total_charts = offline_problems(browser, built_site, site_url)
    assert problems == []
    assert total_charts >= 2


def test_site_opened_from_a_folder_draws_its_charts(browser, built_site):
    chapter = built_site / "chapters" / "01-reading-the-news.html"
    context, page, outside, errors, charts = _open(browser, chapter.as_uri(), None)
    assert charts >= 2
    assert page.locator(DRAWN).count() == charts
    assert outside == [] and _unexpected(errors) == []
    context.close()


def test_moving_a_bound_slider_changes_the_chart(browser, site_url):
    context, page, outside, errors, charts = _open(
        browser, f"{site_url}/chapters/01-reading-the-news.html", site_url)
    chart = page.locator(CHART, has=page.locator("input[type='range']")).first
    assert chart.count() == 1, "chapter 1 has a chart with a bound slider"
    slider = chart.locator("input[type='range']").first
    before = chart.locator("svg").first.inner_html()
    lo, hi, value = slider.evaluate("el => [Number(el.min), Number(el.max), Number(el.value)]")
    new = lo if value != lo else hi
    slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", str(new))
    page.wait_for_timeout(500)
    after = chart.locator("svg").first.inner_html()
    assert after != before
    context.close()


def runtime_without_chart(site) -> list[str]:
    """Pages that load the chart runtime with no chart, or hold a chart without it."""
    return [path.relative_to(site).as_posix() for path in book_pages(site)
            if ("kazbook/vega.min.js" in (html := path.read_text(encoding="utf-8"))) != ("data-kz-chart" in html)]


def test_chart_runtime_is_loaded_only_by_pages_with_charts(built_site):
    assert runtime_without_chart(built_site) == []
