"""Boilerplate from the corpus: recurring lines per outlet, thresholds by hand, cleaning with offsets unchanged."""
from __future__ import annotations

import warnings

import pytest

from rhetoric.base.paths import DEV
from rhetoric.io.corpus import load_corpus
from rhetoric.language import cleaning
from rhetoric.language.boilerplate import MIN_ARTICLES, count_lines, recurring_lines
from rhetoric.language.cleaning import clean_corpus, use_boilerplate

from conftest import write_corpus

FOOTER = "Copyright 2019 Example Media. All rights reserved."
#: Words that tell articles apart (digits would not: a line's digits are normalised away).
NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]


@pytest.fixture(autouse=True)
def _no_boilerplate():
    yield
    use_boilerplate(None)


def _docs() -> list[dict]:
    """Outlet A: 10 articles, 6 with the footer (the year varies); outlet B: 4 articles, all with another
    footer (too few articles); a line in 5 of A's articles and 2 of B's, also under the corpus's 20%."""
    docs = []
    for k in range(10):
        lines = [f"Article {NAMES[k]} of outlet A says thing {NAMES[k]} in its own words."]
        if k < 6:
            lines.append(FOOTER.replace("2019", str(2015 + k)))
        if k < 5:
            lines.append("Shared quotation that several articles repeat.")
        docs.append({"id": f"a{k}", "stance": "left", "outlet": "A", "text": "\n".join(lines)})
    for k in range(4):
        lines = [f"Outlet B piece {NAMES[k]} with a view of its own.", "Subscribe to outlet B today!"]
        if k < 2:
            lines.append("Shared quotation that several articles repeat.")
        docs.append({"id": f"b{k}", "stance": "right", "outlet": "B", "text": "\n".join(lines)})
    return docs


def test_thresholds_by_hand(tmp_path):
    corpus = load_corpus(write_corpus(tmp_path / "c", _docs(), columns=["id", "file", "stance", "title", "outlet"]))
    found = recurring_lines(corpus)
    # the footer: 6 of A's 10 (>= 5 and >= 20%); the quotation: 5 of A's 10 and 7 of the corpus's 14 (50%)
    assert found[["by", "scope", "articles", "scope_articles"]].values.tolist() == [
        ["corpus", "", 7, 14], ["corpus", "", 6, 14], ["outlet", "A", 6, 10], ["outlet", "A", 5, 10]]
    assert set(found["line"]) == {cleaning.normalise_line(FOOTER), "shared quotation that several articles repeat."}
    # B's footer is in all 4 of B's articles: under the 5-article minimum
    assert not found["example"].str.contains("Subscribe").any()
    stricter = count_lines(((d["id"], d["outlet"], d["text"]) for d in _docs()), min_articles=7, min_share=0.5)
    assert set(stricter["line"]) == {"shared quotation that several articles repeat."}
    assert MIN_ARTICLES == 5


def test_cleaning_sets_them_aside_with_offsets_and_counts(tmp_path):
    corpus = load_corpus(write_corpus(tmp_path / "c", _docs(), columns=["id", "file", "stance", "title", "outlet"]))
    before_body, before_audit = clean_corpus(corpus)
    assert before_audit.empty
    found = recurring_lines(corpus)
    use_boilerplate(found)
    assert len(cleaning.boilerplate_in_force()) == 2
    assert cleaning.boilerplate_table().equals(found)  # what a worker is handed
    body, audit = clean_corpus(corpus)
    assert (audit["kind"] == "boilerplate").all() and len(audit) == 6 + 7
    assert audit["pattern"].value_counts().to_dict() == {"recurring line: 7 of 14 articles of the corpus": 7,
                                                         "recurring line: 6 of 14 articles of the corpus": 6}
    for r in audit.itertuples():
        assert corpus.raw[r.doc_id][r.start:r.end] == r.removed  # raw text and offsets unchanged
    for r in body.itertuples():
        assert corpus.raw[r.doc_id][r.start:r.end] == r.text
    assert len(body) == len(before_body) - 13
    use_boilerplate(None)
    assert clean_corpus(corpus)[1].empty and cleaning.boilerplate_table() is None


def test_duplicates_count_once_and_an_article_of_nothing_else_is_kept(tmp_path):
    story = " ".join(f"word{k}" for k in range(40))
    docs = [{"id": f"c{k}", "stance": "x", "outlet": "C", "text": f"{story}\nThe same closing line here."}
            for k in range(6)]  # six copies of one story: one text, so nothing recurs
    docs += [{"id": f"d{k}", "stance": "y", "outlet": "D", "text": f"Own text {NAMES[k]} of D.\nFooter of D here."}
             for k in range(5)]
    docs.append({"id": "d-footer-only", "stance": "y", "outlet": "D", "text": "Footer of D here."})
    corpus = load_corpus(write_corpus(tmp_path / "c", docs, columns=["id", "file", "stance", "title", "outlet"]))
    found = recurring_lines(corpus)
    assert set(found["line"]) == {"footer of d here."}
    use_boilerplate(found)
    body, audit = clean_corpus(corpus)
    assert set(audit["doc_id"]) == {f"d{k}" for k in range(5)}
    assert body.loc[body["doc_id"] == "d-footer-only", "text"].tolist() == ["Footer of D here."]


def _real(path):
    if not (path / "metadata.csv").is_file():
        pytest.skip(f"{path} is not available")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(path)


def test_narrative_frames_daily_caller_footer():
    corpus = _real(DEV / "narrative-frames")
    found = recurring_lines(corpus)
    assert (found["scope"] == "thedailycaller").all() and len(found) == 3
    top = found.iloc[0]
    assert top["line"].startswith("content created by the daily caller news foundation")
    assert top["articles"] == 13 and top["scope_articles"] == 22


def test_bench400_outlet_footers(bench400):
    corpus = _real(bench400)
    found = recurring_lines(corpus)
    assert (found["by"] == "outlet").all() and found["scope"].nunique() == 9 and len(found) == 11
    assert found["share"].min() >= 0.2 and found["articles"].min() >= 5
