# Two commands: `make demo` starts Buurtpeil with the demo municipality; `make test` runs the suite.
PORT ?= 8000
PYTHON ?= python3
UV := .tools/bin/uv
BP := .venv/bin/buurtpeil
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test setup assets locale lint chromium

# The demo runs with DEBUG on (development key, static files from the apps) and prints
# e-mails, such as residents' login links, in the terminal. Its staff log in with the printed
# password alone: two-step verification is optional there (STAFF_2FA_REQUIRED=0).
demo: export DEBUG = 1
demo: export STAFF_2FA_REQUIRED = 0
demo: export SITE_URL = http://127.0.0.1:$(PORT)
demo: export EMAIL_BACKEND = django.core.mail.backends.console.EmailBackend
demo: setup
	mkdir -p var
	$(BP) migrate --noinput
	$(BP) demo
	$(BP) runserver 127.0.0.1:$(PORT)

test: setup chromium lint
	.venv/bin/python -m pytest -p no:cacheprovider -n 2

setup: .venv/.synced assets locale

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==0.13.9

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed
	npm run --silent build

locale: .venv/.synced
	cd src/buurtpeil && DEBUG=1 ../../$(BP) compilemessages --verbosity 0

lint: .venv/.synced
	.venv/bin/ruff check src tests bench
	.venv/bin/lint-imports --no-cache
	.venv/bin/mypy

# Chromium for the browser tests, and HarfBuzz's subsetter, which WeasyPrint uses to embed fonts.
chromium:
	@command -v chromium >/dev/null && ldconfig -p | grep -q libharfbuzz-subset || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium libharfbuzz-subset0; }
