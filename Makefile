# The README's two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint typecheck pytest bench chromium postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address 0.0.0.0 --browser.gatherUsageStats false

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL 15 server binaries for the Supabase store's tests (a throwaway cluster is started by the tests).
postgres:
	@test -x /usr/lib/postgresql/15/bin/initdb || { \
		echo "Installing Debian's PostgreSQL 15 for the storage tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql-15 postgresql-contrib >/dev/null; }

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev chromium postgres
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(VENV)/.dev chromium postgres
	$(BIN)/python benchmarks/live_transcript.py
	$(BIN)/python benchmarks/script_latency.py
	$(BIN)/python benchmarks/transcripts_scale.py --calls 100000 --browser

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-artifacts
