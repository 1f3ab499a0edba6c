"""Shared helpers for the book *Car assembly in Kazakhstan*.

Chapters import this package in a hidden first cell and read every number through it:

- :mod:`kazcars.data`: the one loader for ``data/`` (validated against ``datapackage.json``;
  :mod:`kazcars.schema` checks it where frictionless is missing);
- :mod:`kazcars.labels`: chart labels and category names in every language of ``data/labels.csv``;
- :mod:`kazcars.i18n`: the reader's language (``KAZCARS_LANGUAGE``, :func:`set_language`), feedback
  templates, numbers and dates in that language;
- :mod:`kazcars.charts`: the colour-blind-safe theme and the offline chart renderer;
- :mod:`kazcars.widgets`: ipywidgets explorers with a static fallback for the book;
- :mod:`kazcars.checks`: instant feedback on exercise answers;
- :mod:`kazcars.fx`: tenge per US dollar and conversions at the annual average rate;
- :mod:`kazcars.market`: OICA and national sales look-ups, percent change and CAGR;
- :mod:`kazcars.dates`: partial ISO dates (year, mid-period date);
- :mod:`kazcars.plants`: which plants were operating in a year;
- :mod:`kazcars.reporters`: who reported a local-share figure;
- :mod:`kazcars.show`: tables for display (``kc.show.table``);
- :mod:`kazcars.language`: whether Cyrillic text is Kazakh or Russian, to mark it for screen readers;
- :func:`text`: an English template with ``{fields}`` in the reader's language (a chart's alt text
  written from data: ``kc.text("... {counts}.", counts=...)``);
- :func:`glue`: myst-nb's ``glue`` in the book build, a plain display where myst-nb is absent.
"""

from kazcars import dates, fx, market, plants, reporters, show  # noqa: F401

from kazcars.checks import check  # noqa: F401
from kazcars.data import DataError, load, sources  # noqa: F401
from kazcars.i18n import language, languages, set_language  # noqa: F401
from kazcars.i18n import message as text  # noqa: F401
from kazcars.labels import label  # noqa: F401

__all__ = ["DataError", "check", "glue", "load", "sources", "label", "language", "languages", "set_language", "setup", "text",
           "dates", "fx", "market", "plants", "reporters", "show"]


def setup() -> None:
    """Switch on the book's chart theme and renderer; call once at the top of a chapter."""
    from kazcars import charts, show

    charts.enable()
    show.enable_markdown_tables()


def glue(name: str, variable, display: bool = True) -> None:
    """Keep ``variable`` under ``name`` for the book's prose and figures (myst-nb's ``glue``).

    Chapters call this instead of importing myst-nb, which only the book build has: in Colab or
    a school's Jupyter the notebook has no prose to fill, so the value is shown (if ``display``)
    and nothing else happens."""
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(variable)
        return
    myst_glue(name, variable, display)
