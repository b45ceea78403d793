"""``rhetoric run``: the numbered notebooks executed headless, in order, reproducibly; in three steps.

1. **Plan** (:func:`rhetoric.run.plan.make_plan`): the settings validated once
   (:meth:`rhetoric.run.settings.Settings.validate`: ``--out`` never the project root or inside ``seeds/``,
   ``notebooks/``, ``figures/``, the corpus or the word lists, and none of those inside it, every place compared
   after resolving symlinks; the corpus and its word lists checked; unknown ``--only`` names and groups refused),
   then which notebooks are out of date (:mod:`rhetoric.run.cache`) and the parameters they get.
2. **Execute one notebook** (:func:`execute_one`): in a fresh kernel (:mod:`rhetoric.run.kernel`), its outputs
   written to a staging copy of ``figures/`` that replaces the old one only when it succeeds
   (:mod:`rhetoric.run.staging`); its cells' outputs checked (:mod:`rhetoric.run.cell_outputs`: no error, and in
   a committed run nothing on stderr and no absolute path); written atomically; its key and outputs recorded. A
   notebook that fails is one line on stderr (its full traceback goes to ``NN-name.error.txt`` beside the run
   state); interrupted (Ctrl-C, ``SIGTERM``), it is one line and exit status 130 (143); either way its previous
   outputs stand.
3. **Finish** (:func:`finish`): each notebook's text copy rewritten from it (:mod:`rhetoric.run.pairing`), the
   gallery (``figures/README.md``) and, in place, the README's generated blocks rewritten when they differ.

Reproducible: volatile metadata is stripped, ``PYTHONHASHSEED`` fixed, one BLAS thread per kernel; the tables the
notebooks share are computed once per run (:mod:`rhetoric.run.shared_tables`). Incremental: a notebook whose
inputs are unchanged and whose outputs are intact is not executed again.
"""
from __future__ import annotations

import copy
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.errors import CorpusError
from rhetoric.report.gallery import gallery_markdown
from rhetoric.report.readme import update as update_readme
from rhetoric.run import cache
from rhetoric.run.cell_outputs import check_cell_outputs, failure_summary, without_colours
from rhetoric.run.kernel import RunError, execute_notebook, inject_parameters, noting_signals, strip_volatile
from rhetoric.run.pairing import sync
from rhetoric.run.plan import OVERVIEW, Plan, figures_of, make_plan
from rhetoric.run.settings import Settings
from rhetoric.run.shared_tables import run_folder
from rhetoric.run.staging import STAGING_ENV, discard, run_lock, stage, swap

__all__ = ["Interrupted", "Outcome", "RunError", "execute_one", "finish", "run", "time_left"]


class Interrupted(KeyboardInterrupt):
    """The run was interrupted (Ctrl-C, ``SIGTERM``) while a notebook executed: its previous outputs stand."""

    def __init__(self, signum: int, message: str = ""):
        super().__init__(message or signal.Signals(signum).name)
        self.signum = signum


@dataclass
class Outcome:
    notebook: str
    executed: bool
    seconds: float


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


def run(settings: Settings, log=None) -> list[Outcome]:
    """Execute the notebooks in order; see the module docstring. Returns what was executed or skipped.

    Raises :class:`~rhetoric.base.errors.InputError` (nothing written) for bad settings (corpus, word lists,
    ``--out``, groups, ``--only``), :class:`RunError` when a notebook fails, :class:`Interrupted` on Ctrl-C or
    ``SIGTERM``.
    """
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    validated = settings.validate()  # every input error surfaces here, before anything is written
    with run_lock(figures_of(validated), validated.out or "the project's figures/"):  # one run at a time
        return _run_locked(make_plan(validated), log)


def _run_locked(plan: Plan, log) -> list[Outcome]:
    """:func:`run`'s notebooks, holding the run's lock."""
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.environ["MPLBACKEND"] = "Agg"
    outcomes: list[Outcome] = []
    plan.state_path.parent.mkdir(parents=True, exist_ok=True)
    with run_folder(plan.state_path.parent, plan.settings.workers):  # tables the notebooks share, computed once
        for i, src in enumerate(plan.notebooks, 1):
            if src.name == OVERVIEW and any(o.executed for o in outcomes):  # the others may have changed figures
                plan.refresh_overview()
            step = f"[{i}/{len(plan.notebooks)}] {src.name}"
            if src not in plan.todo:
                log(f"{step}: unchanged, not re-executed")
                outcomes.append(Outcome(src.name, False, 0.0))
                continue
            log(f"{step}: executing ...")
            outcomes.append(execute_one(plan, src))
            log(f"{step}: done in {outcomes[-1].seconds:.1f} s"
                + time_left(outcomes, [p.name for p in plan.todo], i, len(plan.notebooks)))
    finish(plan)
    return outcomes


def execute_one(plan: Plan, src: Path) -> Outcome:
    """Execute notebook ``src`` of ``plan`` (see the module docstring, step 2)."""
    t0 = time.perf_counter()
    dest = plan.nb_dir / src.name
    nb = nbformat.read(src, as_version=4)
    work = inject_parameters(nb, plan.params) if plan.params else copy.deepcopy(nb)
    for cell in work.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    plan.nb_dir.mkdir(parents=True, exist_ok=True)
    error_log = plan.state_path.parent / f"{src.stem}.error.txt"
    staging = stage(plan.fig_dir, src.stem)  # outputs go to a copy; swapped in only when the notebook succeeds
    before = cache.snapshot(staging / plan.fig_dir.name)
    os.environ[STAGING_ENV] = str(staging)
    caught: dict = {}
    try:
        with noting_signals() as caught:
            execute_notebook(work, cwd=plan.nb_dir)
        written = cache.written(before, cache.snapshot(staging / plan.fig_dir.name))
        strip_volatile(work)
        check_cell_outputs(work, src.name, plan.roots, strict=plan.in_place)
    except BaseException as exc:  # nbclient's CellExecutionError carries the traceback text
        discard(staging)
        _failed(plan, src, exc, caught.get("signal"), error_log)  # raises what the failure is for the command
        raise  # what it leaves as it is
    finally:
        os.environ.pop(STAGING_ENV, None)
    if error_log.is_file():
        error_log.unlink()
    swap(staging, plan.fig_dir)  # figures, tables and manifest rows change together
    atomic_write(dest, (nbformat.writes(work) + "\n").encode())
    plan.record(src, written)
    return Outcome(src.name, True, time.perf_counter() - t0)


def _failed(plan: Plan, src: Path, exc: BaseException, caught: int | None, error_log: Path) -> None:
    """Raise what a notebook's failure or interruption is for the command: :class:`Interrupted`, a
    :class:`RunError` naming it (its traceback kept in ``error_log``), or a word list's
    :class:`~rhetoric.base.errors.CorpusError`; every message says that its previous outputs stand."""
    kept = ("its previous outputs are kept as they were" if ((plan.nb_dir / src.name).is_file()
                                                             or src.name in plan.state)
            else "nothing was written for it")
    # Ctrl-C may reach nbclient's event loop first (a cancelled kernel start: CancelledError) or the kernel (a
    # cell's KeyboardInterrupt): each is an interruption, not a failure of the notebook
    known = caught or getattr(exc, "signum", None)
    signum = known or (signal.SIGINT if not isinstance(exc, Exception)
                       or getattr(exc, "ename", "") == "KeyboardInterrupt" else None)
    if signum is not None:
        how = f" ({signal.Signals(known).name})" if known else ""
        raise Interrupted(signum, f"{src.name} was interrupted{how}; {kept}") from None
    if isinstance(exc, RunError):
        raise RunError(f"{exc}; {kept}") from None
    if not isinstance(exc, Exception):
        return
    if getattr(exc, "ename", "") == "PatternTimeout":  # the word list's problem, not the notebook's
        path, _, problem = str(getattr(exc, "evalue", "")).partition(": ")
        raise CorpusError(path, f"{problem} (in {src.name}; {kept})") from None
    atomic_write(error_log, without_colours(str(exc)).encode())
    raise RunError(f"{src.name} failed, {kept}: {failure_summary(exc)} (the full "
                   f"traceback is in {os.path.relpath(error_log)})") from None


def finish(plan: Plan) -> None:
    """After the notebooks (see the module docstring, step 3): text copies, the gallery, the README's blocks."""
    for src in plan.notebooks:  # each notebook's text copy (cells only) mirrors it as it now is, executed or skipped
        if (plan.nb_dir / src.name).is_file():
            sync(plan.nb_dir / src.name)
    gallery = gallery_markdown(plan.fig_dir).encode()  # generated files: rewritten whenever they differ
    readme = plan.fig_dir / "README.md"
    if not readme.is_file() or readme.read_bytes() != gallery:
        plan.fig_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(readme, gallery)
    if plan.in_place:
        update_readme(plan.fig_dir)  # writes only when a generated block differs
