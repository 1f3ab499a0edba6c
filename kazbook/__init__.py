"""The book's build package, a Sphinx extension (``kazbook`` in ``_config.yml``'s
``sphinx: extra_extensions``), installed with the project (``pip install -e .``). Readers' kernels
never import it: what they import is ``kazcars/``. Its modules, by concern:

- content.py: pages written from ``data/`` (data dictionary, glossary, teachers' table) and the
  bibliography check; bib.py, dictionary.py and teaching.py write their text;
- language.py: the ``{kk}``/``{ru}``/``{en}`` roles, and Cyrillic text marked with its language;
- languages.py: the editions by language (``kazbook_languages``), ``lang`` and the switch between
  them; catalogs.py: the translations' catalogs (complete, glue with its page, interface
  strings); localise.py: a translation's glued numbers, no Kazakh summary, data text uncatalogued;
  interface.py: the themes' hard-coded English in a translation's language;
- charts.py: the offline chart runtime, copied into the site and loaded by chart pages only;
  thebe.py: no thebe (Jupyter Book loads it; it fails and would fetch from a CDN);
- downloads.py: the download menu, Colab links, repository and site URL, the version;
- editions.py: the student edition and the PDF flag; latex.py: the PDF fits the page;
- cache.py: the execution cache, cleared when ``data/`` or ``kazcars/`` change;
- notebooks/: the ``notebooks`` builder, student and teacher notebooks from the resolved pages;
- worksheets.py, site_zip.py: command-line steps of ``make book`` after the site; student_site.py:
  ``make student-site``, the student edition in every language;
- slim/: theme slimming, a separate extension (``kazbook.slim``).
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx

from kazbook import cache, charts, content, downloads, editions, language, latex, notebooks, summary, thebe


def setup(app: Sphinx):
    # Imported here: they are also command-line modules (`python -m kazbook.languages`).
    from kazbook import catalogs, interface, languages, localise

    # Notebooks executed by this build render their charts and explorers for the book.
    os.environ.setdefault("KAZCARS_RENDER", "site")

    # Content: pages written from data/, and a bibliography that matches data/sources.csv.
    app.add_directive("data-dictionary", content.DataDictionary)
    app.add_directive("data-glossary", content.DataGlossary)
    app.add_directive("teacher-table", content.TeacherTable)
    app.connect("config-inited", content.check_bibliography_matches_sources)
    # The English edition's Kazakh summaries, numbers from glue in Kazakh style.
    summary.add_kazakh_summary(app)

    # Language: a translation's catalogs checked and compiled first (before other extensions
    # translate their labels), the editions and the switch between them, a translation's own
    # numbers; {kk}/{ru}/{en} roles, and the Cyrillic text left unmarked marked on HTML pages.
    catalogs.set_up_translation(app)
    languages.add_language_settings(app)
    localise.set_up_localisation(app)
    app.connect("config-inited", interface.translate_search_box)
    app.connect("build-finished", interface.translate_hard_coded_attributes)
    language.add_language_roles(app)
    app.connect("doctree-resolved", language.mark_foreign_text)

    # Offline charts, and no thebe (a CDN script that fails on every page). Late (priority 900):
    # pydata-sphinx-theme rewrites pygments.css when a build finishes, and kazbook.slim purges
    # the stylesheets after the book's own are copied.
    app.connect("builder-inited", charts.require_chart_runtime)
    app.connect("html-page-context", thebe.drop_thebe)
    app.connect("html-page-context", charts.load_chart_runtime_on_chart_pages)
    app.connect("build-finished", charts.copy_chart_runtime, priority=900)
    app.connect("build-finished", charts.copy_own_static_files, priority=900)

    # Downloads: the version, the repository, and each page's download menu (after the theme
    # has filled it: priority 600).
    app.connect("config-inited", downloads.set_version_and_repository)
    app.connect("html-page-context", downloads.offer_downloads, priority=600)

    # Editions: the student edition, and the PDF.
    editions.add_edition_settings(app)
    app.connect("config-inited", editions.set_up_student_edition)
    app.connect("source-read", editions.replace_teacher_page)
    app.connect("doctree-read", editions.hide_solutions)
    app.connect("build-finished", editions.publish_student_notebooks)
    app.connect("doctree-read", latex.references_listed_under_their_heading)
    app.connect("doctree-resolved", latex.pdf_fits_the_page)

    # Notebooks: a builder on the resolved pages, after the site (same environment, no new run).
    notebooks.add_notebook_builder(app)

    # Cache: a change to data/ or kazcars/ re-executes every chapter.
    app.connect("env-get-outdated", cache.clear_cache_when_inputs_change)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
