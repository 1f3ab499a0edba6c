"""Tenge and US dollars: the annual average exchange rate and conversions at it.

The book converts a year's figure at the **annual average** official rate of the same year
(the World Bank's series, column ``kzt_per_usd`` of ``data/exchange_rates.csv``)::

    kc.fx.kzt_per_usd(2015)          # tenge per US dollar, 2015 average
    kc.fx.to_usd(80e9, 2015)         # 80 billion tenge in US dollars: 80e9 / kzt_per_usd(2015)
    kc.fx.to_kzt(10_000, 2013)       # 10,000 dollars in tenge: 10_000 * kzt_per_usd(2013)
"""

from __future__ import annotations

import pandas as pd

from kazcars.data import load

TABLE = "exchange_rates"


def annual_rates() -> pd.Series:
    """Tenge per US dollar, annual averages, as floats indexed by year (name ``kzt_per_usd``)."""
    return load(TABLE).set_index("year")["kzt_per_usd"].astype(float)


def kzt_per_usd(year: int) -> float:
    """The annual average number of tenge per US dollar in ``year``.

    Raises ``ValueError`` naming the year and the table when the table has no rate for it.
    """
    rates = annual_rates()
    try:
        found = year in rates.index
    except TypeError:
        found = False
    if isinstance(year, bool) or not found:
        raise ValueError(
            f"no annual average rate for the year {year!r} in the table {TABLE} "
            f"(data/{TABLE}.csv has the years {int(rates.index.min())} to {int(rates.index.max())})"
        )
    return float(rates[year])


def to_usd(kzt: float, year: int) -> float:
    """``kzt`` tenge in US dollars at the annual average rate of ``year``: ``kzt / kzt_per_usd(year)``."""
    return kzt / kzt_per_usd(year)


def to_kzt(usd: float, year: int) -> float:
    """``usd`` US dollars in tenge at the annual average rate of ``year``: ``usd * kzt_per_usd(year)``."""
    return usd * kzt_per_usd(year)
