"""The feature table at scale: JSON Lines streaming, engines with identical output, failure isolation."""
from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from rhetoric.cli import main
from rhetoric.run import stream as scale

ARTICLES = [
    {"id": f"a{k}", "stance": "left" if k % 2 else "right", "title": f"Title {k}",
     "text": f"Title {k}\nWASHINGTON - The U.S. may act on Iran. China could help, but Beijing said no.\n"
             f"Talks failed in round {k}. Clearly, sanctions will follow."}
    for k in range(12)
]


def _jsonl(path, records, extra_lines=()):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def test_jsonl_bad_lines_reported_others_kept(tmp_path):
    src = _jsonl(tmp_path / "c.jsonl", ARTICLES[:3], ['{"id": "x", "stance": "s"}', "not json",
                                                       json.dumps(ARTICLES[0])])
    out = tmp_path / "f.csv"
    assert main(["features", str(src), "-o", str(out), "--no-progress"]) == 3
    table = pd.read_csv(out)
    assert list(dict.fromkeys(table["doc_id"])) == ["a0", "a1", "a2"]
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert list(errors["line"]) == [4, 5, 6]
    assert "missing or empty field(s): text" in errors["problem"][0]
    assert "not valid JSON" in errors["problem"][1] and errors["problem"][2] == "duplicate id"


def test_headline_and_dateline_cleaned_from_jsonl(tmp_path):
    out = tmp_path / "f.csv"
    scale.build_features(_jsonl(tmp_path / "c.jsonl", ARTICLES[:1]), out, progress=False)
    first = pd.read_csv(out).iloc[0]
    assert first["text"] == "The U.S. may act on Iran." and first["paragraph_id"] == 1


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_engines_give_identical_rows(tmp_path, suffix):
    src = _jsonl(tmp_path / "c.jsonl.gz", ARTICLES)
    serial, parallel = tmp_path / f"s{suffix}", tmp_path / f"p{suffix}"
    scale.build_features(src, serial, chunk_size=3, progress=False)
    scale.build_features(src, parallel, workers=2, chunk_size=3, progress=False)
    read = pd.read_csv if suffix == ".csv" else pd.read_parquet
    a, b = read(serial), read(parallel)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 12 * 4 and a["doc_id"].nunique() == 12  # headline and dateline removed, 4 sentences
    if suffix == ".csv":
        assert serial.read_bytes() == parallel.read_bytes()


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_rows(tmp_path):
    src = _jsonl(tmp_path / "c.jsonl", ARTICLES[:6])
    scale.build_features(src, tmp_path / "s.csv", chunk_size=2, progress=False)
    scale.build_features(src, tmp_path / "d.csv", engine="dask", workers=2, chunk_size=2, progress=False)
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "d.csv").read_bytes()


def test_failing_article_is_named_and_others_kept(tmp_path, monkeypatch):
    real = scale.sentence_features

    def flaky(corpus):
        if "a4" in corpus.raw:
            raise RuntimeError("boom")
        return real(corpus)

    monkeypatch.setattr(scale, "sentence_features", flaky)
    stats = scale.build_features(_jsonl(tmp_path / "c.jsonl", ARTICLES[:6]), tmp_path / "f.csv", chunk_size=3,
                                 progress=False)
    assert [f["id"] for f in stats.failures] == ["a4"] and "boom" in stats.failures[0]["problem"]
    assert list(dict.fromkeys(pd.read_csv(tmp_path / "f.csv")["doc_id"])) == ["a0", "a1", "a2", "a3", "a5"]


def test_corpus_directory_matches_in_memory_table(seeds, tmp_path):
    from rhetoric.base.paths import SEEDS
    from rhetoric.instruments.features import sentence_features

    out = tmp_path / "f.csv"
    scale.build_features(SEEDS, out, chunk_size=1, progress=False)
    expected = sentence_features(seeds)
    got = pd.read_csv(out, keep_default_na=False)
    assert list(got.columns) == list(expected.columns) and len(got) == len(expected)
    assert (got["text"] == expected["text"]).all() and (got["vader_compound"] == expected["vader_compound"]).all()


def test_missing_source_and_bad_corpus_write_nothing(tmp_path, make_corpus):
    out = tmp_path / "f.parquet"
    assert main(["features", str(tmp_path / "nope.jsonl"), "-o", str(out), "--no-progress"]) == 2
    bad = make_corpus([{"id": "a", "stance": "s", "text": ""}])
    assert main(["features", str(bad), "-o", str(out), "--no-progress"]) == 2
    assert list(tmp_path.glob("*.parquet*")) == []


MARKERS = "term,category,reason\nhello,contrast,A test marker.\nbut,contrast,Adversative connective.\n"


@pytest.mark.parametrize("workers", [1, 2])
def test_corpus_word_lists_apply_in_every_worker(tmp_path, make_corpus, workers):
    from rhetoric.io.wordlists import active_directory

    docs = [{"id": "a", "stance": "s", "text": "Hello there. However, no."},
            {"id": "b", "stance": "t", "text": "Hello."}]
    d = make_corpus(docs)
    plain = tmp_path / "plain.csv"
    assert main(["features", str(d), "-o", str(plain), "--no-progress", "--workers", str(workers)]) == 0
    (d / "lexicons").mkdir()
    (d / "lexicons" / "rhetorical_markers.csv").write_text(MARKERS)
    own = tmp_path / "own.csv"
    assert main(["features", str(d), "-o", str(own), "--no-progress", "--workers", str(workers),
                 "--chunk-size", "1", "--lexicons", str(d / "lexicons")]) == 0
    assert list(pd.read_csv(plain)["contrast"]) == [0, 1, 0]  # "However"
    assert list(pd.read_csv(own)["contrast"]) == [1, 0, 1]  # "Hello" only: the corpus's own list
    # JSON Lines with --lexicons DIR
    src = _jsonl(tmp_path / "c.jsonl", docs)
    given = tmp_path / "given.csv"
    assert main(["features", str(src), "-o", str(given), "--no-progress", "--workers", str(workers),
                 "--chunk-size", "1", "--lexicons", str(d / "lexicons")]) == 0
    assert list(pd.read_csv(given)["contrast"]) == [1, 0, 1]
    assert active_directory() is None  # the project's lists again after the run


def test_bad_word_lists_are_one_error_and_nothing_written(tmp_path, make_corpus, capsys):
    d = make_corpus([{"id": "a", "stance": "s", "text": "Hello there."}])
    (d / "lexicons").mkdir()
    (d / "lexicons" / "rhetorical_markers.csv").write_text("term,category\nhello,contrast\n")
    out = tmp_path / "f.csv"
    assert main(["features", str(d), "-o", str(out), "--no-progress", "--lexicons", str(d / "lexicons")]) == 2
    assert "rhetorical_markers.csv" in capsys.readouterr().err and not out.exists()
