"""Cleaning never guesses: it removes the headline, dateline and boilerplate of the seeds and nothing else."""
from __future__ import annotations

from rhetoric.io.corpus import load_corpus
from rhetoric.language.cleaning import clean_corpus, line_spans


def test_seed_audit_is_exactly_headline_dateline_boilerplate(seeds):
    body, audit = clean_corpus(seeds)
    got = [(r.doc_id, r.paragraph_id, r.kind, r.removed) for r in audit.itertuples()]
    assert got == [
        ("tehran-2026-05", 0, "headline",
         "Trump’s China visit and Washington’s failure to bring Beijing into alignment on Iran"),
        ("tehran-2026-05", 1, "dateline", "TEHRAN - "),
        ("tehran-2026-05", 19, "boilerplate", "Leave a Comment"),
    ]
    first = body[body["doc_id"] == "tehran-2026-05"].iloc[0]
    assert first["text"].startswith("The recent visit of Donald Trump")
    # the pro-cooperation file has no title line, dateline or boilerplate: all 13 paragraphs are kept
    assert (body["doc_id"] == "diplomat-2025-06").sum() == 13


def test_offsets_point_into_raw(seeds):
    body, audit = clean_corpus(seeds)
    for table in (body, audit.rename(columns={"removed": "text"})):
        for r in table.itertuples():
            assert seeds.raw[r.doc_id][r.start:r.end] == r.text


def test_corpus_without_them_loses_nothing(make_corpus):
    text = "ROME IS LOVELY - says nobody.\nLeave a Comment on this idea, readers.\nFinal line."
    d = make_corpus([{"id": "x", "stance": "s", "title": "Another headline", "text": text}])
    body, audit = clean_corpus(load_corpus(d))
    assert audit.empty
    assert list(body["text"]) == text.split("\n")


def test_headline_only_when_it_matches_title(make_corpus):
    text = "A Plain First Line\nBody sentence here."
    d = make_corpus([{"id": "x", "stance": "s", "title": "a plain first line.", "text": text},
                     {"id": "y", "stance": "s", "title": "Something else", "text": text}])
    body, audit = clean_corpus(load_corpus(d))
    assert list(audit["doc_id"]) == ["x"]
    assert list(body.loc[body["doc_id"] == "y", "text"]) == ["A Plain First Line", "Body sentence here."]


def test_crlf_line_endings():
    assert line_spans("ab\r\ncd\n") == [(0, 0, 2), (1, 4, 6), (2, 7, 7)]


def test_bom_is_set_aside_and_the_headline_still_found(make_corpus, tmp_path, capsys):
    import pandas as pd

    from command_helpers import features
    from conftest import TWO_DOCS

    text = "\ufeffA Headline\nThe first sentence. The second one."
    d = make_corpus([{"id": "a", "stance": "s", "title": "A Headline", "text": text}, TWO_DOCS[1]])
    corpus = load_corpus(d)
    assert corpus.raw["a"] == text  # the raw text is never modified
    body, audit = clean_corpus(corpus)
    a = audit[audit["doc_id"] == "a"]
    assert list(a["kind"]) == ["bom", "headline"]
    assert (a["start"].iloc[0], a["end"].iloc[0]) == (0, 1) and a["removed"].iloc[1] == "A Headline"
    assert features(capsys, d, "-o", tmp_path / "f.csv")[0] == 0
    table = pd.read_csv(tmp_path / "f.csv", keep_default_na=False)
    first = table[table["doc_id"] == "a"].iloc[0]
    assert first["text"] == "The first sentence." and text[first["start"]:first["end"]] == first["text"]


def test_bom_on_a_first_line_that_is_body_text(make_corpus):
    from rhetoric.instruments.features import sentence_features

    text = "\ufeffPlain opening. More."
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    table = sentence_features(corpus)
    assert list(table["text"]) == ["Plain opening.", "More."] and list(table["start"]) == [1, 16]


def test_user_patterns_match_as_the_shipped_ones_do(make_corpus, tmp_path, capsys):
    """The shipped patterns given as a user's list (run by ``regex`` with the time limit) remove the same spans."""
    import shutil

    from rhetoric.base.paths import data_file

    from command_helpers import features

    docs = [{"id": "a", "stance": "pro", "title": "A title", "text": "A title\nTEHRAN - Talks failed. Iran waits.\n"
             "Advertisement\nChina could help.\nLeave a Comment\n"},
            {"id": "b", "stance": "con", "text": "BEIJING (Reuters) -- It is clear. The U.S. may act.\nRead more:\n"}]
    d = make_corpus(docs)
    lists = tmp_path / "lists"
    lists.mkdir()
    shutil.copyfile(data_file("cleaning_patterns.csv"), lists / "cleaning_patterns.csv")
    assert features(capsys, d, "-o", tmp_path / "project.csv")[0] == 0
    assert features(capsys, d, "-o", tmp_path / "user.csv", "--lexicons", lists)[0] == 0
    project, user = (tmp_path / "project.csv").read_bytes(), (tmp_path / "user.csv").read_bytes()
    assert project == user and b"TEHRAN" not in project and b"Advertisement" not in project
