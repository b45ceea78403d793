"""Writing files (and folders) whole or not at all."""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rhetoric.base.errors import CorpusError


def atomic_write(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename: a reader
    never sees half a file. The parent directory is created; the file is world-readable (0644)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:  # a full disk, an interruption: no temporary file left behind
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def swap_folder(new: Path, dest: Path, aside: Path) -> None:
    """Put folder ``new`` in place of ``dest``: two renames in one parent directory (``dest`` moved to ``aside``,
    ``new`` to ``dest``; ``dest`` put back if the second fails), then ``aside`` removed. A reader sees the old
    folder or the new one, never a mixture; a process killed between the renames leaves the old one at ``aside``."""
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    elif aside.exists() or aside.is_symlink():
        aside.unlink()
    had_old = dest.exists() or dest.is_symlink()
    if had_old:
        os.rename(dest, aside)
    try:
        os.rename(new, dest)
    except BaseException:
        if had_old and not dest.exists():
            os.rename(aside, dest)
        raise
    if had_old:
        shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def staged_folder(dest: Path | str) -> Iterator[Path]:
    """A fresh hidden folder beside ``dest`` to write into; when the block ends normally it replaces ``dest``
    whole (:func:`swap_folder`), and on any error or interruption (a full disk, Ctrl-C, ``SIGTERM`` raised as an
    exception) it is removed and ``dest`` stands as it was."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.new-"))
    try:
        yield work
        work.chmod(0o755)  # an edition is for reading: as a folder made by mkdir would be
        swap_folder(work, dest, dest.parent / f".{dest.name}.old-{os.getpid()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def replace_rows(path: Path | str, rows, match: dict, columns: list[str], sort_by: list[str],
                 numeric: tuple[str, ...] = ()) -> None:
    """Replace, in the CSV table at ``path``, the rows whose columns equal ``match`` by ``rows`` (a DataFrame),
    keep every other row, sort by ``sort_by`` (stable; columns in ``numeric`` sort as numbers) and write the
    whole file atomically.

    The one way the project's shared tables (the figure manifest, the findings file) are updated, so each
    notebook owns its rows and the file's bytes do not depend on the order notebooks ran in.
    """
    import pandas as pd  # lazy: keeps pandas (0.35 s) out of `rhetoric run`'s start-up, which needs atomic_write

    path = Path(path)
    table = read_rows(path, columns)
    mine = pd.Series(True, index=table.index)
    for col, value in match.items():
        mine &= table[col] == value
    table = pd.concat([table[~mine], rows[columns]], ignore_index=True)
    table = table.astype({c: str for c in columns if c not in numeric})
    table = table.astype({c: "int64" for c in numeric})
    table = table.sort_values(sort_by, kind="mergesort")[columns]
    atomic_write(path, table.to_csv(index=False, lineterminator="\n").encode())


def read_rows(path: Path | str, columns: list[str]):
    """A shared CSV table as strings (empty cells stay empty), or an empty table with ``columns``."""
    import pandas as pd  # lazy: keeps pandas (0.35 s) out of `rhetoric run`'s start-up, which needs atomic_write

    path = Path(path)
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ragged_problem(path: Path) -> str | None:
    """A row with more fields than the header (pandas would silently take the first column as the index, or
    stop with a parser message), named by line; ``None`` when every row fits (or the file is unreadable:
    the reader below names that)."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = csv.reader(fh)
            header = next(rows, None)
            if header is None:
                return None
            for row in rows:
                if len(row) > len(header):
                    return (f"line {rows.line_num} has {len(row)} fields but the header has {len(header)} "
                            "(a comma in a value that is not in double quotes?)")
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return None


def read_csv_strict(path: Path | str):
    """A CSV file read as strings (empty cells stay empty), header names stripped; the one encoding rule for the
    CSV files a user gives (a corpus's ``metadata.csv``, word lists): UTF-8, strictly, a byte-order mark allowed
    (``utf-8-sig``). A file that is not UTF-8 or not CSV is a :class:`~rhetoric.base.errors.CorpusError` naming
    the file and the problem."""
    import pandas as pd  # lazy: keeps pandas (0.35 s) out of `rhetoric run`'s start-up, which needs atomic_write

    path = Path(path)
    problem = _ragged_problem(path)
    if problem:
        raise CorpusError(path, problem)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(path, f"cannot be read as CSV ({exc})") from exc
    table.columns = [c.strip() for c in table.columns]
    return table
