"""A command's input (``rhetoric.io.source``): opened and checked once, counted, its files listed, its metadata read
once, its articles yielded; gzip recognised by its bytes."""
from __future__ import annotations

import gzip
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.base.errors import CorpusError
from rhetoric.io import corpus as corpus_module
from rhetoric.io.articles import Article
from rhetoric.io.source import Source

from command_helpers import ARTICLES, features, ids
from conftest import TWO_DOCS, examples


def _records(n: int) -> list[str]:
    return [json.dumps({"id": f"a{k}", "stance": "s", "text": "Words here."}) for k in range(n)]


def test_count_articles(tmp_path):
    records = _records(5)
    plain = tmp_path / "a.jsonl"
    plain.write_text("\n".join(records[:3]) + "\n\n" + "\n".join(records[3:]), encoding="utf-8")  # no final \n
    packed = tmp_path / "a.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(records) + "\n")
    assert Source.open(plain).count() == 5
    assert Source.open(packed).count() == 5
    gone = Source.open(plain)
    plain.unlink()  # cannot be told: None (reading it says why)
    assert gone.count() is None


def test_count_is_none_when_it_cannot_be_told(tmp_path, make_corpus):
    damaged = tmp_path / "d.jsonl.gz"
    damaged.write_bytes(gzip.compress("\n".join(_records(200)).encode())[:-40] + b"garbage")
    assert Source.open(damaged).count() is None
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_bytes(b"id,file,stance\n\xff,a.txt,s\n")  # not UTF-8
    assert Source.open(d).count() is None
    assert Source.open(make_corpus(TWO_DOCS, name="good")).count() == 2


def test_open_names_what_is_wrong(tmp_path, make_corpus):
    with pytest.raises(CorpusError, match="does not exist"):
        Source.open(tmp_path / "nope.jsonl")
    d = make_corpus(TWO_DOCS)
    with pytest.raises(CorpusError, match="is a file, not a corpus directory"):
        Source.open(d / "a.txt", jsonl=False)
    assert not Source.open(d / "a.txt").is_corpus  # a file is JSON Lines where JSON Lines is allowed
    assert Source.open(d).is_corpus


def test_metadata_is_read_once(make_corpus, monkeypatch):
    reads = []
    real = corpus_module.read_csv_strict
    monkeypatch.setattr(corpus_module, "read_csv_strict", lambda path: reads.append(path) or real(path))
    source = Source.open(make_corpus(TWO_DOCS))
    assert source.count() == 2
    source.files()
    corpus = source.corpus()
    assert [a.doc_id for a in source.articles()] == ["a", "b"] and source.groups() == ["con", "pro"]
    assert len(reads) == 1 and corpus is source.corpus()
    assert list(corpus.metadata.columns) == ["id", "file", "stance", "title"]  # as written, for the notebooks


def test_metadata_with_a_byte_order_mark(make_corpus):
    d = make_corpus(TWO_DOCS)
    (d / "metadata.csv").write_bytes(b"\xef\xbb\xbf" + (d / "metadata.csv").read_bytes())
    source = Source.open(d)
    assert list(source.metadata().columns)[0] == "id" and source.corpus().doc_ids == ["a", "b"]


def test_files_lists_the_corpus_and_what_its_metadata_lists(make_corpus, tmp_path):
    d = make_corpus(TWO_DOCS)
    (d / "texts").mkdir()
    (d / "a.txt").rename(d / "texts" / "a.txt")
    (d / "metadata.csv").write_text((d / "metadata.csv").read_text().replace("a.txt", "texts/a.txt"))
    (d / "notes.md").write_text("not listed, still the corpus's")
    files = Source.open(d).files()
    root = d.resolve()
    assert files[root / "metadata.csv"] == "the corpus's metadata.csv"
    assert files[root / "texts" / "a.txt"] == "an input of this run"
    assert root / "notes.md" in files and root / "b.txt" in files
    (d / "metadata.csv").write_text("id,file,stance\na,../elsewhere.txt,s\n")  # listed outside: an input too
    assert Source.open(d).files()[(tmp_path / "elsewhere.txt").resolve()] == "a text file of the corpus"
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(_records(1)[0] + "\n")
    assert Source.open(jsonl).files() == {jsonl.resolve(): "the input file"}


def test_gzip_is_recognised_by_its_bytes(tmp_path):
    src = tmp_path / "c.jsonl"  # gzip content without the .gz name, a byte-order mark on its first line
    src.write_bytes(gzip.compress(b"\xef\xbb\xbf" + "\n".join(_records(2)).encode() + b"\n"))
    source = Source.open(src)
    assert [a.doc_id for a in source.articles()] == ["a0", "a1"] and source.count() == 2


def test_articles_of_a_directory_carry_their_row(make_corpus):
    items = list(Source.open(make_corpus(TWO_DOCS)).articles())
    assert [(a.doc_id, a.stance, a.line) for a in items] == [("a", "pro", 1), ("b", "con", 2)]
    assert all(isinstance(a, Article) for a in items) and items[0].text == TWO_DOCS[0]["text"]


def test_a_source_crosses_processes_as_its_path(make_corpus):
    source = Source.open(make_corpus(TWO_DOCS))
    source.corpus()
    copy = pickle.loads(pickle.dumps(source))
    assert copy.path == source.path and copy.is_corpus and copy._corpus is None
    assert len(pickle.dumps(source)) < 500  # nothing read is shipped


@settings(max_examples=examples(60))
@given(st.lists(st.one_of(st.just("article"), st.just("blank"), st.just("bad")), max_size=12), st.booleans(),
       st.booleans())
def test_property_count_is_the_lines_read(tmp_path_factory, kinds, packed, final_newline):
    """The count the progress bar shows is the number of non-blank lines, whatever reading makes of them."""
    path = tmp_path_factory.mktemp("count") / ("c.jsonl.gz" if packed else "c.jsonl")
    lines = [json.dumps({"id": f"a{k}", "stance": "s", "text": "Text."}) if kind == "article"
             else "" if kind == "blank" else "{not json" for k, kind in enumerate(kinds)]
    data = "\n".join(lines) + ("\n" if final_newline and lines else "")
    path.write_bytes(gzip.compress(data.encode()) if packed else data.encode())
    source = Source.open(path)
    assert source.count() == sum(1 for ln in lines if ln) == len(list(source.articles()))


def test_gzip_is_recognised_by_its_bytes_and_a_bom_line_is_read(tmp_path, capsys):
    src = tmp_path / "c.jsonl"  # gzip content without the .gz name
    src.write_bytes(gzip.compress(b"\xef\xbb\xbf" + json.dumps(ARTICLES[0]).encode() + b"\n"))
    assert features(capsys, src, "-o", tmp_path / "f.csv")[0] == 0
    assert ids(tmp_path / "f.csv") == ["a0"]


def test_a_blank_line_bomb_is_refused_fast(tmp_path, monkeypatch):
    """Issue 37: half a megabyte of gzip holding 500 million blank lines cost 4 minutes of CPU."""
    from rhetoric.io import articles, source

    monkeypatch.setattr(articles, "MAX_BLANK_LINES", 1000)
    monkeypatch.setattr(source, "MAX_BLANK_LINES", 1000)
    monkeypatch.setattr(source, "_READ_STEP", 64)
    path = tmp_path / "bomb.jsonl.gz"
    first = json.dumps({"id": "a", "stance": "s", "text": "It may rain."}).encode()
    with gzip.open(path, "wb") as fh:
        fh.write(first + b"\n" + b"\n" * 5000 + first.replace(b'"a"', b'"b"') + b"\n")
    got = list(Source.open(path).articles())
    assert [a.doc_id for a in got if isinstance(a, Article)] == ["a"]
    assert "more than 1,000 blank lines" in got[-1][2]
    assert Source.open(path).count() is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([b"x", b"", b"  ", b"\n", b"y" * 70]), max_size=30))
def test_count_tells_the_lines_that_are_not_blank_across_blocks(tmp_path_factory, pieces):
    from rhetoric.io import source

    path = tmp_path_factory.mktemp("c") / "in.jsonl"
    data = b"\n".join(pieces)
    path.write_bytes(data)
    expected = sum(1 for line in data.split(b"\n") if line.strip())
    real = source._READ_STEP
    try:
        source._READ_STEP = 16
        assert Source.open(path).count() == expected
    finally:
        source._READ_STEP = real
