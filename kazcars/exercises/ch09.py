"""Chapter 9 checks (the tenge and prices). Each expected answer is computed from ``data/`` when checked."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.data import snapshot as _snapshot
from kazcars.fx import kzt_per_usd as _rate
from kazcars.fx import to_usd
from kazcars.market import pct_change


def _devaluation(year: int) -> tuple[float, float, float]:
    d = load("devaluations")
    row = d[d.date.dt.year == year].iloc[0]
    return float(row.rate_before), float(row.rate_after), float(row.fall_percent)


def _taxes_usd_mn(year: int) -> float:
    return to_usd(_snapshot("tax_2023_astana_motors") * 1e9, year) / 1e6


def _seed_usd_growth() -> float:
    usd_2010 = to_usd(_snapshot("out_2010_seed") * 1e9, 2010)
    usd_2015 = to_usd(_snapshot("out_2015_seed") * 1e9, 2015)
    return pct_change(usd_2010, usd_2015)


register("ch9_taxes_usd_2023", NumberCheck(
    expected=lambda: _taxes_usd_mn(2023),
    what="140 billion tenge in million US dollars at the 2023 average rate",
    rel_tol=0.005,
    alternatives=unit_slips("million US dollars") + (
        Alternative(lambda t: _taxes_usd_mn(2022), "Right size, wrong year: use the 2023 rate."),
        Alternative(lambda t: _taxes_usd_mn(2024), "Right size, wrong year: use the 2023 rate."),
        Alternative(lambda t: _snapshot("tax_2023_astana_motors") * 1e9 * _rate(2023) / 1e6,
                    "You multiplied by the rate; tenge ÷ (tenge per dollar) gives dollars."),
    ),
))

register("ch9_seed_growth_usd", NumberCheck(
    expected=_seed_usd_growth,
    what="the percent growth of the article's output figures measured in US dollars, 2010 to 2015",
    alternatives=percent_slips() + (
        Alternative(lambda t: (_snapshot("out_2015_seed") / _snapshot("out_2010_seed") - 1) * 100,
                    "That is the growth in tenge; convert each year's figure into dollars at its own year's rate first."),
        Alternative(lambda t: (_snapshot("out_2015_seed") / _snapshot("out_2010_seed") * _rate(2015) / _rate(2010) - 1) * 100,
                    "You multiplied by the rates; to get dollars, divide tenge by tenge per dollar."),
        Alternative(lambda t: (_snapshot("out_2015_seed") / _snapshot("out_2010_seed") - 1) * 100 / 5,
                    "That is a yearly average of the tenge growth; the question asks for the total growth in dollars."),
    ),
))

register("ch9_importer_cost_change", NumberCheck(
    expected=lambda: pct_change(_rate(2013), _rate(2016)),
    what="the percent rise in the tenge cost of a dollar-priced car from 2013 to 2016",
    alternatives=percent_slips() + (
        Alternative(lambda t: (1 - _rate(2013) / _rate(2016)) * 100,
                    "That is the fall of the tenge's value in dollars; the question asks how much the tenge cost rose (2016 rate / 2013 rate - 1)."),
        Alternative(lambda t: (_rate(2015) / _rate(2013) - 1) * 100, "Right kind of number, wrong year: go to 2016."),
        Alternative(lambda t: (_rate(2016) / _rate(2014) - 1) * 100, "Right kind of number, wrong year: start from 2013."),
    ),
))

register("ch9_tenge_fall_2015", NumberCheck(
    expected=lambda: (1 - _devaluation(2015)[0] / _devaluation(2015)[1]) * 100,
    what="the percent fall of the tenge's dollar value on 20 August 2015",
    rel_tol=0.005,
    alternatives=percent_slips() + (
        Alternative(lambda t: (_devaluation(2015)[1] / _devaluation(2015)[0] - 1) * 100,
                    "That is the rise in the dollar's price in tenge; the tenge's fall is 1 - before / after."),
        Alternative(lambda t: _devaluation(2015)[2],
                    "That is the percentage as quoted by the source; compute it from the two rates instead."),
        Alternative(lambda t: _devaluation(2015)[1] - _devaluation(2015)[0],
                    "That is the change in tenge per dollar, not a percent; divide by the rate after and multiply by 100."),
    ),
))
