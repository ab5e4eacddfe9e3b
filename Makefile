# Maillage — developer entry points. "make" alone lists the targets.
# The two commands a newcomer needs: `make run` and `make test`. The logic lives in deploy/local/*.sh.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

GO  ?= go
NPM ?= npm

BIN       := bin/maillage
FRONT     := frontend
DIST      := $(FRONT)/dist
NPM_STAMP := $(FRONT)/node_modules/.maillage-npm-ci
# Files that go into the SPA build (a rebuild happens only when one of them changed).
FRONT_SRC := $(shell find $(FRONT) \( -name node_modules -o -name dist -o -name coverage -o -name e2e \
	-o -name test-results -o -name playwright-report \) -prune -o -type f -print 2>/dev/null)
SPEC_OUT  := docs/openapi
SPEC_GEN  := $(SPEC_OUT) $(FRONT)/src/api/schema.d.ts

.PHONY: help deps go-deps npm-deps build build-go build-front run stop \
	test test-go test-front test-e2e check check-static fmt-check vet staticcheck spec spec-check typecheck \
	clean clean-data

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

## ---------------------------------------------------------------- dependencies

deps: go-deps npm-deps ## Download Go modules and install the SPA's npm packages

go-deps:
	$(GO) mod download

npm-deps: $(NPM_STAMP)

# npm ci only when package.json or the lock file changed since the last install (or node_modules is gone).
$(NPM_STAMP): $(FRONT)/package.json $(FRONT)/package-lock.json
	$(NPM) --prefix $(FRONT) ci --no-audit --no-fund
	@touch $@

$(FRONT)/package-lock.json:
	@echo "$@ is missing: npm ci needs it (create it with: npm --prefix $(FRONT) install)" >&2; exit 1

## ---------------------------------------------------------------- build

build: build-go build-front ## Build bin/maillage and the SPA (frontend/dist)

build-go: ## Build bin/maillage (Go's cache makes it incremental)
	$(GO) build -o $(BIN) ./api

build-front: $(DIST)/index.html ## Build the SPA into frontend/dist

$(DIST)/index.html: $(NPM_STAMP) $(FRONT_SRC)
	$(NPM) --prefix $(FRONT) run build
	@test -f $@ || { echo "npm run build did not produce $@" >&2; exit 1; }
	@touch $@

## ---------------------------------------------------------------- run

run: deps build ## Start Maillage locally (PostgreSQL, migrations, demo data, server): prints the URL and logins
	deploy/local/run.sh

stop: ## Stop what make run started (server, local PostgreSQL cluster); data in .data/ is kept
	deploy/local/stop.sh

## ---------------------------------------------------------------- tests

test: test-go test-front test-e2e ## Run every test (Go, SPA, end-to-end), starting PostgreSQL if needed

test-go: ## Go tests (-race) against PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432, else .data/pg)
	TEST_DATABASE_URL="$$(deploy/local/test-db-url.sh)"; export TEST_DATABASE_URL; \
	$(GO) test -race -count=1 ./...

test-front: npm-deps ## SPA unit tests (Vitest)
	CI=true $(NPM) --prefix $(FRONT) test

test-e2e: ## End-to-end tests: real binary, database and SPA, in Chromium
	deploy/local/e2e.sh --check
	$(MAKE) build
	deploy/local/e2e.sh

## ---------------------------------------------------------------- checks

check: check-static test ## Everything CI runs: static checks, spec drift, then all the tests

check-static: fmt-check vet staticcheck spec-check typecheck ## All the checks except the tests

fmt-check:
	@out="$$(gofmt -l $(wildcard api pkg))"; \
	if [ -n "$$out" ]; then echo "gofmt: these files are not formatted (run gofmt -w on them):" >&2; echo "$$out" >&2; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

spec: npm-deps ## Regenerate docs/openapi (swag → OpenAPI 3) and frontend/src/api/schema.d.ts
	$(GO) tool swag init -g api/rest/doc.go -d ./ --exclude $(FRONT),deploy,bin --parseInternal \
		-o $(SPEC_OUT) --outputTypes json,yaml
	$(GO) run ./api/tools/openapi3 $(SPEC_OUT)/swagger.json $(SPEC_OUT)/openapi.json
	$(NPM) --prefix $(FRONT) run gen:api

spec-check: spec ## Fail when the generated spec or TS types differ from what is committed
	@drift="$$(git status --porcelain -- $(SPEC_GEN))"; \
	if [ -n "$$drift" ]; then \
		echo "Generated files are out of date: run 'make spec' and commit the result." >&2; \
		echo "$$drift" >&2; git --no-pager diff --stat -- $(SPEC_GEN) >&2; exit 1; \
	fi

typecheck: npm-deps ## TypeScript check of the SPA
	$(NPM) --prefix $(FRONT) run typecheck

## ---------------------------------------------------------------- benchmarks (neither in make test nor in CI)

.PHONY: bench bench-smoke

bench: ## Benchmark of issue 9 on the local cluster (~17 min, bench/README.md); results in bench/results/
	bench/bench.sh full

bench-smoke: ## The same pipeline with short runs (about a minute); results in .data/bench/results/
	bench/bench.sh smoke

## ---------------------------------------------------------------- cleaning

clean: ## Remove build outputs (bin/, frontend/dist, coverage)
	rm -rf bin $(DIST) coverage $(FRONT)/coverage

clean-data: stop ## Stop, then DELETE the local database cluster and state in .data/
	deploy/local/pg.sh destroy
	rm -rf .data
