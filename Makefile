# The two commands a newcomer runs: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run build test lint bench screenshots clean assets

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The query page's YASGUI editor comes from npm and is served from our own origin, never a CDN.
# npm ci reruns only when package.json or package-lock.json is newer than the last install; no package
# needs its install scripts (two print Font Awesome attributions), so none run.
YASGUI := src/wilcokg/static/vendor/yasgui
YASGUI_BUILD := node_modules/@zazuko/yasgui/build
NPM_STAMP := node_modules/.installed

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NPM_STAMP)

$(YASGUI)/%: $(NPM_STAMP)
	mkdir -p $(YASGUI)
	cp $(YASGUI_BUILD)/$* $@

assets: $(YASGUI)/yasgui.min.js $(YASGUI)/yasgui.min.css $(YASGUI)/yasgui.min.js.map

build: $(STAMP) assets
	$(BIN)/wilcokg build data/reports --reference data/reference --out dist

run: build assets
	$(BIN)/wilcokg serve --dist dist --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy

test: $(STAMP) assets lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/reading.py
	$(BIN)/python benchmarks/run.py

# The browser tests take their screenshots on every run, into a temporary folder; this run keeps them in
# docs/screenshots/, where the README shows them.
screenshots: $(STAMP) assets
	$(BIN)/python -m pytest tests/test_browser_pages.py --screenshots docs/screenshots

clean:
	rm -rf dist .wilcokg-store .wilcokg-cache/build
