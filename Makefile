# Two commands for everything (see README.md):
#   make sample   set up .venv and run mdcheck on the bundled sample article
#   make test     set up .venv and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
LINT_PATHS = mdcheck tests $(wildcard bench fuzz)

.PHONY: sample test lint setup

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lsp]'
	$(BIN)/python -m pip install --quiet -e '.[fuzz]' \
	  || echo "atheris does not install on this Python; the short fuzz test will be skipped"
	touch $@

sample: setup
	@$(BIN)/mdcheck tests/fixtures/sample-article.md; \
	  echo "(mdcheck exited with status $$?: 0 = clean, 1 = problems found, 2 = error)"

test: setup
	$(BIN)/python -m pytest
	$(MAKE) lint

lint: setup
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy
