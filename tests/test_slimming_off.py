"""With theme slimming (the extension `kazbook.slim`) switched off, the book still builds with
the strict flags, every page is there, every local link resolves, every page loads with the
network cut and no console error, draws every chart, marks its Kazakh and Russian text and shows
no missing-value marker. So a theme or Jupyter Book upgrade can start by switching slimming off
(its one line in _config.yml); the quality budgets (tests/test_quality.py) hold with it on."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from conftest import BIN, ROOT
from sitequality import dead_links, serve_gzipped
from test_build import unbuilt_toc_pages
from stage import real_warnings  # tools/stage.py: test_build puts tools/ on the path
from test_language_marking import unmarked_cyrillic
from test_missing_values import missing_value_cells
from sitequality import offline_problems, runtime_without_chart

SLIM = "kazbook.slim"


def without_slimming(config: dict, cache: str) -> dict:
    """_config.yml with the slimming extension's line removed, executing into ``cache``."""
    extensions = config["sphinx"]["extra_extensions"]
    assert SLIM in extensions, f"_config.yml switches {SLIM} on"
    config["sphinx"]["extra_extensions"] = [name for name in extensions if name != SLIM]
    config["execute"]["cache"] = cache
    return config


@pytest.fixture(scope="session")
def slimming_off_build(tmp_path_factory):
    """The book built with slimming off into its own folder. It shares the default build's
    execution cache (keyed on the code cells, data/ and kazcars/, none of which slimming
    touches), so no chapter runs again when the default build ran first. Without TeX
    (KAZBOOK_PDF=0) its pages link no PDF; the notebooks are not written into it, so links to
    them are left to tests/test_site_links.py on the default build."""
    out = tmp_path_factory.mktemp("slimming-off")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    copy = out / "_config.yml"
    copy.write_text(yaml.safe_dump(without_slimming(config, str(ROOT / "_build" / ".jupyter_cache")),
                                   allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(BIN / "jupyter-book"), "build", str(ROOT), "--config", str(copy),
                             "--path-output", str(out), "-n", "-W", "--keep-going"],
                            cwd=ROOT, env=dict(os.environ, KAZBOOK_PDF="0"), capture_output=True, text=True,
                            timeout=3000)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    assert real_warnings(log) == []
    return out / "_build" / "html"


def test_the_copy_differs_from_the_config_only_by_the_slimming_line():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    copy = without_slimming(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")), "cache")
    assert config["sphinx"]["extra_extensions"] == [*copy["sphinx"]["extra_extensions"], SLIM]
    del config["sphinx"]["extra_extensions"], copy["sphinx"]["extra_extensions"], copy["execute"]["cache"]
    assert copy == config


def test_without_slimming_the_pages_are_the_theme_s_own(slimming_off_build):
    # The switch must really be off: the theme's icon script is back and no stylesheet is purged.
    chapter = (slimming_off_build / "chapters" / "01-reading-the-news.html").read_text(encoding="utf-8")
    assert "fontawesome.js" in chapter
    assert not (slimming_off_build / "_static" / "kazbook" / "icons.css").exists()
    assert "Unused rules removed" not in (slimming_off_build / "_static" / "basic.css").read_text(encoding="utf-8")


def test_without_slimming_every_page_is_built_and_every_local_link_resolves(slimming_off_build):
    assert unbuilt_toc_pages(slimming_off_build) == []
    from kazbook.languages import translations

    # The notebooks and the other editions (their switch links) are made by other steps than
    # this one build; tests/test_site_links.py follows those links on the default build.
    elsewhere = ("notebooks/", *(f"{lang}/" for lang in translations(ROOT)))
    dead = [d for d in dead_links(slimming_off_build)
            if not any(part in d.split(" -> ", 1)[1] for part in elsewhere)]
    assert dead == []


def test_without_slimming_tables_show_no_missing_value_marker(slimming_off_build):
    assert missing_value_cells(slimming_off_build) == []


def test_without_slimming_every_page_loads_offline_and_draws_every_chart(slimming_off_build, browser):
    assert runtime_without_chart(slimming_off_build) == []
    with serve_gzipped(slimming_off_build) as url:
        problems, charts = offline_problems(browser, slimming_off_build, url)
    assert problems == []
    assert charts >= 2


def test_without_slimming_cyrillic_text_carries_its_language(slimming_off_build, browser):
    with serve_gzipped(slimming_off_build) as url:
        problems, marked = unmarked_cyrillic(browser, slimming_off_build, url)
    assert problems == [], "\n".join(problems)
    assert marked["kk"] > 20 and marked["ru"] > 5, marked
