"""The translations' catalogs, ``locale/<lang>/LC_MESSAGES/``: one .po per page (Sphinx's
gettext builder, ``gettext_compact: false``) and the interface catalogs the book carries because
Sphinx, the themes and sphinx-exercise ship none in Kazakh (``sphinx``, ``booktheme``,
``exercise``, ``togglebutton``) plus the book's own (``kazbook``: title, download menu, switch).

A translation's build (kazbook.setup, before any page is read):
- fails when a page catalog has an untranslated or fuzzy entry, naming the file and the msgid
  (``KAZBOOK_PARTIAL_TRANSLATION=1`` turns that into a note, for a partial edition locally);
- compiles the catalogs into its own folder beside its doctrees, with every glue role of a page
  catalog written with its document (``{glue:text}`key``` becomes
  ``{glue:text}`/chapters/x.md::key```): a translated paragraph is parsed as a document of its
  own, which has no glue data, so myst-nb would drop the number; with the document named it
  resolves from the page's stored glue outputs, as a cross-document glue does;
- writes ``sphinx.js`` beside ``sphinx.mo`` (the search page's strings).
``python -m kazbook.catalogs`` (``make catalogs``) extracts the English messages and updates
every .po (babel): a changed English paragraph turns its entry fuzzy, a removed one is dropped."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from kazbook.project import ROOT

logger = logging.getLogger(__name__)

#: Catalogs of interface strings, not of pages; all but ``sphinx`` (which Sphinx loads itself)
#: are registered with ``app.add_message_catalog``.
INTERFACE_DOMAINS = ("sphinx", "booktheme", "exercise", "togglebutton", "kazbook")
PARTIAL = "KAZBOOK_PARTIAL_TRANSLATION"
GLUE_ROLE = re.compile(r"(\{glue(?::(?:text|any))?\}`)([^`]+)(`)")
#: A message opening like an ordered list item ("2. Make an assignment", a numbered heading).
LIST_MARKER = re.compile(r"^(\d+)([.)])(?=\s)")
SOURCE_SUFFIXES = (".md", ".ipynb", ".rst")


def catalog_dir(lang: str, root: Path = ROOT) -> Path:
    return root / "locale" / lang / "LC_MESSAGES"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def page_catalogs(lang: str, root: Path = ROOT) -> dict[str, Path]:
    """Each page's catalog by its domain (the page's docname)."""
    folder = catalog_dir(lang, root)
    found = {p.relative_to(folder).with_suffix("").as_posix(): p for p in sorted(folder.rglob("*.po"))}
    return {domain: path for domain, path in found.items() if domain not in INTERFACE_DOMAINS}


def gaps(path: Path) -> list[tuple[str, str]]:
    """The catalog's entries a reader would see in English: ("untranslated" | "fuzzy", msgid)."""
    out = []
    for message in read_catalog(path):
        if not message.id:
            continue
        if message.fuzzy:
            out.append(("fuzzy", message.id))
        elif not message.string:
            out.append(("untranslated", message.id))
    return out


def incomplete(lang: str, root: Path = ROOT) -> dict[Path, list[tuple[str, str]]]:
    """Every catalog of the edition (pages and interface) with the entries it still lacks."""
    folder = catalog_dir(lang, root)
    found = {path: gaps(path) for path in sorted(folder.rglob("*.po"))}
    return {path: entries for path, entries in found.items() if entries}


def interface_translation(lang: str, root: Path = ROOT):
    """msgid -> msgstr from the book's own interface catalog (the untranslated msgid if none)."""
    path = catalog_dir(lang, root) / "kazbook.po"
    table = {m.id: m.string for m in read_catalog(path) if m.id and m.string and not m.fuzzy} if path.exists() else {}
    return lambda text: table.get(text, text)


def source_of(docname: str, root: Path = ROOT) -> str:
    for suffix in SOURCE_SUFFIXES:
        if (root / f"{docname}{suffix}").is_file():
            return f"/{docname}{suffix}"
    raise ExtensionError(f"locale catalog {docname}.po has no page {docname}.md in {root}")


def with_document(text: str, page: str) -> str:
    """Every glue role of a translated entry with its page named (``page`` as ``/dir/x.md``)."""
    def name(match: re.Match) -> str:
        key = match.group(2)
        if "::" in key:
            return match.group(0)
        # myst-nb splits a text role's content at its last colon: a page's "::" would be taken
        # for the format, so a role with none gets the one it defaults to, "s".
        if match.group(1).startswith("{glue:text}") and ":" not in key:
            key += ":s"
        return f"{match.group(1)}{page}::{key}{match.group(3)}"

    return GLUE_ROLE.sub(name, text)


def _js_catalog(catalog: Catalog, lang: str) -> str:
    messages = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
    data = {"locale": lang, "messages": messages, "plural_expr": "(n != 1)"}
    return f"Documentation.addTranslations({json.dumps(data, ensure_ascii=False, indent=1)});\n"


def compile_edition(lang: str, out: Path, root: Path = ROOT) -> None:
    """Compile every catalog of ``lang`` into ``out/<lang>/LC_MESSAGES`` (only those whose .po,
    or this module, is newer than their .mo)."""
    folder = catalog_dir(lang, root)
    this = Path(__file__).stat().st_mtime
    for po in sorted(folder.rglob("*.po")):
        domain = po.relative_to(folder).with_suffix("").as_posix()
        mo = out / lang / "LC_MESSAGES" / f"{domain}.mo"
        if mo.exists() and mo.stat().st_mtime >= max(po.stat().st_mtime, this):
            continue
        catalog = read_catalog(po)
        if domain not in INTERFACE_DOMAINS:
            page = source_of(domain, root)
            for message in catalog:
                if message.id and isinstance(message.string, str):
                    # Sphinx parses each msgstr and keeps it only if it is one paragraph: a
                    # numbered heading's translation would be a list, and stay in English.
                    message.string = LIST_MARKER.sub(r"\1\\\2", with_document(message.string, page))
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as f:
            write_mo(f, catalog)
        if domain == "sphinx":
            mo.with_suffix(".js").write_text(_js_catalog(catalog, lang), encoding="utf-8")


def compiled_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir).parent / "kazbook-locale"


def set_up_translation(app: Sphinx) -> None:
    """In a translation's build: check the catalogs, compile them, load the interface ones.
    Runs in setup(), before the other extensions' config-inited handlers translate anything
    (sphinx-exercise names its figures "Exercise %s" then)."""
    lang = app.config.language
    source = (app.config._raw_config.get("kazbook_languages")
              or app.config.overrides.get("kazbook_languages") or ["en"])[0]
    if not lang or lang == source:
        return
    report_gaps(lang, Path(app.srcdir))
    out = compiled_dir(app)
    compile_edition(lang, out, Path(app.srcdir))
    for domain in INTERFACE_DOMAINS[1:]:
        app.add_message_catalog(domain, str(out))
    app.connect("config-inited", lambda app, config: setattr(config, "locale_dirs", [str(out)]))
    app.connect("source-read", _depends_on_catalog)


def report_gaps(lang: str, root: Path) -> None:
    found = incomplete(lang, root)
    if not found:
        return
    lines = [f"{path.relative_to(root)}: {kind} msgid {msgid[:90]!r}"
             for path, entries in found.items() for kind, msgid in entries]
    total = f"{len(lines)} untranslated or fuzzy entries in {len(found)} catalogs of locale/{lang}/"
    if os.environ.get(PARTIAL) == "1":
        logger.info("[kazbook] %s (%s=1: building a partial edition, English where missing)", total, PARTIAL)
        return
    # The count last: `make` shows a failed stage's last lines.
    raise ExtensionError("\n".join(lines) + f"\n{total} (set {PARTIAL}=1 for a partial edition)")


def _depends_on_catalog(app: Sphinx, docname: str, source) -> None:
    """A page is read again when its compiled catalog changes: its .po, or how it is compiled
    (Sphinx tracks only catalogs it compiles itself)."""
    mo = compiled_dir(app) / app.config.language / "LC_MESSAGES" / f"{docname}.mo"
    if mo.exists():
        app.env.note_dependency(str(mo))


def update_catalogs(pot_dir: Path, lang: str, root: Path = ROOT) -> list[str]:
    """Bring ``locale/<lang>`` up to the extracted templates: new entries untranslated, changed
    ones fuzzy (with the old translation kept for the translator), removed ones dropped."""
    changed = []
    folder = catalog_dir(lang, root)
    for pot in sorted(pot_dir.rglob("*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if domain in INTERFACE_DOMAINS:
            continue
        template = read_catalog(pot)
        po = folder / f"{domain}.po"
        catalog = read_catalog(po) if po.exists() else Catalog(locale=lang, domain=domain)
        catalog.update(template, update_header_comment=False)
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as f:
            write_po(f, catalog, width=0, ignore_obsolete=True, omit_header=False)
        changed.append(domain)
    return changed


def extract_and_update(root: Path = ROOT) -> None:
    """`make catalogs`: Sphinx's gettext builder over the English book (executed outputs from
    the English site's cache, so glued figures' captions are there), then every translation's
    catalogs updated from its templates."""
    import shutil
    import subprocess
    import sys

    import yaml

    from kazbook.languages import translations

    out = root / "_build" / "gettext"
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(root / "_build" / ".jupyter_cache")
    out.mkdir(parents=True, exist_ok=True)
    (out / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(out / "_build" / "gettext", ignore_errors=True)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root), "--config", str(out / "_config.yml"),
           "--path-output", str(out), "--builder", "custom", "--custom-builder", "gettext", "-n", "--keep-going", "--all"]
    if subprocess.run(cmd, cwd=root).returncode:
        raise SystemExit("the gettext build failed")
    for lang in translations(root):
        changed = update_catalogs(out / "_build" / "gettext", lang, root)
        left = sum(len(entries) for entries in incomplete(lang, root).values())
        print(f"[catalogs] locale/{lang}: {len(changed)} catalogs updated; {left} entries untranslated or fuzzy")


if __name__ == "__main__":
    extract_and_update()
