"""The shared helpers that chapters and checks use (kazcars.fx, market, dates, plants,
reporters, show.table and data.snapshot), tested on the book's real data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import kazcars as kc
from kazcars import dates, fx, market, plants, reporters
from kazcars.data import snapshot
from kazcars.show import table


# kazcars.fx ---------------------------------------------------------------------------------
def test_annual_rates_cover_every_year_without_gaps():
    rates = fx.annual_rates()
    years = list(rates.index)
    assert years == list(range(min(years), max(years) + 1))
    assert rates.dtype == float and rates.notna().all()
    assert min(years) <= 1994 and max(years) >= 2025


def test_kzt_per_usd_is_the_world_bank_annual_average_not_the_nbk_column():
    table_ = kc.load("exchange_rates").set_index("year")
    assert fx.kzt_per_usd(2015) == float(table_.at[2015, "kzt_per_usd"])
    # The tenge floated in August 2015: the 2015 average lies between the old and new pegs.
    assert 185 < fx.kzt_per_usd(2015) < 255
    assert fx.kzt_per_usd(2016) > fx.kzt_per_usd(2013) * 2


def test_to_usd_divides_and_to_kzt_multiplies_by_the_rate_of_the_year():
    rate = fx.kzt_per_usd(2015)
    assert fx.to_usd(80e9, 2015) == 80e9 / rate
    assert fx.to_kzt(10_000, 2015) == 10_000 * rate
    assert fx.to_usd(fx.to_kzt(1234.5, 2009), 2009) == pytest.approx(1234.5, rel=1e-12)
    assert fx.to_usd(1e9, 2016) < fx.to_usd(1e9, 2013)  # the same tenge bought fewer dollars


@pytest.mark.parametrize("year", [1990, 2031, "2015", None, True])
def test_a_year_without_a_rate_is_named_with_the_table(year):
    with pytest.raises(ValueError) as err:
        fx.kzt_per_usd(year)
    assert repr(year) in str(err.value) and "exchange_rates" in str(err.value)
    with pytest.raises(ValueError):
        fx.to_usd(1.0, year)


# kazcars.market -----------------------------------------------------------------------------
def test_oica_rows_leave_out_the_national_totals_that_are_also_used_in_the_book():
    sales = kc.load("vehicle_sales")
    used_kz = sales[(sales.country == "Kazakhstan") & sales.used_in_book]
    assert used_kz.year.max() > 2023  # the trap: national 2024-2025 rows are used in the book too
    rows = market.oica_sales_rows()
    assert set(rows.source_ids) == {market.OICA_SALES}
    assert set(rows.vehicle_type) == {"passenger", "commercial"}
    assert rows.year.max() == 2023 and set(rows.country) == {"Kazakhstan"}
    assert rows.groupby("year").size().eq(2).all()  # one passenger and one commercial row a year
    everyone = market.oica_sales_rows(country=None)
    assert {"Kazakhstan", "Russia"} <= set(everyone.country)


def test_oica_sales_adds_passenger_and_commercial():
    for year in (2005, 2013, 2016, 2023):
        total = market.oica_sales(year)
        assert total == market.oica_sales(year, "passenger") + market.oica_sales(year, "commercial")
        assert total > market.oica_sales(year, "passenger") > 0
    # 2013 was the boom's peak, 2016 the trough after the float.
    assert market.oica_sales(2013) > 3 * market.oica_sales(2016)


def test_oica_sales_refuses_years_and_types_it_does_not_have():
    with pytest.raises(ValueError, match="2024.*2005 to 2023"):
        market.oica_sales(2024)
    with pytest.raises(ValueError, match="vehicle_type"):
        market.oica_sales(2015, "all")
    with pytest.raises(ValueError, match="Atlantis"):
        market.oica_sales_rows("Atlantis")


def test_national_and_book_sales():
    # KAU's 2023 figure is above OICA's total (chapters 5 and 8 measure the gap).
    assert market.national_sales(2023) > market.oica_sales(2023)
    assert market.book_sales(2024) == market.national_sales(2024)
    assert market.book_sales(2021) == market.oica_sales(2021)  # OICA's, not the Prime Minister's total
    with pytest.raises(ValueError, match="2022"):
        market.national_sales(2022)
    with pytest.raises(ValueError, match="1990"):
        market.book_sales(1990)


def test_period_sales_reads_one_count_per_period_and_scope():
    # The H1 2015 share in local_share (17.1 %) is these two counts divided.
    local, total = market.period_sales("H1 2015", "local_made"), market.period_sales("H1 2015", "all_new")
    share = kc.load("local_share").set_index("period_label").at["H1 2015", "share_percent"]
    assert round(local / total * 100, 1) == share
    assert market.period_sales("H1 2016", "all_new") < total  # the market kept shrinking
    with pytest.raises(ValueError, match="H1 2013"):
        market.period_sales("H1 2013", "local_made")
    with pytest.raises(ValueError, match="scope"):
        market.period_sales("H1 2015", "imported")


def test_quoted_change_is_the_printed_figure_and_base_from_change_inverts_it():
    change = market.quoted_change("H1 2015", "local_made")
    assert change < 0  # a fall is stored as a negative change
    local = market.period_sales("H1 2015", "local_made")
    base = market.base_from_change(local, change)
    assert market.pct_change(base, local) == pytest.approx(change)
    assert market.base_from_change(50, 100) == 25
    with pytest.raises(ValueError, match="no change"):
        market.quoted_change("H1 2015", "all_new")
    with pytest.raises(ValueError, match="-100"):
        market.base_from_change(10, -100)


def test_pct_change():
    assert market.pct_change(100, 150) == 50
    assert market.pct_change(200, 100) == -50
    old, new = market.oica_sales(2015), market.oica_sales(2016)
    assert market.pct_change(old, new) == (new / old - 1) * 100 < 0
    series = pd.Series([100.0, 110.0, 99.0])
    assert list(market.pct_change(series.shift(1), series).round(6).dropna()) == [10.0, -10.0]
    with pytest.raises(ValueError, match="base"):
        market.pct_change(0, 5)


def test_cagr():
    assert market.cagr(16, 80, 5) == pytest.approx(37.97, abs=0.01)
    assert market.cagr(100, 100 * 1.1 ** 3, 3) == pytest.approx(10)
    assert market.cagr(100, 50, 1) == pytest.approx(-50)
    first, last = fx.kzt_per_usd(1994), fx.kzt_per_usd(2009)
    assert (1 + market.cagr(first, last, 15) / 100) ** 15 * first == pytest.approx(last)
    for bad in (0, -1, True, "5"):
        with pytest.raises(ValueError, match="years"):
            market.cagr(16, 80, bad)
    with pytest.raises(ValueError, match="positive"):
        market.cagr(0, 80, 5)


# kazcars.dates ------------------------------------------------------------------------------
def test_year_of_reads_every_form_of_partial_date():
    assert dates.year_of("2002-12") == 2002
    assert dates.year_of("2010") == 2010
    assert dates.year_of("2020-12-21") == 2020
    for bad in ("12/2002", "2002-13", "20021", "", 2002, None):
        with pytest.raises(ValueError):
            dates.year_of(bad)


def test_year_of_a_column_keeps_missing_dates_missing():
    p = kc.load("plants")
    years = dates.year_of(p["opened"])
    assert years.isna().equals(p["opened"].isna()) and years.isna().any()
    assert (years.dropna() == p["opened"].dropna().str[:4].astype(int)).all()
    assert years.dropna().between(1990, 2030).all()
    with pytest.raises(ValueError, match="Dec 2002"):
        dates.year_of(pd.Series(["2002", "Dec 2002"]))


def test_mid_date_puts_a_partial_date_in_the_middle_of_its_period():
    assert dates.mid_date("2009") == "2009-07-01"
    assert dates.mid_date("2002-12") == "2002-12-15"
    assert dates.mid_date("2015-08-20") == "2015-08-20"
    with pytest.raises(ValueError):
        dates.mid_date("2002/12")
    for d in kc.load("policy_timeline")["date"]:  # every date of the timeline can be drawn
        when = pd.Timestamp(dates.mid_date(d))
        assert when.year == dates.year_of(d)


# kazcars.plants -----------------------------------------------------------------------------
def test_operating_counts_the_opening_and_the_closing_year():
    azia = kc.load("plants").set_index("plant_id").loc["azia_avto"]
    opened, closed = dates.year_of(azia.opened), dates.year_of(azia.closed)
    ids = lambda year: set(plants.operating(year).plant_id)  # noqa: E731
    assert "azia_avto" in ids(opened) and "azia_avto" in ids(closed)
    assert "azia_avto" not in ids(opened - 1) and "azia_avto" not in ids(closed + 1)


def test_operating_never_counts_a_plant_without_an_opening_date():
    p = kc.load("plants")
    undated = set(p.loc[p.opened.isna(), "plant_id"])
    assert undated
    for year in range(2000, 2027):
        assert not undated & set(plants.operating(year).plant_id)
    open_now = p[p.opened.notna() & p.closed.isna()]
    assert len(plants.operating(2100)) == len(open_now)
    with pytest.raises(ValueError, match="year"):
        plants.operating("2015")


# kazcars.data.snapshot ----------------------------------------------------------------------
def test_snapshot_values():
    # The seed article's claims: 16 bn tenge of output in 2010, 80 bn in 2015.
    assert snapshot("out_2010_seed") == 16
    assert snapshot("out_2015_seed") == 80
    assert isinstance(snapshot("emp_2024_car_plants"), float)
    with pytest.raises(ValueError, match="out_2015_seed"):
        snapshot("out_2015_sed")  # a typo gets the close match


# kazcars.reporters --------------------------------------------------------------------------
def test_reporting_body():
    assert reporters.reporting_body("inform_a2928342") == "body_akab"
    assert reporters.reporting_body("conway_automobiles_p4;book_authors") == "body_kazavtoprom"
    assert reporters.reporting_body("book_authors;strategy2050_10536") == "body_officials"
    assert reporters.reporting_body("fbc_ost37133") == "body_press"
    for bad in ("", None):
        with pytest.raises(ValueError):
            reporters.reporting_body(bad)


def test_every_local_share_row_has_a_labelled_reporter():
    share = kc.load("local_share")
    keys = {reporters.reporting_body(s) for s in share.source_ids}
    assert {"body_akab", "body_officials", "body_seed_article"} <= keys
    for key in keys:
        assert kc.label(key) and kc.label(key) != key


def test_reporting_body_agrees_with_chapter_4s_former_mapping_for_2014_to_2016():
    """Chapter 4 had its own, shorter mapping (first source only, KazAvtoProm by default)."""
    old = {"kazinform_2016_seed": "body_seed_article", "strategy2050_10536": "body_officials",
           "inform_a2928342": "body_akab", "daryo_2015_07_30": "body_akab"}
    share = kc.load("local_share")
    rows = share[share.year.between(2014, 2016)]
    assert len(rows) >= 5
    for ids in rows.source_ids:
        assert reporters.reporting_body(ids) == old.get(ids.split(";")[0], "body_kazavtoprom"), ids


# kazcars.show.table -------------------------------------------------------------------------
def test_show_table_blanks_missing_values_only():
    p = kc.load("plants")[["plant_id", "opened", "capacity_per_year"]]
    assert p.isna().any().any()
    shown = table(p)
    assert shown.shape == p.shape and not shown.isna().any().any()
    missing, present = p.isna().to_numpy(), p.notna().to_numpy()
    assert (shown.to_numpy()[missing] == "").all()
    assert list(shown.to_numpy()[present]) == list(p.astype(object).to_numpy()[present])
    assert (table(p, missing="–").to_numpy()[missing] == "–").all()
    with pytest.raises(TypeError):
        table(p["opened"])


def test_money_helpers_are_finite_for_every_year_of_the_rates():
    for year in fx.annual_rates().index:
        assert math.isfinite(fx.to_usd(1e9, int(year))) and fx.to_usd(1e9, int(year)) > 0


def test_a_frames_html_form_leaves_out_row_numbers_and_has_no_nameless_header():
    """Screen readers announce a header cell with no name as an empty header (axe:
    empty-table-header); row numbers 0, 1, 2 say nothing, as in the Markdown form."""
    import pandas as pd

    from kazcars.show import _frame_html

    numbered = _frame_html(pd.DataFrame({"year": [2015, 2016]}))
    assert "<th></th>" not in numbered and "<th>0</th>" not in numbered
    labelled = _frame_html(pd.DataFrame({"units": [1, 2]}, index=["Azia Avto", "SaryarkaAvtoProm"]))
    head = labelled.split("</thead>")[0]
    assert "<th></th>" not in head and "<td></td>" in head
    assert "<th>Azia Avto</th>" in labelled
