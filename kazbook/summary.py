"""The Kazakh summary at the end of each chapter of the English edition: a directive
``{kazakh-summary}`` whose MyST content takes its numbers from glue, as the English prose does,
rendered as ``<div lang="kk" class="kazakh-summary">`` with every number in Kazakh style
(decimal comma, a space for thousands from five digits: a glued ``97,469`` reads ``97 469``).

````md
```{kazakh-summary}
**Қысқаша мазмұны.** ... шамамен {glue:text}`cagr:.0f` пайыз ...
```
````
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kazbook.localise import in_style

LANG = "kk"


class kazakh_summary(nodes.General, nodes.Element):
    """A chapter's Kazakh summary (a <div lang="kk"> in HTML; its paragraphs elsewhere)."""


def _visit_html(self, node):
    self.body.append(f'<div lang="{LANG}" class="kazakh-summary">')


def _depart_html(self, node):
    self.body.append("</div>")


def _pass(self, node):
    pass


class KazakhSummary(SphinxDirective):
    has_content = True

    def run(self):
        node = kazakh_summary()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def write_numbers_in_kazakh(app: Sphinx, doctree, docname) -> None:
    """Glue fills the summary with English-style numbers; rewrite them once they are in."""
    for summary in doctree.findall(kazakh_summary):
        for text in list(summary.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.literal, nodes.literal_block)):
                continue
            new = in_style(text.astext(), LANG)
            if new != text.astext():
                text.parent.replace(text, nodes.Text(new))


def add_kazakh_summary(app: Sphinx) -> None:
    app.add_node(kazakh_summary, html=(_visit_html, _depart_html), latex=(_pass, _pass), text=(_pass, _pass))
    app.add_directive("kazakh-summary", KazakhSummary)
    # Before the language marking (priority 500), which splits text into runs.
    app.connect("doctree-resolved", write_numbers_in_kazakh, priority=400)
