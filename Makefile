# The two commands of the README, and a few helpers. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run demo-reset test lint format clean lock

# Installs exactly what requirements.lock pins (with its hashes), as CI and production do,
# then the project itself. The lock holds the build back end too, so no build step fetches
# an unpinned setuptools. `pip check` fails when pyproject.toml asks for something the lock
# lacks: then run `make lock`.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

# Remakes requirements.lock from pyproject.toml's ranges (main dependencies and the dev and
# import extras, plus setuptools to build the editable install), keeping the pins that still
# fit; `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed. pip-tools
# lives in its own venv outside the repository, not in .venv. No index, host or path of
# the machine that made it goes into the file.
PIPTOOLS ?= /tmp/postbag-piptools
LOCK_ARGS ?=
lock:
	test -x $(PIPTOOLS)/bin/pip-compile || \
		{ $(PYTHON) -m venv $(PIPTOOLS) && $(PIPTOOLS)/bin/pip install --quiet 'pip-tools>=7.4,<8'; }
	CUSTOM_COMPILE_COMMAND="make lock" $(PIPTOOLS)/bin/pip-compile --quiet $(LOCK_ARGS) \
		--generate-hashes --allow-unsafe --strip-extras --build-deps-for editable \
		--extra dev --extra import \
		--no-emit-index-url --no-emit-trusted-host --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# `make run` adds only the demo content the database lacks, so edits made in the admin stay.
# This puts every demo piece back as demo/content/ has it and gives the editor a new password.
demo-reset: $(VENV)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo --reset

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
