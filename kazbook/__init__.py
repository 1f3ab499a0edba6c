"""Local Sphinx extension for the book: offline charts, honest caching, pages made from data.

- Notebooks executed by the build render charts for the site (``KAZCARS_RENDER=site``).
- The pinned Vega runtime (npm ``vega``, see ``package.json``) is copied into
  ``_static/kazbook/`` and loaded only by pages that hold a chart.
- The execution cache keys on code cells only; a change to ``data/`` or to the modules of ``kazcars``
  that chapters import (not the build-only ones) clears it and re-reads every notebook, so no page shows numbers from stale data.
- ``references.bib`` must match ``data/sources.csv``; the build fails if it does not.
- Directives ``data-dictionary`` and ``data-glossary`` write pages from ``data/``.
- Lighter pages (budgets in tests/test_quality.py): no fontawesome.js (its icons come from a
  small generated ``icons.css``), no search index outside the search page, no thebe, the
  theme's helper scripts deferred (templates in ``_ext/templates``), and the stylesheets
  purged of rules that match nothing on the site (``_ext/purge-css.mjs``, npm ``purgecss``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import sys
from urllib.parse import quote
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent

logger = logging.getLogger(__name__)

RUNTIME_DIR = "kazbook"
CHART_MARK = "data-kz-chart"
HASHED_INPUTS = ("data", "kazcars")
# Modules of kazcars that no chapter's kernel imports (they write notebooks, the bibliography and
# the data pages at build time): editing them must not re-execute every chapter.
BUILD_ONLY: set = set()


def inputs_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything outside the code cells that notebook outputs depend on: data/ and
    the modules of kazcars/ that a chapter's kernel imports."""
    digest = hashlib.sha256()
    for top in HASHED_INPUTS:
        for path in sorted((root / top).rglob("*")):
            if (path.is_file() and "__pycache__" not in path.parts
                    and path.relative_to(root).as_posix() not in BUILD_ONLY):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_notebook(env, docname: str) -> bool:
    try:
        head = Path(env.doc2path(docname)).read_text(encoding="utf-8")[:2000]
    except OSError:
        return False
    return "kernelspec:" in head


def _invalidate_stale_cache(app: Sphinx, env, added, changed, removed):
    cache = Path(app.config.nb_execution_cache_path or (Path(app.outdir).parent / ".jupyter_cache"))
    stamp = Path(str(cache) + ".kazbook-inputs")
    current = inputs_fingerprint()
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous == current:
        return []
    if cache.exists():
        logger.info("[kazbook] data/ or kazcars/ changed: clearing the execution cache %s", cache)
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return [d for d in env.found_docs if _is_notebook(env, d)]


def _node_package(name: str) -> tuple[Path, str]:
    """An npm package the build uses, installed at the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"][name]
    pkg = ROOT / "node_modules" / name
    if not (pkg / "package.json").exists():
        raise ExtensionError(f"the build needs the npm package {name}: {pkg} does not exist; run `npm ci` in {ROOT}")
    installed = json.loads((pkg / "package.json").read_text())["version"]
    if installed != pinned:
        raise ExtensionError(f"npm package {name} is {installed} but package.json pins {pinned}; run `npm ci`")
    return pkg, installed


def _runtime_source() -> tuple[Path, str]:
    pkg, installed = _node_package("vega")
    return pkg / "build" / "vega.min.js", installed


def _check_runtime(app: Sphinx) -> None:
    if app.builder.format == "html":
        _runtime_source()
        _node_package("purgecss")
        if not shutil.which("node"):
            raise ExtensionError("the build needs Node.js (`node`) to purge unused CSS; install nodejs")
        app.add_css_file(f"{RUNTIME_DIR}/icons.css")


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path = [str(Path(__file__).parent / "slim" / "templates"), *config.templates_path]


def _copy_runtime(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    runtime, _ = _runtime_source()
    target = Path(app.outdir) / "_static" / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(runtime, target / "vega.min.js")
    shutil.copyfile(Path(__file__).parent / "static" / "kazbook-charts.js", target / "kazbook-charts.js")
    shutil.copyfile(runtime.parent.parent / "LICENSE", target / "vega-LICENSE.txt")
    _copy_own_static(app)
    _purge_css(app)
    _measure_tab_stops_lazily(Path(app.outdir))
    _write_icons(app)


def _copy_own_static(app: Sphinx) -> None:
    """Sphinx copies static files only when a page was rebuilt: an edit to the book's own
    _static/ alone (book.css, say) would not reach the site until then."""
    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for path in source.rglob("*") if source.is_dir() else []:
            target = Path(app.outdir) / "_static" / path.relative_to(source)
            if path.is_file() and (not target.exists() or target.read_bytes() != path.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


TAB_STOPS_MARK = "// kazbook: keyboard access to scrollable boxes"
#: pydata-sphinx-theme 0.17.1 (pinned), minified: the call of addTabStopsToScrollableElements().
TAB_STOPS_CALL = re.compile(r'"complete"===document\.readyState\?(\w+)\(\):window\.addEventListener\("load",\1\)')


def _measure_tab_stops_lazily(out: Path) -> None:
    """Replace the theme's page-load measuring of every code block and output (a forced layout
    of the whole page) with _ext/static/kazbook-tabstops.js, which gives the same tab stops as
    the browser lays each box out. Fails the build if the theme's code is not what it expects."""
    script = out / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if not script.exists():
        return
    text = script.read_text(encoding="utf-8")
    lazily = (Path(__file__).parent / "slim" / "static" / "kazbook-tabstops.js").read_text(encoding="utf-8")
    if TAB_STOPS_MARK in text:
        # Sphinx did not copy the theme's scripts afresh: the call is gone already; keep the
        # appended script current, so an edit to it reaches the site in an incremental build.
        script.write_text(text.split(TAB_STOPS_MARK)[0] + lazily, encoding="utf-8")
        return
    calls = TAB_STOPS_CALL.findall(text)
    name = calls[0] if len(calls) == 1 else None
    if not name or "pst-scrollable-table-container" not in text.split(f"function {name}(){{", 1)[-1][:400]:
        raise ExtensionError(f"{script}: the theme's addTabStopsToScrollableElements() call was not found; "
                             "the pinned pydata-sphinx-theme changed: update _measure_tab_stops_lazily")
    text = TAB_STOPS_CALL.sub("void 0", text)
    script.write_text(text.rstrip("\n") + "\n" + lazily, encoding="utf-8")


#: The book's own small stylesheets, written for it: nothing to purge.
OWN_CSS = {"book.css", "icons.css"}
UNPURGED_DIR = "kazbook-unpurged-css"
PURGED_PREFIX = "/* Unused rules removed by _ext/purge-css.mjs"
PURGED_MARK = PURGED_PREFIX + "; the full file: <doctrees>/" + UNPURGED_DIR + "/{rel} */\n"


def unpurged_css_dir(doctreedir: str | Path) -> Path:
    """Where a build keeps the full copies of the stylesheets it purged (the tests compare)."""
    return Path(doctreedir) / UNPURGED_DIR


def _purge_css(app: Sphinx) -> None:
    """Purge the themes' stylesheets against the whole built site (see _ext/purge-css.mjs for
    what is kept and why). Sphinx copies static files only when a page was rebuilt, so a sheet
    may still be the one an earlier build purged: each build starts again from the full copy
    kept beside the doctrees, and so never loses a rule that a page added since needs.
    Sphinx's basic.css, which theme.css pulls in with @import (one more round trip before the
    first paint), is put inline in theme.css."""
    import subprocess

    out, stash = Path(app.outdir), unpurged_css_dir(app.doctreedir)
    sheets = sorted(p for p in (out / "_static").rglob("*.css") if p.name not in OWN_CSS)
    marks = {}
    for sheet in sheets:
        rel = sheet.relative_to(out).as_posix()
        full = stash / rel
        marks[sheet] = PURGED_MARK.format(rel=rel)
        if sheet.read_text(encoding="utf-8").startswith(marks[sheet]):
            if not full.exists():
                raise ExtensionError(f"{sheet} was purged by an earlier build and its full copy {full} is gone; "
                                     "run `make clean` and build again")
            shutil.copyfile(full, sheet)
        else:
            full.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sheet, full)
    result = subprocess.run(["node", str(Path(__file__).parent / "slim" / "purge-css.mjs"), str(out), *map(str, sheets)],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise ExtensionError(f"purging unused CSS failed: {result.stderr.strip()[-2000:]}")
    basic = out / "_static" / "basic.css"
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        imported = '@import "../basic.css";'
        if sheet.name == "theme.css" and imported in text and basic.exists():
            # basic.css sits one folder up: its relative url()s must say so from styles/.
            inline = re.sub(r"url\((['\"]?)(?![a-z]+:|/|#)", r"url(\1../", basic.read_text(encoding="utf-8"))
            text = text.replace(imported, inline)
        sheet.write_text(marks[sheet] + text, encoding="utf-8")
    sizes = json.loads(result.stdout)
    before, after = (sum(v[i] for v in sizes.values()) for i in (0, 1))
    logger.info(f"[kazbook] purged unused CSS: {before / 1024:.0f} KB -> {after / 1024:.0f} KB")


def _drop_thebe(context) -> None:
    """Jupyter Book always loads sphinx-thebe, which fetches thebe from a CDN and declares its
    URL twice (a console error); the book has no live-code buttons, so its scripts go."""
    scripts = context.get("script_files")
    if scripts:
        # In place: the context shares this list with the builder, which resets it per page.
        scripts[:] = [s for s in scripts if "thebe" not in str(s).lower()
                                   and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]


# Scripts that must run before the inline scripts after them (they define
# DOCUMENTATION_OPTIONS, which the page's inline scripts set): left blocking.
_KEEP_BLOCKING = ("documentation_options.js",)


def _lighten(context) -> None:
    """Defer the theme's helper scripts (they only wire up buttons; deferred, they keep their
    order and stop blocking the first paint), drop sphinx-design's tab script on pages with no
    tabs and thebe's stylesheet."""
    body = context.get("body", "")
    scripts = context.get("script_files")
    # The search page's template loads searchtools.js without defer, and it calls doctools.js's
    # _ready() as it loads: deferred, doctools.js came too late and search never ran.
    blocking = context.get("pagename") == "search"
    if scripts:
        kept = []
        for s in scripts:
            name = str(s)
            if "design-tabs.js" in name and "sd-tab-set" not in body:
                continue
            attrs = getattr(s, "attributes", None)
            if blocking and attrs and "defer" in attrs:
                # The script objects are shared by every page: the search page gets copies.
                s = type(s)(s.filename, priority=s.priority, **{k: v for k, v in attrs.items() if k != "defer"})
            elif (not blocking and attrs is not None and name and not name.startswith(("http:", "https:"))
                    and not any(k in name for k in _KEEP_BLOCKING) and "async" not in attrs):
                attrs.setdefault("defer", "defer")
            kept.append(s)
        scripts[:] = kept
    css = context.get("css_files")
    if css:
        css[:] = [c for c in css if "thebe" not in str(c).lower()]


def _fix_aria(context) -> None:
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


def _add_chart_runtime(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _drop_thebe(context)
    _lighten(context)
    _fix_aria(context)
    if CHART_MARK in context.get("body", ""):
        # The loader fetches the runtime itself when the first chart nears the screen.
        runtime = context["pathto"](f"_static/{RUNTIME_DIR}/vega.min.js", 1)
        app.add_js_file(f"{RUNTIME_DIR}/kazbook-charts.js", loading_method="defer",
                        **{"data-kz-runtime": runtime})


ICON_MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw"}
ICON_RULE = re.compile(r'[{,]\s*"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]*","([^"]+)"\]')


def _solid_icons() -> dict[str, tuple[int, int, str]]:
    """Font Awesome's solid icons (name and aliases -> width, height, SVG path), read from the
    theme's own fontawesome.js, which the pages no longer load."""
    import pydata_sphinx_theme

    script = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts"
              / "fontawesome.js").read_text(encoding="utf-8")
    end = script.index('d("fas",p)')
    start = script.rindex("var p={", 0, end)
    icons = {}
    for name, width, height, aliases, path in ICON_RULE.findall(script[start:end]):
        for alias in [name, *re.findall(r'"([a-z0-9-]+)"', aliases)]:
            icons.setdefault(alias, (int(width), int(height), path))
    return icons


def _icons_css(names: set[str]) -> tuple[str, list[str]]:
    icons = _solid_icons()
    rules = [
        "/* Font Awesome Free icons (CC BY 4.0, fontawesome.com) used by this site, as CSS masks:"
        " written by _ext/kazbook.py in place of the theme's 1.5 MB fontawesome.js. */",
        ".fa-solid::before,.fas::before{content:\"\"!important;display:inline-block;width:1.25em;height:1em;"
        "vertical-align:-.125em;background-color:currentColor;"
        "-webkit-mask:var(--kz-icon) center/contain no-repeat;mask:var(--kz-icon) center/contain no-repeat}",
    ]
    missing = []
    for name in sorted(names):
        if name not in icons:
            missing.append(name)
            continue
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        data = quote(svg, safe=" /=:,.-'")
        rules.append(f'.fa-{name}{{--kz-icon:url("data:image/svg+xml,{data}")}}')
    return "\n".join(rules) + "\n", missing


def _write_icons(app: Sphinx) -> None:
    """Every icon class the built pages use, drawn from the theme's own icon set."""
    out = Path(app.outdir)
    names = set()
    for page in out.rglob("*.html"):
        for cls in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            names.update(c[3:] for c in cls.split() if c.startswith("fa-") and c not in ICON_MODIFIERS)
    css, missing = _icons_css(names)
    if missing:
        logger.warning("[kazbook] no solid Font Awesome icon for: %s", ", ".join(missing))
    target = out / "_static" / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "icons.css").write_text(css, encoding="utf-8")
    _subset_icon_fonts(out)


ICON_CLASS_RULE = re.compile(r"(?:\.fa-[a-z0-9-]+:(?::)?(?:before|after),?)+\{content:[^}]*\}")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b")


def _subset_icon_fonts(out: Path) -> None:
    """The theme's stylesheets still draw a few icons with Font Awesome's web fonts (admonition
    titles, download and external links, the GitHub mark): 275 KB of fonts for a handful of
    glyphs. Keep only the glyphs those stylesheets name (not the 2,000 `.fa-*` class rules,
    whose icons come from icons.css)."""
    from fontTools import subset

    codepoints = set()
    for sheet in (out / "_static").rglob("*.css"):
        text = ICON_CLASS_RULE.sub("", sheet.read_text(encoding="utf-8", errors="replace"))
        for match in PRIVATE_USE.finditer(text):
            codepoints.add(int(match.group(1), 16) if match.group(1) else ord(match.group(0)))
    fonts = sorted((out / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    for font_path in fonts:
        options = subset.Options()
        options.flavor = "woff2"
        options.notdef_outline = True
        font = subset.load_font(str(font_path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(font_path), options)


PDF_NAME = "car-assembly-kazakhstan.pdf"


def book_version(root: Path = ROOT) -> str:
    """The book's one version number, `version` in pyproject.toml. The site's footer, the PDF's
    title page and the offline zip's folder take it from here; CITATION.cff and CHANGELOG.md
    must agree (tests/test_release.py)."""
    import tomllib

    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        raise ExtensionError(f"{pyproject} does not exist: the book takes its version from it")
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def repository_url(configured: str = "") -> str:
    """The book's repository: KAZBOOK_REPOSITORY_URL if set; else, in GitHub Actions, the
    repository being built (GITHUB_SERVER_URL/GITHUB_REPOSITORY), so a fork's published copy
    links to the fork with no edit to _config.yml; else `repository.url` in _config.yml."""
    env = os.environ
    if env.get("KAZBOOK_REPOSITORY_URL"):
        return env["KAZBOOK_REPOSITORY_URL"].rstrip("/")
    if env.get("GITHUB_REPOSITORY"):
        return f"{env.get('GITHUB_SERVER_URL') or 'https://github.com'}".rstrip("/") + f"/{env['GITHUB_REPOSITORY']}"
    return str(configured or "").rstrip("/")


def published_site_url(repo_url: str) -> str | None:
    """Where the built site is published: KAZBOOK_SITE_URL if set (a custom domain); else, when
    GitHub Actions builds a github.com repository (the workflow in .github/workflows deploys it
    to GitHub Pages), that repository's Pages address; else unknown."""
    explicit = os.environ.get("KAZBOOK_SITE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", repo_url)
    if not os.environ.get("GITHUB_ACTIONS") or not match:
        return None
    owner, name = match.group(1).lower(), match.group(2)
    return f"https://{owner}.github.io" if name.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{name}"


def _colab_url(app: Sphinx, stem: str) -> str | None:
    """Colab opens a notebook from a URL (`#fileId=`, the form Hugging Face's and DagsHub's
    "Open in Colab" buttons use) or from a path in a GitHub repository (`/github/`). A published
    site gives the first: the student notebook exactly as this build published it, which need
    not be committed anywhere. Without one, a GitHub `repository.url` gives the second, to the
    committed notebooks/student/. Neither: no Colab link."""
    notebook = f"notebooks/student/{stem}.ipynb"
    opts = app.config.html_theme_options or {}
    url = str(opts.get("repository_url", "")).rstrip("/")
    site = published_site_url(url)
    if site:
        return f"https://colab.research.google.com/#fileId={quote(f'{site}/{notebook}', safe='/')}"
    if not url.startswith("https://github.com/"):
        return None
    branch = opts.get("repository_branch") or "main"
    return f"https://colab.research.google.com/github/{url.removeprefix('https://github.com/')}/blob/{branch}/{notebook}"


def _release_and_repository(app: Sphinx, config) -> None:
    """The version on the site (footer) and in the PDF (title page), and the repository URL
    from the environment when it names one (see repository_url)."""
    version = book_version()
    config.version = config.release = version
    config.latex_elements.setdefault("releasename", "Version")
    # Pages quote it as {{ book_version }} (MyST substitution), never as a number of their own.
    config.myst_substitutions = {**(config.myst_substitutions or {}), "book_version": version}
    opts = config.html_theme_options
    opts["repository_url"] = repository_url(opts.get("repository_url", ""))
    changes = (f' · <a href="{opts["repository_url"]}/blob/{opts.get("repository_branch") or "main"}/CHANGELOG.md">'
               "what changed</a>" if opts["repository_url"].startswith("https://") else "")
    opts["extra_footer"] = (opts.get("extra_footer") or "") + f'<p class="kz-version">Version {version}{changes}</p>'


def _student_edition(app: Sphinx) -> bool:
    return bool(app.config.kazbook_hide_solutions)


def _download_menu(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The theme's download menu offers this page's notebooks and the whole book as a PDF
    (all made by `make book`), instead of only the Markdown source and the browser's print.

    The student edition offers only what it holds and nothing for teachers: the student
    notebook (and Colab), no teacher notebook, no PDF (the PDF prints every solution) and no
    Markdown source (it holds the solutions too)."""
    pathto = context.get("pathto")
    student = _student_edition(app)
    pdf = app.config.kazbook_pdf and not student
    if not app.config.kazbook_pdf and "body" in context:
        # Built without TeX (`make book` sets KAZBOOK_PDF=0): the pages' own links to the PDF
        # would be dead, so they say why there is none.
        context["body"] = re.sub(rf'<a [^>]*href="[^"]*{re.escape(PDF_NAME)}"[^>]*>(.*?)</a>',
                                 r"\1 (not in this copy: it was built without TeX)", context["body"], flags=re.S)
    for group in list(context.get("header_buttons", [])):
        if group.get("label") != "download-buttons":
            continue
        drop = {"download-pdf-button"} | ({"download-source-button"} if student else set())
        buttons = [b for b in group["buttons"] if b.get("label") not in drop]
        if pagename.startswith("chapters/"):
            stem = pagename.split("/", 1)[1]
            buttons[:0] = [
                {"type": "link", "url": pathto(f"notebooks/student/{stem}.ipynb", 1), "text": "Student notebook (.ipynb)",
                 "tooltip": "Exercises with instant feedback, no solutions", "icon": "fas fa-code",
                 "label": "download-student-notebook"},
            ]
            if not student:
                buttons.insert(1, {"type": "link", "url": pathto(f"notebooks/teacher/{stem}.ipynb", 1),
                                   "text": "Teacher notebook (.ipynb)",
                                   "tooltip": "With solutions, outputs and nbgrader metadata",
                                   "icon": "fas fa-chalkboard-teacher", "label": "download-teacher-notebook"})
            colab = _colab_url(app, stem)
            if colab:
                buttons.insert(2 - student, {"type": "link", "url": colab,
                                             "text": "Open in Colab", "tooltip": "Open the student notebook in Google Colab",
                                             "icon": "fas fa-rocket", "label": "open-in-colab"})
        if pdf:
            buttons.append({"type": "link", "url": pathto(PDF_NAME, 1), "text": "Whole book (PDF)",
                            "tooltip": "The offline PDF edition", "icon": "fas fa-file-pdf", "label": "download-book-pdf"})
        group["buttons"] = buttons
        if not buttons:  # an empty menu would still show its button
            context["header_buttons"].remove(group)


STUDENT_TAG = "student_edition"

#: The "For teachers" page of the student edition: it points teachers to the full edition.
STUDENT_TEACHER_PAGE = """# For teachers

This is the **student edition** of the book. It leaves out every solution and all teacher
material: no teacher notebooks, no answer keys, no grading notes, no PDF (the PDF prints the
solutions). Each chapter's download menu offers its student notebook, and the book's start page
offers all of them in one zip.

Teachers: the full edition of the book shows every solution and has a *For teachers* page on
assigning the notebooks, grading them with nbgrader and exporting the grades. Build this student
edition for your class with `make student-site` and publish that folder instead of the full site.
"""


def _student_edition_setup(app: Sphinx, config) -> None:
    """The student edition: the `student_edition` tag (for `{only}` blocks) and no copied
    Markdown sources (they hold the solutions)."""
    if config.kazbook_hide_solutions:
        app.tags.add(STUDENT_TAG)
        config.html_copy_source = False


def _student_teacher_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if _student_edition(app) and docname == "back/for-teachers":
        source[0] = STUDENT_TEACHER_PAGE


def _publish_student_notebooks(app: Sphinx, exception) -> None:
    """The student edition carries the committed student notebooks and their zip, so the
    links its pages and menus offer resolve."""
    if exception or not _student_edition(app) or app.builder.format != "html":
        return
    out = Path(app.outdir) / "notebooks"
    if (out / "student").exists():
        shutil.rmtree(out / "student")
    shutil.copytree(ROOT / "notebooks" / "student", out / "student")
    shutil.make_archive(str(out / "student-notebooks"), "zip", root_dir=out, base_dir="student")


def _check_bibliography(app: Sphinx, config) -> None:
    from kazbook.bib import render_bibtex

    bib = ROOT / "references.bib"
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
        self.state.nested_parse(StringList(text.splitlines(), source="data/"), self.content_offset, container,
                                match_titles=True)
        for path in self.inputs():
            self.env.note_dependency(str(path))
        return container.children


class DataDictionary(DataDirective):
    def markdown(self) -> str:
        from kazbook.dictionary import data_dictionary_markdown

        return data_dictionary_markdown()

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir, package

        data = _data_dir(None)
        return super().inputs() + [data / r["path"] for r in package()["resources"]] + [ROOT / "kazbook" / "dictionary.py"]


class DataGlossary(DataDirective):
    def markdown(self) -> str:
        from kazbook.dictionary import glossary_markdown

        return glossary_markdown()

    def inputs(self) -> list[Path]:
        from kazcars.data import _data_dir, resource

        return super().inputs() + [_data_dir(None) / resource("glossary")["path"], ROOT / "kazbook" / "dictionary.py"]


class foreign(nodes.inline):
    """Text in another language than the page's, so screen readers switch voice."""


def _visit_foreign_html(self, node):
    self.body.append(f'<span lang="{node["lang"]}">')


def _depart_foreign_html(self, node):
    self.body.append("</span>")


def _pass(self, node):
    pass


def _language_role(lang: str):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        node = foreign(rawtext, text)
        node["lang"] = lang
        return [node], []

    return role


NOT_PROSE = (foreign, nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.math, nodes.math_block)


def _mark_foreign_text(app: Sphinx, doctree, docname) -> None:
    """Cyrillic text the authors could not mark with {kk}/{ru} (bibliography titles, cells and
    outputs written from data) gets its language too (kazcars.language), so a screen reader
    reads it in a Kazakh or Russian voice instead of spelling it out in English."""
    from kazcars.language import split_by_language

    if app.builder.format != "html":
        return
    for text in list(doctree.findall(nodes.Text)):
        ancestor = text.parent
        while ancestor is not None and not isinstance(ancestor, NOT_PROSE):
            ancestor = ancestor.parent
        if text.parent is None or ancestor is not None:
            continue
        pieces = split_by_language(text.astext())
        if all(lang is None for _, lang in pieces):
            continue
        parts = []
        for piece, lang in pieces:
            if lang is None:
                parts.append(nodes.Text(piece))
            else:
                parts.append(foreign(piece, piece, lang=lang))
        text.parent.replace(text, parts)


class TeacherTable(DataDirective):
    def markdown(self) -> str:
        from kazbook.teaching import teacher_table_markdown

        return teacher_table_markdown()

    def inputs(self) -> list[Path]:
        from kazbook.notebooks import chapters

        return (super().inputs() + chapters(ROOT) + sorted((ROOT / "kazcars" / "exercises").glob("*.py"))
                + [ROOT / "kazbook" / "teaching.py"])


# --- The PDF: everything inside the text block (tests/test_pdf.py measures it) -------------

# The text block of the PDF in pt: A4 less Sphinx's default 1in margins (sphinx.sty hmargin,
# vmargin); a table too wide for the page's width is set across its height, in landscape.
TEXT_WIDTH_PT = 452.0
TEXT_HEIGHT_PT = 700.0
# LaTeX's space between two columns of a table (2 \tabcolsep), and a narrower one for a
# table of many columns.
COLUMN_GAP_PT = 12.0
NARROW_GAP_PT = 5.0
# Type sizes a table may use, largest first: \small for every table, smaller when its longest
# unbreakable words need it.
TABLE_SIZES = ((r"\small", 10.0), (r"\footnotesize", 9.0), (r"\scriptsize", 8.0))
# A word longer than this (an id, a file path, a hash) gets places where a line may break.
LONG_WORD = 16
_BREAK_AFTER = re.compile(r"(?<=[_/;,@.:=&?#\-–])(?=\S)")
_CHUNK = 10
NOT_BROKEN = (nodes.title, nodes.caption, nodes.FixedTextElement, nodes.raw, nodes.comment,
              nodes.math, nodes.math_block)


def _unbreakable_pieces(word: str) -> list[str]:
    """``word`` cut where the PDF may break a line: after _ / ; , @ . : = & ? # - and inside
    long runs with none of them (hashes)."""
    if len(word) <= LONG_WORD:
        return [word]
    pieces = []
    for piece in _BREAK_AFTER.split(word):
        pieces += [piece[i:i + _CHUNK] for i in range(0, len(piece), _CHUNK)] if len(piece) > 2 * _CHUNK else [piece]
    return pieces


def _is_bare_url(node: nodes.Node) -> bool:
    # Sphinx prints a link whose text is its address with \sphinxurl, which breaks it itself.
    return isinstance(node, nodes.reference) and node.get("refuri") == node.astext()


def _long_words_may_break(doctree: nodes.document) -> None:
    """Let a line break inside long ids, paths and hashes (table cells, bibliography notes),
    which LaTeX would otherwise push past the right margin."""
    for text in list(doctree.findall(nodes.Text)):
        ancestor = text.parent
        while ancestor is not None and not isinstance(ancestor, NOT_BROKEN) and not _is_bare_url(ancestor):
            ancestor = ancestor.parent
        if ancestor is not None or text.parent is None:
            continue
        words = re.split(r"(\s+)", text.astext())
        if all(len(w) <= LONG_WORD for w in words):
            continue
        parts: list[nodes.Node] = []
        run = ""
        for word in words:
            pieces = _unbreakable_pieces(word)
            run += pieces[0]
            for piece in pieces[1:]:
                parts += [nodes.Text(run), nodes.raw("", r"\allowbreak{}", format="latex")]
                run = piece
        parts.append(nodes.Text(run))
        text.parent.replace(text, parts)


def _em(text: str) -> float:
    """Width of ``text`` in ems of DejaVu Serif: the font's mean advance widths (read with
    fontTools) of Latin capitals 0.74, Cyrillic capitals 0.83, digits and Cyrillic small letters
    0.64, Latin small letters 0.57, punctuation 0.37, each rounded up."""
    width = 0.0
    for c in text:
        if c.isupper():
            width += 0.84 if ord(c) >= 0x400 else 0.75
        elif c.isdigit() or ord(c) >= 0x400:
            width += 0.65
        elif c.isalpha():
            width += 0.58
        else:
            width += 0.4
    return width


def _column_widths(natural: list[float], shortest: list[float], room: float) -> list[float]:
    """Widths in ems: each column's longest text if all fit, else each column's longest
    unbreakable word plus a share of the rest in proportion to how much more it holds."""
    if sum(natural) <= room:
        return list(natural)
    spare = max(room - sum(shortest), 0.0)
    flex = [n - s for n, s in zip(natural, shortest)]
    return [s + spare * f / (sum(flex) or 1) for s, f in zip(shortest, flex)]


def _fit_table(table: nodes.table) -> None:
    """Type the table in a smaller size and, when its text is wider than the page, give its
    columns widths (wrapped, ragged right; see the preamble in _config.yml) that fit."""
    tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    n = len(colspecs)
    natural, shortest = [1.0] * n, [1.0] * n
    for part in tgroup.children:
        if not isinstance(part, (nodes.thead, nodes.tbody)):
            continue
        # Header cells are set in bold.
        bold = 1.1 if isinstance(part, nodes.thead) else 1.0
        for row in part.children:
            col = 0
            for entry in row.children:
                span = entry.get("morecols", 0) + 1
                words = entry.astext().split()
                if span == 1 and col < n and words:
                    natural[col] = max(natural[col], bold * _em(" ".join(words)))
                    shortest[col] = max(shortest[col], max(bold * _em(p) for w in words for p in _unbreakable_pieces(w)))
                col += span

    def room(layout) -> float:
        """Ems of type that the columns can hold side by side."""
        line, _, size, gap = layout
        return (line - n * gap) / size

    # Upright in smaller type, then with the columns closer together, and only then turned.
    layouts = [(TEXT_WIDTH_PT, command, size, COLUMN_GAP_PT) for command, size in TABLE_SIZES]
    layouts += [(TEXT_WIDTH_PT, command, size, NARROW_GAP_PT) for command, size in TABLE_SIZES[1:]]
    layouts += [(TEXT_HEIGHT_PT, command, size, COLUMN_GAP_PT) for command, size in TABLE_SIZES]
    layouts += [(TEXT_HEIGHT_PT, command, size, NARROW_GAP_PT) for command, size in TABLE_SIZES]
    layout = layouts[0]
    line, command, size, gap = layout
    if sum(natural) > room(layout):
        # A column narrower than its longest word would push that word past the margin.
        layout = next((lay for lay in layouts if 1.05 * sum(shortest) <= room(lay)), layouts[-1])
        line, command, size, gap = layout
        widths = _column_widths(natural, shortest, room(layout))
        # Sphinx's \X{a}{b} column is a/b of the line less the gap: shares that include the
        # gap leave each column the width of text it was given.
        for colspec, width in zip(colspecs, widths):
            colspec["colwidth"] = max(1, round(10 * (width * size + gap)))
        if "colwidths-given" not in table["classes"]:
            table["classes"].append("colwidths-given")
    begin, end = r"\par\begingroup" + command, r"\par\endgroup"
    if gap != COLUMN_GAP_PT:
        begin += r"\setlength{\tabcolsep}{%gpt}" % (gap / 2)
    if line == TEXT_HEIGHT_PT:
        begin, end = r"\begin{landscape}" + begin, end + r"\end{landscape}"
    parent = table.parent
    at = parent.index(table)
    parent.insert(at + 1, nodes.raw("", end, format="latex"))
    parent.insert(at, nodes.raw("", begin, format="latex"))


def _footnote_marks_apart(doctree: nodes.document) -> None:
    """Two citations in a row printed their marks as one number ("2003⁷⁸" for notes 7 and 8);
    a superscript comma keeps them apart, as on the web page."""
    from sphinx.builders.latex.nodes import footnotemark

    marks = (nodes.footnote, nodes.footnote_reference, footnotemark)
    for node in list(doctree.findall(lambda n: isinstance(n, marks))):
        parent = node.parent
        if not isinstance(parent, nodes.TextElement):
            continue
        following = parent.index(node) + 1
        if following < len(parent) and isinstance(parent[following], marks):
            parent.insert(following, nodes.raw("", r"\textsuperscript{,}", format="latex"))


def _pdf_fits_the_page(app: Sphinx, doctree, docname) -> None:
    """In the PDF every table may run over a page break (LaTeX longtable: the article's
    side-by-side translation and the data dictionary are longer than a page) and fits the
    width of the text block, and so do long ids and runs of footnote marks."""
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        if not isinstance(table.parent, nodes.entry):
            _fit_table(table)
    # After the widths: they are measured on the cells' text.
    _long_words_may_break(doctree)
    _footnote_marks_apart(doctree)


def _references_listed_under_their_heading(app: Sphinx, doctree) -> None:
    """LaTeX sets each {footcite} as a footnote on its own page and leaves the chapter's
    {footbibliography} empty, so the PDF's "References" heading had nothing under it. The PDF
    lists the chapter's references there too, numbered as their footnotes."""
    if app.builder.format != "latex":
        return
    for box in list(doctree.findall(nodes.container)):
        notes = [c for c in box.children if isinstance(c, nodes.footnote)]
        if not notes or len(notes) != len(box.children):
            continue
        numbers = [int(note[0].astext()) for note in notes]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            logger.warning("[kazbook] footnotes under References are not numbered in order: %s", numbers,
                           location=box)
            continue
        listed = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", start=numbers[0])
        for note in notes:
            item = nodes.list_item()
            for child in note.children[1:]:
                copy = child.deepcopy()
                for element in copy.findall(nodes.Element):
                    element["ids"], element["names"] = [], []
                item += copy
            listed += item
        box.parent.insert(box.parent.index(box) + 1, listed)


def _hide_solutions(app: Sphinx, doctree) -> None:
    """Student edition: drop every solution. sphinx-exercise's own `hide_solutions` leaves the
    end marker of gated solutions behind and the HTML writer then fails, so the book removes
    the merged solution nodes itself."""
    if not app.config.kazbook_hide_solutions:
        return
    from sphinx_exercise.nodes import solution_node

    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)


def setup(app: Sphinx):
    # Notebooks executed by this build render their charts and explorers for the book.
    os.environ.setdefault("KAZCARS_RENDER", "site")
    app.add_config_value("kazbook_hide_solutions", False, "env")
    # Whether the site may link the PDF: `make` passes KAZBOOK_PDF=0 when TeX is missing.
    app.add_config_value("kazbook_pdf", os.environ.get("KAZBOOK_PDF", "1") != "0", "html")
    app.connect("doctree-read", _hide_solutions)
    app.connect("config-inited", _student_edition_setup)
    app.connect("source-read", _student_teacher_page)
    app.connect("build-finished", _publish_student_notebooks)
    app.connect("doctree-read", _references_listed_under_their_heading)
    app.connect("doctree-resolved", _pdf_fits_the_page)
    app.connect("doctree-resolved", _mark_foreign_text)
    app.connect("config-inited", _check_bibliography)
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _release_and_repository)
    app.connect("env-get-outdated", _invalidate_stale_cache)
    app.connect("builder-inited", _check_runtime)
    app.connect("html-page-context", _add_chart_runtime)
    app.connect("html-page-context", _download_menu, priority=600)
    # Late: pydata-sphinx-theme rewrites pygments.css when a build finishes; purge after that.
    app.connect("build-finished", _copy_runtime, priority=900)
    app.add_node(foreign, html=(_visit_foreign_html, _depart_foreign_html), latex=(_pass, _pass),
                 text=(_pass, _pass))
    for lang in ("kk", "ru"):
        app.add_role(lang, _language_role(lang))
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("data-glossary", DataGlossary)
    app.add_directive("teacher-table", TeacherTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
