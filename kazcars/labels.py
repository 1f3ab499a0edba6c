"""Chart labels and category names in one place (``data/labels.csv``), one column per language.

:func:`label` gives the label in the current language (:func:`kazcars.i18n.language`, set by
``KAZCARS_LANGUAGE`` or ``kc.set_language``), so a chart drawn in a Kazakh build is Kazakh.
"""

from kazcars.i18n import has_label, label, language, languages  # noqa: F401

__all__ = ["has_label", "label", "language", "languages"]
