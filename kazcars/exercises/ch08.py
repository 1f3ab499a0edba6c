"""Chapter 8 checks (the market). Each expected answer is computed from ``data/`` when checked."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.market import national_sales, oica_sales as _total
from kazcars.market import pct_change as _change


def _passenger(year: int) -> float:
    return _total(year, "passenger")


def _population(year: int, country: str = "Kazakhstan") -> float:
    pop = load("population")
    return float(pop[(pop.country == country) & (pop.year == year)].population.iloc[0])


def _kau_2023() -> float:
    """The Kazakhstan Automobile Union's 2023 total, the national figure for that year."""
    return national_sales(2023)


register("ch8_growth_2016", NumberCheck(
    expected=lambda: _change(_total(2015), _total(2016)),
    what="the percent change in new-vehicle sales from 2015 to 2016",
    rel_tol=0.005,
    alternatives=percent_slips() + (
        Alternative(lambda t: _change(_total(2014), _total(2015)), "Right kind of number, wrong year: that is the change in 2015. Use 2016 over 2015."),
        Alternative(lambda t: _change(_total(2016), _total(2015)), "You divided the wrong way round: the base is the earlier year, 2015 (2016 / 2015 - 1)."),
        Alternative(lambda t: _change(_passenger(2015), _passenger(2016)), "That is passenger cars only; add the commercial vehicles for each year first."),
        Alternative(lambda t: -t, "Check the sign: sales fell in 2016, so the change is negative."),
    ),
))

register("ch8_index_2013", NumberCheck(
    expected=lambda: _total(2013) / _total(2005) * 100,
    what="the 2013 value of the sales index with 2005 = 100",
    alternatives=(
        Alternative(lambda t: t / 100, "That is the ratio 2013 / 2005; an index multiplies it by 100 (a fraction of the base, in percent)."),
        Alternative(lambda t: t - 100, "That is the percent change since 2005; the index keeps the base at 100, so add 100."),
        Alternative(lambda t: 100 * 100 / t, "You divided the wrong way round: the index is 2013 / 2005 × 100."),
        Alternative(lambda t: _passenger(2013) / _passenger(2005) * 100, "That is passenger cars only; use passenger plus commercial."),
    ) + unit_slips("index points"),
))

register("ch8_per_1000_2023", NumberCheck(
    expected=lambda: _total(2023) / _population(2023) * 1000,
    what="new vehicles sold per thousand people in Kazakhstan in 2023",
    alternatives=(
        Alternative(lambda t: t / 1000, "That is per person; multiply by 1,000 for the unit, vehicles per thousand people."),
        Alternative(lambda t: t * 1000, "Check the unit: that is per million people; the answer is per thousand people."),
        Alternative(lambda t: _total(2023) / _population(2022) * 1000, "Right size, wrong year: use the 2023 population."),
        Alternative(lambda t: _passenger(2023) / _population(2023) * 1000, "That is passenger cars only; use passenger plus commercial."),
        Alternative(lambda t: _population(2023) / _total(2023), "You divided the wrong way round: vehicles ÷ population × 1,000."),
    ) + unit_slips("vehicles per thousand people")[2:],
))

register("ch8_conflict_2023", NumberCheck(
    expected=lambda: _change(_total(2023), _kau_2023()),
    what="the percent by which KAU's 2023 figure exceeds OICA's total",
    alternatives=percent_slips() + (
        Alternative(lambda t: (1 - _total(2023) / _kau_2023()) * 100, "You took KAU's figure as the base; the question takes OICA's total as the base."),
        Alternative(lambda t: _change(_passenger(2023), _kau_2023()), "That compares KAU with OICA's passenger cars only; add OICA's commercial vehicles."),
        Alternative(lambda t: _kau_2023() - _total(2023), "That is the difference in vehicles; express it as a percent of OICA's total."),
    ),
))
