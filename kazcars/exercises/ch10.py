"""Chapter 10 checks (local share and the policy tools). Expected answers come from ``data/``."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import load
from kazcars.market import book_sales


def _fee_row(cc: int):
    fee = load("recycling_fee")
    rows = fee[(fee.engine_cc_min.fillna(0) <= cc) & (fee.engine_cc_max.fillna(10**9) >= cc)
               & (fee.engine_class != "electric")]
    return rows.iloc[0]


def _coefficient(engine_class: str) -> float:
    fee = load("recycling_fee")
    return float(fee.loc[fee.engine_class == engine_class, "coefficient"].iloc[0])


def _mrp() -> float:
    return float(_fee_row(1600).mrp_kzt)


def _class_step() -> float:
    """Percent rise of the fee from the 1,001-2,000 cc class to the 2,001-3,000 cc class."""
    return (_coefficient("2001_3000") / _coefficient("1001_2000") - 1) * 100


register("ch10_fee_step_2000cc", NumberCheck(
    expected=_class_step,
    what="the percent rise of the 2026 recycling fee from a 2,000 cc engine to a 2,001 cc engine",
    # Exact from the table; a 1 % tolerance would also accept the 42.79 % quoted in the chapter
    # for another quantity (the fall in local cars sold).
    rel_tol=0.001,
    alternatives=percent_slips() + (
        Alternative(lambda t: 50 * _mrp() * (_coefficient("2001_3000") - _coefficient("1001_2000")),
                    "That is the rise in tenge; the question asks for it in percent of the lower class's fee."),
        Alternative(lambda t: _coefficient("2001_3000") - _coefficient("1001_2000"),
                    "That is the difference of the coefficients; divide the higher fee by the lower one, subtract 1, "
                    "and multiply by 100."),
        Alternative(lambda t: (1 - _coefficient("1001_2000") / _coefficient("2001_3000")) * 100,
                    "You took the higher fee as the base; a rise is measured from the lower fee."),
    ),
))


def _share(year: int) -> float:
    share = load("local_share")
    rows = share[(share.year == year) & share.used_in_book & (share.period_label == str(year))]
    return float(rows.share_percent.iloc[0])


register("ch10_share_rise_2017_2021_pp", NumberCheck(
    expected=lambda: _share(2021) - _share(2017),
    what="the rise of the local share from 2017 to 2021 in percentage points",
    alternatives=(
        Alternative(lambda t: t / 100, "That is a fraction; the shares are already in percent, so the difference is in percentage points (no division by 100)."),
        Alternative(lambda t: (_share(2021) / _share(2017) - 1) * 100,
                    "That is the percent change between the two shares; the question asks for the difference in percentage points."),
        Alternative(lambda t: -t, "Right size, wrong sign: the share rose, so subtract the 2017 share from the 2021 share."),
        Alternative(lambda t: _share(2020) - _share(2017), "That ends in 2020; use the full-year figure for 2021 that the book uses."),
    ),
))


def _prod_2024() -> float:
    p = load("production")
    rows = p[(p.year == 2024) & (p.period == "full_year") & (p.vehicle_type == "all") & p.used_in_book]
    return float(rows.units.sum())


def _sales_2024() -> float:
    return book_sales(2024)


register("ch10_naive_ratio_2024", NumberCheck(
    expected=lambda: _prod_2024() / _sales_2024() * 100,
    what="2024 production divided by 2024 sales, in percent",
    alternatives=percent_slips()[:1] + (
        Alternative(lambda t: _sales_2024() / _prod_2024() * 100, "You divided sales by production; divide production by sales."),
        Alternative(lambda t: t * 10, "Check the unit: this looks ten times too big. The answer is in percent."),
    ),
))
