"""JSON Lines articles (``rhetoric.io.articles``): on arbitrary lines (Hypothesis, derandomised) every non-blank
line gives exactly one article or one named failure, never an exception; whatever is wrong with one line is that
line's problem only, named (line and id) in the failures and on stderr (issues 13, 20)."""
from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rhetoric.io.articles import GZIP_MAGIC, Article, read_jsonl
from rhetoric.io.corpus import MAX_ARTICLE_CHARS

from command_helpers import ARTICLES, features, ids, jsonl
from conftest import examples

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])


line = st.one_of(
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")),
    st.builds(lambda i, s, t: json.dumps({"id": i, "stance": s, "text": t}).encode(),
              st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()),
              st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)),
              st.one_of(st.text(max_size=40), st.floats(allow_nan=False), st.none())),
    st.sampled_from([b"[1]", b"null", b"{}", b'"text"', b"\xef\xbb\xbf{}", b"\xff\xfe", b"   ",
                     b'{"id": "s", "stance": "s", "text": "\\udc80"}', b'{"id": 1e400, "stance": "s", "text": "x"}']),
)


@settings(max_examples=examples(80), **SETTINGS)
@given(st.lists(line, max_size=8))
def test_jsonl_reader_names_every_line_and_never_raises(tmp_path_factory, lines):
    assume(not (lines and lines[0].startswith(GZIP_MAGIC)))  # that file is gzip, read as such
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    path.write_bytes(b"".join(x + b"\n" for x in lines))
    items = list(read_jsonl(path))
    numbers = [it.line if isinstance(it, Article) else it[0] for it in items]
    first = lines[0].removeprefix(b"\xef\xbb\xbf") if lines else b""
    expected = [k for k, x in enumerate(lines, start=1) if (first if k == 1 else x).strip()]
    assert numbers == expected
    for it in items:
        if isinstance(it, Article):
            assert it.text.strip() and it.doc_id and isinstance(it.stance, str)
        else:
            assert it[2]  # a problem, in words


def test_unpaired_surrogate_is_one_failure_not_a_lost_run(tmp_path, capsys):
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], '{"id": "s", "stance": "s", "text": "Broken \\ud800 text."}',
                                        ARTICLES[1]])
    for out in (tmp_path / "f.csv", tmp_path / "f.parquet"):
        code, err = features(capsys, src, "-o", out)
        assert code == 3 and "Traceback" not in err
        read = pd.read_csv if out.suffix == ".csv" else pd.read_parquet
        assert list(dict.fromkeys(read(out)["doc_id"])) == ["a0", "a1"]
        assert "unpaired surrogate" in pd.read_csv(f"{out}.errors.csv")["problem"][0]


def test_overlong_line_is_refused_without_reading_it(tmp_path, capsys, monkeypatch):
    from rhetoric.io import articles

    monkeypatch.setattr(articles, "MAX_LINE_BYTES", 300)
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], {**ARTICLES[1], "text": "Long. " * 200}, ARTICLES[2]])
    assert features(capsys, src, "-o", tmp_path / "f.csv")[0] == 3
    assert ids(tmp_path / "f.csv") == ["a0", "a2"]
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert list(errors["line"]) == [2] and "line longer than 300 bytes" in errors["problem"][0]


def test_article_above_the_size_limit_is_one_failure(tmp_path, capsys):
    big = {"id": "big", "stance": "s", "text": "Word " * (MAX_ARTICLE_CHARS // 5 + 1)}
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], big])
    assert features(capsys, src, "-o", tmp_path / "f.csv")[0] == 3
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv")
    assert errors["id"][0] == "big" and "above the limit of 1,000,000" in errors["problem"][0]


def test_huge_json_integer_is_one_named_failure(tmp_path, capsys):
    big = '{"id": "big", "stance": "s", "text": "Text.", "count": ' + "9" * 5000 + "}"
    src = jsonl(tmp_path / "c.jsonl", [ARTICLES[0], big, '{"id": ' + "7" * 5000 + ', "stance": "s"}', ARTICLES[1]])
    code, err = features(capsys, src, "-o", tmp_path / "f.csv")
    assert code == 3 and "Traceback" not in err
    errors = pd.read_csv(tmp_path / "f.csv.errors.csv", keep_default_na=False)
    assert list(errors["line"]) == [2, 3] and list(errors["id"]) == ["big", ""]
    assert all("4300 digits" in p for p in errors["problem"])
    assert list(dict.fromkeys(pd.read_csv(tmp_path / "f.csv")["doc_id"])) == ["a0", "a1"]
