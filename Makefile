# Bilateral: `make serve` and `make test` do all the set-up on a fresh machine.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
INSTALLED := $(VENV)/.installed
VENDOR := server/static/vendor/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install vendor build serve test golden bench soak faults clean

install: $(INSTALLED)

# One stamp per set of packages: serving needs only the runtime ones; the
# test extra comes with `make test` (and `make install`), on top of them.
$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(INSTALLED): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Front-end libraries from the npm registry, pinned by package-lock.json,
# copied under server/static/vendor/ so the UI works with no internet.
vendor: $(VENDOR)

$(VENDOR): package.json package-lock.json server/vendor.py | $(RUNTIME)
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bilateral.server.vendor
	touch $@

# Rebuilds only when an input changed (the manifest records their hashes).
build: $(RUNTIME)
	$(BIN)/bilateral build --if-stale

serve: build vendor
	$(BIN)/bilateral serve --host $(HOST) --port $(PORT)

# pyright first: every import of the repository must resolve, as an editor sees it.
test: $(INSTALLED) vendor
	node_modules/.bin/pyright
	$(BIN)/python -m pytest

golden: $(INSTALLED)
	$(BIN)/python -m pytest tests/graph/test_queries.py --update-golden

# The peers (oxigraph, rdflib-endpoint) are dev-only: the `bench` extra.
BENCH_ARGS ?=
BULK_ARGS ?= --triples 1000000
bench: $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.bulk $(BULK_ARGS)

# Full forms of the reliability tests (reduced forms run in `make test`).
SOAK_ARGS ?= --clients 64 --seconds 60
soak: build
	$(BIN)/python -m bench.soak $(SOAK_ARGS)
	$(BIN)/python -m bench.slow_clients --store var/store --sockets 200 --seconds 60 --mode headers
	$(BIN)/python -m bench.slow_clients --store var/store --sockets 200 --seconds 60 --mode body

faults: $(INSTALLED)
	BILATERAL_FAULT_KILLS=200 BILATERAL_FLOOD_QUERIES=48 $(BIN)/python -m pytest tests/faults tests/load/test_restart.py tests/load/test_flood.py

clean:
	rm -rf var .pytest_cache
