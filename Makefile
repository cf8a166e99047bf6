# Peihuo: `make demo` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test runs keep their bytecode (under $(VENV)/pycache, out of the tree) even where
# PYTHONDONTWRITEBYTECODE is set: each run starts three interpreters, and the tests start more,
# and each of them compiled the project's modules and rewrote the tests' asserts anew (~5 CPU-s).
PYCACHE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache

.PHONY: demo test check lint typecheck pytest schema clean serve worker bundle frontend-check screenshots

# A virtual environment with everything installed; redone only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv || true
	@if test -x $(BIN)/uv; then $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]'; \
	 else $(BIN)/python -m pip install -q -e '.[dev]'; fi
	@touch $(STAMP)

# The web front end (frontend/): `npm ci` when the lock file changed, a build when a source did.
FRONTEND := frontend
NODE_STAMP := $(FRONTEND)/node_modules/.installed
BUNDLE_STAMP := $(FRONTEND)/dist/.built
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public $(FRONTEND)/plugins -type f 2>/dev/null) \
	$(wildcard $(FRONTEND)/*.html $(FRONTEND)/*.ts $(FRONTEND)/*.js $(FRONTEND)/*.json) \
	$(wildcard api/graphql/console/examples/*.graphql) schema.graphql
# Vite 8 needs Node.js 20.19+ (or 22.12+).
NODE_OK := command -v npm >/dev/null 2>&1 && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null
NO_NODE := Node.js 20.19+ and npm not found

$(NODE_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BUNDLE_STAMP): $(NODE_STAMP) $(FRONTEND_SOURCES)
	@echo "building the web front end (frontend/)"
	cd $(FRONTEND) && npm run --silent build -- --logLevel warn
	@touch $@

# For `make demo`: the bundle, or one line saying why the API is served alone.
bundle:
	@if $(NODE_OK); then $(MAKE) --no-print-directory $(BUNDLE_STAMP) \
	  || echo "the web front end could not be built (above): serving the API alone"; \
	 else echo "$(NO_NODE): serving the API alone (the portal and the console need them)"; fi

demo: $(STAMP) bundle
	@$(BIN)/peihuo demo

serve: $(STAMP)
	@$(BIN)/peihuo serve

worker: $(STAMP)
	@$(BIN)/peihuo worker

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

typecheck: $(STAMP)
	$(BIN)/mypy api domain

# The browser tests (tests/e2e) run against the built bundle.
pytest: $(STAMP)
	@if $(NODE_OK); then $(MAKE) --no-print-directory $(BUNDLE_STAMP); fi
	$(PYCACHE) $(BIN)/pytest -n 2 --dist loadgroup

# eslint + prettier, tsc, generated types up to date, Vitest. Skipped (one line) without Node.js,
# except under CI=true.
frontend-check:
	@if ! $(NODE_OK); then \
	  if [ "$${CI:-}" = true ]; then echo "CI=true but $(NO_NODE)"; exit 1; fi; \
	  echo "$(NO_NODE): front-end checks skipped"; exit 0; fi; \
	$(MAKE) --no-print-directory $(NODE_STAMP) && cd $(FRONTEND) && npm run --silent check

test: lint typecheck frontend-check pytest

# The edit-test loop: lint, types and every test not marked slow (no browsers, no worker
# processes, no image or chart builds), each once on one database (PostgreSQL when it is
# here, else SQLite). `make test` stays the whole suite, on both.
check: lint typecheck
	$(PYCACHE) PEIHUO_TEST_ONE_DATABASE=1 $(BIN)/pytest -n 2 --dist loadgroup -m "not slow" -q

# Screenshots of the pages (phone and desktop, zh-CN and en) into docs/screenshots/: every
# browser journey photographs the pages it passes.
screenshots: $(STAMP)
	@$(NODE_OK) && $(MAKE) --no-print-directory $(BUNDLE_STAMP)
	PEIHUO_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -p no:randomly tests/e2e

schema: $(STAMP)
	$(BIN)/peihuo schema > schema.graphql

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules $(FRONTEND)/dist
