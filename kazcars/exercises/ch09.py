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


def _tenge_bn_in_usd_mn(snapshot_id: str, year: int) -> float:
    return to_usd(_snapshot(snapshot_id) * 1e9, year) / 1e6


def _register_tenge_in_dollars(key: str, snapshot_id: str, year: int, what: str, wrong_years: dict[int, str]) -> None:
    """A check of billions of tenge (a snapshot) in million US dollars at ``year``'s average rate,
    with the slips of using another year's rate and of multiplying by the rate."""
    register(key, NumberCheck(
        expected=lambda: _tenge_bn_in_usd_mn(snapshot_id, year),
        what=what,
        rel_tol=0.005,
        alternatives=unit_slips("million US dollars") + tuple(
            Alternative(lambda t, other=other: _tenge_bn_in_usd_mn(snapshot_id, other), message)
            for other, message in wrong_years.items()) + (
            Alternative(lambda t: _snapshot(snapshot_id) * 1e9 * _rate(year) / 1e6,
                        "You multiplied by the rate; tenge ÷ (tenge per dollar) gives dollars."),
        ),
    ))


_register_tenge_in_dollars(
    "ch9_taxes_usd_2023", "tax_2023_astana_motors", 2023,
    "140 billion tenge in million US dollars at the 2023 average rate",
    {2022: "Right size, wrong year: use the 2023 rate.", 2024: "Right size, wrong year: use the 2023 rate."})

SEED_OUTPUT_2015 = "out_2015_seed"

_register_tenge_in_dollars(
    "ch9_seed_output_at_2016_rate", SEED_OUTPUT_2015, 2016,
    "the article's 80 billion tenge in million US dollars at the 2016 average rate",
    {2015: "That uses the 2015 rate (the chapter's figure); the question asks for the 2016 rate."})

register("ch9_importer_cost_2013_2023", NumberCheck(
    expected=lambda: pct_change(_rate(2013), _rate(2023)),
    what="the percent rise in the tenge cost of a dollar-priced car from 2013 to 2023",
    alternatives=percent_slips() + (
        Alternative(lambda t: (1 - _rate(2013) / _rate(2023)) * 100,
                    "That is the fall of the tenge's value in dollars; the question asks how much the tenge cost rose (2023 rate / 2013 rate - 1)."),
        Alternative(lambda t: pct_change(_rate(2013), _rate(2016)), "That ends in 2016 (the chapter's example); go on to 2023."),
        Alternative(lambda t: _rate(2023) - _rate(2013), "That is the rise in tenge per dollar, not in percent: divide it by the 2013 rate."),
    ),
))


def _implied_base(reading: str) -> float:
    """The rate before the February 2014 devaluation that would turn the quoted percentage into a
    true statement. (For the 2015 float the chapter's text already shows that the quoted figure
    is the tenge's fall from the official rate.)"""
    _, after, quoted = _devaluation(2014)
    return after * (1 - quoted / 100) if reading == "tenge_fall" else after / (1 + quoted / 100)


register("ch9_implied_base_rate_2014", NumberCheck(
    expected=lambda: _implied_base("tenge_fall"),
    what="the rate before the February 2014 devaluation, in tenge per US dollar, that makes the quoted percentage the tenge's fall",
    rel_tol=0.005,
    alternatives=unit_slips("tenge per US dollar") + (
        Alternative(lambda t: _implied_base("dollar_rise"),
                    "That reads the quoted figure as the dollar's rise (after / (1 + p)); the question reads it as "
                    "the tenge's fall: before = after × (1 - p)."),
        Alternative(lambda t: _devaluation(2014)[0], "That is the rate before the devaluation in the table; the question "
                    "asks which rate would make the quoted percentage true."),
        Alternative(lambda t: _devaluation(2014)[1] * _devaluation(2014)[2] / 100,
                    "That is the size of the fall in tenge; subtract it from the rate after (after × (1 - p))."),
    ),
))
