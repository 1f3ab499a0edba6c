"""Who reported a local-share figure: the kind of body behind each source of ``local_share``.

The body is named in the source (see the ``note`` column of ``local_share``); the result is a
label key (``label(reporting_body(ids))`` gives the chart's category name).
"""

from __future__ import annotations

#: Source id -> label key of the body that reported the figure.
BODY_BY_SOURCE = {
    "daryo_2015_07_30": "body_akab", "inform_a2928342": "body_akab",
    "inform_a3019104": "body_kazavtoprom", "fbc_eur3578": "body_kazavtoprom",
    "conway_automobiles_p4": "body_kazavtoprom", "inform_a3318089": "body_kazavtoprom",
    "kazinform_latin_makasheva_2024": "body_kau",
    "strategy2050_10536": "body_officials", "inform_a3398562": "body_officials",
    "kz24_541254": "body_officials", "kazinform_latin_karabayev_2022": "body_officials",
    "inform_a3952226": "body_officials", "kazinform_karabayev_150k": "body_officials",
    "kazinform_2016_seed": "body_seed_article",
}
#: The book's own derivations are not a reporter.
BOOK_AUTHORS = "book_authors"
#: Sources not listed above are press reports.
PRESS = "body_press"


def reporting_body(source_ids: str) -> str:
    """The label key of the body that reported a figure, from its ``source_ids`` cell.

    The first listed source that names a known body decides; ``book_authors`` is skipped; a
    figure from other sources only is a press report (``body_press``).
    """
    if not isinstance(source_ids, str) or not source_ids:
        raise ValueError(f"reporting_body: expected a source_ids cell such as 'inform_a2928342;book_authors', "
                         f"not {source_ids!r}")
    ids = [s for s in source_ids.split(";") if s != BOOK_AUTHORS]
    return next((BODY_BY_SOURCE[s] for s in ids if s in BODY_BY_SOURCE), PRESS)
