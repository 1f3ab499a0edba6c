"""What a translated edition changes on its pages besides the catalogs' text: glued numbers in
the edition's style, no Kazakh summary (the whole page is Kazakh), and text that ``kazbook``
writes from ``data/`` kept out of the catalogs (it comes from the data in the build's language)."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

#: An English-formatted number (1,234.5). Each language's marks (Kazakh: 7,4; 18 000 but 2015
#: and 1500, a no-break space) come from data/labels.csv through kazcars.i18n.number_style.
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
#: The English chapters' Kazakh summary: a paragraph opening with this in bold.
SUMMARY_LEAD = "Қысқаша мазмұны"
SUMMARY_CLASS = "kazakh-summary"


def in_style(text: str, lang: str) -> str:
    """English-formatted numbers (1,234.5) in the style of ``lang``; other text as it is."""
    from kazcars.i18n import DEFAULT, languages, number_style

    if lang == DEFAULT or lang not in languages():
        return text
    # The language's marks from data/labels.csv, as the reader package writes numbers.
    decimal, group, group_from = number_style(lang)

    def convert(match: re.Match) -> str:
        whole = match.group(1).replace(",", "")
        if len(whole) >= group_from:
            whole = re.sub(r"(?<=\d)(?=(\d{3})+$)", group, whole)
        return whole + (decimal + match.group(2)[1:] if match.group(2) else "")

    return NUMBER.sub(convert, text)


class GluedNumbersInStyle(SphinxPostTransform):
    """myst-nb formats a glued number the Python way (``{glue:text}`x:,.1f``` gives 12,345.6);
    an edition in another language prints it its own way (12 345,6). After myst-nb resolves the
    glue references (its post-transform has priority 5)."""

    default_priority = 50

    def apply(self, **kwargs) -> None:
        from kazcars.i18n import DEFAULT

        lang = self.config.language
        if not lang or lang == DEFAULT:
            return
        for node in list(self.document.findall(nodes.inline)):
            if "pasted-text" in node.get("classes", []):
                text = node.astext()
                styled = in_style(text, lang)
                if styled != text:
                    node.children = []
                    node += nodes.Text(styled)


def is_kazakh_summary(node) -> bool:
    """The English chapters' Kazakh summary, written by its directive (the ``kazakh_summary``
    node of kazbook/summary.py, or any node of class kazakh-summary) or by hand as a paragraph
    opening with a bold «Қысқаша мазмұны.»."""
    if not isinstance(node, nodes.Element):
        return False
    if node.tagname == "kazakh_summary" or SUMMARY_CLASS in node.get("classes", []):
        return True
    if not isinstance(node, nodes.paragraph):
        return False
    # myst-parser may open a paragraph with an empty text node.
    first = next((c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())), None)
    return isinstance(first, nodes.strong) and first.astext().startswith(SUMMARY_LEAD)


def is_cell_output(node) -> bool:
    return isinstance(node, nodes.container) and "cell_output" in node.get("classes", [])


class GeneratedTextUntranslated(SphinxTransform):
    """Not messages of the catalogs (before Sphinx's Locale transform, priority 20): the code
    cells' outputs (tables and text the kernel writes from data/ in the build's language), and
    the Kazakh summary (already Kazakh; the Kazakh edition drops it)."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(lambda n: is_kazakh_summary(n) or is_cell_output(n))):
            keep_out_of_catalogs(node)


def drop_kazakh_summary(app: Sphinx, doctree) -> None:
    """In a translated edition the page is in the reader's language: the summary in Kazakh for
    English readers goes."""
    from kazbook.languages import is_translation

    if not is_translation(app):
        return
    for node in list(doctree.findall(is_kazakh_summary)):
        node.parent.remove(node)


def keep_out_of_catalogs(node: nodes.Node) -> None:
    """Text a kazbook directive writes from data/ (or already in the reader's language): not a
    message of the catalogs, so not extracted and not replaced by a translation."""
    for element in node.findall(nodes.TextElement):
        # Not an inline (a {kk}/{en} span): an inline is never a message of its own, and Sphinx
        # takes any inline with a "translatable" key for its placeholder (RemoveTranslatableInline)
        # and moves its text to the end of the paragraph.
        if not isinstance(element, nodes.inline):
            element["translatable"] = False


def set_up_localisation(app: Sphinx) -> None:
    app.add_transform(GeneratedTextUntranslated)
    app.add_post_transform(GluedNumbersInStyle)
    app.connect("doctree-read", drop_kazakh_summary)
