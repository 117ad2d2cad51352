# One task runner: `make check` is the lint/type gate CI runs; `make test` the test suite.
PY ?= .venv/bin/python

.PHONY: check test bench fixtures

check:
	$(PY) -m ruff check .
	$(PY) -m mypy

test:
	$(PY) -m pytest

bench:
	$(PY) bench/brief.py

fixtures:
	$(PY) fixtures/generate.py
