"""Markup of docutils and sphinx-exercise that screen readers and axe-core object to, put right
on each page as it is written."""

from __future__ import annotations

import itertools
import re

from sphinx.application import Sphinx


def fix_aria(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Markup that screen readers and axe-core object to, put right. docutils marks each
    bibliography entry role="doc-biblioentry" inside role="list": the role is deprecated
    (DPUB-ARIA 1.1) and a list must hold list items (axe: critical aria-required-children).
    Each entry becomes a plain list item."""
    body = context.get("body")
    if not body:
        return
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # docutils puts a chapter's footnotes in an <aside>, a complementary landmark, inside <main>
    # (axe: landmark-complementary-is-top-level); each footnote keeps role="doc-footnote".
    body = body.replace('<aside class="footnote-list', '<aside role="none" class="footnote-list')
    # sphinx-exercise gives every exercise's and solution's inner section the same id.
    for name in ("exercise-content", "solution-content"):
        count = itertools.count(1)
        body = re.sub(f'id="{name}"', lambda m: f'id="{name}-{next(count)}"', body)
    context["body"] = body
