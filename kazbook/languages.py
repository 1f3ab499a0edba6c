"""The book's editions by language: one list, ``kazbook_languages`` in ``_config.yml`` (the
first is the language the chapters are written in), so another edition is its catalogs under
``locale/<lang>/LC_MESSAGES/`` and one more entry there. Each translation builds with its own
config (``python -m kazbook.languages config kk``: ``language: kk`` under ``sphinx: config:``,
where Jupyter Book 1 reads it), its own execution cache (the kernel speaks the edition's
language through ``KAZCARS_LANGUAGE``) and lands in ``_build/html/<lang>/``.

On every page of every edition: ``lang`` on ``<html>`` (Sphinx's ``language``) and a switch to
the same page in the other editions, by relative links (file:// and the USB zip work)."""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sphinx.application import Sphinx

from kazbook.project import ROOT

#: Each language's name in itself, for the switch.
NATIVE_NAMES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
#: Dates (the PDF's title page) as the language writes them: «2015 жылғы 20 тамыз».
DATE_FORMATS = {"kk": "%Y жылғы %-d %B", "ru": "%-d %B %Y г."}
TEMPLATES = Path(__file__).parent / "templates"


def _book_config(root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def book_languages(root: Path = ROOT) -> list[str]:
    """Every edition's language, the source language first."""
    return list(_book_config(root)["sphinx"]["config"]["kazbook_languages"])


def translations(root: Path = ROOT) -> list[str]:
    """The languages the book is translated into (every edition but the source's)."""
    return book_languages(root)[1:]


def edition_config(lang: str, root: Path = ROOT, base: dict | None = None) -> dict:
    """The book's _config.yml (or ``base``, a variant of it) for the edition in ``lang``: its
    language, and its title and author from the book's own catalog
    (locale/<lang>/LC_MESSAGES/kazbook.po)."""
    from kazbook.catalogs import interface_translation

    config = copy.deepcopy(base) if base is not None else _book_config(root)
    if lang not in book_languages(root):
        raise SystemExit(f"{lang!r} is not in kazbook_languages in {root / '_config.yml'}")
    config["sphinx"]["config"]["language"] = lang
    if lang in DATE_FORMATS:
        config["sphinx"]["config"]["today_fmt"] = DATE_FORMATS[lang]
    translate = interface_translation(lang, root)
    config["title"] = translate(config["title"])
    config["author"] = translate(config["author"])
    return config


#: LaTeX's own words (the class's, and Sphinx's figure and table names) for a language
#: polyglossia does not know, from the book's catalog. (The contents' title is Sphinx's: the
#: first part's caption, as in the English PDF.)
LATEX_NAMES = {"chaptername": "Chapter", "partname": "Part", "indexname": "Index",
               "bibname": "Bibliography", "appendixname": "Appendix", "figurename": "Figure", "tablename": "Table"}
#: TeX Live has no Kazakh hyphenation patterns, and polyglossia's Russian ones would break Kazakh
#: words in the wrong places: no hyphenation at all, and room between words instead.
NO_HYPHENATION = ("\n\\makeatletter\\AtBeginDocument{\\language=\\l@nohyphenation}\\makeatother"
                  "\n\\setlength{\\emergencystretch}{3em}\n")


def latex_language(lang: str, elements: dict) -> dict:
    """``latex_elements`` for the PDF in ``lang``: polyglossia's, when TeX Live has it; else no
    language package, no hyphenation, and LaTeX's headings from the book's catalog."""
    from docutils.writers.latex2e import Babel

    from kazbook.catalogs import interface_translation

    name = Babel.language_codes.get(lang, "")
    found = shutil.which("kpsewhich") and subprocess.run(["kpsewhich", f"gloss-{name}.ldf"], capture_output=True,
                                                         text=True).stdout.strip()
    translate = interface_translation(lang)
    # The contents' title, set where they are typeset (after any language package's own names).
    elements = {**elements, "tableofcontents": elements.get("tableofcontents", "").replace(
        "{Contents}", "{" + translate("Contents") + "}")}
    if found:
        return elements
    # \providecommand first: a short document's class (the worksheets' howto) has no \chaptername.
    names = "".join(f"\\providecommand\\{macro}{{}}\\renewcommand\\{macro}{{{translate(text)}}}\n"
                    for macro, text in LATEX_NAMES.items())
    return {**elements, "polyglossia": "", "babel": "", "preamble": elements.get("preamble", "") + NO_HYPHENATION + names}


#: What a translation's build makes, after its site: the same environment and execution cache
#: (``_build/<lang>/``), so no page is read or run again.
OUTPUTS = ("site", "pdf", "notebooks")


def build_edition(lang: str, flags: list[str], root: Path = ROOT, output: str = "site",
                  base: dict | None = None, path_output: Path | None = None) -> int:
    """Build the edition in ``lang`` in ``_build/<lang>/`` (its own environment and execution
    cache, the kernel told the language by KAZCARS_LANGUAGE) and publish it in
    ``_build/html/<lang>/``: its site, or after it its PDF or its notebooks, from the same
    environment (the PDF's settings are not ones Sphinx re-reads pages for). With ``base`` (a
    variant of _config.yml) and ``path_output`` (jupyter-book's), the same for another edition of
    the book, such as the student edition's ``_build/student/_build/html/<lang>/``. Returns
    jupyter-book's exit status."""
    top = path_output or root
    out = top / "_build" / lang
    config = edition_config(lang, root, base)
    target = config["latex"]["latex_documents"]["targetname"].replace(".tex", f"-{lang}.tex")
    config["latex"]["latex_documents"]["targetname"] = target
    sphinx = config["sphinx"]["config"]
    sphinx["latex_elements"] = latex_language(lang, sphinx.get("latex_elements", {}))
    path = out / "_config.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    builder = {"site": [], "pdf": ["--builder", "pdflatex"],
               "notebooks": ["--builder", "custom", "--custom-builder", "notebooks"]}[output]
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jupyter_book), "build", str(root), "--config", str(path), "--path-output", str(out), *flags, *builder]
    status = subprocess.run(cmd, cwd=root, env={**os.environ, "KAZCARS_LANGUAGE": lang}).returncode
    site = edition_dir(lang, top / "_build" / "html")
    if status != 0:
        return status
    site.mkdir(parents=True, exist_ok=True)
    if output == "pdf":
        made = out / "_build" / "latex" / target.replace(".tex", ".pdf")
        shutil.copyfile(made, site / made.name)
        print(f"[{lang}] The {NATIVE_NAMES.get(lang, lang)} PDF is at: {site / made.name}")
    elif output == "notebooks":
        publish_notebooks(out / "_build" / "notebooks", site)
        print(f"[{lang}] The {NATIVE_NAMES.get(lang, lang)} notebooks are at: {site / 'notebooks'}")
    else:
        # Over the last copy, like Sphinx's own output folder: the edition's PDF and notebooks
        # (made after its site) stay.
        shutil.copytree(out / "_build" / "html", site, dirs_exist_ok=True)
        print(f"[{lang}] The {NATIVE_NAMES.get(lang, lang)} edition is at: {site / 'index.html'}")
    return status


def publish_notebooks(built: Path, site: Path) -> None:
    """The notebooks builder's output (student/, teacher/, a zip of each) into a site's
    ``notebooks/``."""
    target = site / "notebooks"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for audience in ("student", "teacher"):
        shutil.copytree(built / audience, target / audience)
        shutil.copyfile(built / f"{audience}-notebooks.zip", target / f"{audience}-notebooks.zip")


def edition_dir(lang: str, html: Path) -> Path:
    """Where an edition's pages land in the built site: the source language at its root."""
    return html if lang == book_languages()[0] else html / lang


def is_translation(app: Sphinx) -> bool:
    """Whether this build is a translation (not the chapters' own language)."""
    languages = app.config.kazbook_languages
    return (app.config.language or languages[0]) != languages[0]


def add_language_settings(app: Sphinx) -> None:
    app.add_config_value("kazbook_languages", ["en"], "html")
    app.connect("config-inited", _add_switch_template)
    app.connect("html-page-context", language_switch)


def _add_switch_template(app: Sphinx, config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    opts = config.html_theme_options
    end = list(opts.get("article_header_end") or ["article-header-buttons.html"])
    opts["article_header_end"] = [*end, "kazbook-language-switch.html"]


def language_switch(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Links to this page in each other edition: the source edition at the site's root, each
    translation in its own folder, so the path from one page to its twin is fixed."""
    languages = app.config.kazbook_languages
    here = app.config.language or languages[0]
    if here not in languages:
        return
    depth = pagename.count("/")
    up = "../" * depth + ("../" if here != languages[0] else "")
    page = f"{pagename}.html"
    context["kazbook_other_languages"] = [
        {"lang": lang, "name": NATIVE_NAMES.get(lang, lang),
         "url": up + (page if lang == languages[0] else f"{lang}/{page}")}
        for lang in languages if lang != here]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kazbook.languages", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("translations", help="the languages the book is translated into, one a line")
    build = sub.add_parser("build", help="build one translated edition into _build/html/<lang>/")
    build.add_argument("--output", choices=OUTPUTS, default="site",
                       help="its site, or (after the site) its PDF or its notebooks, published beside its site")
    publish = sub.add_parser("publish-notebooks", help="the source edition's built notebooks into its site")
    publish.add_argument("built", type=Path)
    publish.add_argument("site", type=Path)
    build.add_argument("lang")
    build.add_argument("flags", nargs=argparse.REMAINDER, help="jupyter-book's flags (-n -W --keep-going)")
    args = parser.parse_args(argv)
    if args.command == "translations":
        print("\n".join(translations()))
        return 0
    if args.command == "publish-notebooks":
        publish_notebooks(args.built, args.site)
        return 0
    return build_edition(args.lang, args.flags, output=args.output)


if __name__ == "__main__":
    sys.exit(main())
