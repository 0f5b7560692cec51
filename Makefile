# FastFM developer commands. Only python3 is needed: the first run bootstraps uv into
# .tools/ and creates .venv from uv.lock.
PYTHON ?= python3
UV := .tools/bin/uv
VENV := .venv
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

CHROMIUM ?= /usr/bin/chromium
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
	web/vite.config.ts web/tsconfig.json
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test test-web lint fmt migrate install web bench bench-playlists bench-shuffle bench-party bench-import bench-search clean

run: install web ## Build the app if stale, migrate, load the demo catalog if empty, serve
	$(VENV)/bin/fastfm db upgrade
	$(VENV)/bin/fastfm seed --demo --if-empty
	@echo "FastFM is running at http://$(HOST):$(PORT)/ (API docs at http://$(HOST):$(PORT)/docs)"
	$(VENV)/bin/fastfm serve --host $(HOST) --port $(PORT) --no-upgrade

test: install web ## The whole suite: pytest (SQLite, PostgreSQL + Redis when reachable), then the web tests
	$(VENV)/bin/pytest
	$(MAKE) test-web

test-web: web ## vitest, then the browser tests (Chromium; skipped outside CI when it is missing)
	cd web && npx vitest run
	@if [ -x "$(CHROMIUM)" ]; then \
		cd web && FASTFM_CHROMIUM="$(CHROMIUM)" npx playwright test && \
		if [ "$$CI" = "true" ]; then FASTFM_E2E_PROFILE=postgresql npx playwright test; fi; \
	elif [ "$$CI" = "true" ]; then \
		echo "browser tests: $(CHROMIUM) is missing (required under CI=true)"; exit 1; \
	else \
		echo "browser tests skipped: $(CHROMIUM) is not installed (apt-get install chromium)"; \
	fi

lint: install web/node_modules/.installed ## ruff, mypy --strict, tsc, eslint, and static checks of the Dockerfile, compose file and CI workflow
	$(VENV)/bin/ruff check src tests migrations bench
	$(VENV)/bin/ruff format --check src tests migrations bench
	$(VENV)/bin/mypy
	$(VENV)/bin/hadolint Dockerfile
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/ci.yml
	$(VENV)/bin/actionlint -shellcheck= .github/workflows/ci.yml
	cd web && npx tsc --noEmit && npx eslint .

web: web/dist/index.html ## Build the web app into web/dist when a source changed

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

fmt: install ## Format and autofix
	$(VENV)/bin/ruff check --fix src tests migrations bench
	$(VENV)/bin/ruff format src tests migrations bench

migrate: install ## Upgrade the configured database to the newest migration
	$(VENV)/bin/fastfm db upgrade

bench: install ## Catalog reads: FastFM vs a raw reference app on 1M songs (PostgreSQL, wrk)
	$(VENV)/bin/python bench/catalog_load.py

bench-playlists: install ## Insert, move and page reads on a 10,000-track playlist (PostgreSQL)
	$(VENV)/bin/python bench/playlist_ops.py

bench-shuffle: install ## Shuffle quality (balanced vs random) and next latency with Redis
	$(VENV)/bin/python bench/shuffle_quality.py

bench-party: install ## Party fan-out: control -> state latency, 500 members on two processes
	$(VENV)/bin/python bench/party_fanout.py

bench-import: install ## Spotify import: 200 playlists x 100 tracks from the fake Spotify (PostgreSQL)
	$(VENV)/bin/python bench/spotify_import.py

bench-search: install ## Search on 1M songs: wrk at concurrency 16 and 64 per query kind, beside pgbench
	$(VENV)/bin/python bench/search_load.py

install: $(VENV)/.installed

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

clean: ## Remove the virtualenvs, caches and the web build (keeps data/)
	rm -rf .tools $(VENV) .pytest_cache .mypy_cache .ruff_cache web/node_modules web/dist
