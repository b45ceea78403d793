# On a fresh machine with Python 3.11+ and make:
#   make setup  the environment only (.venv with the locked packages and the project)
#   make run    set up .venv if needed, then execute every notebook (outputs and figures in place)
#   make test   set up .venv if needed, then run every test, the lint check and the layers contract
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
#: Benchmark articles in the study corpus of the sequence benchmark (scripts/bench_sequence.py)
SEQUENCE_ARTICLES ?= 400
#: Options of the whole-sequence run at scale, e.g. make bench-run RUN_ARGS="--articles 2000 --workers 2"
RUN_ARGS ?= --articles 10000 --workers 2
#: Options of the fuzzing harness, e.g. make fuzz FUZZ_ARGS="--quick" (no notebook) or FUZZ_ARGS="-k gzip"
FUZZ_ARGS ?=

.PHONY: setup run test test-quick lint bench bench-scale bench-run fuzz lab html scale-table clean-venv

$(READY): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(READY)

setup: $(READY)
	@echo "environment ready: $(VENV) (activate with: . $(BIN)/activate)"

run: $(READY)
	@$(BIN)/rhetoric run

# Everything (the full tier): unit tests, slow tests, the notebooks end to end, lint and the layers contract.
# Each runs whatever the others' result; the target fails if any does.
test: $(READY)
	@status=0; \
	RHETORIC_TEST_TIER=full $(BIN)/python -m pytest || status=$$?; \
	$(BIN)/ruff check lib scripts tests || status=$$?; \
	$(BIN)/lint-imports --no-cache || status=$$?; \
	exit $$status

# The quick tier (about a minute on 2 cores): no test marked slow (notebooks, kernels, Dask, dev-data
# reproductions), property tests with a tenth of their examples.
test-quick: $(READY)
	RHETORIC_TEST_TIER=quick $(BIN)/python -m pytest -m "not slow" -q

lint: $(READY)
	$(BIN)/ruff check lib scripts tests
	$(BIN)/lint-imports --no-cache

# Timings: the notebook run against its floor, then the feature table at scale in CPU time (fast paths, plain
# library calls and the naive way on the same articles; check the load average it prints).
bench: $(READY)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_sequence.py --articles $(SEQUENCE_ARTICLES) --steps
	$(BIN)/python scripts/bench_gap.py
	$(BIN)/python scripts/bench_scale.py $(BENCH_ARGS)

# Only the feature table at scale (scripts/bench_scale.py).
bench-scale: $(READY)
	$(BIN)/python scripts/bench_scale.py $(BENCH_ARGS)

# The whole sequence (rhetoric run --workers N) on a large corpus: wall, CPU, peak memory (scripts/bench_run.py;
# about 15 minutes on 10,000 articles and 2 cores).
bench-run: $(READY)
	$(BIN)/python scripts/bench_run.py $(RUN_ARGS)

# The fuzzing rounds of issues 20 and 24 re-run (scripts/fuzz.py): every bad input, output-path trick and signal,
# each in a temporary folder with a time limit and a memory cap; a table of the cases, non-zero exit on a failure.
fuzz: $(READY)
	$(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

scale-table: $(READY)
	$(BIN)/python scripts/scale_table.py

# JupyterLab on notebooks/: --allow-root when run as root (the usual case in a container); the jupytext .py
# copies hidden from the file browser (the .ipynb is the notebook to open); kernels started with CurveZMQ
# transport encryption, as `rhetoric run` does (rhetoric.run.kernel.kernel_config), so no kernel warns that it
# runs over TCP without encryption (where libzmq lacks Curve, "auto" leaves the kernel unencrypted, as before).
LAB_HIDE := ['__pycache__','*.pyc','*.pyo','.DS_Store','*~','[0-9][0-9]-*.py']
LAB_OPTS := "--ContentsManager.hide_globs=$(LAB_HIDE)" --KernelManager.transport_encryption=auto \
	$(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(READY)
	$(BIN)/jupyter lab notebooks/ $(LAB_OPTS) $(LAB_ARGS)

# The executed notebooks as self-contained HTML pages plus an index (supplementary material).
html: $(READY)
	@$(BIN)/python -m rhetoric.report.edition $(HTML_DIR)

clean-venv:
	rm -rf $(VENV)
