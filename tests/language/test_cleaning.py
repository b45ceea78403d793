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
