"""Chapter 6 checks (the plants on the map). Each expected answer is computed from ``data/``
when checked; nothing is typed in."""

from __future__ import annotations

import pandas as pd

from kazcars.checks import Alternative, NumberCheck, percent_slips, register
from kazcars.data import load
from kazcars.dates import year_of
from kazcars.plants import operating


def _plants() -> pd.DataFrame:
    plants = load("plants")
    plants["opened_year"] = year_of(plants["opened"])
    plants["closed_year"] = year_of(plants["closed"])
    return plants


def _operating(year: int) -> int:
    return len(operating(year))


def _no_opening_date() -> int:
    return int(_plants().opened_year.isna().sum())


def _n_plants() -> int:
    return len(load("plants"))


def _n_in_region(region: str) -> int:
    return int((load("plants").region_en == region).sum())


def _calendar_years(plant_id: str) -> int:
    p = _plants().set_index("plant_id")
    return int(p.at[plant_id, "closed_year"] - p.at[plant_id, "opened_year"] + 1)


register("ch06_operating_2015", NumberCheck(
    expected=lambda: _operating(2015),
    what="the number of plants operating in 2015",
    rel_tol=0.001,
    alternatives=(
        Alternative(lambda t: t + _no_opening_date(),
                    "You also counted plants whose opening date is not known; the data cannot say they operated in 2015."),
        Alternative(lambda t: _n_plants(), "That is every plant in the table; keep only those open in 2015."),
        Alternative(lambda t: _operating(2016), "Right idea, wrong year: use 2015."),
        Alternative(lambda t: t / _n_plants() * 100, "That is a percent of all plants; give the number of plants."),
        Alternative(lambda t: t / _n_plants(), "That is a fraction of all plants; give the number of plants."),
    ),
))

register("ch06_kostanay_share", NumberCheck(
    expected=lambda: _n_in_region("Kostanay Region") / _n_plants() * 100,
    what="the percentage of the table's plants that are in Kostanay Region",
    alternatives=percent_slips() + (
        Alternative(lambda t: _n_in_region("Kostanay Region"),
                    "That is the number of plants; divide by the number of plants in the table and multiply by 100."),
        Alternative(lambda t: _n_plants() / _n_in_region("Kostanay Region"),
                    "You divided the wrong way round: plants in the region ÷ all plants."),
    ),
))

register("ch06_azia_avto_years", NumberCheck(
    expected=lambda: _calendar_years("azia_avto"),
    what="the number of calendar years in which Azia Avto operated, counting the first and the last",
    rel_tol=0.001,
    alternatives=(
        Alternative(lambda t: t - 1, "You subtracted the years; count both the first and the last year (add 1)."),
        Alternative(lambda t: t * 12, "Check the unit: that looks like months; the answer is in years."),
        Alternative(lambda t: (t - 1) * 12, "Check the unit: that looks like months; the answer is in calendar years."),
    ),
))
