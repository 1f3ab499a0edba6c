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


register("ch07_korean_brands", NumberCheck(
    expected=lambda: _korean(),
    what="the number of different South Korean brands recorded as assembled",
    rel_tol=0.001,
    alternatives=(
        Alternative(lambda t: _korean(distinct=False),
                    "That counts rows (brand at a plant in a period); count different brands, e.g. with nunique()."),
        Alternative(lambda t: _korean(distinct=False, all_status=True),
                    "That counts every row, planned ones too; keep status 'assembled' and count different brands."),
        Alternative(lambda t: t / _n_brands() * 100, "That is a percent of all brands; give the number of brands."),
        Alternative(lambda t: t / _n_brands(), "That is a fraction of all brands; give the number of brands."),
    ),
))

register("ch07_lada_years", NumberCheck(
    expected=_lada_azia_years,
    what="the number of calendar years in which Lada was assembled at Azia Avto, counting the first and the last",
    rel_tol=0.001,
    alternatives=(
        Alternative(lambda t: t - 1, "You subtracted the years; count both the first and the last year (add 1)."),
        Alternative(lambda t: t + 1, "That counts from the plant's opening in December 2002; the brand table starts Lada in 2003."),
        Alternative(lambda t: t * 12, "Check the unit: that looks like months; the answer is in years."),
    ),
))

register("ch07_missing_from_seed", NumberCheck(
    expected=lambda: _missing(),
    what="the number of brands recorded as assembled by 2016 that the article's list leaves out",
    rel_tol=0.001,
    alternatives=(
        Alternative(lambda t: _missing(strict=True), "Include brands first recorded in 2016 itself (first_year <= 2016)."),
        Alternative(lambda t: len(_by(ARTICLE_YEAR) & seed_brands()),
                    "That is the number of recorded brands the article does name; count those it leaves out."),
        Alternative(lambda t: len((_by(ARTICLE_YEAR) | _no_year_at_early_plants(ARTICLE_YEAR)) - seed_brands()),
                    "You also counted brands with no first year in the sources; we cannot say they were assembled by 2016."),
        Alternative(lambda t: t / len(_by(ARTICLE_YEAR)) * 100,
                    "That is a percent of the brands recorded by 2016; give the number of brands."),
        Alternative(lambda t: t / len(_by(ARTICLE_YEAR)), "That is a fraction; give the number of brands."),
    ),
))
