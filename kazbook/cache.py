"""The execution cache keys on code cells only: a change to ``data/`` or to the reader package
``kazcars/`` (what a chapter's kernel imports) clears it and re-reads every notebook, so no page
shows numbers from stale data. The build package ``kazbook/`` is not an input: editing it
re-executes nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from kazbook.project import ROOT

logger = logging.getLogger(__name__)

HASHED_INPUTS = ("data", "kazcars")


def inputs_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything outside the code cells that notebook outputs depend on: data/ and
    the reader package kazcars/."""
    digest = hashlib.sha256()
    for top in HASHED_INPUTS:
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_notebook(env, docname: str) -> bool:
    try:
        head = Path(env.doc2path(docname)).read_text(encoding="utf-8")[:2000]
    except OSError:
        return False
    return "kernelspec:" in head


def clear_cache_when_inputs_change(app: Sphinx, env, added, changed, removed):
    cache = Path(app.config.nb_execution_cache_path or (Path(app.outdir).parent / ".jupyter_cache"))
    stamp = Path(str(cache) + ".kazbook-inputs")
    current = inputs_fingerprint(Path(app.srcdir))
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous == current:
        return []
    if cache.exists():
        logger.info("[kazbook] data/ or kazcars/ changed: clearing the execution cache %s", cache)
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return [d for d in env.found_docs if _is_notebook(env, d)]
