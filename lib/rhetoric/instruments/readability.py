"""Document-level size, readability, lexical diversity and vocabulary overlap.

* Readability on the project's own sentences: the five formulas (:func:`flesch_reading_ease`,
  :func:`flesch_kincaid_grade`, :func:`gunning_fog`, :func:`smog_index`, :func:`dale_chall`; one function each,
  with its reference, the coefficients in :data:`COEFFICIENTS`) computed from textstat's word, syllable and
  hard-word counts, summed over the Punkt sentences of the feature table (:func:`sentence_counts`, aggregated by
  the registry's readability aggregations). textstat's
  own sentence rule splits at every period, so "U.S." ends a sentence for it: one article of this project
  gets 60 sentences from textstat against 47 from Punkt, and a Flesch-Kincaid grade two points lower. Its
  own scores (:func:`textstat_scores`) are shown beside ours for that reason, never used as the measure.
  Syllables come from the CMU dictionary made available offline by :func:`rhetoric.base.resources.ensure_cmudict`.
* Lexical diversity: MTLD (McCarthy & Jarvis 2010; factor threshold 0.72) and MATTR (Covington &
  McFall 2010) from the ``lexicalrichness`` package, on our lower-cased word tokens.
* Vocabulary overlap: Jaccard similarity of content-lemma sets (stop words removed), pairwise.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import textstat
from scipy import sparse
from textstat.backend.selections import list_words

from rhetoric.base.resources import ensure_cmudict
from rhetoric.base.text_constants import MEASURED_FORM
from rhetoric.externals.switch import enabled
from rhetoric.externals.textstat_counts import plain_counts, summed_counts
from rhetoric.io.corpus import Corpus

#: textstat's functions for its own scores (shown beside the project's, see the module docstring).
READABILITY_MEASURES = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "dale_chall_readability_score": "Dale-Chall",
}
COUNT_COLUMNS = ["tx_words", "syllables", "polysyllables", "fog_hard_words", "dc_hard_words"]

MATTR_WINDOW = 50

#: The readability formulas' published coefficients, one row per formula (the functions below read them here).
#: The definitions are textstat's (the documentation of each of its functions); the references are each
#: function's.
COEFFICIENTS: dict[str, dict[str, float]] = {
    "flesch_reading_ease": {"base": 206.835, "words_per_sentence": 1.015, "syllables_per_word": 84.6},
    "flesch_kincaid_grade": {"words_per_sentence": 0.39, "syllables_per_word": 11.8, "constant": 15.59},
    "gunning_fog": {"scale": 0.4},
    "smog_index": {"slope": 1.043, "sample_sentences": 30, "constant": 3.1291},
    "dale_chall": {"percent_difficult": 0.1579, "words_per_sentence": 0.0496, "adjustment": 3.6365,
                   "adjusted_above_percent": 5},
}


def ratio(num, den) -> np.ndarray:
    """``num / den`` elementwise, NaN where ``den`` is not positive (a formula of no words or no sentences is
    undefined, not zero)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def flesch_reading_ease(words, sentences, syllables) -> np.ndarray:
    """Flesch reading ease: ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words`` (higher = easier;
    121.22 at most, for sentences of one one-syllable word).

    Reference: Flesch, R. (1948). A new readability yardstick. *Journal of Applied Psychology* 32(3), 221-233.
    """
    c = COEFFICIENTS["flesch_reading_ease"]
    return (c["base"] - c["words_per_sentence"] * ratio(words, sentences)
            - c["syllables_per_word"] * ratio(syllables, words))


def flesch_kincaid_grade(words, sentences, syllables) -> np.ndarray:
    """Flesch-Kincaid grade level: ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (a U.S. school
    grade; -3.40 at least).

    Reference: Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). *Derivation of new
    readability formulas (Automated Readability Index, Fog Count and Flesch Reading Ease formula) for Navy
    enlisted personnel.* Research Branch Report 8-75, Naval Technical Training Command.
    """
    c = COEFFICIENTS["flesch_kincaid_grade"]
    return (c["words_per_sentence"] * ratio(words, sentences) + c["syllables_per_word"] * ratio(syllables, words)
            - c["constant"])


def gunning_fog(words, sentences, hard_words) -> np.ndarray:
    """Gunning fog index: ``0.4 * (words/sentences + 100 * hard_words/words)`` (a U.S. school grade), hard words
    being those of three or more syllables (textstat's ``is_difficult_word`` with its English threshold:
    words on its easy list do not count).

    Reference: Gunning, R. (1952). *The Technique of Clear Writing.* New York: McGraw-Hill.
    """
    c = COEFFICIENTS["gunning_fog"]
    return c["scale"] * (ratio(words, sentences) + 100 * ratio(hard_words, words))


def smog_index(sentences, polysyllables) -> np.ndarray:
    """SMOG grade: ``1.043 * sqrt(30 * polysyllables/sentences) + 3.1291`` (a U.S. school grade; the
    polysyllables, words of three or more syllables, scaled to a sample of 30 sentences).

    Reference: McLaughlin, G. H. (1969). SMOG grading: a new readability formula. *Journal of Reading* 12(8),
    639-646.
    """
    c = COEFFICIENTS["smog_index"]
    return c["slope"] * np.sqrt(c["sample_sentences"] * ratio(polysyllables, sentences)) + c["constant"]


def dale_chall(words, sentences, difficult_words) -> np.ndarray:
    """Dale-Chall score: ``0.1579 * percent difficult + 0.0496 * words/sentences``, plus 3.6365 when more than 5%
    of the words are difficult (not on the Dale-Chall list of familiar words, as textstat's
    ``is_difficult_word`` reads it; higher = harder).

    Reference: Dale, E. & Chall, J. S. (1948). A formula for predicting readability. *Educational Research
    Bulletin* 27(1), 11-20 and 37-54 (the coefficients); the constant added only above 5% difficult words is
    textstat's definition (``dale_chall_readability_score``), as the formula is usually applied.
    """
    c = COEFFICIENTS["dale_chall"]
    percent = 100 * ratio(difficult_words, words)
    return (c["percent_difficult"] * percent + c["words_per_sentence"] * ratio(words, sentences)
            + np.where(percent > c["adjusted_above_percent"], c["adjustment"], 0.0))


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


def sentence_counts(sents: pd.DataFrame, toks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per sentence, textstat's counts: words (``tx_words``), ``syllables``, ``polysyllables`` (three or more
    syllables), ``fog_hard_words`` (Gunning fog's hard words) and ``dc_hard_words`` (not on the Dale-Chall
    easy list). These are the inputs of the readability formulas (``rhetoric.instruments.registry``), so the formulas
    run on the project's Punkt sentences. Each word's counts are textstat's own (its backend functions,
    pinned with textstat; a test checks the sums against textstat's public counts), cached per word, of the
    sentence in Unicode's composed form (:data:`~rhetoric.base.text_constants.MEASURED_FORM`).
    """
    ensure_cmudict()
    # measured in Unicode's composed form (NFC: textstat drops a combining accent, so "café" typed as e + U+0301
    # was counted as "cafe"; issue 37: 21 syllables against 30); the sentence text itself is not changed
    texts = [unicodedata.normalize(MEASURED_FORM, t) for t in sents["text"].tolist()]
    rows = summed_counts(texts, list_words) if enabled() else plain_counts(texts, list_words)
    return pd.DataFrame(rows, columns=COUNT_COLUMNS, index=sents.index, dtype="int64")


def textstat_scores(corpus: Corpus, paragraphs: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """textstat's own scores of each document's cleaned body, with its own sentence rule (one row per document;
    only ``doc_ids``, in corpus order, when given)."""
    ensure_cmudict()
    rows = []
    wanted = None if doc_ids is None else set(doc_ids)
    for doc_id in corpus.doc_ids:
        if wanted is not None and doc_id not in wanted:
            continue
        text = body_text(paragraphs, doc_id)
        row = {"doc_id": doc_id, "textstat sentences": textstat.sentence_count(text)}
        for fn, label in READABILITY_MEASURES.items():
            row[label] = float(getattr(textstat, fn)(text))
        rows.append(row)
    return pd.DataFrame(rows)


def lexical_diversity(toks: pd.DataFrame, window: int = MATTR_WINDOW) -> pd.DataFrame:
    """MTLD and MATTR per document, from lower-cased word tokens (``lexicalrichness``).

    MATTR is undefined (NaN) for a text shorter than its window.
    """
    # lazy: lexicalrichness loads pyplot (about 0.4 s), which the feature table and its workers never need
    from lexicalrichness import LexicalRichness

    rows = []
    # only the columns read (a copy of every column costs about 1 GB at ten million tokens)
    word_rows = toks.loc[toks["is_word"].to_numpy(), ["doc_id", "lower"]]
    for doc_id, group in word_rows.groupby("doc_id", sort=False):
        words = list(group["lower"])
        lr = LexicalRichness(words, preprocessor=None, tokenizer=None)
        rows.append({"doc_id": doc_id, "types": lr.terms, "tokens": lr.words,
                     "TTR": lr.ttr, "MTLD": lr.mtld(threshold=0.72),
                     f"MATTR (window {window})": lr.mattr(window_size=window) if lr.words >= window
                     else float("nan")})
    return pd.DataFrame(rows)


def _content(toks: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` of the content-word tokens (words with a letter, not stop words), in table order."""
    mask = toks["is_word"] & ~toks["is_stop"] & toks["lower"].str.contains(r"[a-z]", regex=True)
    return toks.loc[mask.to_numpy(), columns]


def vocabulary_overlap(toks: pd.DataFrame) -> pd.DataFrame:
    """Pairwise Jaccard overlap of content-lemma sets, with the shared and unique counts.

    ``toks`` needs ``lemma`` and ``is_stop`` columns (``tokens(..., lemmas=True, stopwords=True)``).
    """
    content = _content(toks, ["doc_id", "lemma"])
    columns = ["doc_a", "doc_b", "lemmas_a", "lemmas_b", "shared", "only_a", "only_b", "jaccard"]
    docs = list(dict.fromkeys(content["doc_id"]))
    if len(docs) < 2:
        return pd.DataFrame()  # no pair
    # one document x lemma incidence matrix: shared lemmas of every pair from one sparse product
    pairs = content[["doc_id", "lemma"]].drop_duplicates()
    row = pd.Categorical(pairs["doc_id"], categories=docs).codes
    col = pd.factorize(pairs["lemma"])[0]
    incidence = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), (row, col)),
                                  shape=(len(docs), int(col.max()) + 1))
    shared = (incidence @ incidence.T).toarray()
    size = np.diag(shared).copy()
    a, b = np.triu_indices(len(docs), k=1)  # (0, 1), (0, 2), ... : the order of itertools.combinations
    both = shared[a, b]
    return pd.DataFrame({"doc_a": np.array(docs, dtype=object)[a], "doc_b": np.array(docs, dtype=object)[b],
                         "lemmas_a": size[a], "lemmas_b": size[b], "shared": both, "only_a": size[a] - both,
                         "only_b": size[b] - both, "jaccard": both / (size[a] + size[b] - both)},
                        columns=columns)


def shared_content_words(toks: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The content lemmas every document uses, with their count in each, most frequent first."""
    content = _content(toks, ["doc_id", "lemma"])
    counts = content.groupby(["lemma", "doc_id"]).size().unstack("doc_id", fill_value=0)
    shared = counts[(counts > 0).all(axis=1)]
    order = shared.sum(axis=1).sort_values(ascending=False, kind="mergesort")
    return shared.loc[order.index].head(top).reset_index()


def content_share(toks: pd.DataFrame, group_of: dict[str, str], group_sizes: pd.Series, n_documents: int,
                  top: int = 12) -> pd.DataFrame:
    """The ``top`` content lemmas used by the most documents: the share of all ``n_documents`` documents
    (``all articles``) and of each group's documents (``group_sizes``) using each, most used first. Reads two
    columns of the content words only (a copy of every column of them costs about half the token table)."""
    used = _content(toks, ["doc_id", "lemma"]).drop_duplicates(["doc_id", "lemma"])
    used = used.assign(group=used["doc_id"].map(group_of))
    share = used.groupby(["lemma", "group"]).size().unstack(fill_value=0) / group_sizes
    share.insert(0, "all articles", used.groupby("lemma").size() / n_documents)
    return share.sort_values("all articles", ascending=False, kind="mergesort").head(top)


def overlap_summary(overlap: pd.DataFrame, group_of: dict[str, str]) -> pd.DataFrame:
    """Mean Jaccard overlap of content lemmas for pairs of articles within a group and between groups."""
    if overlap.empty:
        return pd.DataFrame(columns=["pairs", "n_pairs", "mean_jaccard", "min_jaccard", "max_jaccard"])
    kind = ["within a group" if group_of[a] == group_of[b] else "between groups"
            for a, b in zip(overlap["doc_a"], overlap["doc_b"])]
    table = overlap.assign(pairs=kind).groupby("pairs", sort=True)["jaccard"].agg(
        n_pairs="size", mean_jaccard="mean", min_jaccard="min", max_jaccard="max")
    return table.reset_index()
