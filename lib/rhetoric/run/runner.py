"""Execute the numbered notebooks headless, in order, reproducibly.

* In place (default): ``notebooks/*.ipynb`` are executed where they are and saved with their outputs
  (so nbviewer shows them); figures go to ``figures/``.
* On another corpus: ``run(corpus_dir=DIR, out_dir=OUT)`` writes executed copies to ``OUT/notebooks``
  and figures to ``OUT/figures``, leaving the committed ones untouched. The two parameters are passed
  the papermill way: a cell tagged ``injected-parameters`` is inserted after the cell tagged
  ``parameters``. (We inject with a few lines of our own rather than papermill because papermill
  stamps timestamps and durations into the notebook, which would break byte-identical re-runs.)
* Reproducible: volatile metadata (timings, Python patch version in ``language_info``) is stripped;
  ``PYTHONHASHSEED`` is fixed; the corpus is checked before any notebook runs, and each notebook is
  written atomically only after it executed without error.
* Reviewable: after the run, each notebook's text copy (``NN-name.py``, cells only; ``rhetoric.run.pairing``)
  is rewritten from the notebook, so a review reads code changes as a plain diff.
* Incremental: a notebook whose inputs (its cells, the library and its data, the corpus and its word
  lists, the lock file) are unchanged since its last run, and whose outputs are intact, is not executed
  again. Its outputs are the executed notebook, every file it wrote under ``figures/`` (figures and exported
  tables: the files whose inode, size or time changed while it ran), and its own rows of the shared tables
  ``figures/figures.csv`` and ``figures/findings.csv``; a missing or changed one re-runs the notebook. The
  generated files (``figures/README.md``, the README's generated blocks) are rewritten whenever they differ
  from what the tables say.
* Safe: ``--out`` is never the project root or inside ``seeds/``, ``notebooks/``, ``figures/``, the corpus or
  the word lists, and none of those is inside it, ``OUT/notebooks`` or ``OUT/figures``: every place compared
  after resolving symlinks (:mod:`rhetoric.base.safety`). With ``--lexicons DIR`` (the corpus's own word lists)
  ``LEXICONS_DIR`` is injected as a parameter too; without it a corpus's own ``lexicons/`` folder is not used
  (a warning says so and how to use it); unknown ``--only`` names are refused.
* A notebook's outputs replace the old ones only when it succeeds (:mod:`rhetoric.run.staging`): it writes into a
  staging copy of ``figures/``, swapped in whole afterwards. A notebook that fails is one line on stderr (its
  full traceback goes to ``NN-name.error.txt`` beside the run state); interrupted (Ctrl-C, ``SIGTERM``), it is
  one line and exit status 130 (143); either way its previous outputs stand.
* ``--groups A,B`` injects ``GROUPS`` (the groups compared, in order) and ``--resamples N`` ``N_RESAMPLES``.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import platform
import re
import signal
import sys
import tempfile
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import CACHE, FIGURES, LOCK, NOTEBOOKS, PACKAGE, ROOT
from rhetoric.run.shared_tables import run_folder
from rhetoric.run.staging import STAGING_ENV, discard, recover, stage, swap

STATE_FILE = "run-state.json"
_KEEP_LANGUAGE_INFO = ("name", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode",
                       "nbconvert_exporter")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class RunError(RuntimeError):
    """A notebook failed, or produced output that must not be committed (an absolute path, an error)."""


class Interrupted(KeyboardInterrupt):
    """The run was interrupted (Ctrl-C, ``SIGTERM``) while a notebook executed: its previous outputs stand."""

    def __init__(self, signum: int, message: str = ""):
        super().__init__(message or signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def _signals():
    """Record ``SIGINT`` and ``SIGTERM`` while a notebook runs (and raise :class:`KeyboardInterrupt` for both):
    nbclient may turn the interruption into another error, and the record says what really happened. Only in
    the main thread (where signal handlers can be set)."""
    caught: dict = {}
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def handler(signum, frame):
        caught.setdefault("signal", signum)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield caught
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


#: Tables every notebook writes its own rows into: a notebook's outputs are its rows, not the whole file.
SHARED_TABLES = ("figures.csv", "findings.csv")
#: Generated from the shared tables after the run (never a notebook's output).
GENERATED = ("README.md",)


@dataclass
class Outcome:
    notebook: str
    executed: bool
    seconds: float


OVERVIEW = "00-overview.ipynb"


def notebook_paths() -> list[Path]:
    """The numbered notebooks in execution order: ``01-...`` onwards, then ``00-overview`` last.

    The overview is read first but summarises the others (their findings and figure gallery), so it runs
    after them; every other notebook reads only the corpus and the library.
    """
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    return [p for p in paths if p.name != OVERVIEW] + [p for p in paths if p.name == OVERVIEW]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _library_digest() -> str:
    """Digest of what every notebook depends on besides the corpus: the library, its data, the project's
    ``data/`` tables, the lock file and the Python version."""
    h = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*"), *(ROOT / "data").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    if LOCK.is_file():
        h.update(LOCK.read_bytes())
    h.update(platform.python_version().encode())
    return h.hexdigest()


def _tree_digest(directory: Path | None) -> str:
    """Digest of every file under ``directory`` (names relative to it, and bytes): a corpus with its text
    files in subfolders and its ``lexicons/``, or a folder of word lists."""
    h = hashlib.sha256()
    if directory is None or not directory.is_dir():
        return h.hexdigest()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        h.update(path.relative_to(directory).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _corpus_digest(corpus_dir: Path) -> str:
    return _tree_digest(corpus_dir)


def _manifest_names(fig_dir: Path, notebook: str) -> list[str]:
    """The figures the manifest (``figures.csv``) lists for ``notebook``."""
    import csv

    path = fig_dir / "figures.csv"
    if not path.is_file():
        return []
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return sorted(r["name"] for r in csv.DictReader(fh) if r.get("notebook") == notebook and r.get("name"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _rows(path: Path, notebook: str) -> bytes:
    """A notebook's rows of a shared table (``notebook`` column), as CSV text: what it owns of the file."""
    import csv
    import io

    if not path.is_file():
        return b"missing"
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if r.get("notebook") == notebook]
    except (OSError, UnicodeDecodeError, csv.Error):
        return b"unreadable"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(sorted(tuple(sorted(r.items())) for r in rows))
    return buf.getvalue().encode()


def _stat(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _files(fig_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under ``fig_dir`` with what changes when it is written (inode, mtime, size)."""
    if not fig_dir.is_dir():
        return {}
    return {p.relative_to(fig_dir).as_posix(): _stat(p) for p in fig_dir.rglob("*") if p.is_file()}


def _written(before: dict, after: dict) -> list[str]:
    """The files a notebook wrote: new or changed between the two snapshots, shared and generated excluded."""
    return sorted(name for name, st in after.items()
                  if before.get(name) != st and name not in SHARED_TABLES + GENERATED)


def _cells_digest(nb: dict) -> str:
    """Digest of a notebook's inputs (cell types, sources, tags), read as plain JSON: outputs excluded."""
    def text(src):
        return "".join(src) if isinstance(src, list) else src

    cells = [(c["cell_type"], text(c["source"]), sorted(c.get("metadata", {}).get("tags", [])))
             for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    return _sha(json.dumps(cells, sort_keys=True).encode())


def inject_parameters(nb, parameters: dict[str, object]):
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell (papermill's convention)."""
    import nbformat

    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    where = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if where is None:
        raise RunError("the notebook has no cell tagged 'parameters' to override")
    source = "# Parameters injected by `rhetoric run`\n" + "\n".join(
        f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    nb.cells.insert(where + 1, cell)
    return nb


def strip_volatile(nb):
    """Remove what changes between runs of the same code: timings, kernel and Python patch versions."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {k: info[k] for k in _KEEP_LANGUAGE_INFO if k in info}
    for key in ("widgets", "papermill", "execution"):
        nb.metadata.pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if not cell.get("id") or cell.get("id") == "":
            cell["id"] = f"cell-{i:02d}"
    return nb


def _leaks(text: str, roots: list[str]) -> list[str]:
    found = [r for r in roots if r and r in text]
    found += re.findall(r"(?:/home/[a-z][\w.-]*|/Users/[\w.-]+|/root/[\w.-]+)", text)
    return found


def _check_outputs(nb, name: str, roots: list[str], strict: bool) -> None:
    """Errors always fail; in a committed (``strict``) run, so do stderr output and absolute paths."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise RunError(f"{name}: a cell raised {out.get('ename')}: {out.get('evalue')}")
            if not strict:
                continue
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                raise RunError(f"{name}: a cell wrote to stderr (a warning?): {out.get('text', '')[:300]}")
            leaked = _leaks(json.dumps(out), roots)
            if leaked:
                raise RunError(f"{name}: an output holds an absolute path ({leaked[0]}); "
                               "it would leak when the notebook is shared")


def _outputs_digest(nb_path: Path, fig_dir: Path, notebook: str, files: list[str]) -> str:
    """Digest of everything a notebook wrote (see the module docstring): a missing or changed output changes it."""
    h = hashlib.sha256(nb_path.read_bytes() if nb_path.is_file() else b"missing")
    figures = {f"{name}.{ext}" for name in _manifest_names(fig_dir, notebook) for ext in ("pdf", "svg", "png")}
    for name in sorted(set(files) | figures):
        f = fig_dir / name
        h.update(name.encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest() if f.is_file() else b"missing")
    for table in SHARED_TABLES:
        h.update(table.encode() + b"\0")
        h.update(hashlib.sha256(_rows(fig_dir / table, notebook)).digest())
    return h.hexdigest()


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _failure_summary(exc: Exception) -> str:
    """The last line of a cell's traceback ("ValueError: ..."), without terminal colours."""
    ename, evalue = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    if ename:
        return f"{ename}: {evalue}".strip()
    lines = [ln.strip() for ln in _ANSI.sub("", str(exc)).splitlines() if ln.strip()]
    return lines[-1] if lines else type(exc).__name__


def check_out_dir(out: Path, corpus: Path | None = None, lexicons: Path | None = None) -> None:
    """Refuse an ``--out`` that would overwrite the committed notebooks, figures or seeds, or write into the
    corpus or the word lists: every place compared after resolving symlinks, both ways (an output inside an
    input, an input inside an output; see :mod:`rhetoric.base.safety`)."""
    from rhetoric.base.errors import OutputError
    from rhetoric.base.paths import SEEDS
    from rhetoric.base.safety import check_places, real

    resolved = real(out)
    if resolved == real(ROOT):
        raise OutputError(out, "is the project root: results for another corpus go to their own directory, "
                          "never over the committed notebooks and figures (omit --out to re-run those)")
    for protected, what in ((SEEDS, "seeds/"), (NOTEBOOKS, "notebooks/"), (FIGURES, "figures/")):
        if resolved.is_relative_to(real(protected)):
            raise OutputError(out, f"is inside the project's {what}: choose a directory of its own")
    if corpus is not None and resolved.is_relative_to(real(corpus)):
        raise OutputError(out, f"is inside the corpus directory {corpus}: a run never writes into its input")
    if resolved.exists() and not resolved.is_dir():
        raise OutputError(out, "is a file, not a directory")
    existing = next((p for p in (resolved, *resolved.parents) if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(out, f"cannot be written: {existing} is read-only")
    reads = [(ROOT, "the project root"), (SEEDS, "the project's seeds/"), (NOTEBOOKS, "the project's notebooks/"),
             (FIGURES, "the project's figures/"), (corpus, f"the corpus directory {corpus}"),
             (lexicons, f"the word-list folder {lexicons}")]
    writes = [(out, "--out"), (out / "notebooks", "notebooks/"), (out / "figures", "figures/")]
    for place, what in writes[1:]:  # a file where a folder is written is refused as well
        if place.is_symlink() and not place.exists():
            raise OutputError(out, f"holds {what.rstrip('/')} as a symlink to {os.readlink(place)}, which does not "
                              "exist: choose another --out")
        if place.exists() and not real(place).is_dir():
            raise OutputError(out, f"holds {what.rstrip('/')} as a file, not a directory: choose another --out")
    check_places(writes, reads, out, open_places=(ROOT,))


def kernel_config():
    """Kernel-manager settings for executing notebooks: CurveZMQ transport encryption where available.

    ipykernel >= 7 warns on stderr at every start ("Kernel is running over TCP without encryption") unless
    the kernel manager provisions CurveZMQ keys, which jupyter_client >= 8.10 does with
    ``transport_encryption="auto"`` for kernelspecs that declare ``supported_encryption: curve`` (ipykernel's
    does). Without libzmq's Curve support, or with a jupyter_client that predates the setting, the kernel
    runs unencrypted as before and says so: the warning is answered at its cause, never filtered out.
    """
    import zmq
    from traitlets.config import Config

    return Config({"KernelManager": {"transport_encryption": "auto"}}) if zmq.has("curve") else Config()


class Signalled(KeyboardInterrupt):
    """``SIGINT`` or ``SIGTERM`` (``signum``) taken by nbclient's own handler while a notebook ran."""

    def __init__(self, signum: int | None):
        super().__init__(f"{signal.Signals(signum).name if signum else 'a signal'} while the notebook ran")
        self.signum = signum


def execute_notebook(nb, cwd: Path, timeout: int = 900):
    """Run every cell of ``nb`` in a fresh ``python3`` kernel with ``cwd`` as working directory.

    nbclient answers ``SIGINT`` and ``SIGTERM`` itself while it runs (an event-loop handler that shuts the kernel
    down, leaving a cell to fail with a bare ``AssertionError``, or, when the signal comes as the notebook ends,
    letting it return normally while a second clean-up fails on its own): either way the run was interrupted,
    and :class:`Signalled` says by which signal; the failed clean-up is collected, so it prints no traceback."""

    from jupyter_core.utils import ensure_event_loop
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(cwd)}}, config=kernel_config())
    loop = ensure_event_loop()  # the loop nbclient runs on (jupyter_core's loop of this thread)
    signals: list[int] = []
    add_handler = loop.add_signal_handler

    def noted(sig, callback, *args):  # nbclient's handler, with the signal it answers noted
        return add_handler(sig, lambda *a: (signals.append(sig), callback(*a)), *args)

    loop.add_signal_handler = noted
    kernel_log = tempfile.TemporaryFile()  # the kernel process's own stderr (its log, not a cell's output)
    interrupted = False
    try:
        try:
            client.execute(stderr=kernel_log)
        except BaseException as exc:
            answered = signals or getattr(client, "_async_cleanup_kernel_future", None) is not None
            interrupted = answered or isinstance(exc, KeyboardInterrupt)
            if answered and not isinstance(exc, KeyboardInterrupt):
                raise Signalled(signals[0] if signals else None) from exc
            raise
        finally:
            del loop.add_signal_handler  # the loop's own method again
            _collect(loop, getattr(client, "_async_cleanup_kernel_future", None))
        if signals:  # the signal came as the notebook ended: still an interruption (its outputs are not kept)
            interrupted = True
            raise Signalled(signals[0])
        return nb
    finally:
        # passed on, except when the run was interrupted: a kernel shut down in the middle of a request logs a
        # traceback of its closed socket, which says nothing about the notebook
        kernel_log.seek(0)
        said = kernel_log.read().decode("utf-8", "replace")
        kernel_log.close()
        if said and not interrupted:
            sys.stderr.write(said)


def _collect(loop, future) -> None:
    """Let nbclient's signal-triggered clean-up finish and take its outcome (a second clean-up after the first
    fails on ``km`` being gone; left uncollected, asyncio would print that traceback)."""
    import asyncio

    if not isinstance(future, asyncio.Future):
        return
    if not future.done() and not loop.is_running() and not loop.is_closed():
        try:
            loop.run_until_complete(asyncio.wait([future], timeout=30))
        except BaseException:  # noqa: BLE001 - best effort: the kernel is shut down by the first clean-up
            pass
    if future.done() and not future.cancelled():
        future.exception()


def time_left(outcomes: list[Outcome], todo: list[str], i: int, n: int) -> str:
    """``" (43%, about 1 min left)"``: notebooks done out of all, and the time the notebooks still to execute
    would take at the mean pace of those executed so far (empty when nothing is left)."""
    executed = [o.seconds for o in outcomes if o.executed]
    remaining = len([name for name in todo if name not in {o.notebook for o in outcomes}])
    share = f"{100 * i / n:.0f}%"
    if not remaining or not executed:
        return f" ({share})"
    left = sum(executed) / len(executed) * remaining
    when = f"{left:.0f} s" if left < 90 else f"{left / 60:.0f} min"
    return f" ({share}, about {when} left)"


def run(corpus_dir: Path | str | None = None, out_dir: Path | str | None = None, *, force: bool = False,
        only: list[str] | None = None, log=None, lexicons_dir: Path | str | None = None,
        groups: str | None = None, resamples: int | None = None, workers: int = 1) -> list[Outcome]:
    """Execute the notebooks in order; see the module docstring. Returns what was executed or skipped.

    Raises :class:`~rhetoric.base.errors.InputError` (nothing written) for a bad corpus, word lists or ``out_dir``,
    :class:`RunError` when a notebook fails.
    """
    from rhetoric.base.errors import CorpusWarning, InputError
    from rhetoric.base.paths import SEEDS
    from rhetoric.io.corpus import load_corpus
    from rhetoric.io.wordlists import active_directory, unused_corpus_lists, use_lexicons

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    for given, flag in ((corpus_dir, "--corpus"), (lexicons_dir, "--lexicons"), (groups, "--groups"),
                        (resamples, "--resamples")):
        if given is not None and out_dir is None:
            raise InputError(flag, "needs --out: results for another corpus or other word lists go to their own "
                             "directory, never over the committed notebooks")
    from rhetoric.base.safety import real

    corpus_path = real(corpus_dir) if corpus_dir is not None else SEEDS
    lexicons_path = real(lexicons_dir) if lexicons_dir is not None else None
    if only:
        known = {n for p in notebook_paths() for n in (p.name, p.stem)}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise InputError("--only", f"no notebook named {', '.join(map(repr, unknown))} (the notebooks: "
                             f"{', '.join(p.stem for p in notebook_paths())})")
    if out_dir is not None:
        check_out_dir(Path(out_dir), corpus_path, lexicons_path)
    loaded = load_corpus(corpus_path)  # every corpus error surfaces here, before anything is written
    chosen = [g.strip() for g in groups.split(",") if g.strip()] if groups is not None else None
    if chosen is not None:  # the groups setting: which groups the notebooks compare, in this order
        have = sorted(loaded.documents["stance"].unique())
        unknown = [g for g in chosen if g not in have]
        if unknown or not chosen:
            raise InputError("--groups", f"no group {', '.join(map(repr, unknown)) or 'named'} in the corpus "
                             f"(its groups: {', '.join(have)})")
    if resamples is not None and resamples < 100:
        raise InputError("--resamples", "must be at least 100 (default 10,000)")
    if workers < 1:
        raise InputError("--workers", f"must be at least 1 (got {workers})")
    note = unused_corpus_lists(corpus_path, lexicons_path)  # a corpus's own lists are used only when asked
    if note:
        warnings.warn(note, CorpusWarning, stacklevel=2)
    if lexicons_path is not None:  # a bad word list is one clear error now, not a failing notebook later
        previous = active_directory()
        try:
            use_lexicons(lexicons_path)
        finally:
            use_lexicons(previous)

    in_place = out_dir is None
    out = ROOT if in_place else Path(out_dir).resolve()
    nb_out_dir = NOTEBOOKS if in_place else out / "notebooks"
    fig_dir = FIGURES if in_place else out / "figures"
    state_path = (CACHE if in_place else out) / STATE_FILE
    state = json.loads(state_path.read_text()) if state_path.is_file() else {}
    fig_dir = real(fig_dir)
    recover(fig_dir)  # a half-done swap or staging folders left by a killed run
    roots = sorted({str(ROOT), str(Path.home()), str(out), str(corpus_path), tempfile.gettempdir() + "/"},
                   key=len, reverse=True)
    roots = [r for r in roots if r not in ("/", "")]

    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.environ["MPLBACKEND"] = "Agg"
    library = _library_digest()
    corpus_key = _corpus_digest(corpus_path)  # its own lexicons/ folder included
    lexicons_key = _tree_digest(lexicons_path)
    paths = [p for p in notebook_paths() if not only or p.name in only or p.stem in only]
    params = {}
    if not in_place:
        params = {"CORPUS_DIR": os.path.relpath(corpus_path, nb_out_dir),
                  "OUTPUT_DIR": os.path.relpath(out, nb_out_dir)}
        if lexicons_path is not None:
            params["LEXICONS_DIR"] = os.path.relpath(lexicons_path, nb_out_dir)
        if chosen is not None:
            params["GROUPS"] = ",".join(dict.fromkeys(chosen))
        if resamples is not None:
            params["N_RESAMPLES"] = int(resamples)
    base_keys = {src.name: _sha(json.dumps([_cells_digest(json.loads(src.read_text(encoding="utf-8"))), library,
                                            corpus_key, lexicons_key, params]).encode()) for src in paths}
    keys = dict(base_keys)

    def overview_key(base: str) -> str:
        """The overview shows the others' findings and figures: its key includes both files as they are now."""
        parts = [base] + [_sha(f.read_bytes()) for f in (fig_dir / "figures.csv", fig_dir / "findings.csv")
                          if f.is_file()]
        return _sha("".join(parts).encode())

    def stale(src: Path) -> bool:
        entry = state.get(src.name, {})
        return (force or entry.get("key") != keys[src.name] or "files" not in entry
                or not (nb_out_dir / src.name).is_file()
                or entry.get("outputs") != _outputs_digest(nb_out_dir / src.name, fig_dir, src.name, entry["files"]))

    if OVERVIEW in keys:
        keys[OVERVIEW] = overview_key(base_keys[OVERVIEW])
    todo = [src for src in paths if stale(src)]
    if todo:
        import nbformat
    outcomes = []
    state_path.parent.mkdir(parents=True, exist_ok=True)
    with run_folder(state_path.parent, workers):  # tables the notebooks share, computed once in this run
        for i, src in enumerate(paths, 1):
            dest = nb_out_dir / src.name
            if src.name == OVERVIEW and any(o.executed for o in outcomes):  # the others may have changed figures
                keys[OVERVIEW] = overview_key(base_keys[OVERVIEW])
                if stale(src) and src not in todo:
                    todo.append(src)
            key = keys[src.name]
            if src not in todo:
                log(f"[{i}/{len(paths)}] {src.name}: unchanged, not re-executed")
                outcomes.append(Outcome(src.name, False, 0.0))
                continue
            log(f"[{i}/{len(paths)}] {src.name}: executing ...")
            t0 = time.perf_counter()
            nb = nbformat.read(src, as_version=4)
            work = inject_parameters(nb, params) if params else copy.deepcopy(nb)
            for cell in work.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            nb_out_dir.mkdir(parents=True, exist_ok=True)
            error_log = state_path.parent / f"{src.stem}.error.txt"
            staging = stage(fig_dir, src.stem)  # outputs go to a copy; swapped in only when the notebook succeeds
            before = _files(staging / fig_dir.name)
            os.environ[STAGING_ENV] = str(staging)
            try:
                with _signals() as caught:
                    execute_notebook(work, cwd=nb_out_dir)
                written = _written(before, _files(staging / fig_dir.name))
                strip_volatile(work)
                _check_outputs(work, src.name, roots, strict=in_place)
            except BaseException as exc:  # nbclient's CellExecutionError carries the traceback text
                discard(staging)
                kept = ("its previous outputs are kept as they were" if (dest.is_file() or src.name in state)
                        else "nothing was written for it")
                # Ctrl-C may reach nbclient's event loop first (a cancelled kernel start: CancelledError) or the
                # kernel (a cell's KeyboardInterrupt): each is an interruption, not a failure of the notebook
                known = caught.get("signal") or getattr(exc, "signum", None)
                signum = known or (signal.SIGINT if not isinstance(exc, Exception)
                                   or getattr(exc, "ename", "") == "KeyboardInterrupt" else None)
                if signum is not None:
                    how = f" ({signal.Signals(known).name})" if known else ""
                    raise Interrupted(signum, f"{src.name} was interrupted{how}; {kept}") from None
                if isinstance(exc, RunError):
                    raise RunError(f"{exc}; {kept}") from None
                if not isinstance(exc, Exception):
                    raise
                if getattr(exc, "ename", "") == "PatternTimeout":  # the word list's problem, not the notebook's
                    from rhetoric.base.errors import CorpusError

                    path, _, problem = str(getattr(exc, "evalue", "")).partition(": ")
                    raise CorpusError(path, f"{problem} (in {src.name}; {kept})") from None
                atomic_write(error_log, _ANSI.sub("", str(exc)).encode())
                raise RunError(f"{src.name} failed, {kept}: {_failure_summary(exc)} (the full "
                               f"traceback is in {os.path.relpath(error_log)})") from None
            finally:
                os.environ.pop(STAGING_ENV, None)
            if error_log.is_file():
                error_log.unlink()
            swap(staging, fig_dir)  # figures, tables and manifest rows change together
            atomic_write(dest, (nbformat.writes(work) + "\n").encode())
            seconds = time.perf_counter() - t0
            outcomes.append(Outcome(src.name, True, seconds))
            log(f"[{i}/{len(paths)}] {src.name}: done in {seconds:.1f} s"
                + time_left(outcomes, [p.name for p in todo], i, len(paths)))
            state[src.name] = {"key": key, "files": written,
                               "outputs": _outputs_digest(dest, fig_dir, src.name, written)}
            atomic_write(state_path, json.dumps(state, indent=1, sort_keys=True).encode())

    from rhetoric.run.pairing import sync

    for src in paths:  # each notebook's text copy (cells only) mirrors it as it now is, executed or skipped
        if (nb_out_dir / src.name).is_file():
            sync(nb_out_dir / src.name)

    from rhetoric.report.gallery import gallery_markdown

    gallery = gallery_markdown(fig_dir).encode()  # generated files: rewritten whenever they differ
    readme = fig_dir / "README.md"
    if not readme.is_file() or readme.read_bytes() != gallery:
        fig_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(readme, gallery)
    if in_place:
        from rhetoric.report.readme import update as update_readme

        update_readme(fig_dir)  # writes only when a generated block differs
    return outcomes
