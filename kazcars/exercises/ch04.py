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


# Exercise: the tenge's fall at the float of 20 August 2015 ----------------------------------
register("ch04_tenge_fall_2015", NumberCheck(
    expected=lambda: _tenge_fall(2015),
    what="the fall of the tenge in dollar terms at the float of August 2015, in percent",
    alternatives=(
        Alternative(lambda t: t / 100, "That is a fraction; give the answer in percent (multiply by 100)."),
        Alternative(lambda t: -t, "Give the fall as a positive number of percent."),
        Alternative(lambda t: _dollar_rise(2015),
                    "That is the rise of the dollar in tenge (after / before - 1). The question asks how much less "
                    "one tenge buys: 1 - before / after, in percent."),
        Alternative(lambda t: _step(2015)[2],
                    "That is the figure quoted in the table, not your own calculation: compute it from rate_before "
                    "and rate_after."),
        Alternative(lambda t: _step(2015)[1] - _step(2015)[0],
                    "That is the change in tenge per dollar, not in percent."),
        Alternative(lambda t: _tenge_fall(2014), "Right formula, wrong step: that is February 2014. Use 20 August 2015."),
    ),
))

# Exercise: the collapse of the market, 2014 to 2016 ------------------------------------------
register("ch04_sales_change_2014_2016", NumberCheck(
    expected=lambda: _pct_change(_oica_kz_sales(2014), _oica_kz_sales(2016)),
    what="the percent change in OICA new-vehicle sales (passenger plus commercial) from 2014 to 2016",
    alternatives=percent_slips() + (
        Alternative(lambda t: -t, "A fall is a negative change: put a minus sign in front."),
        Alternative(lambda t: _pct_change(_oica_kz(2014, "passenger"), _oica_kz(2016, "passenger")),
                    "That uses passenger cars only; add the commercial vehicles for each year first."),
        Alternative(lambda t: _pct_change(_oica_kz_sales(2014), _oica_kz_sales(2015)),
                    "Right method, wrong years: that is 2014 to 2015. End in 2016."),
        Alternative(lambda t: _pct_change(_oica_kz_sales(2016), _oica_kz_sales(2014)),
                    "You went backwards: that is the rise from 2016 back to the 2014 level (base 2016). "
                    "Divide the 2016 total by the 2014 total."),
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
