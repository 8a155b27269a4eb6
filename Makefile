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

.PHONY: report test lint fuzz system venv a11y benchmark clean

report: system venv
	$(BIN)/safeguarding build-report worcestershire

test: system venv a11y
	$(BIN)/ruff check cli tests
	$(BIN)/mypy
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(BIN)/ruff check cli tests
	$(BIN)/mypy

system:
	bash scripts/system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

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
