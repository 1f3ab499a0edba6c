"""A student notebook on a school PC with no network and without vl-convert or frictionless:
charts go out as Vega-Lite (drawn by JupyterLab's own renderer) with their alt text and no
PNG; the site's renderer still needs vl-convert; the first cell goes on without the optional
packages, saying in one line what that changes, and still stops for a required one. (The data
checks without frictionless: tests/test_data_package.py runs every malformed case both ways.)"""

from __future__ import annotations

import sys
import tempfile

import altair as alt
import pytest

from kazcars import charts


def _chart(description: str | None = "Units by year.") -> dict:
    chart = alt.Chart(alt.Data(values=[{"year": 2015, "units": 3}])).mark_bar().encode(x="year:O", y="units:Q")
    return (chart.properties(description=description) if description else chart).to_dict()


@pytest.fixture()
def no_vl_convert(monkeypatch):
    monkeypatch.setitem(sys.modules, "vl_convert", None)
    assert not charts.has_vl_convert()


def test_without_vl_convert_a_chart_is_vega_lite_with_its_alt_text_and_no_png(no_vl_convert):
    spec = _chart()
    bundle = charts.notebook_renderer(spec)
    assert set(bundle) == {charts.VEGALITE_MIMETYPE, "text/plain"}
    assert charts.VEGALITE_MIMETYPE == "application/vnd.vegalite.v5+json"
    assert bundle["text/plain"] == "Units by year."
    shown = bundle[charts.VEGALITE_MIMETYPE]
    assert shown["$schema"] == charts.VEGALITE5_SCHEMA
    assert {k: v for k, v in shown.items() if k != "$schema"} == {k: v for k, v in spec.items() if k != "$schema"}
    assert spec["$schema"] != charts.VEGALITE5_SCHEMA, "the caller's spec is not changed"


def test_without_vl_convert_a_chart_without_alt_text_is_still_refused(no_vl_convert):
    with pytest.raises(charts.ChartError, match="has no description"):
        charts.notebook_renderer(_chart(description=None))


def test_with_vl_convert_a_chart_is_compiled_vega_with_a_png():
    pytest.importorskip("vl_convert")
    bundle = charts.notebook_renderer(_chart())
    assert set(bundle) == {charts.VEGA_MIMETYPE, "image/png", "text/plain"}


def test_the_site_renderer_still_needs_vl_convert(no_vl_convert, monkeypatch):
    # A build requirement: the site's charts are compiled Vega and the PDF's are PNGs.
    charts._vl_convert.cache_clear()
    try:
        with pytest.raises(ImportError):
            charts.site_renderer(_chart())
    finally:
        charts._vl_convert.cache_clear()


# --- The notebook's first cell -------------------------------------------------------------

class _Shell:
    """Stands in for IPython: records the %pip line and installs nothing (no network)."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append(f"%{name} {line}")


def _run_setup_cell(monkeypatch, tmp_path, needed: dict, optional: dict) -> tuple[_Shell, dict]:
    from kazbook.notebooks.bundle import pack_book, setup_source

    encoded, _ = pack_book()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setenv("KAZCARS_DATA", "unset")
    monkeypatch.setitem(sys.modules, "google.colab", None)  # not Colab
    shell = _Shell()
    namespace = {"get_ipython": lambda: shell, "_BOOK_ZIP": encoded}
    exec(setup_source(needed, optional, digest="test"), namespace)
    return shell, namespace


def test_the_first_cell_goes_on_without_an_optional_package_and_says_what_changes(monkeypatch, tmp_path, capsys):
    needed = {"pandas": ("pandas", 2), "no-such-chart-package": ("no-such-chart-package==1.0", 1)}
    _, namespace = _run_setup_cell(monkeypatch, tmp_path, needed, {"no-such-chart-package": "charts differ"})
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == ["Working without no-such-chart-package (could not install): charts differ."]
    assert (tmp_path / "kazcars-book-test" / "kazcars" / "__init__.py").exists(), "it unpacked the book"


def test_the_first_cell_still_stops_for_a_required_package(monkeypatch, tmp_path):
    needed = {"no-such-required-package": ("no-such-required-package==1.0", 1),
              "no-such-chart-package": ("no-such-chart-package==1.0", 1)}
    with pytest.raises(ImportError, match=r"This notebook needs: no-such-required-package==1\.0\. Install") as info:
        _run_setup_cell(monkeypatch, tmp_path, needed, {"no-such-chart-package": "charts differ"})
    assert "no-such-chart-package" not in str(info.value)


def test_the_first_cell_tries_to_install_every_missing_package_first(monkeypatch, tmp_path, capsys):
    needed = {"no-such-chart-package": ("no-such-chart-package==1.0", 1)}
    shell, _ = _run_setup_cell(monkeypatch, tmp_path, needed, {"no-such-chart-package": "charts differ"})
    assert shell.magics == ["%pip install -q no-such-chart-package==1.0"]


def test_the_optional_packages_are_the_ones_kazcars_can_do_without():
    from kazbook.notebooks.bundle import NEEDED, OPTIONAL

    assert set(OPTIONAL) == {"vl-convert-python", "frictionless"} and set(OPTIONAL) <= set(NEEDED)


# Altair says this whenever a selection is added to a concatenation, as chapter 8 does too.
@pytest.mark.filterwarnings("ignore:Automatically deduplicated selection parameter")
def test_without_vl_convert_selections_sit_in_their_views_and_sliders_stay_on_top(no_vl_convert):
    # JupyterLab 4's Vega-Lite 5 fails on Altair's top-level selections ("Duplicate signal
    # name"; tests/test_notebooks.py draws every chart there): each goes into the views it names.
    data = alt.Data(values=[{"year": 2015, "units": 3, "country": "KZ"}])
    pick = alt.selection_point(name="pick", fields=["country"], bind="legend")
    year = alt.param(name="year", value=2015, bind=alt.binding_range(min=2005, max=2025))
    base = alt.Chart(data).encode(x="year:O", y="units:Q", color="country:N")
    chart = (base.mark_line() | base.mark_point()).add_params(pick, year).properties(description="Two panels.")
    spec = chart.to_dict()
    assert any(p.get("views") for p in spec["params"]), "Altair puts the selection at the top"
    shown = charts.notebook_renderer(spec)[charts.VEGALITE_MIMETYPE]
    assert [p["name"] for p in shown["params"]] == [year.name]
    inner = [p for view in shown["hconcat"] for p in view.get("params", [])]
    assert [p["name"] for p in inner] == [pick.name, pick.name] and not any("views" in p for p in inner)
