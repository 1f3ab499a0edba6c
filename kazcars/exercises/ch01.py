"""Chapter 1 checks. Each expected answer is computed from ``data/`` when checked."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.fx import kzt_per_usd as _rate
from kazcars.market import oica_sales as _oica_kz_sales


# Chapter 1 ----------------------------------------------------------------------------------
register("ch1_cagr", NumberCheck(
    expected=lambda: ((80 / 16) ** (1 / 5) - 1) * 100,
    what="the compound annual growth rate in percent a year",
    alternatives=percent_slips() + (
        Alternative(lambda t: (80 / 16 - 1) * 100, "That is the total change over five years; spread it over the years with a fifth root."),
        Alternative(lambda t: (80 / 16 - 1) * 100 / 5, "That is the simple average (total change ÷ 5); growth compounds, so take the fifth root of the factor."),
        Alternative(lambda t: 80 / 16, "That is the growth factor over five years, not the yearly rate."),
    ),
))

register("ch1_output_usd_mn", NumberCheck(
    expected=lambda: 80e9 / _rate(2015) / 1e6,
    what="80 billion tenge in million US dollars at the 2015 average rate",
    alternatives=unit_slips("million US dollars") + (
        Alternative(lambda t: 80e9 / _rate(2014) / 1e6, "Right size, wrong year: use the 2015 rate."),
        Alternative(lambda t: 80e9 / _rate(2016) / 1e6, "Right size, wrong year: use the 2015 rate."),
        Alternative(lambda t: 80e9 * _rate(2015) / 1e6, "You multiplied by the rate; tenge ÷ (tenge per dollar) gives dollars."),
    ),
))

register("ch1_price_per_vehicle", NumberCheck(
    expected=lambda: 7.4e9 / _oica_kz_sales(2015),
    what="US dollars per vehicle in 2015",
    alternatives=unit_slips("US dollars per vehicle") + (
        Alternative(lambda t: 7.4e9 / _oica_kz_sales(2014), "Right size, wrong year: use the 2015 sales."),
        Alternative(lambda t: 7.4e9 / _oica_kz_sales(2016), "Right size, wrong year: use the 2015 sales."),
    ),
))
