"""The feature table at scale (``rhetoric.run.features.stream``): JSON Lines and corpus directories streamed in
chunks, the same rows in every engine and chunking, one article's problem that article's, the word lists in every
worker, and a loaded corpus's table from worker processes (issues 13, 20, 21, 24)."""
from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from rhetoric.cli import main
from rhetoric.instruments.features import sentence_features
from rhetoric.io.corpus import load_corpus
from rhetoric.run.features import stream
from rhetoric.run.settings import Settings

from command_helpers import ARTICLES, build, features, ids, jsonl, one_clear_line
from conftest import TWO_DOCS, session_docs, write_corpus

SCALE_ARTICLES = [
    {"id": f"a{k}", "stance": "left" if k % 2 else "right", "title": f"Title {k}",
     "text": f"Title {k}\nWASHINGTON - The U.S. may act on Iran. China could help, but Beijing said no.\n"
             f"Talks failed in round {k}. Clearly, sanctions will follow."}
    for k in range(12)
]


# ------------------------------------------------------------------------------------- same rows, every way


def test_headline_and_dateline_cleaned_from_jsonl(tmp_path):
    out = tmp_path / "f.csv"
    build(jsonl(tmp_path / "c.jsonl", SCALE_ARTICLES[:1]), out, progress=False)
    first = pd.read_csv(out).iloc[0]
    assert first["text"] == "The U.S. may act on Iran." and first["paragraph_id"] == 1


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_engines_give_identical_rows(tmp_path, suffix):
    src = jsonl(tmp_path / "c.jsonl.gz", SCALE_ARTICLES)
    serial, parallel = tmp_path / f"s{suffix}", tmp_path / f"p{suffix}"
    build(src, serial, chunk_size=3, progress=False)
    build(src, parallel, workers=2, chunk_size=3, progress=False)
    read = pd.read_csv if suffix == ".csv" else pd.read_parquet
    a, b = read(serial), read(parallel)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 12 * 4 and a["doc_id"].nunique() == 12  # headline and dateline removed, 4 sentences
    if suffix == ".csv":
        assert serial.read_bytes() == parallel.read_bytes()


def test_corpus_directory_matches_in_memory_table(seeds, tmp_path):
    from rhetoric.base.paths import SEEDS

    out = tmp_path / "f.csv"
    build(SEEDS, out, chunk_size=1, progress=False)
    expected = sentence_features(seeds)
    got = pd.read_csv(out, keep_default_na=False)
    assert list(got.columns) == list(expected.columns) and len(got) == len(expected)
    assert (got["text"] == expected["text"]).all() and (got["vader_compound"] == expected["vader_compound"]).all()


def test_chunking_does_not_change_a_byte(tmp_path, monkeypatch):
    src = jsonl(tmp_path / "c.jsonl", ARTICLES)
    build(src, tmp_path / "one.csv", chunk_size=1, progress=False)
    build(src, tmp_path / "all.csv", chunk_size=32, progress=False)
    monkeypatch.setattr(stream, "CHUNK_CHARS", 150)  # the character budget closes chunks early
    build(src, tmp_path / "budget.csv", chunk_size=32, progress=False)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "all.csv").read_bytes() \
        == (tmp_path / "budget.csv").read_bytes()


def test_plain_article_without_marker_hits_through_the_command(make_corpus, tmp_path, capsys):
    from rhetoric.instruments.features import feature_columns

    d = make_corpus([{"id": "a", "stance": "s", "text": "Hello there. This is a test."},
                     {"id": "b", "stance": "s", "text": "Another doc. Yes."}])
    code, err = features(capsys, d, "-o", tmp_path / "f.csv")
    assert code == 0, err
    table = pd.read_csv(tmp_path / "f.csv", keep_default_na=False)
    assert list(table.columns) == feature_columns() and len(table) == 4
    assert (table[["hedges", "boosters", "verdict", "frame_security"]] == 0).all().all()


@pytest.mark.slow  # fresh worker processes (forkserver) import the library: about 10 s of CPU
def test_the_feature_table_from_worker_processes_is_the_same_table(tmp_path):
    """``rhetoric run --workers 2``: chunks computed in other processes give the table of one process."""
    from rhetoric.instruments import actors
    from rhetoric.language.tokens import sentences, tokens
    from rhetoric.run.features.stream import corpus_features

    corpus = load_corpus(write_corpus(tmp_path / "many", session_docs(70, ("a", "b", "c"))))
    two = Settings(command="notebook", workers=2, chunk_size=16)
    pd.testing.assert_frame_equal(corpus_features(corpus, two), sentence_features(corpus),
                                  check_exact=True)
    # a corpus without its own actor list: its most frequent names, from the whole corpus, in every worker
    actors.use_actor_list("corpus", derive=lambda: tokens(corpus, sentences(corpus)))
    whole = sentence_features(corpus)
    assert set(actors.actor_aliases()["actor"]) != set(actors.read_table("actors.csv")["actor"])
    pd.testing.assert_frame_equal(corpus_features(corpus, two), whole, check_exact=True)




# ----------------------------------------------------------------------- one article's problem is that article's


def test_jsonl_bad_lines_reported_others_kept(tmp_path):
    src = jsonl(tmp_path / "c.jsonl", [*SCALE_ARTICLES[:3], '{"id": "x", "stance": "s"}', "not json",
                                                       json.dumps(SCALE_ARTICLES[0])])
    out = tmp_path / "f.csv"
    assert main(["features", str(src), "-o", str(out), "--no-progress"]) == 3
    table = pd.read_csv(out)
    assert list(dict.fromkeys(table["doc_id"])) == ["a0", "a1", "a2"]
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert list(errors["line"]) == [4, 5, 6]
    assert "missing or empty field(s): text" in errors["problem"][0]
    assert "not valid JSON" in errors["problem"][1] and errors["problem"][2] == "duplicate id"


def test_failing_article_is_named_and_others_kept(tmp_path, monkeypatch):
    real = stream.sentence_features

    def flaky(corpus):
        if "a4" in corpus.raw:
            raise RuntimeError("boom")
        return real(corpus)

    monkeypatch.setattr(stream, "sentence_features", flaky)
    stats = build(jsonl(tmp_path / "c.jsonl", SCALE_ARTICLES[:6]), tmp_path / "f.csv", chunk_size=3,
                                 progress=False)
    assert [f["id"] for f in stats.failures] == ["a4"] and "boom" in stats.failures[0]["problem"]
    assert list(dict.fromkeys(pd.read_csv(tmp_path / "f.csv")["doc_id"])) == ["a0", "a1", "a2", "a3", "a5"]


def test_missing_source_and_bad_corpus_write_nothing(tmp_path, make_corpus):
    out = tmp_path / "f.parquet"
    assert main(["features", str(tmp_path / "nope.jsonl"), "-o", str(out), "--no-progress"]) == 2
    bad = make_corpus([{"id": "a", "stance": "s", "text": ""}])
    assert main(["features", str(bad), "-o", str(out), "--no-progress"]) == 2
    assert list(tmp_path.glob("*.parquet*")) == []


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_empty_or_all_failed_run_keeps_the_earlier_output(tmp_path, capsys, suffix):
    out = tmp_path / f"f{suffix}"
    assert features(capsys, jsonl(tmp_path / "good.jsonl", ARTICLES[:2]), "-o", out)[0] == 0
    good = out.read_bytes()
    # an empty input: exit 2, nothing written
    code, err = features(capsys, jsonl(tmp_path / "empty.jsonl", []), "-o", out)
    assert code == 2
    one_clear_line(err, "empty.jsonl", "holds no articles")
    assert out.read_bytes() == good
    # every article fails: exit 3, the failures listed, the earlier output untouched
    bad = jsonl(tmp_path / "bad.jsonl", ["[1]", '{"id": "x", "stance": "s"}', "not json"])
    code, err = features(capsys, bad, "-o", out)
    assert code == 3 and "was not written" in err
    assert out.read_bytes() == good
    errors = pd.read_csv(tmp_path / f"f{suffix}.errors.csv")
    assert list(errors["line"]) == [1, 2, 3]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_articles_without_any_sentence_write_nothing(tmp_path, capsys):
    src = jsonl(tmp_path / "c.jsonl", [{"id": "a", "stance": "s", "title": "Only a headline",
                                         "text": "Only a headline\n"}])
    code, err = features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 2 and "no sentences" in err
    assert not (tmp_path / "f.csv").exists()


BAD_LINES = ["[1]", b'{"id": "bytes", "stance": "s", "text": "caf\xe9 au lait."}', '{"id": "cut", "text": "Cut sh',
             '{"id": "typed", "stance": "s", "text": 42}', '{"id": "nul", "stance": "s", "text": "A\\u0000B."}']


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["serial", "workers", "dask"])
def test_bad_lines_are_isolated_in_every_engine(tmp_path, capsys, engine):
    lines = [ARTICLES[0], *BAD_LINES[:3], ARTICLES[1], *BAD_LINES[3:], ARTICLES[2]]
    src = jsonl(tmp_path / "c.jsonl", lines)
    extra = {"serial": [], "workers": ["--workers", "2"], "dask": ["--engine", "dask", "--workers", "2"]}[engine]
    code, err = features(capsys, src, "-o", tmp_path / "f.csv", "--chunk-size", "1", *extra)
    assert code == 3 and "Traceback" not in err
    assert ids(tmp_path / "f.csv") == ["a0", "a1", "a2"]
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv", keep_default_na=False)
    assert list(errors["line"]) == [2, 3, 4, 6, 7]
    assert list(errors["id"]) == ["", "bytes", "cut", "typed", "nul"]
    problems = list(errors["problem"])
    assert "not a JSON object" in problems[0] and "not UTF-8" in problems[1] and "not valid JSON" in problems[2]
    assert "'text' is an integer, not a string" in problems[3]
    assert "U+0000 (NUL) at line 1, column 2 of the text" in problems[4]


@pytest.mark.parametrize("engine", ["serial", "workers"])
def test_truncated_gzip_keeps_the_articles_before_the_damage(tmp_path, capsys, engine):
    whole = gzip.compress(b"".join(json.dumps({**ARTICLES[0], "id": f"g{k}", "pad": "x" * 2000}).encode() + b"\n"
                                   for k in range(40)))
    src = tmp_path / "c.jsonl.gz"
    src.write_bytes(whole[: len(whole) * 2 // 3])
    extra = ["--workers", "2"] if engine == "workers" else []
    code, err = features(capsys, src, "-o", tmp_path / "f.csv", *extra)
    assert code == 3 and "Traceback" not in err
    kept = ids(tmp_path / "f.csv")
    assert kept and kept == [f"g{k}" for k in range(len(kept))]
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv", keep_default_na=False)
    assert "damaged from here on" in errors["problem"].iloc[-1]
    assert errors["line"].iloc[-1] >= len(kept) + 1


def test_headline_only_article_is_reported(tmp_path, capsys):
    headline = {"id": "h", "stance": "s", "title": "Only a headline", "text": "Only a headline\n"}
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], headline, ARTICLES[1]])
    code, err = features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 3 and "article h (line 2) skipped: gave no sentence" in err
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert list(errors["id"]) == ["h"] and "only a headline" in errors["problem"][0]


# ------------------------------------------------------------------------------------ word lists in every worker


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
    src = jsonl(tmp_path / "c.jsonl", docs)
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


#: Passes the load-time screen (its repetition is bounded by 10) but is polynomial of degree 10: seconds on a line
#: of a few thousand characters, years on a long one.
SLOW_PATTERN = "^(?:.*a){10}!x"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_user_pattern_stops_within_its_time_limit(make_corpus, tmp_path, capsys, workers):
    """The time limit works, shown without timing the run (which would depend on the machine's load): the pattern needs
    years on that line, so the run ends only through the limit, and the error names it."""
    from rhetoric.base.safety import PATTERN_SECONDS

    d = make_corpus([TWO_DOCS[0], {"id": "long", "stance": "con", "text": "Intro here.\n" + "a " * 20000 + "\nEnd."}])
    (d / "lexicons").mkdir()
    (d / "lexicons" / "cleaning_patterns.csv").write_text(
        f'kind,pattern,reason,source\nboilerplate,"^Ad$",Ad.,Web\nboilerplate,"{SLOW_PATTERN}",Slow.,Test\n',
        encoding="utf-8")
    out = tmp_path / "f.csv"
    out.write_text("earlier\n")
    code, err = features(capsys, d, "-o", out, "--lexicons", d / "lexicons", "--workers", workers)
    assert code == 2
    one_clear_line(err, "cleaning_patterns.csv", "line 3", SLOW_PATTERN,
                   f"took longer than {PATTERN_SECONDS:g} s on document long")
    assert out.read_text() == "earlier\n" and sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "f.csv"]
