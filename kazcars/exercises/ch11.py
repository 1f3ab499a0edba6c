"""Chapter 11 checks (jobs, taxes and investment). Expected answers come from ``data/``."""

from __future__ import annotations

from kazcars.checks import Alternative, NumberCheck, percent_slips, register, unit_slips
from kazcars.data import snapshot as _snap
from kazcars.fx import kzt_per_usd as _rate
from kazcars.fx import to_usd
from kazcars.market import pct_change


def _jobs(year: int) -> float:
    return _snap(f"emp_{year}_car_plants")


register("ch11_car_plant_jobs_change", NumberCheck(
    expected=lambda: pct_change(_jobs(2024), _jobs(2025)),
    what="the percent change in car-plant workers from 2024 to 2025",
    alternatives=percent_slips() + (
        Alternative(lambda t: _jobs(2025) - _jobs(2024),
                    "That is the change in persons; the question asks for the change in percent of the 2024 figure."),
        Alternative(lambda t: (_jobs(2024) / _jobs(2025) - 1) * 100,
                    "You divided by the 2025 figure: a change is measured from the earlier year (2024)."),
        Alternative(lambda t: (1 - _jobs(2024) / _jobs(2025)) * 100,
                    "You measured the change as a share of the 2025 figure; divide by the 2024 figure."),
    ),
))


def _ammkz_usd(year: int) -> float:
    return to_usd(_snap("inv_2025_ammkz_final") * 1e9, year) / 1e6


def _ammkz_overrun(in_dollars: bool = True) -> float:
    plan = _snap("inv_2022_ammkz_plan") * 1e9
    final = _snap("inv_2025_ammkz_final") * 1e9
    if in_dollars:
        return pct_change(to_usd(plan, 2022), to_usd(final, 2025))
    return pct_change(plan, final)


register("ch11_ammkz_overrun_usd", NumberCheck(
    expected=_ammkz_overrun,
    what="how many percent the AMMKZ final investment exceeded the 2022 plan, both in US dollars at their own year's rate",
    alternatives=percent_slips() + (
        Alternative(lambda t: _ammkz_overrun(in_dollars=False),
                    "That is the overrun in tenge; convert the plan at the 2022 rate and the final figure at the 2025 rate first."),
        Alternative(lambda t: _ammkz_usd(2025) - to_usd(_snap("inv_2022_ammkz_plan") * 1e9, 2022) / 1e6,
                    "That is the overrun in million dollars; give it in percent of the plan."),
        Alternative(lambda t: (1 - to_usd(_snap("inv_2022_ammkz_plan") * 1e9, 2022) / to_usd(_snap("inv_2025_ammkz_final") * 1e9, 2025)) * 100,
                    "You took the final figure as the base; the overrun is measured from the plan."),
    ),
))


def _kia_rate() -> float:
    return _snap("inv_kia_131_5bn_kzt") * 1e9 / (_snap("inv_kia_244musd") * 1e6)


register("ch11_kia_implied_rate", NumberCheck(
    expected=_kia_rate,
    what="the tenge-per-dollar rate implied by 131.5 bn tenge = 244 mn dollars",
    alternatives=unit_slips("tenge per US dollar") + (
        Alternative(lambda t: 1 / t, "That is dollars per tenge; divide the tenge amount by the dollar amount."),
        Alternative(lambda t: 1e6 / t, "Check the unit: that looks like dollars per million tenge; the answer is in tenge per US dollar."),
        Alternative(lambda t: _rate(2025), "That is the 2025 average rate from the table; the question asks for the rate the sources used."),
    ),
))
