"""Assembly plants over time: which ones were operating in a given year."""

from __future__ import annotations

import pandas as pd

from kazcars.data import load
from kazcars.dates import year_of


def operating(year: int, plants: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plants operating in ``year``: rows of the ``plants`` table (all of it unless given).

    A plant counts when its opening year is known and not later than ``year`` and it had not
    closed before ``year`` (``opened_year <= year`` and (no ``closed`` date or
    ``closed_year >= year``)). A plant with no opening date cannot be placed in time, so it is
    never counted.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"operating: year must be a whole number such as 2015, not {year!r}")
    plants = load("plants") if plants is None else plants
    opened, closed = year_of(plants["opened"]), year_of(plants["closed"])
    on = (opened <= year) & (closed.isna() | (closed >= year))
    return plants[on.fillna(False)]
