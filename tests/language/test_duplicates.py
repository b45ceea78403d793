"""Near-duplicates: exact Jaccard of word 5-gram shingles, by hand, against brute force, and on real corpora."""
from __future__ import annotations

import warnings
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.base.paths import DEV
from rhetoric.io.corpus import load_corpus
from rhetoric.language import duplicates as dup
from rhetoric.language.duplicates import drop_duplicates, duplicates, near_duplicates

from conftest import examples, write_corpus

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
NARRATIVE = DEV / "narrative-frames"
#: 400 benchmark articles as a corpus folder (3 leanings, outlet and date columns), beside the project when present.


def shingles(text: str, size: int = 5) -> set:
    ws = dup.words(text)
    if not ws:
        return set()
    if len(ws) < size:
        return {tuple(ws)}
    return {tuple(ws[i:i + size]) for i in range(len(ws) - size + 1)}


def brute_force(texts: list[str], threshold: float = dup.THRESHOLD) -> list[tuple[int, int, float]]:
    """Every pair's Jaccard and the rule of the module: in order, a duplicate of the first kept text it is at
    least ``threshold`` similar to."""
    sets = [shingles(t) for t in texts]
    kept, out = [True] * len(texts), []
    for j in range(len(texts)):
        for i in range(j):
            if not kept[i]:
                continue
            a, b = sets[i], sets[j]
            if not a and not b:
                same = " ".join(texts[i].casefold().split()) == " ".join(texts[j].casefold().split())
                s = 1.0 if same else 0.0
            else:
                s = len(a & b) / len(a | b) if (a | b) else 0.0
            if s >= threshold - 1e-12:
                kept[j] = False
                out.append((j, i, s))
                break
    return out


def test_hand_computed_jaccard_and_which_one_is_kept():
    words30 = " ".join(f"w{k}" for k in range(30))
    edited = words30.rsplit(" ", 1)[0] + " changed"  # 26 shingles each, 25 shared: 25 / 27
    words10 = " ".join(f"v{k}" for k in range(10))
    short_edit = words10.rsplit(" ", 1)[0] + " other"  # 6 shingles each, 5 shared: 5 / 7, below 0.8
    texts = [words10, words30, "Something else entirely, nothing shared here at all.", edited, short_edit,
             words30.upper()]
    found = near_duplicates(texts, list("abcdef"))
    assert list(found["doc_id"]) == ["d", "f"] and list(found["duplicate_of"]) == ["b", "b"]
    assert found["similarity"].tolist() == pytest.approx([25 / 27, 1.0])
    assert near_duplicates(texts, list("abcdef"), threshold=0.7)["doc_id"].tolist() == ["d", "e", "f"]


def test_a_chain_keeps_what_is_not_close_to_a_kept_text():
    base = [f"t{k}" for k in range(40)]
    a = base
    b = base[:36] + ["x1", "x2", "x3", "x4"]  # the end changed: 32 of 40 shingles shared with a
    c = ["y1", "y2", "y3", "y4"] + base[4:36] + ["x1", "x2", "x3", "x4"]  # the start too: 0.8 with b, 28/44 with a
    sa, sb, sc = (shingles(" ".join(t)) for t in (a, b, c))
    assert len(sa & sb) / len(sa | sb) == len(sb & sc) / len(sb | sc) == 0.8 > len(sa & sc) / len(sa | sc)
    found = near_duplicates([" ".join(t) for t in (a, b, c)], ["a", "b", "c"])
    assert found[["doc_id", "duplicate_of"]].values.tolist() == [["b", "a"]]  # c is kept: only b is close to it


def test_short_texts_and_texts_without_words():
    found = near_duplicates(["Two words", "two  WORDS!", "!!!", "  !!! ", "?", "Two words more"],
                            list("abcdef"))
    assert found[["doc_id", "duplicate_of"]].values.tolist() == [["b", "a"], ["d", "c"]]
    assert near_duplicates([], []).empty
    with pytest.raises(ValueError, match="one id per text"):
        near_duplicates(["a"], [])


@settings(max_examples=examples(60), **SETTINGS)
@given(st.lists(st.lists(st.sampled_from(["war", "peace", "talks", "said", "the", "iran", "china"]), min_size=0,
                         max_size=14), min_size=1, max_size=9),
       st.floats(0.3, 1.0))
def test_equal_to_brute_force_on_texts_of_few_words(docs, threshold):
    """Texts drawn from seven words share many shingles: every pair's exact Jaccard and the keep-first rule."""
    texts = [" ".join(d) for d in docs]
    found = near_duplicates(texts, [str(k) for k in range(len(texts))], threshold)
    want = brute_force(texts, threshold)
    assert [(int(r.doc_id), int(r.duplicate_of)) for r in found.itertuples()] == [(j, i) for j, i, _ in want]
    assert found["similarity"].tolist() == pytest.approx([s for _, _, s in want])


@settings(max_examples=examples(80), **SETTINGS)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=6), st.data())
def test_any_text_and_its_exact_copy_are_found(texts, data):
    k = data.draw(st.integers(0, len(texts) - 1))
    texts = [*texts, texts[k]]
    ids = [f"d{i}" for i in range(len(texts))]
    found = near_duplicates(texts, ids)
    assert ids[-1] in set(found["doc_id"])
    row = found.set_index("doc_id").loc[ids[-1]]
    assert row["similarity"] >= dup.THRESHOLD and ids.index(row["duplicate_of"]) < len(texts) - 1
    assert near_duplicates(texts, ids).equals(found)  # deterministic


def test_corpus_duplicates_across_groups_and_dropping_them(tmp_path):
    story = " ".join(f"word{k}" for k in range(60))
    docs = [{"id": "left-1", "stance": "left", "text": story},
            {"id": "right-1", "stance": "right", "text": "Headline\n" + story},
            {"id": "left-2", "stance": "left", "text": "A different article about other things entirely here."},
            {"id": "left-3", "stance": "left", "text": story + " Footer line."}]
    corpus = load_corpus(write_corpus(tmp_path / "c", docs))
    found = duplicates(corpus)
    assert list(found.columns) == dup.CORPUS_DUPLICATE_COLUMNS
    assert found[["doc_id", "duplicate_of", "cross_group"]].values.tolist() == [["right-1", "left-1", True],
                                                                                 ["left-3", "left-1", False]]
    assert found["similarity"].tolist() == pytest.approx([56 / 57, 56 / 58])
    smaller = drop_duplicates(corpus, found=found)
    assert smaller.doc_ids == ["left-1", "left-2"] and set(smaller.raw) == {"left-1", "left-2"}
    table = pd.DataFrame({"doc_id": ["left-1", "right-1", "left-2", "left-3"], "x": [1, 2, 3, 4]})
    assert drop_duplicates(corpus, table)["x"].tolist() == [1, 3]


def _corpus(path: Path):
    if not (path / "metadata.csv").is_file():
        pytest.skip(f"{path} is not available")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(path)


def test_the_narrative_frames_pair_across_groups_is_found():
    """The development half holds two near-duplicate pairs; one is one text under right_bias and left_bias."""
    corpus = _corpus(NARRATIVE)
    found = duplicates(corpus)
    assert len(found) == 2 and found["similarity"].min() > 0.99 and found["cross_group"].sum() == 1
    cross = found[found["cross_group"]].iloc[0]
    outlet = dict(zip(corpus.documents["doc_id"], corpus.documents["outlet"]))
    assert {outlet[cross["doc_id"]], outlet[cross["duplicate_of"]]} == {"cnn", "thedailycaller"}
    # the nearest pair below them is far below the threshold: 0.8 sits in an empty gap
    ids = corpus.doc_ids
    low = near_duplicates([corpus.raw[d] for d in ids], ids, threshold=0.3)
    assert len(low) == 3 and sorted(low["similarity"])[0] < 0.4


def test_bench400_has_no_near_duplicates(bench400):
    corpus = _corpus(bench400)
    assert duplicates(corpus).empty


def test_prefix_filter_misses_no_pair_on_random_near_copies():
    rng = np.random.default_rng(5)
    vocab = [f"w{k}" for k in range(300)]
    texts = []
    for _ in range(25):
        base = list(rng.choice(vocab, 80))
        texts.append(" ".join(base))
        edit = base.copy()
        for pos in rng.choice(80, int(rng.integers(0, 6)), replace=False):
            edit[pos] = "edited"
        texts.append(" ".join(edit))
    order = rng.permutation(len(texts))
    texts = [texts[k] for k in order]
    found = near_duplicates(texts, [str(k) for k in range(len(texts))], threshold=0.6)
    want = brute_force(texts, 0.6)
    assert [(int(r.doc_id), int(r.duplicate_of)) for r in found.itertuples()] == [(j, i) for j, i, _ in want]
    assert len(want) > 10 and all(i < j for j, i, _ in want)
    assert not any(a == b for a, b in combinations(found["doc_id"], 2))
