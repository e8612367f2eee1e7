# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
PORT ?= 8000

.PHONY: demo test lint fix lock messages bench screenshots clean

# The lock is installed as it is: --no-deps, so that pip resolves nothing of its own (an extra
# such as coverage[toml] would otherwise take the index's newest release); then `pip check`
# fails the install when the lock misses a requirement of a locked package.
$(STAMP): requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/dev.lock
	$(BIN)/pip check
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Start the demo at http://127.0.0.1:$(PORT) with demo data and printed log-ins.
demo: $(STAMP)
	$(BIN)/gemeinsam demo --port $(PORT)

## Run every gate: lint, migrations, translations, deploy check, tests with coverage, browser journeys.
test: $(STAMP)
	scripts/test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fix: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-extract and compile translations (needs GNU gettext).
messages: $(STAMP)
	cd src/gemeinsam && ../../$(BIN)/gemeinsam makemessages --no-obsolete --no-location -l de -l en -l ar -l tr
	$(BIN)/python scripts/fill_english_catalog.py
	cd src/gemeinsam && ../../$(BIN)/gemeinsam compilemessages

## Take the README's screenshots (docs/screenshots/) of five key pages in de and ar, 1366 and 360 px.
screenshots: $(STAMP)
	$(BIN)/pytest tests/browser/test_screenshots.py --screenshots docs/screenshots --no-cov -p no:randomly -q

bench: $(STAMP)
	$(BIN)/gemeinsam bench

## Re-pin dependencies with hashes (needs uv).
lock:
	uv pip compile --generate-hashes --universal --python-version 3.11 --no-header requirements/base.in -o requirements/base.lock
	uv pip compile --generate-hashes --universal --python-version 3.11 --no-header requirements/dev.in -o requirements/dev.lock

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .coverage htmlcov
