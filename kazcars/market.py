"""New-vehicle sales as the book uses them, and the two growth measures the chapters compute.

Sales: ``vehicle_sales`` keeps every source's figure. The book's long series is OICA's
(source ``oica_sales_via_jhelvy``, passenger and commercial vehicles, to 2023). Filtering on
``used_in_book`` alone is not enough to get it: the national totals for 2024 and 2025 are used
in the book too, so an OICA-only filter must also check the source id.

Part-year counts (a quarter, a half-year) sit in ``period_sales``: local-made cars sold and all
new cars sold, each with its counting body and, where the source gives one, the change it quotes.
"""

from __future__ import annotations

import numbers

import pandas as pd

from kazcars.data import load

TABLE = "vehicle_sales"
PERIOD_TABLE = "period_sales"
SCOPES = ("local_made", "all_new")
#: The source id of OICA's sales series, as the book uses it.
OICA_SALES = "oica_sales_via_jhelvy"
VEHICLE_TYPES = ("passenger", "commercial")


def oica_sales_rows(country: str | None = "Kazakhstan") -> pd.DataFrame:
    """OICA's sales rows that the book uses: one row per country, year and vehicle type.

    ``country=None`` keeps every country (Kazakhstan and its neighbours).
    """
    sales = load(TABLE)
    rows = sales[(sales.source_ids == OICA_SALES) & sales.used_in_book]
    if country is None:
        return rows
    if country not in set(rows.country):
        raise ValueError(f"the table {TABLE} has no OICA sales for the country {country!r}; "
                         f"it has {', '.join(sorted(set(rows.country)))}")
    return rows[rows.country == country]


def oica_sales(year: int, vehicle_type: str | None = None, country: str = "Kazakhstan") -> float:
    """OICA new-vehicle sales in ``year``: passenger plus commercial, or one ``vehicle_type``.

    Raises ``ValueError`` for a vehicle type other than passenger or commercial, and for a year
    OICA's series does not cover (naming the years it does).
    """
    if vehicle_type is not None and vehicle_type not in VEHICLE_TYPES:
        raise ValueError(f"vehicle_type must be None (both), 'passenger' or 'commercial', not {vehicle_type!r}")
    rows = oica_sales_rows(country)
    years = rows.year
    if year not in set(years):
        raise ValueError(f"the table {TABLE} has no OICA sales for {country} in {year!r} "
                         f"(OICA's series runs from {int(years.min())} to {int(years.max())})")
    rows = rows[rows.year == year]
    if vehicle_type is not None:
        rows = rows[rows.vehicle_type == vehicle_type]
    return float(rows.units.sum())


def national_sales(year: int) -> float:
    """The all-vehicle sales total for Kazakhstan in ``year`` from a national source (not OICA).

    For 2023 this is the Kazakhstan Automobile Union's figure, which the book compares with
    OICA's; for 2024 and 2025 it is the figure the book uses. Raises ``ValueError`` when the
    table has no such total for the year, or more than one.
    """
    sales = load(TABLE)
    rows = sales[(sales.country == "Kazakhstan") & (sales.vehicle_type == "all")]
    found = rows[rows.year == year]
    if len(found) != 1:
        raise ValueError(f"the table {TABLE} has {len(found)} all-vehicle totals for Kazakhstan in {year!r} "
                         f"(one is needed); it has them for {', '.join(map(str, sorted(set(rows.year))))}")
    return float(found.units.iloc[0])


def book_sales(year: int) -> float:
    """The sales figure the book uses for Kazakhstan in ``year``: the sum of its ``used_in_book`` rows.

    That is OICA's passenger plus commercial total up to 2023 and the national total after it.
    """
    sales = load(TABLE)
    rows = sales[(sales.country == "Kazakhstan") & (sales.year == year) & sales.used_in_book]
    if rows.empty:
        raise ValueError(f"the table {TABLE} has no sales figure used in the book for Kazakhstan in {year!r}")
    return float(rows.units.sum())


def _period_row(period_label: str, scope: str) -> pd.Series:
    if scope not in SCOPES:
        raise ValueError(f"scope must be 'local_made' or 'all_new', not {scope!r}")
    rows = load(PERIOD_TABLE)
    found = rows[(rows.period_label == period_label) & (rows.scope == scope) & rows.used_in_book]
    if len(found) != 1:
        have = rows[rows.scope == scope].period_label
        raise ValueError(f"the table {PERIOD_TABLE} has {len(found)} {scope} counts used in the book for "
                         f"{period_label!r} (one is needed); it has them for {', '.join(have)}")
    return found.iloc[0]


def period_sales(period_label: str, scope: str) -> int:
    """New cars sold in a part-year period such as ``"H1 2015"``: ``scope`` is ``"local_made"``
    (cars assembled in Kazakhstan) or ``"all_new"`` (all new cars), as the source counts them.

    Raises ``ValueError`` unless ``period_sales`` has exactly one such row used in the book.
    """
    return int(_period_row(period_label, scope).units)


def quoted_change(period_label: str, scope: str) -> float:
    """The change in percent that the source of a ``period_sales`` count quotes (negative for a
    fall), as printed, not recalculated. Raises ``ValueError`` if the source quotes none.
    """
    row = _period_row(period_label, scope)
    if pd.isna(row.change_percent):
        raise ValueError(f"the table {PERIOD_TABLE} quotes no change for the {scope} count of {period_label!r}")
    return float(row.change_percent)


def base_from_change(value, change_percent):
    """The earlier value implied by ``value`` and a quoted change in percent on it:
    ``value / (1 + change_percent / 100)`` (9,081 cars, 42.79 % down, came from about 15,873).

    Raises ``ValueError`` for a change of -100 % or less (nothing, or less, is left to divide by).
    """
    if change_percent <= -100:
        raise ValueError(f"base_from_change: a change of {change_percent} % leaves no base to recover")
    return value / (1 + change_percent / 100)


def _is_zero(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool) and x == 0


def pct_change(old, new):
    """The change from ``old`` to ``new`` in percent of ``old``: ``(new / old - 1) * 100``.

    Works on numbers and, element by element, on pandas Series. A base of zero raises
    ``ValueError`` (a change from nothing has no percentage).
    """
    if _is_zero(old):
        raise ValueError(f"pct_change: the base (old value) is 0, so the change from {old} to {new} has no percentage")
    return (new / old - 1) * 100


def cagr(first, last, years):
    """The compound annual growth rate in percent a year: ``((last / first) ** (1 / years) - 1) * 100``.

    ``years`` is the number of yearly steps (2015 - 2010 = 5), not the number of values.
    Raises ``ValueError`` unless ``years`` is positive and both values are positive.
    """
    if isinstance(years, bool) or not isinstance(years, numbers.Number) or years <= 0:
        raise ValueError(f"cagr: years must be a positive number of yearly steps, not {years!r}")
    if not (first > 0 and last > 0):
        raise ValueError(f"cagr: the first and last values must be positive, not {first!r} and {last!r}")
    return ((last / first) ** (1 / years) - 1) * 100


def cagr_over(value, first: int, last: int, years=None):
    """The compound annual growth rate of ``value(year)`` from ``first`` to ``last``, over
    ``last - first`` yearly steps unless ``years`` says otherwise (a slip an exercise checks for)."""
    return cagr(value(first), value(last), last - first if years is None else years)
