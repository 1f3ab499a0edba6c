"""Partial ISO dates, as the tables write them: ``"2002"``, ``"2002-12"`` or ``"2002-12-21"``.

A source often gives only a year or a month, and the tables keep just what it gives. These
helpers read such dates without inventing precision.
"""

from __future__ import annotations

import re

import pandas as pd

PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _check(value) -> str:
    if not isinstance(value, str) or not PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not a partial ISO date; write YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def year_of(date):
    """The year of a partial ISO date: ``year_of("2002-12") == 2002``.

    Given a pandas Series, returns a Series of years (``Int64``) in which a missing date stays
    missing. A value that is not a partial ISO date raises ``ValueError`` naming it.
    """
    if isinstance(date, pd.Series):
        for value in date.dropna():
            _check(value)
        return pd.to_numeric(date.str[:4])
    return int(_check(date)[:4])


def mid_date(partial: str) -> str:
    """Place a partial date in the middle of its period, as an ISO date for a chart's time axis.

    A year goes to 1 July (``"2009" -> "2009-07-01"``), a month to its 15th
    (``"2002-12" -> "2002-12-15"``); a full date stays as it is.
    """
    return {4: f"{partial}-07-01", 7: f"{partial}-15"}.get(len(_check(partial)), partial)
