# The two commands of the README, and a few helpers. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The browser journeys (tests/browser, marker `browser`) run once, in the SQLite pass: they
# test what people see, which doesn't depend on the database. Where Chromium is missing they
# are skipped, unless REQUIRE_BROWSER=1.
test: $(VENV)/.installed lint
	DJANGO_DEBUG=1 DATABASE_URL= $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 DATABASE_URL= $(BIN)/pytest
	DJANGO_DEBUG=1 scripts/pytest-postgres -m "not browser"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
