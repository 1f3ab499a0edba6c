"""The themes' stylesheets purged of every rule that matches nothing on the site
(``kazbook/slim/purge-css.mjs``, npm ``purgecss``), with Sphinx's basic.css put inline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from kazbook.project import ROOT, node_package

logger = logging.getLogger(__name__)


def require_css_purger(app: Sphinx) -> None:
    """Fail early, before any page is read, when purgecss or Node.js is missing."""
    if app.builder.format == "html":
        node_package("purgecss")
        if not shutil.which("node"):
            raise ExtensionError("the build needs Node.js (`node`) to purge unused CSS; install nodejs")


#: The book's own small stylesheets, written for it: nothing to purge.
OWN_CSS = {"book.css", "icons.css"}
UNPURGED_DIR = "kazbook-unpurged-css"
PURGED_PREFIX = "/* Unused rules removed by kazbook/slim/purge-css.mjs"
PURGED_MARK = PURGED_PREFIX + "; the full file: <doctrees>/" + UNPURGED_DIR + "/{rel} */\n"


def unpurged_css_dir(doctreedir: str | Path) -> Path:
    """Where a build keeps the full copies of the stylesheets it purged (the tests compare)."""
    return Path(doctreedir) / UNPURGED_DIR


def purge_unused_css(app: Sphinx, exception) -> None:
    """Purge the themes' stylesheets against the whole built site (see kazbook/slim/purge-css.mjs for
    what is kept and why). Sphinx copies static files only when a page was rebuilt, so a sheet
    may still be the one an earlier build purged: each build starts again from the full copy
    kept beside the doctrees, and so never loses a rule that a page added since needs.
    Sphinx's basic.css, which theme.css pulls in with @import (one more round trip before the
    first paint), is put inline in theme.css."""
    if exception or app.builder.format != "html":
        return
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
    result = subprocess.run(["node", str(Path(__file__).parent / "purge-css.mjs"), str(out), *map(str, sheets)],
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
