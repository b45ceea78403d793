"""Shared fixtures: the seed corpus and a builder for small corpora written to a temporary directory."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rhetoric.corpus import load_corpus


@pytest.fixture(scope="session")
def seeds():
    return load_corpus()


def write_corpus(directory: Path, docs: list[dict], *, columns=None) -> Path:
    """Write ``metadata.csv`` and one text file per doc (keys: id, stance, text, and optional metadata)."""
    directory.mkdir(parents=True, exist_ok=True)
    columns = columns or ["id", "file", "stance", "title"]
    with (directory / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for d in docs:
            row = {"file": f"{d['id']}.txt", "title": "", **d}
            writer.writerow(row)
            if "text" in d:
                data = d["text"] if isinstance(d["text"], bytes) else d["text"].encode("utf-8")
                (directory / row["file"]).write_bytes(data)
    return directory


@pytest.fixture
def make_corpus(tmp_path):
    def _make(docs, name="corpus", **kw):
        return write_corpus(tmp_path / name, docs, **kw)
    return _make


TWO_DOCS = [
    {"id": "a", "stance": "pro", "text": "Washington can act now. China could help.\nThe U.S. and China may agree."},
    {"id": "b", "stance": "con", "text": "Beijing will not move. It is clear that talks failed.\nIran waits."},
]


@pytest.fixture
def one_text(make_corpus):
    """``one_text(text) -> (corpus, sentences, tokens)`` of a one-article corpus."""
    from rhetoric.tokens import sentences, tokens

    def _make(text):
        corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
        sents = sentences(corpus)
        return corpus, sents, tokens(corpus, sents)
    return _make
