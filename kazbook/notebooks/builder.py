"""The ``notebooks`` Sphinx builder: student and teacher notebooks from each chapter's resolved
document, in the build's language, with the outputs of the execution the site made (myst-nb's
``jupyter_execute/``): nothing runs again.

It is sphinx-markdown-builder's Markdown writer with a notebook around it. QuantEcon's
sphinx-tojupyter was tried first and does not fit: it replaces ``nb_mime_priority_overrides``
for every builder (the site would lose its chart priorities), brings dask and nbdime, and knows
nothing of nbgrader.

Run after the site, on the same output folder (``jupyter-book build . --builder custom
--custom-builder notebooks``): the environment is shared, so no page is read again."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.io import StringOutput
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx_markdown_builder.builder import MarkdownBuilder
from sphinx_markdown_builder.writer import MarkdownWriter

from kazbook.notebooks.bundle import bootstrap_cells
from kazbook.notebooks.chapter import build_pair
from kazbook.notebooks.doctree import Pieces, walk
from kazbook.notebooks.errors import NotebookError
from kazbook.notebooks.nbgrader import NBGRADER_CONFIG

logger = logging.getLogger(__name__)
_ = get_translation("kazbook")
AUDIENCES = ("student", "teacher")
#: The book's own nodes that only mark their content (a language span, the Kazakh summary's
#: block): a notebook's Markdown has no such marks, so their content stands as it is.
UNWRAPPED = ("foreign", "kazakh_summary")


def _shown_cells(doctree) -> list[int]:
    return sorted(n["cell_index"] for n in doctree.findall(nodes.container) if n.get("nb_element") == "cell_code")


class NotebookBuilder(MarkdownBuilder):
    name = "notebooks"
    format = "ipynb"
    epilog = "The notebooks are in %(outdir)s."
    allow_parallel = False

    def init(self):
        super().init()
        self.boot = bootstrap_cells(language=self.config.language or "en")
        from kazbook.downloads import published_site_url

        repo = str((self.config.html_theme_options or {}).get("repository_url", "")).rstrip("/")
        self.site_url = published_site_url(repo) or ""

    def get_outdated_docs(self):
        return [d for d in self.env.found_docs if d.startswith("chapters/")]

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.html"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        # Links lead to the book's pages: on the published site when its address is known,
        # else relative to where the notebooks sit in the site (notebooks/<audience>/).
        base = self.site_url + "/" if self.site_url else "../../"
        return base + self.get_target_uri(to, typ)

    def prepare_writing(self, docnames):
        self.writer = MarkdownWriter(self)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if not docname.startswith("chapters/"):
            return
        executed_path = Path(self.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
        if not executed_path.is_file():
            raise NotebookError(f"{executed_path} does not exist: build the site first (make html), "
                                "the notebooks take its executed chapters")
        self.current_doc_name = docname
        self.sec_numbers = self.env.toc_secnumbers.get(docname, {})
        self._doctree = doctree
        pieces = Pieces(self.render, self._executed(executed_path), _shown_cells(doctree))
        walk(doctree.children, pieces)
        try:
            student, teacher = build_pair(pieces.finish(), docname, self.boot, "**" + _("Rubric.") + "**")
        except NotebookError as exc:
            logger.error("[kazbook] %s", exc, location=docname)
            return
        stem = Path(docname).name
        for audience, nb in zip(AUDIENCES, (student, teacher)):
            nbformat.validate(nb)
            (Path(self.outdir) / audience).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(self.outdir) / audience / f"{stem}.ipynb")

    def _executed(self, path: Path):
        """The chapter as the site ran it: myst-nb's copy of the notebook, with the outputs
        from the execution cache (in cache mode myst-nb writes the copy without them)."""
        from jupyter_cache import get_cache

        nb = nbformat.read(path, as_version=4)
        try:
            _, nb = get_cache(self.env.mystnb_config.execution_cache_path).merge_match_into_notebook(nb)
        except KeyError:
            raise NotebookError(f"{path}: not in the execution cache; build the site first (make html)") from None
        return nb

    def render(self, blocks: list) -> str:
        """Blocks of a page as Markdown: nodes through the Markdown writer, strings as they are."""
        parts, run = [], []
        for block in blocks + [None]:
            if isinstance(block, nodes.Node):
                run.append(block)
                continue
            if run:
                parts.append(self._markdown(run))
                run = []
            if block is not None:
                parts.append(block)
        return "\n\n".join(p.strip() for p in parts if p.strip())

    def _markdown(self, blocks: list) -> str:
        doc = nodes.document(self._doctree.settings, self._doctree.reporter)
        for block in blocks:
            doc += block.deepcopy()
        self._plain(doc)
        out = StringOutput(encoding="utf-8")
        self.writer.write(doc, out)
        return self.writer.output

    def _plain(self, doc: nodes.document) -> None:
        """What a notebook cannot show as the page does: a figure is its number and caption
        (the chart itself is drawn by the chapter's code), raw HTML is dropped, the book's marking
        nodes give way to their content."""
        for raw in list(doc.findall(nodes.raw)):
            raw.parent.remove(raw)
        for figure in list(doc.findall(nodes.figure)):
            caption = next(iter(figure.findall(nodes.caption)), None)
            number = self.env.toc_fignumbers.get(self.current_doc_name, {}).get("figure", {}).get(
                (figure.get("ids") or [""])[0])
            label = self.config.numfig_format.get("figure", "Fig. %s") % ".".join(map(str, number)) if number else ""
            para = nodes.paragraph("", "", nodes.emphasis("", label + "."), nodes.Text(" "),
                                   *(c.deepcopy() for c in (caption.children if caption else [])))
            figure.replace_self(para)
        for wrapper in list(doc.findall(lambda n: n.tagname in UNWRAPPED)):
            wrapper.replace_self(wrapper.children)

    def finish(self) -> None:
        out = Path(self.outdir)
        (out / "teacher").mkdir(parents=True, exist_ok=True)
        (out / "teacher" / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
        for audience in AUDIENCES:
            folder = out / audience
            with zipfile.ZipFile(out / f"{audience}-notebooks.zip", "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(folder.glob("*.ipynb")) + sorted(folder.glob("*.py")):
                    zf.write(path, f"{audience}/{path.name}")
