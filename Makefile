# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    set up .venv if needed, then execute every notebook (outputs and figures in place)
#   make test   set up .venv if needed, then run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: run test bench lab scale-table clean-venv

$(READY): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(READY)

run: $(READY)
	@$(BIN)/rhetoric run

test: $(READY)
	$(BIN)/python -m pytest

bench: $(READY)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_scale.py

scale-table: $(READY)
	$(BIN)/python scripts/scale_table.py

lab: $(READY)
	$(BIN)/jupyter lab notebooks/

clean-venv:
	rm -rf $(VENV)
