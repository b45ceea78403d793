# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    set up .venv if needed, then execute every notebook (outputs and figures in place)
#   make test   set up .venv if needed, then run the tests and the lint check
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
#: Extra options for `make lab`, e.g. make lab LAB_ARGS="--port 9999 --no-browser"
LAB_ARGS ?=
#: Where `make html` writes the static HTML edition (gitignored)
HTML_DIR ?= build/html
#: Options of the scale benchmark, e.g. make bench-scale BENCH_ARGS="--articles 2000 --no-workers"
BENCH_ARGS ?=

.PHONY: run test test-quick lint bench bench-scale lab html scale-table clean-venv

$(READY): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(READY)

run: $(READY)
	@$(BIN)/rhetoric run

# Everything: unit tests, the notebooks end to end (several minutes), and lint. Both run whatever the
# other's result; the target fails if either does.
test: $(READY)
	@status=0; \
	$(BIN)/python -m pytest || status=$$?; \
	$(BIN)/ruff check lib scripts tests || status=$$?; \
	exit $$status

# The unit tests only (about a minute): no end-to-end notebook runs (tests/test_notebooks.py).
test-quick: $(READY)
	$(BIN)/python -m pytest --ignore=tests/test_notebooks.py

lint: $(READY)
	$(BIN)/ruff check lib scripts tests

# Timings: the notebook run against its floor, then the feature table at scale in CPU time (fast paths, plain
# library calls and the naive way on the same articles; check the load average it prints).
bench: $(READY)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_scale.py $(BENCH_ARGS)

# Only the feature table at scale (scripts/bench_scale.py).
bench-scale: $(READY)
	$(BIN)/python scripts/bench_scale.py $(BENCH_ARGS)

scale-table: $(READY)
	$(BIN)/python scripts/scale_table.py

lab: $(READY)
	$(BIN)/jupyter lab notebooks/ $(LAB_ARGS)

# The executed notebooks as self-contained HTML pages plus an index (supplementary material).
html: $(READY)
	$(BIN)/python -m rhetoric.edition $(HTML_DIR)

clean-venv:
	rm -rf $(VENV)
