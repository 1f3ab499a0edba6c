"""Chapter 7 checks (brands and where they come from). Each expected answer is computed from
``data/`` when checked; nothing is typed in."""

from __future__ import annotations

import pandas as pd

from kazcars.checks import Alternative, NumberCheck, register
from kazcars.data import load
from kazcars.dates import year_of

SEED_BRAND_CLAIM = 3  # the seed article's list of brands (seed_claims.claim_id)
ARTICLE_YEAR = 2016


def seed_brands() -> set[str]:
    """Brands of brands_by_plant that the seed article's list (claim 3) names."""
    claims = load("seed_claims")
    text = str(claims.loc[claims.claim_id == SEED_BRAND_CLAIM, "text_en"].iloc[0]).lower()
    return {b for b in load("brands_by_plant").brand.unique() if b.lower() in text}


def _assembled() -> pd.DataFrame:
    b = load("brands_by_plant")
    return b[b.status == "assembled"]


def _by(year: int, strict: bool = False) -> set[str]:
    a = _assembled()
    first = a.first_year
    keep = (first < year) if strict else (first <= year)
    return set(a.loc[keep.fillna(False), "brand"])


def _no_year_at_early_plants(year: int) -> set[str]:
    """Assembled brands with no first year, at plants that had opened by ``year``."""
    a = _assembled()
    plants = load("plants")
    opened = year_of(plants.opened)
    early = set(plants.loc[(opened <= year).fillna(False), "plant_id"])
    return set(a.loc[a.first_year.isna() & a.plant_id.isin(early), "brand"])


def _missing(year: int = ARTICLE_YEAR, strict: bool = False) -> int:
    return len(_by(year, strict) - seed_brands())


def _korean(distinct: bool = True, all_status: bool = False) -> int:
    b = load("brands_by_plant") if all_status else _assembled()
    rows = b[b.country_of_origin == "South Korea"]
    return int(rows.brand.nunique() if distinct else len(rows))


def _n_brands() -> int:
    return int(_assembled().brand.nunique())


def _lada_azia_years() -> int:
    a = _assembled()
    row = a[(a.brand == "Lada") & (a.plant_id == "azia_avto")].iloc[0]
    return int(row.last_year - row.first_year + 1)


def _share_from(country: str, distinct: bool = True) -> float:
    a = _assembled()
    if distinct:
        return a[a.country_of_origin == country].brand.nunique() / a.brand.nunique() * 100
    return (a.country_of_origin == country).sum() / len(a) * 100


register("ch07_chinese_brand_share", NumberCheck(
    expected=lambda: _share_from("China"),
    what="the percentage of the different brands recorded as assembled that come from China",
    alternatives=(
        Alternative(lambda t: _share_from("China", distinct=False),
                    "That is a share of rows (a brand at a plant in a period); count different brands, e.g. with nunique()."),
        Alternative(lambda t: t / 100, "That is a fraction; give the answer in percent (multiply by 100)."),
        Alternative(lambda t: float(_assembled().query("country_of_origin == 'China'").brand.nunique()),
                    "That is the number of Chinese brands; divide by the number of all different assembled brands and multiply by 100."),
        Alternative(lambda t: load("brands_by_plant").query("country_of_origin == 'China'").brand.nunique()
                    / load("brands_by_plant").brand.nunique() * 100,
                    "That keeps the planned brands and memoranda too; keep status 'assembled'."),
    ),
))

register("ch07_lada_years", NumberCheck(
    expected=_lada_azia_years,
    what="the number of calendar years in which Lada was assembled at Azia Avto, counting the first and the last",
    whole=True,
    alternatives=(
        Alternative(lambda t: t - 1, "You subtracted the years; count both the first and the last year (add 1)."),
        Alternative(lambda t: t + 1, "That counts from the plant's opening in December 2002; the brand table starts Lada in 2003."),
        Alternative(lambda t: t * 12, "Check the unit: that looks like months; the answer is in years."),
    ),
))

KOSTANAY_CLAIM = 21  # the seed article: "seven world brands" assembled in Kostanay in six years
SIX_YEARS = (2010, ARTICLE_YEAR)


def _kostanay_rows(with_unknown_year: bool = False) -> pd.DataFrame:
    plants = load("plants")
    kostanay = set(plants.loc[plants.city_en == "Kostanay", "plant_id"])
    a = _assembled()
    a = a[a.plant_id.isin(kostanay)]
    in_years = a.first_year.between(*SIX_YEARS).fillna(False)
    if with_unknown_year:
        in_years |= a.first_year.isna()
    return a[in_years.astype(bool)]


register("ch07_kostanay_brands", NumberCheck(
    expected=lambda: _kostanay_rows().brand.nunique(),
    what="the number of different brands recorded as first assembled at Kostanay's plants from 2010 to 2016",
    whole=True,
    alternatives=(
        Alternative(lambda t: len(_kostanay_rows()), "That counts rows; count different brands, e.g. with nunique()."),
        Alternative(lambda t: _kostanay_rows(with_unknown_year=True).brand.nunique(),
                    "You also counted brands with no first year in the sources; we cannot say when they were assembled."),
        Alternative(lambda t: _assembled().loc[_assembled().first_year.between(*SIX_YEARS).fillna(False).astype(bool), "brand"].nunique(),
                    "That counts brands at every plant; keep the plants in Kostanay (city_en in kc.load(\"plants\"))."),
    ),
))
