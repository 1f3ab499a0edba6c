"""Chapter 5 checks (the new wave, 2017 to today). Each expected answer is computed from
``data/`` when checked; nothing is typed in."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, cagr_slips, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.market import cagr_over, national_sales, oica_sales


def _production_all(year: int) -> float:
    """Full-year production of all vehicles, the row the book uses."""
    prod = load("production")
    rows = prod[(prod.year == year) & (prod.period == "full_year") & (prod.vehicle_type == "all") & prod.used_in_book]
    return float(rows.units.iloc[0])


def _production_oica(year: int, vehicle_type: str | None = None) -> float:
    prod = load("production")
    rows = prod[(prod.year == year) & (prod.period == "full_year") & (prod.body == "OICA")]
    if vehicle_type:
        rows = rows[rows.vehicle_type == vehicle_type]
    return float(rows.units.sum())


def _sales_kau_2023() -> float:
    """The Kazakhstan Automobile Union's 2023 total, the national figure for that year."""
    return national_sales(2023)


# Exercise: how fast did production grow, 2018-2025? ------------------------------------------
register("ch05_production_cagr_2018_2025", NumberCheck(
    expected=lambda: cagr_over(_production_all, 2018, 2025),
    what="the compound annual growth rate of vehicle production, 2018-2025, in percent a year",
    alternatives=percent_slips() + cagr_slips(_production_all, 2018, 2025),
))

# Exercise: KAU against OICA, sales 2023 ---------------------------------------------------------
register("ch05_sales_gap_2023_percent", NumberCheck(
    expected=lambda: (_sales_kau_2023() / oica_sales(2023) - 1) * 100,
    what="how many percent KAU's 2023 sales figure is above OICA's passenger plus commercial total",
    alternatives=percent_slips() + (
        Alternative(lambda t: (1 - oica_sales(2023) / _sales_kau_2023()) * 100,
                    "You used KAU's figure as the base. The question takes OICA as the base: KAU / OICA - 1, in percent."),
        Alternative(lambda t: _sales_kau_2023() - oica_sales(2023),
                    "That is the gap in vehicles; the question asks for it in percent of OICA's total."),
        Alternative(lambda t: (_sales_kau_2023() / oica_sales(2023, "passenger") - 1) * 100,
                    "That uses OICA's passenger cars only; add the commercial vehicles first."),
    ),
))

# Exercise: national statistics against OICA, production 2021 ----------------------------------
register("ch05_production_gap_2021", NumberCheck(
    expected=lambda: _production_all(2021) - _production_oica(2021),
    what="the national 2021 production figure minus OICA's passenger plus commercial total, in vehicles",
    alternatives=unit_slips("vehicles") + (
        Alternative(lambda t: -t, "Subtract OICA's total from the national figure (national minus OICA), not the other way."),
        Alternative(lambda t: _production_all(2021) - _production_oica(2021, "passenger"),
                    "That compares all vehicles with OICA's passenger cars only; add OICA's commercial vehicles first."),
        Alternative(lambda t: (_production_all(2021) / _production_oica(2021) - 1) * 100,
                    "That is the gap in percent; the question asks for it in vehicles."),
    ),
))
