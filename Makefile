# Two entry points for a fresh machine: `make report` and `make test`.
# Each sets up what is missing (system packages, the virtual environment,
# the browser test harness) and then does its job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
A11Y := tests/a11y
# Same input, same bytes: fontTools (the subsetting fallback) reads this.
export SOURCE_DATE_EPOCH ?= 0

LOCK := requirements.lock
# The lock is compiled from the package index alone: no machine's own pip
# configuration (local wheel folders, mirrors) leaks into its hashes.
COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(BIN)/pip-compile --extra test --extra dev --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --quiet --output-file $(LOCK) pyproject.toml

.PHONY: report test lint docs fuzz system venv a11y benchmark lock upgrade clean

# A review copy (--draft): the original's budget totals do not add up and one diagram is
# missing, so the published version is refused; `safeguarding check worcestershire` says why.
report: system venv
	$(BIN)/safeguarding build-report worcestershire --draft

test: system venv a11y
	$(BIN)/ruff check cli tests
	$(BIN)/mypy
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(BIN)/ruff check cli tests
	$(BIN)/mypy

# The documents written from the code: docs/rules.md from the rule catalogue (after adding or
# changing a rule; tests/test_rules.py fails until it is rewritten). Written whole or not at all.
# What is derived from the rule catalogue: docs/rules.md, and the rule-set schema the editor
# uses (self-contained, with the check ids a rule set may list, for completion and typos).
docs: venv
	$(BIN)/safeguarding rules --format markdown > docs/rules.md.tmp \
		&& mv docs/rules.md.tmp docs/rules.md || { rm -f docs/rules.md.tmp; exit 1; }
	$(BIN)/safeguarding schema requirements --out .vscode

system:
	bash scripts/system-deps.sh

venv: $(STAMP)

# A new environment of exactly the locked versions, each checked against its hash (so
# nothing from an older lock lingers); then the project itself,
# built with the locked setuptools (no build isolation: nothing unpinned is fetched).
$(STAMP): $(LOCK) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# After adding or changing a requirement in pyproject.toml: pin it, keeping every other pin.
# The hooks' pins in .pre-commit-hooks.yaml follow the lock (tests/test_pre_commit.py checks).
lock: venv
	$(COMPILE)
	$(MAKE) venv
	$(BIN)/python scripts/sync_hook_pins.py

# Run when you want newer libraries (a security release, a new feature), or monthly:
# refreshes the lock to the newest versions pyproject.toml allows, installs them and
# runs the whole suite. Commit requirements.lock only if it passes.
upgrade: system venv a11y
	$(COMPILE) --upgrade
	$(MAKE) venv
	$(BIN)/python scripts/sync_hook_pins.py
	$(MAKE) test

a11y: $(A11Y)/node_modules/.installed

$(A11Y)/node_modules/.installed: $(A11Y)/package-lock.json
	cd $(A11Y) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

benchmark: system venv
	$(BIN)/python scripts/benchmark.py

# Property tests with fresh random examples (`make test` repeats a fixed set).
fuzz: venv
	HYPOTHESIS_EXAMPLES=$${HYPOTHESIS_EXAMPLES:-5000} $(BIN)/python -m pytest -q tests/test_yaml_fuzz.py

clean:
	rm -rf $(VENV) $(A11Y)/node_modules
