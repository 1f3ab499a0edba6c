"""Data look-ups that several chapters' checks share."""

from __future__ import annotations

from kazcars.data import load


OICA_SALES = "oica_sales_via_jhelvy"


def kzt_per_usd(year: int) -> float:
    return float(load("exchange_rates").set_index("year").at[year, "kzt_per_usd"])


def oica_kz_sales(year: int) -> float:
    """OICA new-vehicle sales in Kazakhstan, passenger plus commercial, as the book uses them."""
    sales = load("vehicle_sales")
    rows = sales[(sales.country == "Kazakhstan") & (sales.year == year) & sales.used_in_book
                 & (sales.source_ids == OICA_SALES)]
    return float(rows.units.sum())
