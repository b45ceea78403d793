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
#: Benchmark articles in the study corpus of the sequence benchmark (benchmarks/bench_sequence.py)
SEQUENCE_ARTICLES ?= 400
#: Options of the whole-sequence run at scale, e.g. make bench-run RUN_ARGS="--articles 2000 --workers 2"
RUN_ARGS ?= --articles 10000 --workers 2
#: Options of the fuzzing harness, e.g. make fuzz FUZZ_ARGS="--quick" (no notebook) or FUZZ_ARGS="-k gzip"
FUZZ_ARGS ?=
#: Where the targets that regenerate committed data files write (`make help-dev`); empty: the committed files
#: themselves, e.g. make dev-hedges DATA_OUT=/tmp/check (then compare; `make dev-check` does it for every target)
DATA_OUT ?=
#: Where dev-tone-misreads writes its coding sheets (benchmark text: outside the repository); empty: ../devwork/tone
DEV_WORKDIR ?=
#: Material read in place beside the project, never copied into it (targets that need it skip when it is absent)
SHARED := ../shared
#: The project's Jupyter kernel (this .venv's Python), registered by `make setup` and `make lab` and named in every
#: notebook's metadata (rhetoric.run.kernel.KERNEL_NAME), so another Jupyter never silently uses another Python
KERNEL := rhetoric
KERNEL_DISPLAY := Python 3 (rhetoric)

.PHONY: setup run test test-quick lint bench bench-scale bench-run fuzz lab html scale-table clean-venv \
	help-dev dev-check $(DEV_TARGETS)

$(READY): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "$(KERNEL_DISPLAY)" >/dev/null
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
	$(BIN)/ruff check lib benchmarks scripts tests || status=$$?; \
	$(BIN)/lint-imports --no-cache || status=$$?; \
	exit $$status

# The quick tier (about 90 s on 2 cores): no test marked slow (notebooks, kernels, Dask, dev-data
# reproductions), property tests with a tenth of their examples.
test-quick: $(READY)
	RHETORIC_TEST_TIER=quick $(BIN)/python -m pytest -m "not slow" -q

lint: $(READY)
	$(BIN)/ruff check lib benchmarks scripts tests
	$(BIN)/lint-imports --no-cache

# Timings: the notebook run against its floor, then the feature table at scale in CPU time (fast paths, plain
# library calls and the naive way on the same articles; check the load average it prints).
# The benchmarks are modules of benchmarks/ run from the project root (python -m benchmarks.NAME).
bench: $(READY)
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.bench_sequence --articles $(SEQUENCE_ARTICLES) --steps
	$(BIN)/python -m benchmarks.bench_gap
	$(BIN)/python -m benchmarks.bench_scale $(BENCH_ARGS)

# Only the feature table at scale (benchmarks/bench_scale.py).
bench-scale: $(READY)
	$(BIN)/python -m benchmarks.bench_scale $(BENCH_ARGS)

# The whole sequence (rhetoric run --workers N) on a large corpus: wall, CPU, peak memory (benchmarks/bench_run.py;
# about 15 minutes on 10,000 articles and 2 cores).
bench-run: $(READY)
	$(BIN)/python -m benchmarks.bench_run $(RUN_ARGS)

# The fuzzing rounds of issues 20, 24 and 37 re-run (tests/fuzz/rounds.py): every bad input, output-path trick and
# signal, each in a temporary folder with a time limit and a memory cap; a table of the cases, non-zero exit on a
# failure.
fuzz: $(READY)
	$(BIN)/python tests/fuzz/rounds.py $(FUZZ_ARGS)

# ------------------------------------------------------------------------------------ instrument development
# One target per development module (lib/rhetoric_dev) and for the benchmark's per-article table: each
# regenerates the committed data files it names (in place, or in DATA_OUT), or runs its check. For each target:
# the module, the files it writes, and what it needs beside the project (`make help-dev` prints this table).
DEV_TARGETS := dev-dictionaries dev-hedges dev-booster-rules dev-semeval-frames dev-tone-misreads dev-writer-voice \
	dev-term-provenance dev-reaudit dev-frame-presence dev-target-tone scale-table
D := lib/rhetoric/data
MODULE_dev-dictionaries := rhetoric_dev.dictionaries
FILES_dev-dictionaries :=
WRITES_dev-dictionaries := nothing: prints the samples, the hits per term on DEVELOP and the precision tables
NEEDS_dev-dictionaries := $(SHARED)/bench
MODULE_dev-hedges := rhetoric_dev.hedges
FILES_dev-hedges := $(D)/hedge_crossgenre.csv $(D)/uncertainty_cues.csv $(D)/uncertainty_model.csv
NEEDS_dev-hedges := $(SHARED)/dev/szeged-uncertainty and scikit-learn (the dev extra); minutes on 2 cores
MODULE_dev-booster-rules := rhetoric_dev.booster_rules --summary
FILES_dev-booster-rules := $(D)/booster_rules_dev.csv
NEEDS_dev-booster-rules := nothing beyond the repository (the labels in $(D)/audit_dev_booster_rules.csv)
MODULE_dev-semeval-frames := rhetoric_dev.semeval_frames
FILES_dev-semeval-frames := $(D)/frame_validity_semeval.csv $(D)/frame_validity_semeval.md
NEEDS_dev-semeval-frames := $(SHARED)/dev/semeval23-frames
MODULE_dev-tone-misreads := rhetoric_dev.tone_misreads --write
FILES_dev-tone-misreads := $(D)/tone_misreads.csv $(D)/tone_misreads_effect.csv
NEEDS_dev-tone-misreads := $(SHARED)/bench and the coded $(D)/audit_tone_misreads.csv (coding sheets to DEV_WORKDIR)
MODULE_dev-writer-voice := rhetoric_dev.writer_voice --score
FILES_dev-writer-voice := $(D)/audit_writer_voice_scores.csv
NEEDS_dev-writer-voice := nothing beyond the repository (the labels in $(D)/audit_writer_voice.csv)
MODULE_dev-term-provenance := rhetoric_dev.term_provenance
FILES_dev-term-provenance := $(addprefix $(D)/,frame_terms.csv entman_cues.csv rhetorical_markers.csv \
	metadiscourse.csv modals.csv actors.csv tone_misreads.csv function_words.csv)
NEEDS_dev-term-provenance := nothing beyond the repository (rewrites the origin and evidence columns of each)
MODULE_dev-reaudit := rhetoric_dev.reaudit
FILES_dev-reaudit :=
WRITES_dev-reaudit := nothing: checks the re-audit columns and rows of the audit files (exit status 1 if stale)
NEEDS_dev-reaudit := $(SHARED)/bench and commit 8d811ab in the git history
MODULE_dev-frame-presence := rhetoric_dev.frame_presence --write (with DATA_OUT: --out DATA_OUT)
FILES_dev-frame-presence := $(addprefix $(D)/,frame_terms_review.csv frame_presence.csv \
	frame_presence_evaluation.csv frame_presence_explored.csv)
NEEDS_dev-frame-presence := $(SHARED)/dev/semeval23-frames and $(SHARED)/dev/narrative-frames; about three \
	minutes. In place it also re-freezes frame_terms.csv, its rows of instrument_changes.csv, the SemEval check \
	and docs/frames.md
MODULE_dev-target-tone := rhetoric_dev.target_tone
FILES_dev-target-tone := $(addprefix $(D)/,target_tone_model.csv target_tone_cv.csv target_tone_cv_predictions.csv)
NEEDS_dev-target-tone := $(SHARED)/dev/newsmtsc and scikit-learn (the dev extra); in place it also rewrites \
	docs/target-tone.md
MODULE_scale-table := benchmarks.scale_table
FILES_scale-table := data/allsides-10k-article-features.csv.gz data/allsides-10k-article-features.fingerprint
NEEDS_scale-table := $(SHARED)/bench (the feature table of 10,000 articles on 2 workers: long)
#: Written only in a coding step (with a coder's labels from outside the repository), never by a target above.
CODING_FILES := rhetoric_dev.booster_rules --queue DIR: audit_dev_booster_rules.csv (unlabelled, when absent); \
	rhetoric_dev.tone_misreads --audit-from DIR: audit_tone_misreads.csv; \
	rhetoric_dev.writer_voice --draw: audit_writer_voice.csv (unlabelled: replaces the coded labels); \
	rhetoric_dev.term_provenance --freeze: seed_read_terms.csv (from git history); \
	rhetoric_dev.term_provenance --rederive --apply: instrument_changes.csv and the seed-read rows of \
	frame_terms.csv entman_cues.csv rhetorical_markers.csv metadiscourse.csv; \
	rhetoric_dev.reaudit --write --labels DIR: audit_frames.csv audit_entman.csv audit_metadiscourse.csv \
	audit_argument.csv
empty :=
space := $(empty) $(empty)
OUT_ARG = $(if $(DATA_OUT),--out $(DATA_OUT))
# $(call needs,PATH,COMMAND): COMMAND when PATH exists beside the project, else one line saying it was skipped.
needs = if [ -e $(1) ]; then $(2); else echo "$@ skipped: $(1) is absent (read in place beside the project)"; fi

help-dev:
	@echo "Instrument development: each target regenerates the committed data files it names (in place;"
	@echo "DATA_OUT=DIR writes them there instead; \`make dev-check\` regenerates all into a temporary folder and"
	@echo "compares byte for byte). Targets whose data are absent skip with one line."
	@$(foreach t,$(DEV_TARGETS),printf '\nmake %s\n  runs:   python -m %s\n  writes: %b\n  needs:  %s\n' \
		'$(t)' '$(MODULE_$(t))' '$(or $(subst $(space),\n          ,$(strip $(FILES_$(t)))),$(WRITES_$(t)))' \
		'$(NEEDS_$(t))';)
	@printf '\nWritten in lib/rhetoric/data only in a coding step, never by a target:\n'
	@printf '%s\n' '$(CODING_FILES)' | tr ';' '\n' | sed 's/^ */  /'
	@echo "Protocols: each module's docstring (python -m MODULE --help for its options)."

dev-dictionaries: $(READY)
	@$(call needs,$(SHARED)/bench,$(BIN)/python -m rhetoric_dev.dictionaries)

dev-hedges: $(READY)
	@$(call needs,$(SHARED)/dev/szeged-uncertainty,$(BIN)/python -m rhetoric_dev.hedges $(OUT_ARG))

dev-booster-rules: $(READY)
	$(BIN)/python -m rhetoric_dev.booster_rules --summary $(OUT_ARG)

dev-semeval-frames: $(READY)
	@$(call needs,$(SHARED)/dev/semeval23-frames,$(BIN)/python -m rhetoric_dev.semeval_frames $(OUT_ARG))

dev-tone-misreads: $(READY)
	@$(call needs,$(SHARED)/bench,$(BIN)/python -m rhetoric_dev.tone_misreads --write $(OUT_ARG) \
		$(if $(DEV_WORKDIR),--workdir $(DEV_WORKDIR)))

dev-writer-voice: $(READY)
	$(BIN)/python -m rhetoric_dev.writer_voice --score $(OUT_ARG)

dev-term-provenance: $(READY)
	$(BIN)/python -m rhetoric_dev.term_provenance $(OUT_ARG)

dev-reaudit: $(READY)
	@if git cat-file -e 8d811ab^{commit} 2>/dev/null; then \
		$(call needs,$(SHARED)/bench,$(BIN)/python -m rhetoric_dev.reaudit); \
	else echo "$@ skipped: commit 8d811ab (the first audit's instruments) is not in this checkout's history"; fi

dev-frame-presence: $(READY)
	@$(call needs,$(SHARED)/dev/narrative-frames,$(BIN)/python -m rhetoric_dev.frame_presence \
		$(if $(DATA_OUT),--out $(DATA_OUT),--write))

dev-target-tone: $(READY)
	@$(call needs,$(SHARED)/dev/newsmtsc,$(BIN)/python -m rhetoric_dev.target_tone $(OUT_ARG))

scale-table: $(READY)
	@$(call needs,$(SHARED)/bench,$(BIN)/python -m benchmarks.scale_table $(OUT_ARG))

# Every target that writes data files, into a temporary folder, each file compared byte for byte with the
# committed one (rhetoric_dev.regenerated; the hedge weights within the refit's tolerance). scale-table is left
# out (the feature table of 10,000 articles): check it by hand with DATA_OUT.
DEV_WRITERS := $(filter-out scale-table,$(foreach t,$(DEV_TARGETS),$(if $(FILES_$(t)),$(t))))
dev-check: $(READY)
	@tmp=$$(mktemp -d); status=0; \
	$(foreach t,$(DEV_WRITERS),$(MAKE) --no-print-directory $(t) DATA_OUT=$$tmp/$(t) DEV_WORKDIR=$$tmp/work \
		> $$tmp/$(t).log 2>&1 || { echo "$(t) failed: see the end of its log"; tail -5 $$tmp/$(t).log; status=1; }; \
		if [ -n "$$(ls -A $$tmp/$(t) 2>/dev/null)" ]; then \
			$(BIN)/python -m rhetoric_dev.regenerated $(foreach f,$(FILES_$(t)),$$tmp/$(t)/$(notdir $(f)) $(f)) \
			|| status=1; \
		else echo "not regenerated: $(FILES_$(t)) ($$(tail -1 $$tmp/$(t).log))"; fi;) \
	rm -rf $$tmp; exit $$status

# JupyterLab on notebooks/: --allow-root when run as root (the usual case in a container); the jupytext .py
# copies hidden from the file browser (the .ipynb is the notebook to open); kernels started with CurveZMQ
# transport encryption, as `rhetoric run` does (rhetoric.run.kernel.kernel_config), so no kernel warns that it
# runs over TCP without encryption (where libzmq lacks Curve, "auto" leaves the kernel unencrypted, as before).
LAB_HIDE := ['__pycache__','*.pyc','*.pyo','.DS_Store','*~','[0-9][0-9]-*.py']
LAB_OPTS := "--ContentsManager.hide_globs=$(LAB_HIDE)" --KernelManager.transport_encryption=auto \
	$(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(READY)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "$(KERNEL_DISPLAY)" >/dev/null
	$(BIN)/jupyter lab notebooks/ $(LAB_OPTS) $(LAB_ARGS)

# The executed notebooks as self-contained HTML pages plus an index (supplementary material).
html: $(READY)
	@$(BIN)/python -m rhetoric.report.edition $(HTML_DIR)

clean-venv:
	rm -rf $(VENV)
