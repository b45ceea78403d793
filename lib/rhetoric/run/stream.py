"""The feature table at scale: streamed input, bounded memory, processes or a Dask cluster, same rows.

Input is a corpus directory or JSON Lines (plain or ``.gz``), one article a line with ``id``, ``stance``
and ``text`` (optional ``title`` and other metadata). Articles are read lazily and processed in chunks (at
most ``chunk_size`` articles and about :data:`CHUNK_CHARS` characters each); at most ``2 x workers`` chunks are
in flight, so memory stays bounded however large the corpus. Chunks are written in input order, so the
output is identical, row for row, to the serial path, whichever engine ran.

Each chunk is one small in-memory :class:`~rhetoric.io.corpus.Corpus` passed to the same
:func:`~rhetoric.instruments.features.sentence_features` the notebooks use, with the corpus's own word lists
(``--lexicons``; a corpus directory's own ``lexicons/`` folder only when given so) active in every worker.

Bad input never costs data:

* **Before anything is written**, the output (and ``OUT.errors.csv``) is checked against every input: the
  input file, the corpus directory (no output inside it), the files it lists and the word lists; and against
  the committed project (no output inside its ``seeds/``, ``notebooks/``, ``figures/`` or library). An output
  that would overwrite an input, an unknown extension, a directory, an unwritable place: one clear error.
* **One article's problem is that article's**: a line that is not an article (see :mod:`rhetoric.io.articles`)
  or an article whose processing fails is named (line and id) in ``OUT.errors.csv`` and on stderr, and every
  other article's rows are kept. A damaged ``.gz`` is reported where the damage starts.
* **An output is replaced only by a complete, non-empty table**: rows go to a temporary file moved into
  place at the end. A run that read no article, produced no sentence, or in which every article failed
  leaves an earlier output as it was (the failures still go to ``OUT.errors.csv``, written whole). Failures
  are streamed to a temporary errors file as they come (memory does not grow with their number) and that file
  is complete on disk before the table is moved into place; the two are then renamed one after the other.
  An article that gives no sentence (a headline only) is reported as a failure, never dropped silently.
* **Temporary files never outlive the command**: removed on an error, Ctrl-C or ``SIGTERM``; those of a run
  killed outright (``SIGKILL``) carry its process id and are removed by the next run on the same output.
* **Nothing outlives the command**: worker processes (local pool or local Dask cluster) end when the
  command's process dies, even by ``SIGKILL``; a Dask scheduler that cannot be reached within
  :data:`SCHEDULER_TIMEOUT` seconds is one clear error.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rhetoric.base.errors import CorpusError, CorpusWarning, InputError, OutputError
from rhetoric.base.safety import PatternTimeout
from rhetoric.instruments.features import sentence_features
from rhetoric.io.articles import Article, check_source, chunk_corpus, read_articles, read_jsonl  # noqa: F401 - re-exported
from rhetoric.io.corpus import MAX_ARTICLE_CHARS, METADATA
from rhetoric.io.wordlists import active_directory, unused_corpus_lists, use_lexicons

CHUNK_ARTICLES = 32
#: A chunk is closed before it would exceed this many characters of text (one longer article is a chunk
#: of its own), so a worker's memory is bounded by the article size limit, not by the chunk size.
CHUNK_CHARS = MAX_ARTICLE_CHARS
#: Seconds to wait for a Dask scheduler given with ``--scheduler`` before giving up.
SCHEDULER_TIMEOUT = 5
OUTPUT_FORMATS = (".csv", ".parquet")
ERROR_COLUMNS = ["line", "id", "problem"]
#: Failures kept in memory (for the report on stderr); every failure is in the errors file.
KEPT_FAILURES = 100


class WorkerLost(RuntimeError):
    """A worker process died (killed, out of memory) while processing a chunk: nothing is written."""


def _use_lexicons(folder: str | None) -> None:
    """Make ``folder``'s word lists (``None``: the project's) the active ones in this process, if not already."""
    current = active_directory()
    if (str(current) if current is not None else None) != folder:
        use_lexicons(folder)


def process_chunk(articles: list[Article], lexicons: str | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Feature rows of a chunk, and the articles that failed (each re-run alone to isolate it)."""
    try:
        _use_lexicons(lexicons)
    except Exception as exc:  # noqa: BLE001 - e.g. the folder is not readable on a remote worker
        return pd.DataFrame(), [_failure(a.line, a.doc_id, f"word lists: {exc}") for a in articles]
    try:
        table = sentence_features(chunk_corpus(articles))
        return table, _without_sentences(articles, table)
    except PatternTimeout:  # the word list's problem, not the article's: the run stops (exit 2, nothing written)
        raise
    except Exception:  # noqa: BLE001 - isolate the failing article below, then report it by name
        pass
    tables, failures = [], []
    for a in articles:
        try:
            tables.append(sentence_features(chunk_corpus([a])))
            failures += _without_sentences([a], tables[-1])
        except PatternTimeout:
            raise
        except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the others
            failures.append(_failure(a.line, a.doc_id, f"{type(exc).__name__}: {exc}"))
    return (pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()), failures


#: The problem recorded for an article that gives no sentence (its text is only a headline or boilerplate).
NO_SENTENCE = "gave no sentence: its text is empty after cleaning (only a headline, a dateline or boilerplate?)"


def _without_sentences(articles: list[Article], table: pd.DataFrame) -> list[dict]:
    """The articles of a chunk that gave no row (reported, never dropped silently)."""
    have = set(table["doc_id"]) if not table.empty else set()
    return [_failure(a.line, a.doc_id, NO_SENTENCE) for a in articles if a.doc_id not in have]


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` with control characters shown as escapes: safe for a terminal and a CSV cell."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def _failure(line: int, doc_id: str, problem: str) -> dict:
    return {"line": line, "id": printable(doc_id), "problem": printable(problem)}


def _chunks(source, size: int, failures: _Failures, counts: dict) -> Iterator[list[Article]]:
    def articles() -> Iterator[Article]:
        for item in read_articles(source):
            if isinstance(item, tuple):
                failures.add(_failure(*item))
                continue
            counts["read"] += 1
            yield item

    return _cut(articles(), size)


def _cut(articles, size: int) -> Iterator[list[Article]]:
    """Chunks of at most ``size`` articles and about :data:`CHUNK_CHARS` characters, in order."""
    chunk: list[Article] = []
    chars = 0
    for item in articles:
        if chunk and chars + len(item.text) > CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += len(item.text)
        if len(chunk) >= size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _describe_input(path: Path, source: Path) -> str:
    if path == source:
        return "the input file"
    if path.name == METADATA and path.parent == source:
        return f"the corpus's {METADATA}"
    return "an input of this run"


def input_paths(source: Path, lexicons: Path | None = None) -> dict[Path, str]:
    """Every file this run reads, resolved, with what it is: the input file, or the corpus directory's files
    (those it lists included, wherever they are) and the word lists."""
    from rhetoric.base.safety import real

    paths: dict[Path, str] = {}
    source = real(source)
    if source.is_dir():
        for p in source.rglob("*"):
            if p.is_file():
                paths[_resolved(p)] = _describe_input(p, source)
        meta = source / METADATA
        if meta.is_file():
            import csv

            try:
                with meta.open(newline="", encoding="utf-8-sig") as fh:
                    for row in csv.DictReader(fh):
                        name = (row.get("file") or "").strip()
                        if name:
                            paths.setdefault(_resolved(source / name), "a text file of the corpus")
            except (OSError, UnicodeDecodeError, csv.Error):
                pass  # load_corpus names the problem
    else:
        paths[source] = "the input file"
    if lexicons is not None and lexicons.is_dir():
        for p in lexicons.iterdir():
            if p.is_file():
                paths[_resolved(p)] = "a word list of this run"
    return paths


def _resolved(path: Path) -> Path:
    """``path`` resolved; a symlink loop is left as it is named (:func:`rhetoric.io.corpus.load_corpus` reports it)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(out: Path, source: Path, lexicons: Path | None = None) -> None:
    """Refuse, with one clear error, an output that is not ``.csv``/``.parquet``, is a directory, would
    overwrite an input (or lie inside the corpus directory), or cannot be created. Writes nothing."""
    if out.suffix not in OUTPUT_FORMATS:
        shown = f"'{out.suffix}'" if out.suffix else "no extension"
        raise OutputError(out, f"unsupported output format ({shown}); give a file name ending in .csv or .parquet")
    errors = errors_path(out)
    for target in (out, errors):
        if target.is_dir():
            raise OutputError(target, "is a directory; give a file name ending in .csv or .parquet")
    from rhetoric.base.safety import real

    inputs = input_paths(source, lexicons)
    for target in (out, errors):
        resolved = real(target)
        what = inputs.get(resolved) or next((w for p, w in inputs.items() if _same_file(p, target)), None)
        if what:
            raise OutputError(target, f"is {what} ({source}): writing it would destroy the input; "
                              "choose another output file")
    for folder, what in ((source, "the corpus directory"), (lexicons, "the word-list folder")):
        if folder is not None and folder.is_dir() and real(out).is_relative_to(real(folder)):
            raise OutputError(out, f"is inside {what} {folder}: a run never writes into its input (and the "
                              "next run would find the output there); write it elsewhere")
    from rhetoric.base.safety import committed_place

    what = committed_place(out)  # after resolving: a symlinked folder leads there too
    if what:
        raise OutputError(out, f"is inside the project's {what}: the committed project is never written; "
                          "write it elsewhere")
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(out, f"cannot be written: {parent} is a file, not a directory")
    if out.exists() and not os.access(out, os.W_OK):
        raise OutputError(out, "cannot be written: the file is read-only")


def errors_path(out: Path) -> Path:
    """Where the failures of a run writing ``out`` are listed: ``OUT.errors.csv``."""
    return out.with_name(out.name + ".errors.csv")


def _os_problem(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _temporary(path: Path) -> str:
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
        for tmp in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
            pid = tmp.name[len(target.name) + 2:].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)) and tmp.is_file():
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


class _Failures:
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

    def add(self, failure: dict) -> None:
        import csv

        try:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.tmp = _temporary(self.path)
                self._fh = open(self.tmp, "w", encoding="utf-8", newline="")
                self._csv = csv.writer(self._fh, lineterminator="\n")
                self._csv.writerow(ERROR_COLUMNS)
            self._csv.writerow([failure[c] for c in ERROR_COLUMNS])
        except OSError as exc:
            raise OutputError(self.path, f"cannot be written ({_os_problem(exc)})") from exc
        self.count += 1
        self.no_sentence += failure["problem"] == NO_SENTENCE
        if len(self.first) < KEPT_FAILURES:
            self.first.append(failure)

    def extend(self, failures) -> None:
        for f in failures:
            self.add(f)

    def finish(self) -> None:
        """Flush the file to disk (before the table is moved into place: a failure here leaves OUT as it was)."""
        if self._fh is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
                self._fh.close()
                os.chmod(self.tmp, 0o644)
            except OSError as exc:
                raise OutputError(self.path, f"cannot be written ({_os_problem(exc)})") from exc
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


class _Writer:
    """Append chunks to a temporary CSV or Parquet file; ``close`` moves it into place."""

    def __init__(self, out: Path):
        self.out = out
        self.rows = 0
        self.header = True
        self.parquet = None
        self.schema = None
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(out)
            self.tmp = _temporary(out)
        except OSError as exc:
            raise OutputError(out, f"cannot be written ({_os_problem(exc)})") from exc

    def write(self, table: pd.DataFrame) -> None:
        if table.empty:
            return
        try:
            self._write(table)
        except OSError as exc:
            raise OutputError(self.out, f"cannot be written ({_os_problem(exc)})") from exc
        self.rows += len(table)

    def _write(self, table: pd.DataFrame) -> None:
        if self.out.suffix == ".csv":
            with open(self.tmp, "a", encoding="utf-8", newline="") as fh:
                table.to_csv(fh, index=False, header=self.header, lineterminator="\n")
            self.header = False
            return
        import pyarrow as pa
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
            raise OutputError(self.out, f"cannot be written ({_os_problem(exc)})") from exc

    def abort(self) -> None:
        try:
            if self.parquet is not None:
                self.parquet.close()
        except Exception:  # noqa: BLE001 - the file is removed below anyway
            pass
        self.parquet = None
        if os.path.exists(self.tmp):
            os.remove(self.tmp)


@dataclass
class RunStats:
    articles: int = 0
    sentences: int = 0
    words: int = 0
    seconds: float = 0.0
    #: The first :data:`KEPT_FAILURES` failures (every one is in ``OUT.errors.csv``); ``failed`` counts them all.
    failures: list[dict] = field(default_factory=list)
    failed: int = 0
    #: Articles read as articles (before processing); ``articles`` counts those with rows in the output.
    read: int = 0
    #: Whether ``out`` was written (False when no article gave a row: an earlier ``out`` is left as it was).
    written: bool = False


# ---------------------------------------------------------------------------------------------- workers


def watch_parent(interval: float = 0.5) -> None:
    """End this process (``os._exit``) as soon as its parent is gone: a daemon thread polls the parent id,
    which changes when the parent dies, however it died (``SIGKILL`` included). Run in every worker process
    (pool workers, local Dask workers), never in the command's own process, so no worker outlives the
    command. Idempotent."""
    if any(t.name == "rhetoric-parent-watch" for t in threading.enumerate()):
        return
    ppid = os.getppid()

    def watch() -> None:
        while os.getppid() == ppid:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="rhetoric-parent-watch", daemon=True).start()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _executor(workers: int, engine: str, scheduler: str | None):
    """A ``submit``-able executor (None for the serial path) and a closer."""
    if engine == "dask" or scheduler:
        import logging

        from dask.distributed import Client, LocalCluster

        if scheduler:
            quiet = [logging.getLogger(n) for n in ("distributed", "distributed.client", "distributed.comm")]
            levels = [lg.level for lg in quiet]
            for lg in quiet:
                lg.setLevel(logging.CRITICAL)
            try:
                client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
            except Exception as exc:  # noqa: BLE001 - an address that cannot be reached or parsed
                raise InputError(scheduler, f"cannot connect to a Dask scheduler there ({_one_line(exc)}); is it "
                                 "running, and is the address right?") from None
            finally:
                for lg, level in zip(quiet, levels):
                    lg.setLevel(level)
            return client, client.close
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        try:  # the workers are this process's children (their nannies run in this process)
            client.run(watch_parent)
        except Exception:  # noqa: BLE001 - best effort: Dask's own watch of the parent still applies
            pass
        return client, lambda: (client.close(), cluster.close())
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers, initializer=watch_parent)
        return pool, lambda: pool.shutdown(cancel_futures=True)
    return None, lambda: None


def _result(future):
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLost(f"a worker process died ({_one_line(exc)}); nothing was written") from None
    except Exception as exc:
        if type(exc).__name__ in ("KilledWorker", "CommClosedError", "FutureCancelledError"):
            raise WorkerLost(f"a Dask worker was lost ({_one_line(exc)}); nothing was written") from None
        raise


def _chunk_table(articles: list[Article], lexicons: str | None, aliases: pd.DataFrame) -> pd.DataFrame:
    """A chunk's feature rows (in a worker of :func:`corpus_features`), with the parent's word lists and actor
    list; an error is raised, not recorded."""
    from rhetoric.instruments.actors import use_actor_list

    _use_lexicons(lexicons)
    use_actor_list("given", derive=lambda: aliases)
    return sentence_features(chunk_corpus(articles))


def corpus_features(corpus, workers: int = 1, chunk_size: int = CHUNK_ARTICLES) -> pd.DataFrame:
    """The feature table of a loaded corpus, the same table :func:`sentence_features` returns for it, with its
    chunks (as ``rhetoric features`` cuts them) computed by ``workers`` processes when there are two or more
    chunks. For the notebooks of ``rhetoric run --workers N``: the corpus is already loaded and checked, so an
    error is an error (raised), not an article to skip. The workers start fresh (``forkserver``: a Jupyter
    kernel's threads are not forked) with the word lists and the actor list in force here (a list derived from
    the corpus's proper names is derived here, from the whole corpus, never from a chunk), and end with the
    call."""
    docs = corpus.documents
    articles = [Article(doc_id=d, stance=s, text=corpus.raw[d], title=t, line=k)
                for k, (d, s, t) in enumerate(zip(docs["doc_id"], docs["stance"], docs["title"]), start=1)]
    chunks = list(_cut(articles, chunk_size))  # as `rhetoric features` cuts them
    if workers <= 1 or len(chunks) < 2:
        return sentence_features(corpus)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from rhetoric.instruments.actors import actor_aliases

    folder = active_directory()
    key = str(folder) if folder is not None else None
    aliases = actor_aliases()  # the list in force here (a corpus-derived one comes from the whole corpus)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                             initializer=watch_parent) as pool:
        tables = list(pool.map(_chunk_table, chunks, [key] * len(chunks), [aliases] * len(chunks)))
    return pd.concat(tables, ignore_index=True)


# ------------------------------------------------------------------------------------------------ run


def count_articles(source: Path) -> int | None:
    """How many articles ``source`` holds, for the progress bar's total: the rows of a corpus directory's
    metadata, or the non-empty lines of a JSON Lines file (one pass, about 1 s for 24 MB of gzip). None when
    it cannot be told (the run itself reports why)."""
    import csv
    import gzip

    try:
        if source.is_dir():
            with open(source / METADATA, encoding="utf-8", newline="") as fh:
                return sum(1 for row in csv.DictReader(fh) if any((v or "").strip() for v in row.values()))
        n = 0
        with open(source, "rb") as probe:
            gz = probe.read(2) == b"\x1f\x8b"
        with (gzip.open(source, "rb") if gz else open(source, "rb")) as fh:
            tail = b"\n"
            while block := fh.read(1 << 20):
                n += block.count(b"\n") - block.count(b"\n\n") - (block.startswith(b"\n") and tail == b"\n")
                tail = block[-1:]
            return n + (tail != b"\n")
    except (OSError, ValueError, EOFError, UnicodeDecodeError, csv.Error):
        return None


class Progress:
    """Articles done out of the total, with percentage, rate and time left.

    On a terminal, a tqdm bar redrawn in place; anywhere else (a log file, a pipe, CI) plain lines, one at
    most every ``interval`` seconds and one at the end, never a carriage return. The total may be set
    later (:meth:`set_total`), when counting the input finishes; until then the count alone is shown.
    """

    def __init__(self, *, enabled: bool = True, stream=None, interval: float = 10.0, unit: str = "articles",
                 desc: str = "rhetoric features"):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interval = interval
        self.unit, self.desc = unit, desc
        self.total: int | None = None
        self.n = 0
        self.postfix = ""
        self.t0 = time.perf_counter()
        self._last = self.t0
        isatty = getattr(self.stream, "isatty", None)
        self.terminal = bool(isatty and isatty())
        self._bar = None
        self._lock = threading.Lock()
        self._closed = False
        if enabled and self.terminal:
            from tqdm import tqdm

            self._bar = tqdm(desc=self.desc, unit=f" {unit}", file=self.stream, dynamic_ncols=True,
                             mininterval=0.5)

    def set_total(self, total: int | None) -> None:
        with self._lock:
            if total is None or self._closed:
                return
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.refresh()

    def update(self, k: int, postfix: str = "") -> None:
        """``k`` more done; ``postfix`` (say, the rate in words) is shown after the count."""
        self.n += k
        self.postfix = postfix or self.postfix
        if self._bar is not None:
            if postfix:
                self._bar.set_postfix_str(postfix, refresh=False)
            self._bar.update(k)
        elif self.enabled and time.perf_counter() - self._last >= self.interval:
            self._line()

    def line(self) -> str:
        """The plain progress line: ``desc: n/total articles (pct%), elapsed, about T left, postfix``."""
        from tqdm import tqdm

        elapsed = time.perf_counter() - self.t0
        parts = [f"{self.desc}: {self.n:,}"]
        if self.total:
            parts[0] += f"/{self.total:,} {self.unit} ({100 * min(self.n / self.total, 1):.0f}%)"
        else:
            parts[0] += f" {self.unit}"
        parts.append(f"{tqdm.format_interval(elapsed)} elapsed")
        if self.total and 0 < self.n < self.total:
            parts.append(f"about {tqdm.format_interval(elapsed / self.n * (self.total - self.n))} left")
        if self.postfix:
            parts.append(self.postfix)
        return ", ".join(parts)

    def _line(self) -> None:
        self._last = time.perf_counter()
        print(self.line(), file=self.stream, flush=True)

    def close(self, done: bool = True) -> None:
        """End the display; ``done``: the input was read to its end, so what was counted is the total (the
        count of lines is an estimate: a blank line or a line in pieces counts once)."""
        if done and self.n:
            self.set_total(self.n)
        with self._lock:
            self._closed = True
        if self._bar is not None:
            self._bar.close()
        elif self.enabled and self.n:
            self._line()


def lexicon_folder(source: Path, lexicons: Path | str | None) -> Path | None:
    """The word lists of a run: ``lexicons`` if given, else none (the project's). A corpus directory's own
    ``lexicons/`` folder is used only when given as ``lexicons``; left unused, it is named in a warning."""
    note = unused_corpus_lists(source if source.is_dir() else None, lexicons)
    if note:
        import warnings

        warnings.warn(note, CorpusWarning, stacklevel=3)
    return Path(lexicons) if lexicons is not None else None


def build_features(source: Path | str, out: Path | str, *, workers: int = 1, engine: str = "processes",
                   scheduler: str | None = None, chunk_size: int = CHUNK_ARTICLES, progress: bool = True,
                   lexicons: Path | str | None = None) -> RunStats:
    """Stream ``source`` through the feature table into ``out``; see the module docstring.

    Raises :class:`~rhetoric.base.errors.InputError` (nothing written) for a bad source, output, word lists or
    scheduler, and when the input holds no article or no sentence. Failing articles are in
    ``RunStats.failures``; ``RunStats.written`` says whether ``out`` was replaced.
    """
    if workers < 1:
        raise InputError("--workers", f"must be at least 1 (got {workers})")
    if chunk_size < 1:
        raise InputError("--chunk-size", f"must be at least 1 (got {chunk_size})")
    source = check_source(source)
    out = Path(out)
    folder = lexicon_folder(source, lexicons)
    check_output(out, source, folder)
    folder_key = str(folder.resolve()) if folder is not None else None
    previous = active_directory()
    if folder is not None:
        use_lexicons(Path(folder_key))  # checked here, once, before any work: a bad list is one clear error
    stats = RunStats()
    counts = {"read": 0}
    t0 = time.perf_counter()
    executor, close = _executor(workers, engine, scheduler)
    writer = None
    bar = Progress(enabled=progress)
    finished = False
    if progress:  # counted beside the work, so a long input starts at once; the bar gains its total when known
        threading.Thread(target=lambda: bar.set_total(count_articles(source)), daemon=True).start()

    def take(result: tuple[pd.DataFrame, list[dict]]) -> None:
        table, failed = result
        writer.write(table)
        failures.extend(failed)
        n_articles = table["doc_id"].nunique() if not table.empty else 0
        stats.articles += n_articles
        stats.sentences += len(table)
        stats.words += int(table["n_words"].sum()) if not table.empty else 0
        elapsed = max(time.perf_counter() - t0, 1e-9)
        # articles done and articles failed (in a chunk, or while reading): the count the total is made of
        bar.update(stats.articles + len(stats.failures) - bar.n, f"{stats.words / elapsed:,.0f} words/s")

    failures = _Failures(errors_path(out))
    try:
        writer = _Writer(out)
        chunks = _chunks(source, chunk_size, failures, counts)
        if executor is None:
            for chunk in chunks:
                take(process_chunk(chunk, folder_key))
        else:
            pending: deque = deque()
            for chunk in chunks:
                pending.append(executor.submit(process_chunk, chunk, folder_key))
                while len(pending) >= 2 * workers:
                    take(_result(pending.popleft()))
            while pending:
                take(_result(pending.popleft()))
        stats.read = counts["read"]
        if not stats.read and not failures.count:
            raise CorpusError(source, "holds no articles; nothing was written")
        if not writer.rows and failures.count == failures.no_sentence:
            failures.abort()
            raise CorpusError(source, f"gave no sentences (the body of each of its {stats.read} article(s) is "
                              "empty after cleaning); nothing was written")
        failures.finish()  # the errors file complete on disk before the table is moved into place
        writer.close()
        stats.written = writer.rows > 0
        try:
            failures.commit()
        except OSError as exc:
            raise OutputError(errors_path(out), f"cannot be written ({_os_problem(exc)}); "
                              + (f"{out} was written" if stats.written else f"{out} was left as it was")) from exc
        finished = True
    except BaseException:
        if writer is not None:
            writer.abort()
        failures.abort()
        raise
    finally:
        bar.close(done=finished)
        close()
        if active_directory() != previous:
            use_lexicons(previous)
    stats.failures, stats.failed = failures.first, failures.count
    stats.seconds = time.perf_counter() - t0
    return stats
