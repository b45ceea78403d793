"""Tables one ``rhetoric run`` computes once and every notebook of the run reads.

Each notebook runs in its own kernel, so without help each one builds the corpus's feature table, its
sentence and token tables and the run's group comparison again: on a corpus of hundreds of articles that
repetition was most of the sequence's cost. ``rhetoric run`` opens a folder for the run (:func:`run_folder`,
named in :data:`SHARED_ENV`); the first notebook that needs a table computes it and leaves it there, the
others read it. The folder belongs to the run: created empty, removed when the run ends (and, after a run that
was killed, by the next one), never reused across runs, so a changed corpus or word list cannot be served a
stale table.

A table is keyed by its name and by everything its value depends on besides the run (the documents, the word
lists in force, the actor list, the number of resamples): a notebook that asks for something else computes it.
Without the folder (a notebook opened in JupyterLab, ``--only`` one notebook outside ``rhetoric run``),
:func:`shared` simply computes. Reading a table back gives the same bytes as computing it (pickle keeps the
dtypes and the float values exactly), so a notebook's outputs do not depend on whether it computed or read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

#: The environment variable naming the run's folder of shared tables (set by ``rhetoric run`` for its kernels).
SHARED_ENV = "RHETORIC_SHARED_TABLES"
#: The folder's name, beside the run's state file.
FOLDER = ".shared-tables"
#: How many processes compute the feature table (``rhetoric run --workers N``; the table is the same whatever N).
WORKERS_ENV = "RHETORIC_WORKERS"

#: Thread settings for the run's kernels, unless the user set them: one BLAS/OpenMP thread per kernel. The
#: sequence's matrix products are small (resamples x a document's sentences), where OpenBLAS's own threads cost
#: more CPU than they save: 400 products of 2,000 x 48 by 48 x 13 took 0.36 CPU-s with its threads on two busy
#: cores and 0.05 with one (`scripts/bench_sequence.py` measures the whole run). Results are the same either way.
KERNEL_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

T = TypeVar("T")


def key_of(*parts: object) -> str:
    """A short digest of ``parts`` (their ``repr``): what a shared table depends on."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


def shared(name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per run: read from the run's folder when a notebook before this one left
    it there under ``name`` and ``key``, else computed and left there (written to a temporary name and
    renamed, so a reader never sees half a table). Outside a run: ``compute()``."""
    folder = os.environ.get(SHARED_ENV)
    if not folder or not Path(folder).is_dir():
        return compute()
    path = Path(folder) / f"{name}-{key}.pickle"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)  # written by this run's own kernels into its private folder
    value = compute()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a full disk costs speed only: the notebook goes on with the table it computed
        tmp.unlink(missing_ok=True)
    return value


@contextmanager
def run_folder(parent: Path, workers: int = 1) -> Iterator[Path]:
    """The run's folder of shared tables under ``parent`` (private to the user), named for the notebooks in
    :data:`SHARED_ENV` (and ``workers`` in :data:`WORKERS_ENV`, the thread settings of :data:`KERNEL_THREADS`
    where the user set none) while the run lasts, then removed with what is in it. One left by a killed run is
    removed first."""
    folder = parent / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    previous = {name: os.environ.get(name) for name in (SHARED_ENV, WORKERS_ENV, *KERNEL_THREADS)}
    os.environ.update({SHARED_ENV: str(folder), WORKERS_ENV: str(workers)})
    os.environ.update({name: value for name, value in KERNEL_THREADS.items() if previous[name] is None})
    try:
        yield folder
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)
