# Two commands on a fresh machine (Python 3.11 and Node.js with npm):
#   make book   set up, build the site, print the path of index.html
#   make test   set up, then run the whole test suite (it builds the book itself)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
JB     := $(BIN)/jupyter-book
BUILD_FLAGS := -n -W --keep-going

.PHONY: book test setup bib serve bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

book: setup
	$(JB) build . $(BUILD_FLAGS)
	@echo "The book is at: $(CURDIR)/_build/html/index.html"

test: setup
	$(BIN)/python -m pytest

bib: setup
	$(BIN)/python -m kazcars.bib

serve:
	$(BIN)/python -m http.server --directory _build/html 8000

bench: setup
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf _build
