"""Articles one at a time: JSON Lines (plain or gzip) or a corpus directory, read lazily.

A JSON Lines file holds one article a line with ``id``, ``stance`` and ``text`` (optional ``title`` and
other metadata). A line that cannot be an article is reported as ``(line, id, problem)`` and reading goes
on, so the caller can name it and keep every other article. :func:`chunk_corpus` turns a few articles into
an in-memory :class:`~rhetoric.corpus.Corpus`, the unit the feature table works on.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import Corpus, load_corpus
from .errors import CorpusError


@dataclass
class Article:
    doc_id: str
    stance: str
    text: str
    title: str = ""
    line: int = 0
    meta: dict = field(default_factory=dict)


def read_jsonl(path: Path | str) -> Iterator[Article | tuple[int, str, str]]:
    """Articles of a JSON Lines file (``.gz`` read as gzip), lazily. A line that cannot be an article
    yields ``(line, id, problem)`` instead, so the caller can report it and go on."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    seen: set[str] = set()
    with opener(path, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield (number, "", f"not valid JSON ({exc.msg})")
                continue
            doc_id = str(rec.get("id", "")).strip()
            missing = [k for k in ("id", "stance", "text") if not str(rec.get(k, "") or "").strip()]
            if missing:
                yield (number, doc_id, f"missing or empty field(s): {', '.join(missing)}")
                continue
            if doc_id in seen:
                yield (number, doc_id, "duplicate id")
                continue
            seen.add(doc_id)
            yield Article(doc_id=doc_id, stance=str(rec["stance"]), text=rec["text"], title=str(rec.get("title") or ""),
                          line=number, meta={k: rec.get(k) for k in rec if k not in ("id", "stance", "text")})


def read_articles(source: Path | str) -> Iterator[Article | tuple[int, str, str]]:
    """Articles from a corpus directory (checked as a whole first) or a JSON Lines file (streamed)."""
    source = Path(source)
    if source.is_dir():
        corpus = load_corpus(source)
        for k, d in enumerate(corpus.documents.itertuples(), start=1):
            yield Article(doc_id=d.doc_id, stance=d.stance, text=corpus.raw[d.doc_id], title=d.title, line=k)
        return
    if not source.is_file():
        raise CorpusError(source, "does not exist (give a corpus directory or a .jsonl / .jsonl.gz file)")
    yield from read_jsonl(source)


def chunk_corpus(articles: list[Article]) -> Corpus:
    documents = pd.DataFrame([{"doc_id": a.doc_id, "file": "", "stance": a.stance, "title": a.title, "outlet": "",
                               "date": "", "url": "", "notes": "", "sha256": "", "n_chars": len(a.text)}
                              for a in articles])
    return Corpus(directory=Path("."), documents=documents, raw={a.doc_id: a.text for a in articles})
