"""The feature table at scale: streamed input, bounded memory, processes or a Dask cluster, same rows.

Input is a corpus directory or JSON Lines (plain or ``.gz``), one article a line with ``id``, ``stance``
and ``text`` (optional ``title`` and other metadata). Articles are read lazily and processed in chunks;
at most ``2 x workers`` chunks are in flight, so memory stays bounded however large the corpus. Chunks are
written in input order, so the output is identical, row for row, to the serial path, whichever engine ran.

Each chunk is one small in-memory :class:`~rhetoric.corpus.Corpus` passed to the same
:func:`~rhetoric.features.sentence_features` the notebooks use. When a chunk fails, its articles are
re-run one by one: a failing article is named (id and line) in ``OUT.errors.csv`` and on stderr, and every
other article's rows are kept. Output (``.csv`` or ``.parquet``) is written to a temporary file and moved
into place at the end, so a reader never sees half a table.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .articles import Article, chunk_corpus, read_articles, read_jsonl  # noqa: F401 - re-exported
from .features import sentence_features

CHUNK_ARTICLES = 32


def process_chunk(articles: list[Article]) -> tuple[pd.DataFrame, list[dict]]:
    """Feature rows of a chunk, and the articles that failed (each re-run alone to isolate it)."""
    try:
        return sentence_features(chunk_corpus(articles)), []
    except Exception:  # noqa: BLE001 - isolate the failing article below, then report it by name
        pass
    tables, failures = [], []
    for a in articles:
        try:
            tables.append(sentence_features(chunk_corpus([a])))
        except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the others
            failures.append({"line": a.line, "id": a.doc_id, "problem": f"{type(exc).__name__}: {exc}"})
    return (pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()), failures


def _chunks(source, size: int, failures: list[dict]) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in read_articles(source):
        if isinstance(item, tuple):
            failures.append({"line": item[0], "id": item[1], "problem": item[2]})
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Writer:
    """Append chunks to a temporary CSV or Parquet file; ``close`` moves it into place."""

    def __init__(self, out: Path):
        self.out = out
        if out.suffix not in (".csv", ".parquet"):
            raise ValueError(f"{out}: unsupported output format '{out.suffix}' (use .csv or .parquet)")
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        os.close(fd)
        self.header = True
        self.parquet = None
        self.schema = None

    def write(self, table: pd.DataFrame) -> None:
        if table.empty:
            return
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
        if self.parquet is not None:
            self.parquet.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.out)

    def abort(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        if os.path.exists(self.tmp):
            os.remove(self.tmp)


@dataclass
class RunStats:
    articles: int = 0
    sentences: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[dict] = field(default_factory=list)


def _executor(workers: int, engine: str, scheduler: str | None):
    """A ``submit``-able executor (None for the serial path) and a closer."""
    if engine == "dask" or scheduler:
        from dask.distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
            return client, client.close
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        return client, lambda: (client.close(), cluster.close())
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
        return pool, pool.shutdown
    return None, lambda: None


def build_features(source: Path | str, out: Path | str, *, workers: int = 1, engine: str = "processes",
                   scheduler: str | None = None, chunk_size: int = CHUNK_ARTICLES, progress: bool = True) -> RunStats:
    """Stream ``source`` through the feature table into ``out``; see the module docstring."""
    from tqdm import tqdm

    out = Path(out)
    stats = RunStats()
    writer = _Writer(out)
    executor, close = _executor(workers, engine, scheduler)
    bar = tqdm(unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
    t0 = time.perf_counter()

    def take(result: tuple[pd.DataFrame, list[dict]]) -> None:
        table, failed = result
        writer.write(table)
        stats.failures.extend(failed)
        n_articles = table["doc_id"].nunique() if not table.empty else 0
        stats.articles += n_articles
        stats.sentences += len(table)
        stats.words += int(table["n_words"].sum()) if not table.empty else 0
        bar.update(n_articles)
        elapsed = max(time.perf_counter() - t0, 1e-9)
        bar.set_postfix_str(f"{stats.words / elapsed:,.0f} words/s", refresh=False)

    try:
        chunks = _chunks(source, chunk_size, stats.failures)
        if executor is None:
            for chunk in chunks:
                take(process_chunk(chunk))
        else:
            pending: deque = deque()
            for chunk in chunks:
                pending.append(executor.submit(process_chunk, chunk))
                while len(pending) >= 2 * max(workers, 1):
                    take(pending.popleft().result())
            while pending:
                take(pending.popleft().result())
        writer.close()
    except BaseException:
        writer.abort()
        raise
    finally:
        bar.close()
        close()
    stats.seconds = time.perf_counter() - t0
    errors = out.with_name(out.name + ".errors.csv")
    if stats.failures:
        pd.DataFrame(stats.failures, columns=["line", "id", "problem"]).to_csv(errors, index=False)
    elif errors.exists():
        errors.unlink()
    return stats
