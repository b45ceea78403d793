"""Document-level size, readability, lexical diversity and vocabulary overlap.

* Readability: textstat's Flesch reading ease, Flesch-Kincaid grade, Gunning fog, SMOG and Dale-Chall,
  computed on the cleaned body text. textstat counts sentences and words with its own rules (not our
  Punkt split); its syllables come from the CMU dictionary made available offline by
  :func:`rhetoric.resources.ensure_cmudict`.
* Lexical diversity: MTLD (McCarthy & Jarvis 2010; factor threshold 0.72) and MATTR (Covington &
  McFall 2010) from the ``lexicalrichness`` package, on our lower-cased word tokens.
* Vocabulary overlap: Jaccard similarity of content-lemma sets (stop words removed), pairwise.
"""
from __future__ import annotations

from itertools import combinations

import pandas as pd

from .corpus import Corpus
from .resources import ensure_cmudict

READABILITY_MEASURES = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "dale_chall_readability_score": "Dale-Chall",
}
MATTR_WINDOW = 50


def body_text(paragraphs: pd.DataFrame, doc_id: str) -> str:
    """The cleaned body of one document: its body paragraphs joined by newlines."""
    return "\n".join(paragraphs.loc[paragraphs["doc_id"] == doc_id, "text"])


def size_table(corpus: Corpus, paragraphs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs, sentences, words and sentence-length summary per document."""
    g = sents.groupby("doc_id", sort=False)["n_words"]
    table = pd.DataFrame({
        "paragraphs": paragraphs.groupby("doc_id", sort=False).size(),
        "sentences": g.size(),
        "words": g.sum(),
        "words_per_sentence_mean": g.mean(),
        "words_per_sentence_median": g.median(),
        "words_per_sentence_sd": g.std(),
        "longest_sentence": g.max(),
    })
    table.index.name = "doc_id"
    return table.reindex(corpus.doc_ids).reset_index()


def readability(corpus: Corpus, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """textstat readability scores of each document's cleaned body (one row per document)."""
    ensure_cmudict()
    import textstat

    rows = []
    for doc_id in corpus.doc_ids:
        text = body_text(paragraphs, doc_id)
        row = {"doc_id": doc_id}
        for fn, label in READABILITY_MEASURES.items():
            row[label] = float(getattr(textstat, fn)(text))
        rows.append(row)
    return pd.DataFrame(rows)


def lexical_diversity(toks: pd.DataFrame, window: int = MATTR_WINDOW) -> pd.DataFrame:
    """MTLD and MATTR per document, from lower-cased word tokens (``lexicalrichness``).

    MATTR is undefined (NaN) for a text shorter than its window.
    """
    from lexicalrichness import LexicalRichness

    rows = []
    for doc_id, group in toks[toks["is_word"]].groupby("doc_id", sort=False):
        words = list(group["lower"])
        lr = LexicalRichness(words, preprocessor=None, tokenizer=None)
        rows.append({"doc_id": doc_id, "types": lr.terms, "tokens": lr.words,
                     "TTR": lr.ttr, "MTLD": lr.mtld(threshold=0.72),
                     f"MATTR (window {window})": lr.mattr(window_size=window) if lr.words >= window
                     else float("nan")})
    return pd.DataFrame(rows)


def vocabulary_overlap(toks: pd.DataFrame) -> pd.DataFrame:
    """Pairwise Jaccard overlap of content-lemma sets, with the shared and unique counts.

    ``toks`` needs ``lemma`` and ``is_stop`` columns (``tokens(..., lemmas=True, stopwords=True)``).
    """
    content = toks[toks["is_word"] & ~toks["is_stop"] & toks["lower"].str.contains(r"[a-z]", regex=True)]
    vocab = {d: set(g["lemma"]) for d, g in content.groupby("doc_id", sort=False)}
    rows = []
    for a, b in combinations(vocab, 2):
        shared = vocab[a] & vocab[b]
        rows.append({"doc_a": a, "doc_b": b, "lemmas_a": len(vocab[a]), "lemmas_b": len(vocab[b]),
                     "shared": len(shared), "only_a": len(vocab[a] - vocab[b]),
                     "only_b": len(vocab[b] - vocab[a]),
                     "jaccard": len(shared) / len(vocab[a] | vocab[b])})
    return pd.DataFrame(rows)


def shared_content_words(toks: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The content lemmas every document uses, with their count in each, most frequent first."""
    content = toks[toks["is_word"] & ~toks["is_stop"] & toks["lower"].str.contains(r"[a-z]", regex=True)]
    counts = content.groupby(["lemma", "doc_id"]).size().unstack("doc_id", fill_value=0)
    shared = counts[(counts > 0).all(axis=1)]
    order = shared.sum(axis=1).sort_values(ascending=False, kind="mergesort")
    return shared.loc[order.index].head(top).reset_index()
