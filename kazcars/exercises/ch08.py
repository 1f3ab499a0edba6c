"""Chapter 8 checks (the market). Each expected answer is computed from ``data/`` when checked."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, cagr_slips, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.market import cagr_over, national_sales, oica_sales as _total


def _passenger(year: int) -> float:
    return _total(year, "passenger")


def _population(year: int, country: str = "Kazakhstan") -> float:
    pop = load("population")
    return float(pop[(pop.country == country) & (pop.year == year)].population.iloc[0])


def _kau_2023() -> float:
    """The Kazakhstan Automobile Union's 2023 total, the national figure for that year."""
    return national_sales(2023)


register("ch8_cagr_2005_2013", NumberCheck(
    expected=lambda: cagr_over(_total, 2005, 2013),
    what="the compound annual growth rate of new-vehicle sales from 2005 to 2013, in percent a year",
    alternatives=percent_slips() + cagr_slips(_total, 2005, 2013) + (
        Alternative(lambda t: cagr_over(_passenger, 2005, 2013), "That is passenger cars only; use passenger plus commercial."),
    ),
))

register("ch8_index_2016_base_2023", NumberCheck(
    expected=lambda: _total(2023) / _total(2016) * 100,
    what="the 2023 value of the sales index rebased to 2016 = 100",
    alternatives=(
        Alternative(lambda t: t / 100, "That is the ratio 2023 / 2016; an index multiplies it by 100."),
        Alternative(lambda t: t - 100, "That is the percent change since 2016; the index keeps the base at 100, so add 100."),
        Alternative(lambda t: 100 * 100 / t, "You divided the wrong way round: the index is 2023 / 2016 × 100."),
        Alternative(lambda t: _total(2023) / _total(2005) * 100, "That keeps the base year 2005; rebase to 2016 = 100."),
        Alternative(lambda t: _passenger(2023) / _passenger(2016) * 100, "That is passenger cars only; use passenger plus commercial."),
    ) + unit_slips("index points"),
))

register("ch8_per_1000_2021", NumberCheck(
    expected=lambda: _total(2021) / _population(2021) * 1000,
    what="new vehicles sold per thousand people in Kazakhstan in 2021",
    alternatives=(
        Alternative(lambda t: t / 1000, "That is per person; multiply by 1,000 for the unit, vehicles per thousand people."),
        Alternative(lambda t: t * 1000, "Check the unit: that is per million people; the answer is per thousand people."),
        Alternative(lambda t: _total(2021) / _population(2020) * 1000, "Right size, wrong year: use the 2021 population."),
        Alternative(lambda t: _passenger(2021) / _population(2021) * 1000, "That is passenger cars only; use passenger plus commercial."),
        Alternative(lambda t: _population(2021) / _total(2021), "You divided the wrong way round: vehicles ÷ population × 1,000."),
    ) + unit_slips("vehicles per thousand people")[2:],
))

register("ch8_kau_per_1000_2023", NumberCheck(
    expected=lambda: _kau_2023() / _population(2023) * 1000,
    what="new vehicles sold per thousand people in 2023 by the Kazakhstan Automobile Union's count",
    rel_tol=0.005,
    alternatives=(
        Alternative(lambda t: t / 1000, "That is per person; multiply by 1,000 for the unit, vehicles per thousand people."),
        Alternative(lambda t: t * 1000, "Check the unit: that is per million people; the answer is per thousand people."),
        Alternative(lambda t: _total(2023) / _population(2023) * 1000,
                    "That uses OICA's total (the chapter's figure); the question asks for KAU's count."),
        Alternative(lambda t: _population(2023) / _kau_2023(), "You divided the wrong way round: vehicles ÷ population × 1,000."),
    ),
))
