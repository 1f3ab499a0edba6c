# Two commands on a fresh machine (Python 3.11 or newer, Node.js with npm):
#   make book   check the machine, set up, build the site, the PDF (if TeX is there), the notebooks
#               and the printable worksheets and answer keys (if TeX is there)
#   make test   check the machine, set up, then run the whole test suite (it builds the book itself)

# The Python that makes .venv: python3 when it is 3.11 or newer, else the newest python3.1x found.
# Override with `make PYTHON=/path/to/python3.x`.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3 python3.13 python3.12 python3.11; do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
endif
# With no Python 3.11+ at all, the check still runs on python3 to say which version is needed.
CHECK_PY := $(or $(PYTHON),python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
JB     := $(BIN)/jupyter-book
BUILD_FLAGS := -n -W --keep-going
CHECK  := $(CHECK_PY) tools/prereqs.py
STAGE  := $(CHECK_PY) tools/stage.py
export VENV

PDF_NAME := car-assembly-kazakhstan.pdf

.PHONY: book html pdf notebooks worksheets student-site test setup check-book check-pdf check-test \
        lock lock-check bib serve bench clean test-fast catalogs

# Each goal first checks the machine (under a second) and names what is missing with the
# Debian command that installs it.
# `make book` checks once and tells its own steps so (CHECKED=1).
check-book check-pdf check-test: check-%:
	@[ -n "$(CHECKED)" ] || command -v $(CHECK_PY) >/dev/null || { echo "missing python3: apt-get install python3-venv"; exit 1; }
	@[ -n "$(CHECKED)" ] || $(CHECK) $*

setup: $(VENV)/.installed node_modules/.installed
	@:

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(STAGE) setup "installing the pinned packages into $(VENV) (Python: $(PYTHON); first run only)" -- \
	  sh -c 'set -e; test -d $(VENV) || $(PYTHON) -m venv $(VENV); \
	         $(BIN)/pip install --upgrade pip; \
	         $(BIN)/pip install -r requirements.txt; \
	         $(BIN)/pip install --no-deps --no-build-isolation -e .'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@$(STAGE) setup "installing the chart runtime and the CSS purger (npm ci, first run only)" -- \
	  npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# Without TeX the book is the site and the notebooks; the site then offers no PDF it lacks
# (KAZBOOK_PDF=0) and the PDF step says once how to get it. Under CI=true the check fails instead.
book: check-book
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory CHECKED=1 setup html || exit 1; \
	if $(CHECK) --have pdf; then $(MAKE) --no-print-directory CHECKED=1 pdf || exit 1; \
	else $(CHECK) --pdf-skipped; fi; \
	$(MAKE) --no-print-directory CHECKED=1 notebooks || exit 1; \
	if $(CHECK) --have pdf; then $(MAKE) --no-print-directory CHECKED=1 worksheets || exit 1; fi; \
	$(MAKE) --no-print-directory CHECKED=1 site-zip || exit 1; \
	s=$$(( $$(date +%s) - start )); \
	echo "[book] done in $$((s / 60)) min $$((s % 60)) s. The book is at: $(CURDIR)/_build/html/index.html"

# The English site at _build/html/, then each translation (kazbook_languages in _config.yml) in
# its own folder and execution cache, _build/<lang>/, copied to _build/html/<lang>/. A translation
# with an untranslated or fuzzy entry fails; KAZBOOK_PARTIAL_TRANSLATION=1 builds it anyway
# (English where a translation is missing), for a look while translating.
html: check-book setup
	@KAZBOOK_PDF=$$($(CHECK) --have pdf && echo 1 || echo 0) \
	  $(STAGE) --strict site "building the site with jupyter-book (strict; runs every chapter once, then cached)" -- \
	  $(JB) build . $(BUILD_FLAGS)
	@for lang in $$($(BIN)/python -m kazbook.languages translations); do \
	  KAZBOOK_PDF=$$($(CHECK) --have pdf && echo 1 || echo 0) \
	  $(STAGE) --strict site-$$lang "building the $$lang edition into _build/html/$$lang (strict; its own execution cache)" -- \
	  $(BIN)/python -m kazbook.languages build $$lang $(BUILD_FLAGS) || exit 1; done

# Extract the English messages (Sphinx's gettext builder, reusing the site's execution cache) and
# update every translation's catalogs with babel: new entries untranslated, changed ones fuzzy.
catalogs: check-book setup
	$(BIN)/python -m kazbook.catalogs

# Each edition's site, PDF and notebooks share one environment and one execution cache (the
# source edition's in _build/, each translation's in _build/<lang>/): after the site each chapter
# has run once per language, and the PDF and the notebooks run nothing again. Each translation's
# PDF (car-assembly-kazakhstan-<lang>.pdf) and notebooks join its site, _build/html/<lang>/.
pdf: check-pdf setup
	@rm -rf _build/latex
	@$(STAGE) pdf "building the PDF with xelatex (from the site's executed pages)" -- \
	  $(JB) build . --builder pdflatex $(BUILD_FLAGS)
	@mkdir -p _build/html
	@cp _build/latex/$(PDF_NAME) _build/html/$(PDF_NAME)
	@echo "[pdf] The PDF is at: $(CURDIR)/_build/html/$(PDF_NAME)"
	@for lang in $$($(BIN)/python -m kazbook.languages translations); do \
	  $(STAGE) pdf-$$lang "building the $$lang PDF with xelatex (from the $$lang site's pages: nothing runs again)" -- \
	  $(BIN)/python -m kazbook.languages build --output pdf $$lang $(BUILD_FLAGS) || exit 1; done

# Student notebooks (nbgrader's release of the teacher notebooks: no solutions, self-checking) and
# teacher notebooks (the nbgrader source, with the site's outputs) with their nbgrader_config.py,
# a zip of each, written by the `notebooks` builder (kazbook/notebooks/) from the site's resolved
# pages, then published in the site's notebooks/.
notebooks: check-book setup
	@$(STAGE) --strict notebooks "writing student and teacher notebooks from the site's pages (nothing runs again)" -- \
	  $(JB) build . --builder custom --custom-builder notebooks $(BUILD_FLAGS)
	@$(BIN)/python -m kazbook.languages publish-notebooks _build/notebooks _build/html
	@for lang in $$($(BIN)/python -m kazbook.languages translations); do \
	  $(STAGE) --strict notebooks-$$lang "writing the $$lang notebooks from the $$lang site's pages (nothing runs again)" -- \
	  $(BIN)/python -m kazbook.languages build --output notebooks $$lang $(BUILD_FLAGS) || exit 1; done

# A printable worksheet (exercises only) and a separate answer key per chapter, as PDFs typeset
# like the book's PDF (Sphinx's LaTeX builder, xelatex), from each edition's notebooks and in its
# words, into its site: _build/html/worksheets/, each translation's _build/html/<lang>/worksheets/
# (the same file names, so each For teachers page links its own). Needs TeX: `make book` skips
# them with the PDF.
worksheets: check-pdf setup
	@$(STAGE) --strict worksheets "typesetting a worksheet and an answer key per chapter (xelatex)" -- \
	  $(BIN)/python -m kazbook.worksheet_pdf --out _build/html/worksheets
	@for lang in $$($(BIN)/python -m kazbook.languages translations); do \
	  $(STAGE) --strict worksheets-$$lang "typesetting the $$lang worksheets and answer keys from the $$lang notebooks (xelatex)" -- \
	  $(BIN)/python -m kazbook.worksheet_pdf --lang $$lang || exit 1; done

# The student edition of the site, in every language: every solution and all teacher material
# left out (no teacher notebooks, no PDF, no Markdown sources); each language's pages carry the
# student notebooks `make notebooks` wrote for it, and their zip (kazbook/student_site.py). It runs
# nothing: each language's pages come from its full edition's execution cache. Publish
# _build/student/_build/html/ for a class.
student-site: check-book setup notebooks
	$(BIN)/python -m kazbook.student_site $(BUILD_FLAGS)

test: check-test setup
	$(BIN)/python -m pytest

# The fast tier: every test that needs no build, no notebook run and no browser (under a minute).
test-fast: check-book setup
	$(BIN)/python -m pytest -m "not slow"

# requirements.txt is compiled from requirements.in by uv (pinned below), for every Python from
# 3.11.2 on: one lock, with a marker wherever a newer Python gets a newer release.
UV_VERSION := 0.13.9
LOCK_PYTHON := 3.11.2
lock:
	@test -x _build/locktools/bin/uv || { $(PYTHON) -m venv _build/locktools && \
	  _build/locktools/bin/pip install --quiet uv==$(UV_VERSION); }
	_build/locktools/bin/uv pip compile requirements.in -o requirements.txt --universal \
	  --python-version $(LOCK_PYTHON) --custom-compile-command "make lock" --quiet

# Resolve the lock (a real resolve, nothing installed) with each Python on this machine, or with
# the ones named: `make lock-check LOCK_PYTHONS="/usr/bin/python3.11 python3.13"`.
LOCK_PYTHONS ?=
lock-check: check-book
	$(CHECK_PY) tools/lockcheck.py $(LOCK_PYTHONS)

bib: setup
	$(BIN)/python -m kazbook.bib

serve:
	$(BIN)/python -m http.server --directory _build/html 8000

bench: setup
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf _build

# The whole site in one zip for a USB stick (opens from index.html with no server and no
# internet), written into the site, which then offers it beside the PDF.
.PHONY: site-zip
site-zip: setup
	@$(STAGE) site-zip "zipping the finished site for a USB stick" -- $(BIN)/python -m kazbook.site_zip _build/html
