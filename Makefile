# Open NRM — the two commands of the README, and the pieces they are made of.
#   make run    install, migrate a SQLite database under ./var/, load the demo world, serve
#   make test   install, then ruff, mypy and the whole suite on SQLite and PostgreSQL
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The local PostgreSQL of these machines (trust auth); DATABASE_URL overrides it.
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
STAMP := $(VENV)/.installed
# Each step of `make test` prints its elapsed time (bash's `time`); the whole one at the end.
export TIMEFORMAT := %R s elapsed
STARTED := $(shell date +%s)

.PHONY: run test install messages lint audit typecheck test-sqlite test-postgres browser fonts bench

$(BIN)/python:
	$(PYTHON) -m venv --upgrade-deps $(VENV)

# pip and setuptools of an older venv carry known vulnerabilities (nrm/core/advisories.py).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check 'pip>=23.3' 'setuptools>=70.0'
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Compiled translations are build output (.gitignore); msgfmt comes from Debian's gettext.
messages: install
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	cd nrm && ../$(BIN)/python ../manage.py compilemessages --ignore '.venv' -v 0

run: install messages fonts
	mkdir -p var
	NRM_DEMO=true $(BIN)/nrm migrate --noinput -v 0
	NRM_DEMO=true $(BIN)/nrm demo load --if-empty
	NRM_DEMO=true $(BIN)/nrm demo logins
	@echo "Open http://127.0.0.1:$(PORT)/ (PORT=... make run to change the port)"
	@# The deadline worker runs beside the server, so reminders fire in the demo too; it
	@# stops with the server (Ctrl-C).
	NRM_DEMO=true $(BIN)/nrm deadlines run --loop --interval 60 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	NRM_DEMO=true $(BIN)/nrm serve --port $(PORT)

# bandit at medium severity and up: every finding fixed or justified on its line
# (`# nosec Bxxx: why`). Tests and migrations are left out: the tamper tests write raw SQL
# on purpose and ruff's S rules still read them. Known vulnerabilities of the installed
# packages against the vendored advisory snapshot (security/advisories.json), offline.
lint: install
	time $(BIN)/ruff check .
	time $(BIN)/lint-imports --config .importlinter
	time $(BIN)/bandit -q -r nrm bench -ll -x '*/tests/*,*/migrations/*'
	time $(BIN)/python -m nrm.core.advisories check

# The live vulnerability services where the network reaches them (not in CI: only the
# package registries are reachable there). Refresh the snapshot with
# `python -m nrm.core.advisories refresh --from <checkout of pypa/advisory-database>`.
audit: install
	$(BIN)/pip-audit --strict --progress-spinner off

typecheck: install
	time $(BIN)/mypy nrm bench

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's fonts for the worker-guide leaflets (Arabic, Bengali, Devanagari, Gurmukhi,
# Ethiopic, Chinese): nothing is downloaded at run time (nrm/guide/pdf.py). poppler-utils
# renders the leaflets to images in the tests (nrm/guide/tests/test_leaflet_rendering.py).
fonts:
	@test -f /usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf -a -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc -a -x /usr/bin/pdftoppm || { apt-get update -qq && apt-get install -y -qq fonts-noto-core fonts-wqy-microhei fonts-dejavu-core poppler-utils >/dev/null; }

test-sqlite: install messages browser fonts
	time $(BIN)/pytest

test-postgres: install messages fonts
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python -m nrm.core.dbcheck "$$url"; then \
		echo "PostgreSQL: $${url%%@*}@…"; time DATABASE_URL="$$url" $(BIN)/pytest -m "not browser"; \
	else \
		echo "PostgreSQL is not reachable at $$url; the PostgreSQL run is skipped."; \
		if [ -n "$${CI:-}" ]; then echo "CI must test PostgreSQL."; exit 1; fi; \
	fi

# The SQLite and PostgreSQL runs are independent (an in-memory database, and a test
# database of PostgreSQL's own): on the 2-core machines they run side by side, each
# printing its output when it ends (issue 10: the suite's wall time).
test: lint typecheck browser fonts messages
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	@echo "make test took $$(( $$(date +%s) - $(STARTED) )) s in all"

bench: install
	$(BIN)/python bench/run.py
