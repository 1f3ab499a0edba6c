# Two commands on a fresh machine (Python 3.11 and Node.js with npm):
#   make book   set up, build the site, print the path of index.html
#   make test   set up, then run the whole test suite (it builds the book itself)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
JB     := $(BIN)/jupyter-book
BUILD_FLAGS := -n -W --keep-going

PDF_NAME := car-assembly-kazakhstan.pdf

.PHONY: book html pdf notebooks student-site test setup bib serve bench clean

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

book: html pdf notebooks
	@echo "The book is at: $(CURDIR)/_build/html/index.html"

html: setup
	$(JB) build . $(BUILD_FLAGS)

# The PDF builds in its own folder with its own execution cache, then joins the site.
pdf: setup
	rm -rf _build/pdf/_build/latex
	$(JB) build . --builder pdflatex --path-output _build/pdf $(BUILD_FLAGS)
	mkdir -p _build/html
	cp _build/pdf/_build/latex/$(PDF_NAME) _build/html/$(PDF_NAME)
	@echo "The PDF is at: $(CURDIR)/_build/html/$(PDF_NAME)"

# Student notebooks (nbgrader's release of the teacher notebooks: no solutions, self-checking)
# into notebooks/ and the site; teacher notebooks (the nbgrader source, executed) and their
# nbgrader_config.py into the site only; a zip of each.
notebooks: setup
	$(BIN)/python -m kazcars.notebooks --out notebooks --site _build/html

# The student edition of the site: every solution and all teacher material left out (no
# teacher notebooks, no PDF, no Markdown sources); it carries the committed student notebooks
# and their zip (_ext/kazbook.py). Publish this folder for a class.
student-site: setup
	mkdir -p _build
	$(BIN)/python -c "import yaml; c = yaml.safe_load(open('_config.yml')); c['sphinx']['config']['kazbook_hide_solutions'] = True; c['title'] += ' (student edition)'; yaml.safe_dump(c, open('.student-config.yml', 'w'), allow_unicode=True)"
	$(JB) build . --config .student-config.yml --path-output _build/student $(BUILD_FLAGS)
	@echo "The student edition is at: $(CURDIR)/_build/student/_build/html/index.html"

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

# The whole site in one zip for a USB stick (opens from index.html with no server and no
# internet), written into the site, which then offers it beside the PDF.
.PHONY: site-zip
site-zip: setup
	$(BIN)/python _ext/site_zip.py _build/html
