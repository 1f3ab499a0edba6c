"""Chapter 2 checks (before the plants, 1993-2009). Each expected answer is computed from
``data/`` when checked; nothing is typed in."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, cagr_slips, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.fx import kzt_per_usd as _rate
from kazcars.market import cagr_over, pct_change as _pct_change
from kazcars.market import oica_sales as _oica_kz_sales
from kazcars.market import oica_sales as _oica_kz


def _devaluation_2009() -> tuple[float, float]:
    """The rates just before and just after the devaluation of 4 February 2009."""
    dev = load("devaluations")
    row = dev[dev.date.dt.year == 2009].iloc[0]
    return float(row.rate_before), float(row.rate_after)


# Exercise: how fast did the price of a dollar in tenge rise after the 1999 float? ---------
register("ch02_fx_cagr_1999_2009", NumberCheck(
    expected=lambda: cagr_over(_rate, 1999, 2009),
    what="the compound annual growth rate of tenge per dollar, 1999-2009, in percent a year",
    alternatives=percent_slips() + cagr_slips(_rate, 1999, 2009) + (
        Alternative(lambda t: cagr_over(_rate, 1994, 2009),
                    "That starts in 1994; the question starts in 1999, the year of the float."),
    ),
))

# Exercise: the devaluation of 4 February 2009, for a car priced in dollars ------------------
CAR_PRICE_USD = 10_000  # the exercise's example price, not data


def _car_tenge_rise(before: float, after: float) -> float:
    return CAR_PRICE_USD * (after - before)


register("ch02_car_price_rise_2009", NumberCheck(
    expected=lambda: _car_tenge_rise(*_devaluation_2009()),
    what="the rise in tenge of the price of a car priced at 10,000 US dollars on 4 February 2009",
    alternatives=unit_slips("tenge") + (
        Alternative(lambda t: _pct_change(*_devaluation_2009()),
                    "That is the rise in percent; the question asks for the rise in tenge of a 10,000-dollar car."),
        Alternative(lambda t: _devaluation_2009()[1] - _devaluation_2009()[0],
                    "That is the rise for one dollar; multiply by the car's 10,000 dollars."),
        Alternative(lambda t: _car_tenge_rise(_rate(2008), _rate(2009)),
                    "That uses the annual averages of 2008 and 2009; use the rates on either side of the devaluation "
                    "(rate_before and rate_after in the devaluations table)."),
        Alternative(lambda t: CAR_PRICE_USD * _devaluation_2009()[1],
                    "That is the car's whole price after the devaluation; the question asks by how much it rose."),
    ),
))

# Exercise: how much did the new-vehicle market grow from 2005 to 2009? --------------------------
register("ch02_sales_change_2005_2009", NumberCheck(
    expected=lambda: _pct_change(_oica_kz_sales(2005), _oica_kz_sales(2009)),
    what="the percent change in new-vehicle sales (passenger plus commercial) from 2005 to 2009",
    alternatives=percent_slips() + (
        Alternative(lambda t: _pct_change(_oica_kz(2005, "passenger"), _oica_kz(2009, "passenger")),
                    "That uses passenger cars only; add the commercial vehicles for each year first."),
        Alternative(lambda t: _pct_change(_oica_kz(2005, "commercial"), _oica_kz(2009, "commercial")),
                    "That uses commercial vehicles only; add the passenger cars for each year first."),
        Alternative(lambda t: _pct_change(_oica_kz_sales(2008), _oica_kz_sales(2009)),
                    "Right method, wrong years: that is 2008 to 2009. Start from 2005."),
        Alternative(lambda t: _pct_change(_oica_kz_sales(2009), _oica_kz_sales(2005)),
                    "You went backwards (2009 to 2005): divide the 2009 total by the 2005 total."),
    ),
))
