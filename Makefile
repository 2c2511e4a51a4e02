# Resettle: `make run` sets everything up and serves the demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9

TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
# The local demo runs with DEBUG on and an SQLite file in var/; production sets its own environment.
DEMO_ENV := DEBUG=$${DEBUG:-true}
export UV_PYTHON_DOWNLOADS := never

.PHONY: run install test bench loadtest lint demo-national clean

run: install
	$(DEMO_ENV) $(BIN)/resettle demo --scale prison --seed 1 --if-empty
	@echo "Resettle: http://127.0.0.1:$(PORT)/  (demo logins above; stop with Ctrl+C)"
	$(DEMO_ENV) RESETTLE_REQUIRE_TWO_FACTOR=$${RESETTLE_REQUIRE_TWO_FACTOR:-false} $(BIN)/resettle serve --port $(PORT)

install: $(VENV)/.synced build/static/.built
	$(DEMO_ENV) $(BIN)/resettle migrate --noinput -v 0

# The suite runs in one process per core (pytest-xdist); TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: $(VENV)/.synced build/static/.built
	$(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

bench: $(VENV)/.synced build/static/.built
	$(BIN)/python -m bench $(BENCH_ARGS)

# Locust, headless, 50 users on the national demo on loopback: p50/p95/p99 per page and the error count.
loadtest: $(VENV)/.synced build/static/.built
	$(BIN)/python -m bench.loadtest $(LOADTEST_ARGS)

lint: $(VENV)/.synced
	$(BIN)/ruff check src config tests bench

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed $(shell find frontend -type f 2>/dev/null)
	npm run --silent build
	@touch $@

clean:
	rm -rf $(VENV) $(TOOLS) node_modules build var
