"""Tables one ``rhetoric run`` computes once and every notebook of the run reads.

Each notebook runs in its own kernel, so without help each one builds the corpus's feature table, its
sentence and token tables and the run's group comparison again: on a corpus of hundreds of articles that
repetition was most of the sequence's cost. ``rhetoric run`` opens a folder for the run (:func:`run_folder`,
named in :data:`SHARED_ENV`); the first notebook that needs a table computes it and leaves it there, the
others read it. The folder belongs to the run: created empty and private by :func:`tempfile.mkdtemp` (mode 0700,
a new random name) beside the run's state, removed when the run ends (and, after a run that was killed, by the
next one: see :func:`run_folder`), never reused across runs, so a changed corpus or word list cannot be served a
stale table.

**Data, not code.** A table is kept as an Arrow IPC file (``pyarrow``; the pandas dtypes and the index are kept
in its schema's metadata), which a reader parses as data: nothing in the folder is ever executed (issue 37: a
pickle there ran whatever code a user able to write ``--out`` put in its place). Before every read the folder
and the file are checked (:func:`_trusted`): owned by this user, not a symlink, the folder not open to the
group or others, the file a regular file. A check that fails, a file that cannot be parsed or a table that
does not survive the round trip exactly (a column Arrow cannot hold as it is) costs speed only: the notebook
computes the table itself.

A table is keyed by its name and by everything its value depends on besides the run (the documents, the word
lists in force, the actor list, the number of resamples): a notebook that asks for something else computes it.
Without the folder (a notebook opened in JupyterLab, ``--only`` one notebook outside ``rhetoric run``),
:func:`shared` simply computes. A value that is neither a DataFrame nor a tuple of DataFrames is computed by
every notebook.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc

#: The environment variable naming the run's folder of shared tables (set by ``rhetoric run`` for its kernels).
SHARED_ENV = "RHETORIC_SHARED_TABLES"
#: The prefix of the folder's name, beside the run's state file (the rest is :func:`tempfile.mkdtemp`'s).
FOLDER = ".shared-tables-"
#: How many processes compute the feature table (``rhetoric run --workers N``; the table is the same whatever N).
WORKERS_ENV = "RHETORIC_WORKERS"
#: The extension of a shared table (Arrow IPC file format).
SUFFIX = ".arrow"

#: Thread settings for the run's kernels, unless the user set them: one BLAS/OpenMP thread per kernel. The
#: sequence's matrix products are small (resamples x a document's sentences), where OpenBLAS's own threads cost
#: more CPU than they save: 400 products of 2,000 x 48 by 48 x 13 took 0.36 CPU-s with its threads on two busy
#: cores and 0.05 with one (`scripts/bench_sequence.py` measures the whole run). Results are the same either way.
KERNEL_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

T = TypeVar("T")


def key_of(*parts: object) -> str:
    """A short digest of ``parts`` (their ``repr``): what a shared table depends on."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


def _private(st: os.stat_result, *, folder: bool) -> bool:
    """``st`` (an ``lstat``) is this user's own, not a symlink, and (a folder) closed to the group and others."""
    if st.st_uid != os.geteuid() or stat.S_ISLNK(st.st_mode):
        return False
    if folder:
        return stat.S_ISDIR(st.st_mode) and not st.st_mode & 0o077
    return stat.S_ISREG(st.st_mode)


def _trusted(folder: Path) -> bool:
    """The run's folder may be read and written: this user's own private directory (checked before every use)."""
    try:
        return _private(os.lstat(folder), folder=True)
    except OSError:
        return False


def _open_own(path: Path) -> int | None:
    """A descriptor of ``path`` opened without following a symlink, if it is this user's regular file; else
    ``None`` (nothing left open). The caller closes it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        own = _private(os.fstat(fd), folder=False)
    except OSError:
        own = False
    if not own:
        os.close(fd)
        return None
    return fd


def _read(path: Path) -> pd.DataFrame | None:
    """The table at ``path`` if it is this user's regular file (opened without following a symlink), else
    ``None``."""
    if (fd := _open_own(path)) is None:
        return None
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return ipc.open_file(pa.BufferReader(fh.read())).read_all().to_pandas()
    except (OSError, pa.ArrowException, ValueError, TypeError, KeyError):
        return None
    finally:
        os.close(fd)


def _write(table: pd.DataFrame, path: Path) -> bool:
    """``table`` as an Arrow file at ``path`` (a temporary name renamed, so a reader never sees half a table)
    when it reads back exactly as it is; whether it was written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        arrow = pa.Table.from_pandas(table, preserve_index=True)
        back = arrow.to_pandas()
        pd.testing.assert_frame_equal(back, table, check_exact=True, check_freq=False)
        if not _same_missing(back, table):
            return False
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh, ipc.new_file(fh, arrow.schema) as writer:
            writer.write_table(arrow)
        os.replace(tmp, path)
        return True
    except (OSError, pa.ArrowException, AssertionError, ValueError, TypeError, KeyError):
        # a full disk or a column Arrow cannot hold as it is: the notebook goes on with the table it computed
        tmp.unlink(missing_ok=True)
        return False


def _same_missing(back: pd.DataFrame, table: pd.DataFrame) -> bool:
    """A missing value read back as the same object (``None`` stays ``None``, NaN stays NaN), which
    :func:`pandas.testing.assert_frame_equal` does not tell apart."""
    for i in range(table.shape[1]):
        a, b = table.iloc[:, i], back.iloc[:, i]
        if a.dtype == object:
            na = a.isna().to_numpy()
            if [type(x) for x in a[na]] != [type(x) for x in b[na]]:
                return False
    return True


def _paths(folder: Path, name: str, key: str, n: int) -> list[Path]:
    return [folder / f"{name}-{key}-{i}{SUFFIX}" for i in range(n)]


def shared(name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per run: read from the run's folder when a notebook before this one left
    it there under ``name`` and ``key``, else computed and left there (see the module docstring). Outside a run:
    ``compute()``."""
    place = os.environ.get(SHARED_ENV)
    if not place or not Path(place).is_dir():
        return compute()
    folder = Path(place)
    if not _trusted(folder):
        print(f"rhetoric: warning: {folder} is not this user's private folder; its tables are not read",
              file=sys.stderr)
        return compute()
    single = folder / f"{name}-{key}{SUFFIX}"
    count = folder / f"{name}-{key}.count"  # a tuple of tables: how many, and one file each
    if (table := _read(single)) is not None:
        return table  # type: ignore[return-value]
    if (n := _count(count)) is not None:
        tables = [_read(p) for p in _paths(folder, name, key, n)]
        if all(t is not None for t in tables):
            return tuple(tables)  # type: ignore[return-value]
    value = compute()
    if isinstance(value, pd.DataFrame):
        _write(value, single)
    elif (isinstance(value, tuple) and value and all(isinstance(t, pd.DataFrame) for t in value)
          and all(_write(t, p) for t, p in zip(value, _paths(folder, name, key, len(value))))):
        _write_count(count, len(value))
    return value


def _count(path: Path) -> int | None:
    """The number of tables a tuple holds, from its count file if it is this user's regular file."""
    if (fd := _open_own(path)) is None:
        return None
    try:
        text = os.read(fd, 16).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() and 0 < int(text) < 100 else None
    finally:
        os.close(fd)


def _write_count(path: Path, n: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(str(n))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _remove_stale(parent: Path) -> None:
    """Folders of shared tables a killed run left under ``parent`` (the caller holds the lock on it, so no live run
    owns them): removed when this user's own; another user's are left alone."""
    for path in parent.glob(f"{FOLDER}*"):
        try:
            if os.lstat(path).st_uid == os.geteuid() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


@contextmanager
def run_folder(parent: Path, workers: int = 1) -> Iterator[Path]:
    """The run's folder of shared tables under ``parent`` (made by :func:`tempfile.mkdtemp`: private to the user,
    a name no one could have prepared), named for the notebooks in :data:`SHARED_ENV` (and ``workers`` in
    :data:`WORKERS_ENV`, the thread settings of :data:`KERNEL_THREADS` where the user set none) while the run
    lasts, then removed with what is in it. Those left by a killed run are removed first."""
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(parent)
    folder = Path(tempfile.mkdtemp(prefix=FOLDER, dir=parent))
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
        if _trusted(folder):
            shutil.rmtree(folder, ignore_errors=True)
