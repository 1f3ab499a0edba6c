"""Chapter 1 checks. Each expected answer is computed from ``data/`` when checked.

The chapter's prose works out the article's compound growth rate, its 2015 output in dollars
and its market per vehicle; the exercises ask for other quantities from the same article, so
that no answer is printed above its exercise."""

from __future__ import annotations

import re

from kazcars.checks import Alternative, NumberCheck, register, unit_slips
from kazcars.data import load
from kazcars.fx import kzt_per_usd as _rate

CLAIMED_RATE = 62  # percent a year, the article's "average growth" (seed_claims, claim 15)


def _seed_value(claim_id: int) -> float:
    claims = load("seed_claims").set_index("claim_id")
    return float(claims.at[claim_id, "value"])


def _lifetime_output() -> tuple[float, float]:
    """The article's lifetime total (claim 9): thousand vehicles (its value) and billion tenge
    (only in its text)."""
    claims = load("seed_claims").set_index("claim_id")
    worth = re.search(r"worth ([\d.]+) bn tenge", claims.at[9, "text_en"])
    return _seed_value(9), float(worth.group(1))


register("ch1_factor_at_62", NumberCheck(
    expected=lambda: (1 + _seed_value(15) / 100) ** 5,
    what="the growth factor over five years at 62 % a year",
    alternatives=(
        Alternative(lambda t: 1 + 5 * CLAIMED_RATE / 100,
                    "That adds 62 % five times (simple growth); growth compounds: multiply by 1.62 five times, 1.62 ** 5."),
        Alternative(lambda t: (t - 1) * 100, "That is the total change in percent; the question asks for the factor (how many times)."),
        Alternative(lambda t: 1.62 ** 4, "Count the years again: from 2010 to 2015 there are five yearly steps."),
        Alternative(lambda t: 1.62 ** 6, "Count the years again: from 2010 to 2015 there are five yearly steps."),
        Alternative(lambda t: 16 * t, "That is the output in billion tenge after five years; divide by the start (16) for the factor."),
    ),
))

register("ch1_output_2010_usd_mn", NumberCheck(
    expected=lambda: 16e9 / _rate(2010) / 1e6,
    what="16 billion tenge in million US dollars at the 2010 average rate",
    alternatives=unit_slips("million US dollars") + (
        Alternative(lambda t: 16e9 / _rate(2015) / 1e6, "That uses the 2015 rate; the 16 billion tenge are for 2010, so use the 2010 rate."),
        Alternative(lambda t: 16e9 * _rate(2010) / 1e6, "You multiplied by the rate; tenge ÷ (tenge per dollar) gives dollars."),
    ),
))

register("ch1_value_per_vehicle", NumberCheck(
    expected=lambda: _lifetime_output()[1] * 1e9 / (_lifetime_output()[0] * 1e3) / 1e6,
    what="the average value per vehicle of the article's lifetime total, in million tenge",
    alternatives=unit_slips("million tenge") + (
        Alternative(lambda t: 1 / t, "You divided the vehicles by the value; divide the value (tenge) by the number of vehicles."),
    ),
))
