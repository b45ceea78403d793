"""The feature table and its failures, written to temporary files and moved into place only when complete.

* **An output is replaced only by a complete, non-empty table**: rows go to a temporary file beside it
  (:class:`TableWriter`, CSV or Parquet by the output's extension), moved into place at the end.
* **Failures** (a line that is not an article, an article whose processing fails or that gives no sentence) are
  streamed to a temporary ``OUT.errors.csv`` as they come (:class:`FailureLog`: memory does not grow with their
  number); that file is complete on disk before the table is moved into place, and the two are then renamed one
  after the other.
* **Temporary files never outlive the command**: removed on an error, Ctrl-C or ``SIGTERM``; those of a run killed
  outright (``SIGKILL``) carry its process id and are removed by the next run on the same output
  (:func:`remove_stale_temporaries`).
"""
from __future__ import annotations

import csv
import glob
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from rhetoric.base.errors import OutputError
from rhetoric.io.outputs import errors_path, neutralise_formulas

ERROR_COLUMNS = ["line", "id", "problem"]
#: Failures kept in memory (for the report on stderr); every failure is in the errors file.
KEPT_FAILURES = 100
#: The problem recorded for an article that gives no sentence (its text is only a headline or boilerplate).
NO_SENTENCE = "gave no sentence: its text is empty after cleaning (only a headline, a dateline or boilerplate?)"

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` with control characters shown as escapes: safe for a terminal and a CSV cell."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def failure(line: int, doc_id: str, problem: str) -> dict:
    """A failure record: the line, the id and the problem, printable."""
    return {"line": line, "id": printable(doc_id), "problem": printable(problem)}


def os_problem(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def temporary(path: Path) -> str:
    """A new empty temporary file beside ``path``, named with this process's id (so a later run can tell a
    leftover of a killed run from a file in use): ``.NAME.PID.XXXX.tmp``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    os.close(fd)
    return tmp


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Remove the temporary files of ``out`` and its errors file left by a run that was killed (``SIGKILL``,
    power loss): those whose process no longer runs. Returns what was removed."""
    removed = []
    for target in (out, errors_path(out)):
        for tmp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            pid = tmp.name[len(target.name) + 2:].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)) and tmp.is_file():
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


class FailureLog:
    """The failure records of a run, streamed to a temporary ``OUT.errors.csv`` as they come: memory constant in
    their number (only the first :data:`KEPT_FAILURES` are kept, for the report on stderr)."""

    def __init__(self, path: Path):
        self.path = path
        self.count = 0
        self.no_sentence = 0
        self.first: list[dict] = []
        self.tmp: str | None = None
        self._fh = None
        self._csv = None

    def add(self, record: dict) -> None:
        try:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.tmp = temporary(self.path)
                self._fh = open(self.tmp, "w", encoding="utf-8", newline="")
                self._csv = csv.writer(self._fh, lineterminator="\n")
                self._csv.writerow(ERROR_COLUMNS)
            self._csv.writerow([record[c] for c in ERROR_COLUMNS])
        except OSError as exc:
            raise OutputError(self.path, f"cannot be written ({os_problem(exc)})") from exc
        self.count += 1
        self.no_sentence += record["problem"] == NO_SENTENCE
        if len(self.first) < KEPT_FAILURES:
            self.first.append(record)

    def extend(self, records) -> None:
        for record in records:
            self.add(record)

    def finish(self) -> None:
        """Flush the file to disk (before the table is moved into place: a failure here leaves OUT as it was)."""
        if self._fh is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
                self._fh.close()
                os.chmod(self.tmp, 0o644)
            except OSError as exc:
                raise OutputError(self.path, f"cannot be written ({os_problem(exc)})") from exc
            self._fh = None

    def commit(self) -> None:
        """Move the errors file into place, or remove an earlier one when nothing failed."""
        if self.tmp is not None:
            os.replace(self.tmp, self.path)
            self.tmp = None
        elif self.path.exists():
            self.path.unlink()

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self.tmp is not None and os.path.exists(self.tmp):
            os.remove(self.tmp)
        self.tmp = None


class TableWriter:
    """Append chunks to a temporary CSV or Parquet file (by the output's extension); ``close`` moves it into
    place."""

    def __init__(self, out: Path):
        self.out = out
        self.csv = out.suffix.lower() == ".csv"
        self.rows = 0
        self.header = True
        self.parquet = None
        self.schema = None
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(out)
            self.tmp = temporary(out)
        except OSError as exc:
            raise OutputError(out, f"cannot be written ({os_problem(exc)})") from exc

    def write(self, table: pd.DataFrame) -> None:
        if table.empty:
            return
        try:
            self._write(table)
        except OSError as exc:
            raise OutputError(self.out, f"cannot be written ({os_problem(exc)})") from exc
        self.rows += len(table)

    def _write(self, table: pd.DataFrame) -> None:
        if self.csv:
            with open(self.tmp, "a", encoding="utf-8", newline="") as fh:
                neutralise_formulas(table).to_csv(fh, index=False, header=self.header, lineterminator="\n")
            self.header = False
            return
        import pyarrow as pa  # Parquet only: loaded when a table is written as Parquet (start-up time)
        import pyarrow.parquet as pq

        if self.parquet is None:
            self.schema = pa.Schema.from_pandas(table, preserve_index=False)
            self.parquet = pq.ParquetWriter(self.tmp, self.schema)
        self.parquet.write_table(pa.Table.from_pandas(table, schema=self.schema, preserve_index=False))

    def close(self) -> None:
        """Move the finished table into place (only when it holds rows; otherwise :meth:`abort`)."""
        if not self.rows:
            self.abort()
            return
        try:
            if self.parquet is not None:
                self.parquet.close()
                self.parquet = None
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.out)
        except OSError as exc:
            self.abort()
            raise OutputError(self.out, f"cannot be written ({os_problem(exc)})") from exc

    def abort(self) -> None:
        try:
            if self.parquet is not None:
                self.parquet.close()
        except Exception:  # noqa: BLE001 - the file is removed below anyway
            pass
        self.parquet = None
        if os.path.exists(self.tmp):
            os.remove(self.tmp)
