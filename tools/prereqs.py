"""What `make` needs from the machine, checked in well under a second before anything slow runs.

    python3 tools/prereqs.py book|pdf|test   print one line per missing tool, with the Debian
                                             command that installs it; exit 1 if the goal cannot run
    python3 tools/prereqs.py --have pdf      exit 0 if the PDF can be built, silently
    python3 tools/prereqs.py --pdf-skipped   the one line `make book` prints when it skips the PDF

Standard library only and no syntax newer than Python 3.6, so that an old `python3` can still
say which Python the book needs. Under CI=true every missing tool is an error: CI must not pass
by skipping the PDF or the browser tests.
"""

import importlib.util
import os
import shutil
import subprocess
import sys

NEEDED_PYTHON = (3, 11)
# Debian 12 ships 3.11 as python3, Ubuntu 24.04 3.12, Debian 13 3.13; each names its venv
# package after the minor version.
PYTHON_HINT = "Debian 12: apt-get install python3.11-venv; Ubuntu 24.04 / Debian 13: apt-get install python3-venv"
TEX_PACKAGES = "texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-lang-cyrillic"
PDF_FONTS = ("DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono")  # _config.yml's fontpkg
IN_CI = os.environ.get("CI", "").lower() == "true"


def apt(packages):
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return sudo + "apt-get install --no-install-recommends " + packages


def _python():
    """The running interpreter is the one the Makefile will make the venv with."""
    found = []
    v = sys.version_info
    if v[:2] < NEEDED_PYTHON:
        found.append(("Python %d.%d or newer (this python3 is %d.%d.%d)" % (NEEDED_PYTHON + tuple(v[:3])),
                      PYTHON_HINT))
    elif not os.path.exists(os.path.join(os.environ.get("VENV", ".venv"), "bin", "python")) \
            and importlib.util.find_spec("ensurepip") is None:
        found.append(("the venv module of Python %d.%d" % tuple(v[:2]),
                      apt("python%d.%d-venv" % tuple(v[:2]))))
    return found


def _node():
    return [(tool, apt(pkg)) for tool, pkg in (("node", "nodejs"), ("npm", "npm")) if not shutil.which(tool)]


def _fonts_missing():
    if not shutil.which("fc-list"):
        return list(PDF_FONTS)
    out = subprocess.run(["fc-list", ":", "family"], stdout=subprocess.PIPE,
                         universal_newlines=True, timeout=20).stdout
    families = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return [f for f in PDF_FONTS if f not in families]


def _pdf():
    found = []
    if not shutil.which("xelatex"):
        found.append(("xelatex (TeX Live, for the PDF)", apt(TEX_PACKAGES)))
    elif shutil.which("kpsewhich"):
        # texlive-xetex alone lacks the LaTeX packages Sphinx's preamble loads.
        probe = subprocess.run(["kpsewhich", "capt-of.sty"], stdout=subprocess.PIPE,
                               universal_newlines=True, timeout=20).stdout.strip()
        if not probe:
            found.append(("LaTeX packages capt-of/fncychap (for the PDF)", apt(TEX_PACKAGES)))
    for tool in ("latexmk", "xindy"):
        if not shutil.which(tool):
            found.append(("%s (for the PDF)" % tool, apt(tool)))
    fonts = _fonts_missing()
    if fonts:
        found.append(("fonts %s (for the PDF)" % ", ".join(fonts), apt("fonts-dejavu fontconfig")))
    return found


def _tests():
    found = []
    chromium = os.environ.get("CHROMIUM")
    if not (chromium and os.path.exists(chromium)) and not shutil.which("chromium"):
        found.append(("chromium (for the browser tests)", apt("chromium")))
    if not shutil.which("pdftotext"):
        found.append(("pdftotext (poppler, for reading the PDF back)", apt("poppler-utils")))
    return found


def pdf_skipped_line():
    return ("PDF skipped (the book and the printable worksheets): TeX is not installed. To get them: "
            "%s latexmk xindy fonts-dejavu, then make pdf worksheets" % apt(TEX_PACKAGES))


def check(goal):
    """Return (fatal, optional): lists of (what, install command) missing for the goal."""
    fatal = _python() + _node()
    pdf = _pdf()
    if goal == "pdf":
        return fatal + pdf, []
    optional = pdf + (_tests() if goal == "test" else [])
    if IN_CI:
        return fatal + optional, []
    return fatal, optional


def main(argv):
    if argv[:1] == ["--pdf-skipped"]:
        print(pdf_skipped_line())
        return 0
    if argv[:1] == ["--have"]:
        return 0 if not _pdf() else 1
    goal = argv[0] if argv else "book"
    fatal, optional = check(goal)
    for what, command in fatal + optional:
        print("missing %s: %s" % (what, command))
    if fatal:
        print("make %s stops: install the above first." % goal)
        return 1
    if optional and goal == "test":
        print("(the tests that need these are skipped with the reason; under CI=true they fail)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
