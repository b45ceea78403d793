"""The feature table at scale: the input streamed in chunks through the feature table, bounded memory, same rows.

Input is a corpus directory or JSON Lines (plain or ``.gz``), one article a line with ``id``, ``stance`` and
``text`` (optional ``title`` and other metadata), read through its :class:`~rhetoric.io.source.Source`.
Articles are read lazily and processed in chunks (at most ``chunk_size`` articles and about :data:`CHUNK_CHARS`
characters each); at most ``2 x workers`` chunks are in flight, so memory stays bounded however large the corpus.
Chunks are written in input order, so the output is identical, row for row, to the serial path, whichever engine
ran (:mod:`rhetoric.run.features.workers`).

Each chunk is one small in-memory :class:`~rhetoric.io.corpus.Corpus` passed to the same
:func:`~rhetoric.instruments.features.sentence_features` the notebooks use, with the settings' word lists
(``--lexicons``; a corpus directory's own ``lexicons/`` folder only when given so) in force in every worker.

Bad input never costs data:

* **Before anything is written** the settings are validated (:meth:`rhetoric.run.settings.Settings.validate`):
  the output by the one rule of :func:`rhetoric.io.outputs.check_output` (never an input, never inside the
  corpus, the word lists or the committed project), the input, the word lists.
* **One article's problem is that article's**: a line that is not an article (see :mod:`rhetoric.io.articles`)
  or an article whose processing fails is named (line and id) in ``OUT.errors.csv`` and on stderr, and every
  other article's rows are kept. A damaged ``.gz`` is reported where the damage starts. An article that gives
  no sentence (a headline only) is reported as a failure, never dropped silently.
* **An output is replaced only by a complete, non-empty table** (:mod:`rhetoric.run.features.outputs`): a run
  that read no article, produced no sentence, or in which every article failed leaves an earlier output as it
  was (the failures still go to ``OUT.errors.csv``, written whole).
* **Nothing outlives the command**: temporary files are removed on an error, Ctrl-C or ``SIGTERM`` (those of a
  run killed outright by the next run); worker processes end when the command's process dies.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from rhetoric.base.errors import CorpusError, OutputError
from rhetoric.base.safety import PatternTimeout
from rhetoric.instruments.actors import actor_aliases, use_actor_list
from rhetoric.instruments.features import sentence_features
from rhetoric.io.articles import Article, chunk_corpus
from rhetoric.io.corpus import MAX_ARTICLE_CHARS, Corpus
from rhetoric.io.outputs import errors_path
from rhetoric.language.cleaning import boilerplate_table, use_boilerplate
from rhetoric.run.features.outputs import NO_SENTENCE, FailureLog, TableWriter, failure, os_problem
from rhetoric.run.features.progress import Progress
from rhetoric.run.features.workers import executor, pool, result
from rhetoric.run.settings import Settings

#: A chunk is closed before it would exceed this many characters of text (one longer article is a chunk
#: of its own), so a worker's memory is bounded by the article size limit, not by the chunk size.
CHUNK_CHARS = MAX_ARTICLE_CHARS


def cut(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
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


def _without_sentences(articles: list[Article], table: pd.DataFrame) -> list[dict]:
    """The articles of a chunk that gave no row (reported, never dropped silently)."""
    have = set(table["doc_id"]) if not table.empty else set()
    return [failure(a.line, a.doc_id, NO_SENTENCE) for a in articles if a.doc_id not in have]


def process_chunk(articles: list[Article], settings: Settings) -> tuple[pd.DataFrame, list[dict]]:
    """Feature rows of a chunk (with the settings' word lists in force), and the articles that failed (each re-run
    alone to isolate it)."""
    try:
        settings.use_word_lists()
        settings.use_frames()
    except Exception as exc:  # noqa: BLE001 - e.g. the folder is not readable on a remote worker
        return pd.DataFrame(), [failure(a.line, a.doc_id, f"word lists: {exc}") for a in articles]
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
            failures.append(failure(a.line, a.doc_id, f"{type(exc).__name__}: {exc}"))
    return (pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()), failures


@dataclass
class RunStats:
    articles: int = 0
    sentences: int = 0
    words: int = 0
    seconds: float = 0.0
    #: The first :data:`~rhetoric.run.features.outputs.KEPT_FAILURES` failures (every one is in ``OUT.errors.csv``);
    #: ``failed`` counts them all.
    failures: list[dict] = field(default_factory=list)
    failed: int = 0
    #: Articles read as articles (before processing); ``articles`` counts those with rows in the output.
    read: int = 0
    #: Whether ``out`` was written (False when no article gave a row: an earlier ``out`` is left as it was).
    written: bool = False


def build_features(settings: Settings) -> RunStats:
    """Stream the settings' input through the feature table into their output; see the module docstring.

    Raises :class:`~rhetoric.base.errors.InputError` (nothing written) for bad settings (input, output, word lists,
    scheduler) and when the input holds no article or no sentence. Failing articles are in ``RunStats.failures``;
    ``RunStats.written`` says whether the output was replaced.
    """
    settings = settings.validate()
    source, out = settings.source, settings.out
    stats = RunStats()
    t0 = time.perf_counter()
    failures = FailureLog(errors_path(out))
    writer = None
    finished = False
    with settings.word_lists():  # in force here (the serial path) and sent to every worker
        submit, close = executor(settings.workers, settings.engine, settings.scheduler)
        bar = Progress(enabled=settings.progress)
        if settings.progress:  # counted beside the work, so a long input starts at once; the total comes later
            threading.Thread(target=lambda: bar.set_total(source.count()), daemon=True).start()

        def take(done: tuple[pd.DataFrame, list[dict]]) -> None:
            table, failed = done
            writer.write(table)
            failures.extend(failed)
            stats.articles += table["doc_id"].nunique() if not table.empty else 0
            stats.sentences += len(table)
            stats.words += int(table["n_words"].sum()) if not table.empty else 0
            elapsed = max(time.perf_counter() - t0, 1e-9)
            # articles done and articles failed (in a chunk, or while reading): the count the total is made of
            bar.update(stats.articles + failures.count - bar.n, f"{stats.words / elapsed:,.0f} words/s")

        def articles() -> Iterator[Article]:
            for item in source.articles():
                if isinstance(item, tuple):  # a line that is not an article: named, and reading goes on
                    failures.add(failure(*item))
                    continue
                stats.read += 1
                yield item

        try:
            writer = TableWriter(out)
            chunks = cut(articles(), settings.chunk_size)
            if submit is None:
                for chunk in chunks:
                    take(process_chunk(chunk, settings))
            else:
                pending: deque = deque()
                for chunk in chunks:
                    pending.append(submit(process_chunk, chunk, settings))
                    while len(pending) >= 2 * settings.workers:
                        take(result(pending.popleft()))
                while pending:
                    take(result(pending.popleft()))
            if not stats.read and not failures.count:
                raise CorpusError(source.path, "holds no articles; nothing was written")
            if not writer.rows and failures.count == failures.no_sentence:
                failures.abort()
                raise CorpusError(source.path, f"gave no sentences (the body of each of its {stats.read} article(s) "
                                  "is empty after cleaning); nothing was written")
            failures.finish()  # the errors file complete on disk before the table is moved into place
            writer.close()
            stats.written = writer.rows > 0
            try:
                failures.commit()
            except OSError as exc:
                raise OutputError(errors_path(out), f"cannot be written ({os_problem(exc)}); "
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
    stats.failures, stats.failed = failures.first, failures.count
    stats.seconds = time.perf_counter() - t0
    return stats


def _chunk_table(articles: list[Article], settings: Settings, aliases: pd.DataFrame,
                 boilerplate: pd.DataFrame | None = None) -> pd.DataFrame:
    """A chunk's feature rows (in a worker of :func:`corpus_features`), with the parent's word lists, frame
    families, actor list and recurring lines (:func:`rhetoric.language.cleaning.boilerplate_table`); an error is
    raised, not recorded."""
    settings.use_word_lists()
    settings.use_frames()
    use_boilerplate(boilerplate)
    use_actor_list("given", derive=lambda: aliases)
    return sentence_features(chunk_corpus(articles))


def corpus_features(corpus: Corpus, settings: Settings) -> pd.DataFrame:
    """The feature table of a loaded corpus, the same table :func:`sentence_features` returns for it, with its
    chunks (as ``rhetoric features`` cuts them, ``settings.chunk_size``) computed by ``settings.workers`` processes
    when there are two or more chunks. For the notebooks of ``rhetoric run --workers N``: the corpus is already
    loaded and checked, so an error is an error (raised), not an article to skip. The workers start fresh
    (``forkserver``: a Jupyter kernel's threads are not forked) with the settings' word lists and the actor list
    in force here (a list derived from the corpus's proper names is derived here, from the whole corpus, never
    from a chunk), and end with the call."""
    docs = corpus.documents
    articles = [Article(doc_id=d, stance=s, text=corpus.raw[d], title=t, line=k)
                for k, (d, s, t) in enumerate(zip(docs["doc_id"], docs["stance"], docs["title"]), start=1)]
    chunks = list(cut(articles, settings.chunk_size))  # as `rhetoric features` cuts them
    if settings.workers <= 1 or len(chunks) < 2:
        return sentence_features(corpus)
    aliases = actor_aliases()  # the list in force here (a corpus-derived one comes from the whole corpus)
    lines = boilerplate_table()  # the corpus's recurring lines, found here from the whole corpus
    with pool(settings.workers) as workers:
        tables = list(workers.map(_chunk_table, chunks, [settings] * len(chunks), [aliases] * len(chunks),
                                  [lines] * len(chunks)))
    return pd.concat(tables, ignore_index=True)
