# Two commands set everything up on a fresh machine with Python 3.11:
#   make demo   build the seed graph, print the trace, write the viz and the audit
#   make test   install the dev extras and the browser/OCR packages, run the suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STORE  := .cancu/store
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Chromium for the browser tests, Tesseract and poppler for scanned documents and PDFs,
# DejaVu fonts to render Vietnamese test fixtures, Java for the HermiT reasoner.
APT_PACKAGES := chromium tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core

.PHONY: demo test lint bench clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

demo: $(VENV)/.installed
	$(BIN)/cancu build data/seeds --store $(STORE)
	$(BIN)/cancu trace --store $(STORE)
	$(BIN)/cancu viz --store $(STORE) --out out/citations.html
	$(BIN)/cancu audit 82-HD/BTGTW --store $(STORE) --format html --out out/audit-82-HD-BTGTW.html

test: $(VENV)/.dev-installed system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .cancu out build *.egg-info .pytest_cache .ruff_cache
