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


def _fee_1600() -> float:
    row = _fee_row(1600)
    return 50 * float(row.mrp_kzt) * float(row.coefficient)


def _mrp() -> float:
    return float(_fee_row(1600).mrp_kzt)


register("ch10_fee_1600cc", NumberCheck(
    expected=_fee_1600,
    what="the 2026 recycling fee in tenge for a 1,600 cc engine",
    alternatives=unit_slips("tenge") + (
        Alternative(lambda t: t / 50, "You multiplied MRP by the coefficient only: the base fee is 50 MRP, so multiply by 50 too."),
        Alternative(lambda t: 50 * _mrp() * _coefficient("le_1000"),
                    "That is the fee for engines up to 1,000 cc; 1,600 cc is in the 1,001-2,000 cc class."),
        Alternative(lambda t: 50 * _mrp() * _coefficient("2001_3000"),
                    "That is the fee for 2,001-3,000 cc; 1,600 cc is in the 1,001-2,000 cc class."),
        Alternative(lambda t: 50 * _mrp(), "That is the base fee (50 MRP); multiply it by the class's coefficient."),
    ),
))


def _share_2021(source_id: str | None) -> float:
    share = load("local_share")
    rows = share[share.year == 2021]
    if source_id is None:
        return float(rows[rows.used_in_book].share_percent.iloc[0])
    return float(rows[rows.source_ids == source_id].share_percent.iloc[0])


def _gap_2021() -> float:
    return _share_2021("inform_a3952226") - _share_2021(None)


register("ch10_share_gap_2021", NumberCheck(
    expected=_gap_2021,
    what="the Prime Minister's 2021 share minus the officials' share, in percentage points",
    alternatives=(
        Alternative(lambda t: t / 100, "That is a fraction; the shares are already in percent, so the difference is in percentage points (no division by 100)."),
        Alternative(lambda t: (_share_2021("inform_a3952226") / _share_2021(None) - 1) * 100,
                    "That is the percent change between the two shares; the question asks for the difference in percentage points."),
        Alternative(lambda t: -t, "Right size, wrong sign: the Prime Minister's figure is the higher one."),
        Alternative(lambda t: _share_2021("naryk_2021") - _share_2021(None),
                    "That uses the producers' forecast; take the Prime Minister's figure (source inform_a3952226)."),
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
