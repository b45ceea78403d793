"""Loading a corpus, and each kind of bad input: a clear error naming the file, nothing written."""
from __future__ import annotations

import pytest

from rhetoric.base.errors import CorpusError, CorpusWarning
from rhetoric.cli import main
from rhetoric.io.corpus import load_corpus

from conftest import TWO_DOCS


def test_seed_metadata_matches_sources(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert set(docs["stance"]) == {"pro-cooperation", "skeptical"}
    # sha256 as received, from ../shared/seeds/SOURCES.md: the copies are byte for byte
    assert docs.loc["diplomat-2025-06", "sha256"].startswith("31d912fda0c07ec8")
    assert docs.loc["tehran-2026-05", "sha256"].startswith("b27f738d1da9a306")
    # unknowns stay empty, never invented
    assert docs.loc["tehran-2026-05", "outlet"] == "" and docs.loc["tehran-2026-05", "date"] == ""


def test_small_corpus_loads(make_corpus):
    corpus = load_corpus(make_corpus(TWO_DOCS))
    assert corpus.doc_ids == ["a", "b"]


def _expect(directory, fragment, name):
    with pytest.raises(CorpusError) as info:
        load_corpus(directory)
    message = str(info.value)
    assert fragment in message and name in message
    return message


def test_missing_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("Text.")
    _expect(tmp_path, "missing metadata.csv", "metadata.csv")


def test_missing_required_column(make_corpus):
    d = make_corpus(TWO_DOCS, columns=["id", "file", "title"])
    _expect(d, "missing required column(s): stance", "metadata.csv")


def test_empty_required_field(make_corpus):
    d = make_corpus([{**TWO_DOCS[0], "stance": ""}, TWO_DOCS[1]])
    _expect(d, "empty required field 'stance' on line(s) 2", "metadata.csv")


def test_listed_file_missing(make_corpus):
    d = make_corpus(TWO_DOCS)
    (d / "b.txt").unlink()
    _expect(d, "does not exist", "b.txt")


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_or_whitespace_text(make_corpus, text):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": text}])
    _expect(d, "is empty", "b.txt")


def test_not_utf8(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": "caf\xe9 au lait".encode("latin-1")}])
    _expect(d, "is not UTF-8 text", "b.txt")


def test_duplicate_ids(make_corpus):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "id": "a", "file": "b.txt"}])
    (d / "b.txt").write_text("Other text.")
    _expect(d, "duplicate id(s): a", "metadata.csv")


def test_unlisted_text_file_warns(make_corpus):
    d = make_corpus(TWO_DOCS)
    (d / "stray.txt").write_text("Not listed.")
    with pytest.warns(CorpusWarning, match="stray.txt: text file not listed"):
        load_corpus(d)


def test_bad_input_writes_nothing(make_corpus, tmp_path, capsys):
    d = make_corpus([TWO_DOCS[0], {**TWO_DOCS[1], "text": " "}])
    out = tmp_path / "out" / "features.csv"
    assert main(["features", str(d), "-o", str(out)]) == 2
    assert "b.txt: is empty" in capsys.readouterr().err
    assert not out.exists()
    run_out = tmp_path / "run-out"
    assert main(["run", "--corpus", str(d), "--out", str(run_out)]) == 2
    assert not run_out.exists()
