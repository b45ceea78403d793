"""JSON Lines articles (``rhetoric.io.articles``): whatever is wrong with one line is that line's problem only, named
(line and id) in the failures and on stderr; a damaged gzip is reported where the damage starts (issues 13, 20)."""
from __future__ import annotations

import pandas as pd

from rhetoric.io.corpus import MAX_ARTICLE_CHARS

from command_helpers import ARTICLES, features, ids, jsonl


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
