# The README's two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# `make run` listens on this machine only; `make run ADDRESS=0.0.0.0` serves every network the machine is on.
ADDRESS ?= 127.0.0.1

.PHONY: run cluster test test-fast test-lowest lint typecheck pytest bench chromium libreoffice postgres nginx prometheus clean

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
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address $(ADDRESS) --browser.gatherUsageStats false

# Several app processes on one store behind Debian's nginx (deploy/cluster.py): pages sticky, the API to any process.
PROCESSES ?= 3
cluster: $(VENV)/.runtime nginx
	$(BIN)/python -m deploy.cluster --processes $(PROCESSES) --port $(PORT)

# Debian's nginx for `make cluster` and the scale-out tests (three app processes behind it on one store).
nginx:
	@test -x /usr/sbin/nginx || { \
		echo "Installing Debian's nginx for the scale-out tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

# Debian's prometheus for promtool: the alert rules in deploy/prometheus are checked and unit-tested by it.
prometheus:
	@command -v promtool >/dev/null 2>&1 || { \
		echo "Installing Debian's prometheus (promtool) for the alert-rule tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's LibreOffice Calc without a GUI: a test opens the CSV export in it (headless) to prove no cell runs as a
# formula (about a minute to install here).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
		echo "Installing Debian's LibreOffice Calc (no GUI) for the CSV test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }

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

# Tests run in parallel (pytest-xdist): WORKERS processes share the tests, each to whichever is free (a module whose
# fixture starts a server for all its tests goes to one worker whole: WHOLE_MODULES in tests/conftest.py). The tests
# spend much of their time waiting on servers, the app and the browser, so more workers than cores still pays off.
# The browser tests run after the rest, two at a time (each has its app server and its chromium); those marked `timed`
# measure what the browser shows as it happens, so they run last, one at a time, with the machine to themselves.
# PYTEST_ARGS (options) go to every run.
WORKERS ?= 3
BROWSER_WORKERS ?= 2
XDIST = -n $(WORKERS)

pytest: $(VENV)/.dev chromium postgres nginx prometheus libreoffice
	$(BIN)/python -m pytest -q $(XDIST) --ignore=tests/browser $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q -n $(BROWSER_WORKERS) -m "not timed" tests/browser $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q -m timed tests/browser $(PYTEST_ARGS)

test: lint typecheck pytest

# The inner loop: lint, types and the unit and AppTest suites, with no browser and no PostgreSQL (tests that need the
# throwaway cluster are marked `postgres` by tests/conftest.py and left to `make test`).
test-fast: $(VENV)/.dev prometheus
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 -m "not postgres" tests/unit tests/app $(PYTEST_ARGS)

# The floors in requirements*.txt, proven: a second venv holding the lowest version of every direct dependency that
# the files allow (uv's --resolution lowest-direct; what those need comes at its newest), then ruff, mypy and every
# test but the browser ones against it. A floor that fails here is raised in requirements*.txt, never worked around.
# The venv lives inside .venv (ignored by git, removed by `make clean`) and is rebuilt when a requirements file changes.
LOWEST := $(VENV)/lowest
UV_VERSION := 0.13.9

$(LOWEST)/.installed: requirements.txt requirements-dev.txt
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"
	UV_PYTHON_DOWNLOADS=never $(LOWEST)/bin/uv pip install --quiet --python $(LOWEST)/bin/python \
		--resolution lowest-direct -r requirements-dev.txt
	touch $@

test-lowest: $(LOWEST)/.installed postgres nginx prometheus
	$(LOWEST)/bin/uv pip list --python $(LOWEST)/bin/python 2>/dev/null | grep -iE '^(streamlit|fastapi|starlette|pydantic|phonenumbers|python-dotenv|requests|pandas|langchain-core|langchain-openai|supabase|httpx|pytest|pytest-timeout|pytest-xdist|ruff|mypy|types-requests|psycopg) '
	$(LOWEST)/bin/ruff check .
	$(LOWEST)/bin/ruff format --check .
	@# mypy (one process, about 90 s from cold) runs beside the tests, which spend much of their time waiting on
	@# servers; its report is printed after them, and either failing fails the target.
	$(LOWEST)/bin/mypy --cache-dir $(LOWEST)/.mypy_cache > $(LOWEST)/mypy.log 2>&1 & mypy=$$!; \
	$(LOWEST)/bin/python -m pytest -q -p no:cacheprovider $(XDIST) -W ignore::DeprecationWarning \
		tests/unit tests/integration tests/app $(PYTEST_ARGS); tests=$$?; \
	wait $$mypy; typed=$$?; cat $(LOWEST)/mypy.log; test $$tests = 0 && test $$typed = 0

bench: $(VENV)/.dev chromium postgres
	$(BIN)/python benchmarks/poll_round_trips.py
	$(BIN)/python benchmarks/live_transcript.py
	$(BIN)/python benchmarks/script_latency.py
	$(BIN)/python benchmarks/script_quality.py
	$(BIN)/python benchmarks/rehearsal_latency.py --first-token-ms 300 --token-ms 30
	$(BIN)/python benchmarks/transcripts_scale.py --calls 100000 --browser

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-artifacts
