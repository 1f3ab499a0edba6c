"""Chapter 6 checks (the plants on the map). Each expected answer is computed from ``data/``
when checked; nothing is typed in."""

from __future__ import annotations

import pandas as pd

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.dates import year_of


def _plants() -> pd.DataFrame:
    plants = load("plants")
    plants["opened_year"] = year_of(plants["opened"])
    plants["closed_year"] = year_of(plants["closed"])
    return plants


def _n_plants() -> int:
    return len(load("plants"))


def _n_in_region(region: str) -> int:
    return int((load("plants").region_en == region).sum())


def _calendar_years(plant_id: str) -> int:
    p = _plants().set_index("plant_id")
    return int(p.at[plant_id, "closed_year"] - p.at[plant_id, "opened_year"] + 1)


def _capacity(status: str | None = "operating") -> float:
    plants = load("plants")
    if status:
        plants = plants[plants.status == status]
    return float(plants.capacity_per_year.sum())


register("ch06_operating_capacity", NumberCheck(
    expected=_capacity,
    what="the summed yearly capacity of the plants with status 'operating' whose capacity is known, in vehicles a year",
    alternatives=unit_slips("vehicles a year") + (
        Alternative(lambda t: _capacity(None),
                    "That adds the capacity of every plant; keep only those with status 'operating'."),
        Alternative(lambda t: float(load("plants").capacity_per_year.count()),
                    "That counts the plants with a known capacity; add their capacities instead."),
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
    whole=True,
    alternatives=(
        Alternative(lambda t: t - 1, "You subtracted the years; count both the first and the last year (add 1)."),
        Alternative(lambda t: t * 12, "Check the unit: that looks like months; the answer is in years."),
        Alternative(lambda t: (t - 1) * 12, "Check the unit: that looks like months; the answer is in calendar years."),
    ),
))
