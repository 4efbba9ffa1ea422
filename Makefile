# The two commands of the README, and a few helpers. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run demo-reset test lint format clean lock screenshots lighthouse

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

# The W3C Nu Html Checker (tests/test_html_validity.py): the npm package vnu-jar, at this
# exact version, in .venv/vnu, run with the system's Java. Its install script, which would
# download a Java of its own, is not run; no package.json or lock file is written (a lock
# records download addresses); the jar must have the SHA-256 below, as pip's --require-hashes
# does for the Python packages. Without npm or Java nothing is installed and the check is
# skipped, unless REQUIRE_BROWSER=1.
VNU_VERSION := 26.9.27
VNU_SHA256 := 22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
VNU_STAMP := $(VENV)/vnu/.installed-$(VNU_VERSION)

$(VNU_STAMP): | $(VENV)/.installed
	@if command -v npm >/dev/null && command -v java >/dev/null; then \
		rm -rf $(VENV)/vnu && \
		npm install --prefix $(VENV)/vnu --no-save --no-package-lock --ignore-scripts \
			--no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION) && \
		echo "$(VNU_SHA256)  $(VNU_JAR)" | sha256sum --check --quiet && touch $@ || \
		{ rm -rf $(VENV)/vnu; exit 1; }; \
	else \
		echo "npm or java is missing: the HTML validity check will be skipped."; \
	fi

# The browser journeys (tests/browser, marker `browser`) run once, in the SQLite pass: they
# test what people see, which doesn't depend on the database. Where Chromium is missing they
# are skipped, unless REQUIRE_BROWSER=1.
test: $(VENV)/.installed $(VNU_STAMP) lint
	DJANGO_DEBUG=1 DATABASE_URL= $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 DATABASE_URL= $(BIN)/pytest
	DJANGO_DEBUG=1 scripts/pytest-postgres -m "not browser"

# The README's before/after screenshots, remade from the demo column (bench/screenshots.py):
# docs/screenshots/after-{home,letter,article}-{desktop,phone}.png, and the editors' pages:
# docs/screenshots/editor-{desk,inbox,editor,identifying}-{desktop,phone}.png.
screenshots: $(VENV)/.installed
	$(BIN)/python bench/screenshots.py
	$(BIN)/python bench/screenshots.py --editor

# Lighthouse (mobile) on every public page type, served by gunicorn (debug off) behind nginx
# (bench/lighthouse.py). The npm package lighthouse, at this exact version, in
# .venv/lighthouse, as vnu-jar above: no install scripts, no package.json or lock file.
LIGHTHOUSE_VERSION := 13.5.0
LIGHTHOUSE_STAMP := $(VENV)/lighthouse/.installed-$(LIGHTHOUSE_VERSION)
$(LIGHTHOUSE_STAMP): | $(VENV)/.installed
	rm -rf $(VENV)/lighthouse
	npm install --prefix $(VENV)/lighthouse --no-save --no-package-lock --ignore-scripts \
		--no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

lighthouse: $(LIGHTHOUSE_STAMP)
	$(BIN)/python bench/lighthouse.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
