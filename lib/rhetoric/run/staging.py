"""A notebook's outputs replace the old ones only when it succeeds.

``rhetoric run`` executes each notebook against a staging copy of the figures folder: :func:`stage` copies
``figures/`` (figures, exported tables, the shared manifest ``figures.csv`` and ``findings.csv``) into
``.rhetoric-staging-NAME/figures`` beside it, and the notebook, told so by the environment variable
:data:`STAGING_ENV` (read by :func:`rhetoric.run.notebook.start`), clears and writes its outputs there. Only when it
succeeded does :func:`swap` put the staged folder in place of the old one: two renames in the same parent
directory (old aside, staged in), so its figures, tables and manifest rows change together. On failure or
interruption the staging folder is removed (:func:`discard`) and the previous outputs stand untouched.

A process killed between the two renames leaves the old folder aside under :data:`OLD_PREFIX`; :func:`recover`,
run at the start of every run, puts it back (or removes it when the swap completed) and removes any staging
folder left by a killed run.

**One run at a time.** A run holds :func:`run_lock` on the folder beside ``figures/`` (an exclusive ``flock`` on
:data:`LOCK_FILE`, released by the operating system when the process ends, however it ends) from before
:func:`recover` until its last swap: a second run into the same ``--out`` is refused (one line, exit 2) instead of
deleting the first one's live staging folder and replacing its figures (issue 37). Because every live run holds
the lock, what :func:`recover` finds was left by a run that is no longer running.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rhetoric.base.atomic_files import swap_folder
from rhetoric.base.errors import InputError

#: The environment variable naming the staging directory a notebook writes its outputs under.
STAGING_ENV = "RHETORIC_STAGING_DIR"
STAGING_PREFIX = ".rhetoric-staging-"
OLD_PREFIX = ".rhetoric-old-"
#: The lock a live run holds on its output folder (see the module docstring).
LOCK_FILE = ".rhetoric.lock"


@contextmanager
def run_lock(fig_dir: Path, shown: Path | str = "--out") -> Iterator[Path]:
    """Hold the run's lock on ``fig_dir``'s folder while the block runs (see the module docstring); another run
    holding it is one :class:`~rhetoric.base.errors.InputError` naming ``shown`` and that run's process id."""
    parent = fig_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise InputError(shown, f"cannot be locked for this run ({path}: {exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise InputError(shown, f"another rhetoric run (process {holder}) is writing into {parent}; wait for it "
                             "to finish or choose another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock


def staging_dir(fig_dir: Path, name: str) -> Path:
    """Where ``name``'s outputs are staged: a hidden folder beside ``fig_dir`` (same file system, so the swap is
    a rename)."""
    return fig_dir.parent / f"{STAGING_PREFIX}{name}"


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def recover(fig_dir: Path) -> None:
    """Undo what a killed run left beside ``fig_dir``: a half-done swap and staging folders. Call it holding
    :func:`run_lock`, so no live run owns what it removes."""
    parent = fig_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f"{OLD_PREFIX}{fig_dir.name}-*"))
    if olds and not fig_dir.exists():  # killed between the two renames: the old folder is the valid one
        os.rename(olds.pop(), fig_dir)
    for path in [*olds, *parent.glob(f"{STAGING_PREFIX}*")]:
        _remove(path)


def stage(fig_dir: Path, name: str) -> Path:
    """A fresh staging directory for notebook ``name`` whose ``figures/`` is a copy of ``fig_dir``."""
    staging = staging_dir(fig_dir, name)
    _remove(staging)
    try:
        staging.mkdir(parents=True)
        _copy_tree(fig_dir, staging / fig_dir.name)
    except BaseException:  # a full disk, a read-only folder, an interruption: nothing left behind
        _remove(staging)
        raise
    return staging


def _copy_tree(source: Path, dest: Path) -> None:
    """Copy ``source`` (files with their times, symlinks as symlinks) to ``dest``; the first error is raised as
    it is (``shutil.copytree`` would gather every one into a single long message)."""
    dest.mkdir()
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        target = dest / path.relative_to(source)
        if path.is_symlink():
            target.symlink_to(os.readlink(path))
        elif path.is_dir():
            target.mkdir()
        else:
            shutil.copy2(path, target)


def swap(staging: Path, fig_dir: Path) -> None:
    """Put the staged figures folder in place of ``fig_dir`` (see the module docstring); removes ``staging``."""
    swap_folder(staging / fig_dir.name, fig_dir, fig_dir.parent / f"{OLD_PREFIX}{fig_dir.name}-{os.getpid()}")
    _remove(staging)


def discard(staging: Path | None) -> None:
    """Remove a staging directory (its notebook failed or was interrupted)."""
    if staging is not None:
        _remove(staging)
