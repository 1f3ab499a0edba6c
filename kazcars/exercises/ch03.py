"""Chapter 3 checks (the Customs Union years, 2010-2014). Each expected answer is computed
from ``data/`` when checked; nothing is typed in."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.market import oica_sales as _oica_kz
from kazcars.market import oica_sales as _oica_kz_sales


def _production(year: int, vehicle_type: str) -> float:
    prod = load("production")
    rows = prod[(prod.year == year) & (prod.period == "full_year") & (prod.vehicle_type == vehicle_type)]
    if vehicle_type == "passenger":
        rows = rows[rows.used_in_book]
    return float(rows.units.sum())


def _share_2014(used: bool) -> float:
    share = load("local_share")
    rows = share[(share.year == 2014) & (share.used_in_book == used)]
    return float(rows.share_percent.iloc[0])


# Exercise: the boom, 2010 to 2012 ------------------------------------------------------------
register("ch03_sales_factor_2010_2012", NumberCheck(
    expected=lambda: _oica_kz_sales(2012) / _oica_kz_sales(2010),
    what="the growth factor of new-vehicle sales (passenger plus commercial) from 2010 to 2012",
    alternatives=(
        Alternative(lambda t: (t - 1) * 100,
                    "That is the percent change; the question asks for a factor (how many times), e.g. 2.5, not 150 %."),
        Alternative(lambda t: t * 100,
                    "That is the factor written in percent; give the plain number of times (divide by 100)."),
        Alternative(lambda t: _oica_kz(2012, "passenger") / _oica_kz(2010, "passenger"),
                    "That uses passenger cars only; add the commercial vehicles for each year first."),
        Alternative(lambda t: 1 / t,
                    "You divided 2010 by 2012; divide the 2012 total by the 2010 total."),
        Alternative(lambda t: _oica_kz_sales(2013) / _oica_kz_sales(2010),
                    "Right method, wrong year: that uses 2013. The question ends in 2012."),
        Alternative(lambda t: _oica_kz_sales(2011) / _oica_kz_sales(2010),
                    "Right method, wrong year: that uses 2011. The question ends in 2012."),
    ),
))


def _all_vehicles(year: int) -> float:
    return _production(year, "passenger") + _production(year, "commercial")


# Exercise: production growth 2012 -> 2013, cars and buses, and the seed article's "110-120 %" ----
register("ch03_all_production_growth_2012_2013", NumberCheck(
    expected=lambda: (_all_vehicles(2013) / _all_vehicles(2012) - 1) * 100,
    what="the percent growth of the ministry's figures for cars plus buses from 2012 to 2013",
    alternatives=percent_slips() + (
        Alternative(lambda t: (_production(2013, "passenger") / _production(2012, "passenger") - 1) * 100,
                    "That is the growth of passenger cars alone (the chapter's figure); add the buses to each year first."),
        Alternative(lambda t: (_production(2013, "commercial") / _production(2012, "commercial") - 1) * 100,
                    "That is the growth of buses alone; add the passenger cars to each year first."),
        Alternative(lambda t: _all_vehicles(2013) - _all_vehicles(2012),
                    "That is the change in vehicles, not in percent: divide it by the 2012 total."),
    ),
))

# Exercise: what does "every fourth" mean in cars? ---------------------------------------------
# (The chapter's text works the book's own 12 % through already; the exercise takes the other figure.)
register("ch03_local_cars_2014", NumberCheck(
    expected=lambda: _share_2014(False) / 100 * _oica_kz(2014, "passenger"),
    what="the number of locally assembled new passenger cars sold in 2014 if 'every fourth' held for the year",
    alternatives=unit_slips("passenger cars (single units)") + (
        Alternative(lambda t: _share_2014(True) / 100 * _oica_kz(2014, "passenger"),
                    "That uses the book's derived share of about 12 % (the row with used_in_book true); the question "
                    "asks for the minister's 'every fourth', the row with used_in_book false."),
        Alternative(lambda t: _share_2014(False) / 100 * _oica_kz_sales(2014),
                    "That includes commercial vehicles; the share is for cars, so use OICA's passenger cars only."),
        Alternative(lambda t: t * 100,
                    "You multiplied by the percent figure itself; convert the percent to a fraction first (divide by 100)."),
    ),
))
