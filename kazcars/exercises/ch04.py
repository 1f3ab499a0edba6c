"""Chapter 4 checks (crisis, devaluations and the float, 2014-2016). Each expected answer is
computed from ``data/`` when checked; nothing is typed in."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register
from kazcars.data import load
from kazcars.market import oica_sales as _oica_kz
from kazcars.market import oica_sales as _oica_kz_sales
from kazcars.market import pct_change as _pct_change


def _step(year: int) -> tuple[float, float, float]:
    """Rate before, rate after and the quoted fall for the devaluation of ``year``."""
    dev = load("devaluations")
    row = dev[dev.date.dt.year == year].iloc[0]
    return float(row.rate_before), float(row.rate_after), float(row.fall_percent)


def _tenge_fall(year: int) -> float:
    before, after, _ = _step(year)
    return (1 - before / after) * 100


def _dollar_rise(year: int) -> float:
    before, after, _ = _step(year)
    return (after / before - 1) * 100


def _share(period_label: str) -> float:
    share = load("local_share").set_index("period_label")
    return float(share.at[period_label, "share_percent"])


# Exercise: two steps compound, February 2014 and August 2015 ---------------------------------
def _two_steps() -> float:
    return (_step(2015)[1] / _step(2014)[0] - 1) * 100


register("ch04_dollar_rise_two_steps", NumberCheck(
    expected=_two_steps,
    what="the rise in the price of a dollar in tenge from just before 11 February 2014 to just after 20 August 2015, in percent",
    alternatives=percent_slips() + (
        Alternative(lambda t: _dollar_rise(2014) + _dollar_rise(2015),
                    "You added the two steps' percentages; percentage rises compound, and the rate also moved "
                    "between the steps. Divide the last rate (after August 2015) by the first (before February "
                    "2014), then subtract 1."),
        Alternative(lambda t: ((1 + _dollar_rise(2014) / 100) * (1 + _dollar_rise(2015) / 100) - 1) * 100,
                    "You multiplied the two steps' factors, which leaves out how the rate moved between the steps; "
                    "divide the last rate (after August 2015) by the first (before February 2014)."),
        Alternative(lambda t: (1 - _step(2014)[0] / _step(2015)[1]) * 100,
                    "That is the fall of the tenge's value in dollars; the question asks how much more tenge a dollar cost."),
        Alternative(lambda t: _step(2015)[1] - _step(2014)[0],
                    "That is the change in tenge per dollar, not in percent: divide it by the first rate."),
        Alternative(lambda t: _dollar_rise(2015), "That is the August 2015 step only; start from the rate before February 2014."),
        Alternative(lambda t: (_step(2015)[1] / _step(2014)[1] - 1) * 100,
                    "That starts from the rate after the February 2014 step; start from the rate before it."),
    ),
))

# Exercise: the way back after the collapse of the market --------------------------------------
register("ch04_sales_recovery_needed", NumberCheck(
    expected=lambda: _pct_change(_oica_kz_sales(2016), _oica_kz_sales(2014)),
    what="the percent rise from the 2016 sales level needed to get back to the 2014 level (OICA, passenger plus commercial)",
    alternatives=percent_slips() + (
        Alternative(lambda t: -_pct_change(_oica_kz_sales(2014), _oica_kz_sales(2016)),
                    "That is the size of the fall from 2014 to 2016 (base 2014). The way back starts from the smaller "
                    "2016 level: 2014 / 2016 - 1, in percent."),
        Alternative(lambda t: _pct_change(_oica_kz(2016, "passenger"), _oica_kz(2014, "passenger")),
                    "That uses passenger cars only; add the commercial vehicles for each year first."),
        Alternative(lambda t: _pct_change(_oica_kz_sales(2015), _oica_kz_sales(2014)),
                    "Right method, wrong year: that starts from 2015. Start from 2016, the low point."),
        Alternative(lambda t: _oica_kz_sales(2014) - _oica_kz_sales(2016),
                    "That is the gap in vehicles; give it in percent of the 2016 level."),
    ),
))

# Exercise: percentage points, January to June 2016 -----------------------------------------
register("ch04_share_rise_2016_pp", NumberCheck(
    expected=lambda: _share("Jun 2016") - _share("Jan 2016"),
    what="the rise in the local share of sales from January to June 2016, in percentage points",
    alternatives=(
        Alternative(lambda t: t / 100, "That is a fraction; the answer is in percentage points (multiply by 100)."),
        Alternative(lambda t: -t, "The share rose: subtract January from June."),
        Alternative(lambda t: _pct_change(_share("Jan 2016"), _share("Jun 2016")),
                    "That is the relative change in percent (June / January - 1). The question asks for the "
                    "difference in percentage points: June minus January."),
        Alternative(lambda t: _share("Jun 2016") / _share("Jan 2016"),
                    "That is the ratio of the two shares (a factor); subtract them instead to get percentage points."),
        Alternative(lambda t: _share("Mar 2016") - _share("Jan 2016"),
                    "That uses the seed article's March 2016 claim; use AKAB's June 2016 figure."),
    ),
))
