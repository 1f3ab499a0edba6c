"""Pages written from ``data/``: the data dictionary, the glossary and the teachers' table of
chapters and checks; and the bibliography, which must match ``data/sources.csv``."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from kazbook.localise import keep_out_of_catalogs
from kazbook.project import ROOT, chapters


def check_bibliography_matches_sources(app: Sphinx, config) -> None:
    from kazbook.bib import render_bibtex

    bib = Path(app.srcdir) / "references.bib"
    if not bib.exists() or bib.read_text(encoding="utf-8") != render_bibtex():
        raise ExtensionError(f"{bib} does not match data/sources.csv; regenerate it with `make bib`")


class DataDirective(SphinxDirective):
    """Parse generated MyST text in place of the directive. ``inputs`` names every file the
    text is written from, so editing one of them rebuilds the page in an incremental build."""

    def markdown(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir

        return [_data_dir(None) / "datapackage.json"]

    def run(self):
        text = self.markdown()
        container = nodes.container()
        document = self.state.document
        sections_before = {id(s) for s in document.findall(nodes.section)}
        self.state.nested_parse(StringList(text.splitlines(), source="data/"), self.content_offset, container,
                                match_titles=True)
        for path in self.inputs():
            self.env.note_dependency(str(path))
        # Written from data/ in the build's language: no message of the translations' catalogs.
        # Headings in the text open sections of the page itself, outside the container.
        keep_out_of_catalogs(container)
        for section in document.findall(nodes.section):
            if id(section) not in sections_before:
                keep_out_of_catalogs(section)
        return container.children


class DataDictionary(DataDirective):
    def markdown(self) -> str:
        from kazbook.dictionary import build_language, data_dictionary_markdown

        return data_dictionary_markdown(build_language(self.config.language))

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir, package

        data = _data_dir(None)
        return super().inputs() + [data / r["path"] for r in package()["resources"]] + [ROOT / "kazbook" / "dictionary.py"]


class DataGlossary(DataDirective):
    def markdown(self) -> str:
        from kazbook.dictionary import build_language, glossary_markdown

        return glossary_markdown(build_language(self.config.language))

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir, resource

        data = _data_dir(None)
        # labels.csv: the language names before each term in another language.
        return super().inputs() + [data / resource(name)["path"] for name in ("glossary", "labels")] + [
            ROOT / "kazbook" / "dictionary.py"]


class TeacherTable(DataDirective):
    def markdown(self) -> str:
        from kazbook.dictionary import build_language
        from kazbook.teaching import teacher_table_markdown

        return teacher_table_markdown(build_language(self.config.language))

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir

        # The chapters' catalogs (their time) and messages.csv (the checks' descriptions) too.
        return (super().inputs() + chapters(ROOT) + sorted((ROOT / "kazcars" / "exercises").glob("*.py"))
                + sorted((ROOT / "locale").glob("*/LC_MESSAGES/chapters/*.po"))
                + sorted((ROOT / "locale").glob("*/LC_MESSAGES/kazbook.po"))
                + [_data_dir(None) / "messages.csv", ROOT / "kazbook" / "teaching.py"])
