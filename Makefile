# Netra: two commands. `make run` serves a demo at http://127.0.0.1:8000, `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NETRA := $(BIN)/netra
HOST ?= 127.0.0.1
PORT ?= 8000
# Local runs are debug runs with the embedded SQLite database under ./var.
DEV_ENV := DEBUG=1 NETRA_VAR_DIR=$(CURDIR)/var

.PHONY: run install test lint test-sqlite test-postgres test-celery test-browser messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/.installed

run: install
	mkdir -p var
	$(DEV_ENV) $(NETRA) migrate --no-input -v0
	$(DEV_ENV) $(NETRA) load_reference
	$(DEV_ENV) $(NETRA) seed_demo
	$(DEV_ENV) $(NETRA) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check netra tests benchmarks
	DJANGO_SETTINGS_MODULE=netra.settings_test $(NETRA) makemigrations --check --dry-run -v1
	$(BIN)/lint-imports --no-cache
	NETRA_TESTING=1 $(BIN)/mypy

# The SQLite and PostgreSQL runs are independent (each has its own throw-away var dir and database)
# and the PostgreSQL one waits on its server much of the time, so they run side by side; -O keeps
# each run's output together.
test: install lint
	$(MAKE) -j2 -O test-sqlite test-postgres
	$(MAKE) test-celery

test-sqlite:
	NETRA_TESTING=1 $(BIN)/pytest -m "not celery" -q

test-postgres:
	scripts/with-postgres.sh env NETRA_TESTING=1 $(BIN)/pytest -m "not browser and not celery" -q

test-celery:
	scripts/with-postgres.sh scripts/with-redis.sh env NETRA_TESTING=1 $(BIN)/pytest -m celery -q

# Refresh the English catalogue after changing UI strings; the compiled .mo is committed so that
# `make run` needs no gettext on the machine.
messages: install
	cd netra && NETRA_TESTING=1 ../$(NETRA) makemessages -l en --ignore='screening/*' --ignore='static/*' -v0
	cd netra && NETRA_TESTING=1 ../$(NETRA) compilemessages -v0

clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
