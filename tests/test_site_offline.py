"""The built site in a real browser with the network cut: every page loads cleanly, nothing
leaves the site, every chart draws, and a bound slider redraws its chart."""

from __future__ import annotations

from conftest import book_pages
from sitequality import CHART, DRAWN, offline_problems, open_offline, runtime_without_chart, unexpected_console


def test_every_page_loads_offline_with_no_errors_and_draws_every_chart(browser, site_url, built_site):
    assert len(book_pages(built_site)) >= 4
    problems, total_charts = offline_problems(browser, built_site, site_url)
    assert problems == []
    assert total_charts >= 2


def test_site_opened_from_a_folder_draws_its_charts(browser, built_site):
    chapter = built_site / "chapters" / "01-reading-the-news.html"
    context, page, outside, errors, charts = open_offline(browser, chapter.as_uri(), None)
    assert charts >= 2
    assert page.locator(DRAWN).count() == charts
    assert outside == [] and unexpected_console(errors) == []
    context.close()


def test_moving_a_bound_slider_changes_the_chart(browser, site_url):
    context, page, outside, errors, charts = open_offline(
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


def test_chart_runtime_is_loaded_only_by_pages_with_charts(built_site):
    assert runtime_without_chart(built_site) == []
