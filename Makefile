# One task runner: `make check` is the lint/type gate CI runs; `make test` the test suite.
PY ?= .venv/bin/python

.PHONY: check test bench fixtures briefs

check:
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy

test:
	$(PY) -m pytest

DATA ?= ../shared/marketdata

bench:
	$(PY) bench/brief.py --data-dir $(DATA)
	$(PY) bench/mutation.py --data-dir $(DATA)
	$(PY) bench/forms.py --data-dir $(DATA)
	$(PY) bench/corpus.py --data-dir $(DATA)
	$(PY) bench/check_speed.py --data-dir $(DATA)
	$(PY) bench/adversarial.py --data-dir $(DATA)
	$(PY) bench/report_digest.py --data-dir $(DATA)
	$(PY) bench/offline_draft.py
	$(PY) bench/draft_throughput.py
	$(PY) bench/batch_draft.py
	$(PY) bench/provider_batch.py

fixtures:
	$(PY) fixtures/generate.py

# tests/briefs: the briefs the checker's tests read, rebuilt with writer from $(DATA);
# `make briefs BRIEFS="RUT-2025-08-15 SPX-2025-08-08+RUT"` adds those.
BRIEFS ?=

briefs:
	$(PY) -m tests.briefs.generate --data-dir $(DATA) $(BRIEFS)
