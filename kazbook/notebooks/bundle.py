"""What a notebook carries to work on its own, offline: the reader package ``kazcars/`` and
``data/`` (a zip, base64, in its first cell), and a setup cell that installs whatever packages
the Python it runs in lacks (in Colab: Altair 6, vl-convert, frictionless). Offline, it goes on
without the optional ones (vl-convert, frictionless) and says in one line what that changes."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

import nbformat

from kazbook.notebooks.nbgrader import lock
from kazbook.project import ROOT

#: The reader package and the data: never the build package kazbook/.
PACKED = ("kazcars", "data")


#: What a notebook imports beyond the standard library: distribution -> (requirement to
#: install when missing, lowest major version that works). Pins match requirements.txt.
#: A fresh Colab runtime lacks altair 6, vl-convert and frictionless.
NEEDED = {
    "altair": ("altair==6.3.0", 6),
    "vl-convert-python": ("vl-convert-python==1.9.0.post1", 1),
    "frictionless": ("frictionless==5.21.0", 5),
    "tabulate": ("tabulate==0.9.0", 0),
    "pandas": ("pandas==3.1.1", 2),
    "numpy": ("numpy==2.4.6", 1),
    "ipywidgets": ("ipywidgets==8.1.9", 7),
}

#: The packages a notebook can do without (kazcars falls back), and what is different then.
OPTIONAL = {
    "vl-convert-python": "charts show as interactive Vega-Lite, with no PNG fallback",
    "frictionless": "the data are checked by the book's own checks (they passed frictionless when this notebook was built)",
}

BOOTSTRAP = '''\
# Setup for this notebook: installs any package it needs that this Python lacks (in Colab:
# Altair 6, vl-convert, frictionless), then unpacks the book's helper package and data
# (carried in the cell above, so the notebook works offline and on its own).
import base64, importlib, importlib.metadata, io, os, sys, tempfile, zipfile
_NEEDED = {needed!r}
_OPTIONAL = {optional!r}


def _missing():
    missing = []
    for dist, (requirement, major) in _NEEDED.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = "0"
        if int(have.split(".")[0]) < major or have == "0":
            missing.append(requirement)
    return missing

try:
    from google.colab import output as _colab_output
except ImportError:
    _colab_output = None
if _missing():
    get_ipython().run_line_magic("pip", "install -q " + " ".join(_missing()))
    importlib.invalidate_caches()
    _lacking = [r.split("==")[0] for r in _missing()]
    _required = [r for r in _missing() if r.split("==")[0] not in _OPTIONAL]
    if _required:
        raise ImportError("This notebook needs: " + " ".join(_required) + ". Install them once while "
                          "online (`pip install " + " ".join(_required) + "`), then run this cell again.")
    if _lacking:
        print("Working without " + ", ".join(_lacking) + " (could not install): "
              + "; ".join(_OPTIONAL[d] for d in _lacking) + ".")
if _colab_output is not None:
    _colab_output.enable_custom_widget_manager()  # ipywidgets 8 controls in Colab
_book = os.path.join(tempfile.gettempdir(), "kazcars-book-{digest}")
if not os.path.isdir(os.path.join(_book, "kazcars")):
    zipfile.ZipFile(io.BytesIO(base64.b64decode(_BOOK_ZIP))).extractall(_book)
sys.path.insert(0, _book)
os.environ["KAZCARS_DATA"] = os.path.join(_book, "data")
os.environ["KAZCARS_LANGUAGE"] = {language!r}
'''


def pack_book(root: Path = ROOT) -> tuple[str, str]:
    """A deterministic zip of kazcars/ and data/, base64-encoded, and a short digest of it.
    The answer formulas stay out; a hashed answer key takes their place (answer_key.py).
    Teacher notebooks carry the same zip: nbgrader releases their setup cells as they are."""
    from kazbook.notebooks.answer_key import bundle_files

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in bundle_files(root, PACKED):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, content)
    data = buf.getvalue()
    return base64.b64encode(data).decode("ascii"), hashlib.sha256(data).hexdigest()[:12]


def setup_source(needed: dict = NEEDED, optional: dict = OPTIONAL, digest: str = "", language: str = "en") -> str:
    """The setup cell's code: install what is missing (going on without an optional package),
    unpack the book, set the reader package's language."""
    return BOOTSTRAP.format(needed=needed, optional=optional, digest=digest, language=language)


def bootstrap_cells(root: Path = ROOT, language: str = "en") -> list:
    """The notebook's first two cells: the packed book, then the setup that installs what is
    missing, unpacks it, and sets the language the reader package speaks (feedback, charts)."""
    encoded, digest = pack_book(root)
    carrier = nbformat.v4.new_code_cell("_BOOK_ZIP = (\n" + "\n".join(
        f'    "{encoded[i:i + 100]}"' for i in range(0, len(encoded), 100)) + "\n)")
    carrier.metadata.update({"tags": ["book-data"], "jupyter": {"source_hidden": True}})
    lock(carrier, "book-data")
    setup = nbformat.v4.new_code_cell(setup_source(digest=digest, language=language))
    setup.metadata["tags"] = ["book-setup"]
    lock(setup, "book-setup")
    return [carrier, setup]
