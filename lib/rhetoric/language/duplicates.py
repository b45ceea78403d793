"""Near-duplicate articles: the same text under two ids (syndicated copies, re-posts), found exactly.

News corpora hold syndicated copies (AP, Reuters), the same story re-posted by a sister outlet, or one
article scraped twice; each copy counts again in every group mean, and a duplicated article can make its words
"key" for a group. Two articles are near-duplicates when their sets of word 5-gram shingles (Broder 1997, "On
the resemblance and containment of documents") have a Jaccard similarity of at least :data:`THRESHOLD`:

* **Shingles:** the lower-cased word tokens (``\\w+``, after Unicode NFKC) of the raw text, every run of
  :data:`SHINGLE_WORDS` consecutive tokens; a text of fewer words is one shingle of all of them, and a text
  without any word is compared by its characters (whitespace collapsed, case folded). Five words is the usual
  size for news (Broder's experiments; long enough that unrelated articles rarely share one, short enough that a
  light edit changes few).
* **Threshold 0.8:** a syndicated copy with a different headline, byline or footer keeps most of its shingles
  (a 700-word article with two changed sentences keeps about 0.9), while two different articles on the same
  event rarely share more than a tenth of theirs; 0.8 is the conventional line (the methods guide, section 10;
  the issue's five pairs on the climate corpus all exceed it). It is an argument, so a study can state another.
* **Exact, not estimated:** every pair at or above the threshold is found and its similarity is the exact
  Jaccard coefficient, not a MinHash estimate. Candidate pairs come from a prefix filter (Chaudhuri, Ganti &
  Kaushik 2006; Xiao et al. 2008, "Efficient similarity joins for near duplicate detection"): with shingles
  ordered from rarest to commonest, two sets with Jaccard >= t share a shingle among the first
  ``|A| - ceil(t |A|) + 1`` of each, so only pairs sharing a rare shingle are compared; a sparse matrix product
  finds them. Measured on the 10,000 benchmark articles (see the report of issue 36); no random hashing, so the
  result does not depend on a seed.
* **Which one is kept:** the first in corpus order. Going through the corpus in order, an article is a
  duplicate of the first *kept* article it is at least :data:`THRESHOLD` similar to (``duplicate_of``, with
  that pair's ``similarity``); an article similar only to a duplicate of something else is kept (its similarity
  to the kept one is below the threshold).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from rhetoric.io.corpus import Corpus

#: Words per shingle.
SHINGLE_WORDS = 5
#: Jaccard similarity of two articles' shingle sets at and above which they are near-duplicates.
THRESHOLD = 0.8
DUPLICATE_COLUMNS = ["doc_id", "duplicate_of", "similarity"]
CORPUS_DUPLICATE_COLUMNS = [*DUPLICATE_COLUMNS, "group", "duplicate_of_group", "cross_group"]
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The lower-cased word tokens shingles are made of."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingle_matrix(texts: Sequence[str], size: int):
    """Documents x distinct shingles (CSR, one 1 per shingle a document has) and each text's number of words.
    Shingles are coded exactly, without hashing: word codes packed into integers and factorised, so two shingles
    share a code only when their words are the same."""
    vocab: dict[str, int] = {}
    pad = -1  # a text shorter than ``size`` words is padded (code assigned below)
    pieces, lengths = [], []
    for text in texts:
        ws = words(text)
        lengths.append(len(ws))
        codes = np.fromiter((vocab.setdefault(w, len(vocab)) for w in ws), dtype=np.int64, count=len(ws))
        if 0 < len(ws) < size:
            codes = np.concatenate([codes, np.full(size - len(ws), pad)])
        pieces.append(codes)
    lengths = np.array(lengths, dtype=np.int64)
    codes = np.concatenate(pieces) if pieces else np.empty(0, dtype=np.int64)
    codes[codes == pad] = len(vocab)
    base = len(vocab) + 1
    spans = np.array([len(p) for p in pieces], dtype=np.int64)
    ends = np.cumsum(spans)
    starts = ends - spans
    n_windows = np.maximum(spans - size + 1, 0)
    if not n_windows.sum():
        return sparse.csr_matrix((len(texts), 0)), lengths
    # the first position of every window that stays inside its document, and the document it belongs to
    offsets = np.cumsum(n_windows) - n_windows
    position = np.arange(int(n_windows.sum()), dtype=np.int64)
    position += np.repeat(starts - offsets, n_windows)
    # words packed into one 63-bit number as long as they fit, then factorised to a compact code and packed on
    # (exact: no two shingles share a code unless their words are the same)
    word_bits = max(1, (base - 1).bit_length())
    key, key_bits = codes[position], word_bits
    for j in range(1, size):
        if key_bits + word_bits > 62:
            key = pd.factorize(key, sort=False)[0].astype(np.int64)
            key_bits = max(1, int(key.max()).bit_length())
        key = (key << word_bits) | codes[position + j]
        key_bits += word_bits
    key = pd.factorize(key, sort=False)[0].astype(np.int64)
    del position, codes
    row = np.repeat(np.arange(len(texts), dtype=np.int64), n_windows)
    matrix = sparse.csr_matrix((np.ones(len(key), dtype=np.int32), (row, key)),
                               shape=(len(texts), int(key.max()) + 1))
    del row, key
    matrix.sum_duplicates()  # a shingle a document repeats: one entry, set to 1 below
    matrix.data[:] = 1
    return matrix, lengths


def _candidate_pairs(matrix, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) that share a shingle among the rarest ``|A| - ceil(t |A|) + 1`` of each (the prefix filter)."""
    df = np.asarray(matrix.sum(axis=0)).ravel()
    rank = np.empty(len(df), dtype=np.int64)
    rank[np.lexsort((np.arange(len(df)), df))] = np.arange(len(df))  # rarest first, ties by shingle
    keep_rows, keep_cols = [], []
    indptr, indices = matrix.indptr, matrix.indices
    for i in range(matrix.shape[0]):
        cols = indices[indptr[i]:indptr[i + 1]]
        if not len(cols):
            continue
        prefix = len(cols) - math.ceil(threshold * len(cols) - 1e-9) + 1
        chosen = cols[np.argsort(rank[cols], kind="stable")[:prefix]]
        chosen = chosen[df[chosen] > 1]  # a shingle no other document has finds no pair
        keep_rows.append(np.full(len(chosen), i))
        keep_cols.append(chosen)
    if not keep_rows:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    r, c = np.concatenate(keep_rows), np.concatenate(keep_cols)
    prefixes = sparse.csr_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=matrix.shape)
    shared = sparse.triu(prefixes @ prefixes.T, k=1).tocoo()
    order = np.lexsort((shared.col, shared.row))
    return shared.row[order].astype(np.int64), shared.col[order].astype(np.int64)


def near_duplicates(texts: Sequence[str], ids: Sequence[str], threshold: float = THRESHOLD,
                    size: int = SHINGLE_WORDS) -> pd.DataFrame:
    """``doc_id, duplicate_of, similarity`` of every text (in the order given) that is a near-duplicate of an
    earlier kept one (see the module docstring); an empty table when there is none."""
    if len(texts) != len(ids):
        raise ValueError("near_duplicates needs one id per text")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold {threshold} is not in (0, 1]")
    matrix, lengths = _shingle_matrix(texts, size)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    first_i, first_j = _candidate_pairs(matrix, threshold)
    inter = np.asarray(matrix[first_i].multiply(matrix[first_j]).sum(axis=1)).ravel() if len(first_i) else \
        np.empty(0)
    union = sizes[first_i] + sizes[first_j] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    similar: dict[int, list[tuple[int, float]]] = {}
    for i, j, s in zip(first_i.tolist(), first_j.tolist(), similarity.tolist()):
        if s >= threshold - 1e-12:
            similar.setdefault(j, []).append((i, s))
    # texts without a word: equal when their characters are (whitespace collapsed, case folded)
    empty: dict[str, int] = {}
    for k in np.flatnonzero(lengths == 0).tolist():
        key = " ".join(unicodedata.normalize("NFKC", texts[k]).casefold().split())
        if key in empty:
            similar.setdefault(k, []).append((empty[key], 1.0))
        else:
            empty[key] = k
    kept = np.ones(len(texts), dtype=bool)
    rows = []
    for j in sorted(similar):
        match = next(((i, s) for i, s in sorted(similar[j]) if kept[i]), None)
        if match is not None:
            kept[j] = False
            rows.append({"doc_id": ids[j], "duplicate_of": ids[match[0]], "similarity": float(match[1])})
    return pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)


def duplicates(corpus: Corpus, threshold: float = THRESHOLD, group_column: str = "stance") -> pd.DataFrame:
    """The corpus's near-duplicates (:func:`near_duplicates` of the raw texts, in corpus order), with each
    article's group and the kept article's (``group``, ``duplicate_of_group``) and ``cross_group``: true when the
    same text stands in two groups (a syndicated story under two bias ratings, or a labelling error), which the
    notebooks call out. Columns :data:`CORPUS_DUPLICATE_COLUMNS`; write ``duplicates.csv`` from the first three
    or all."""
    ids = list(corpus.documents["doc_id"])
    found = near_duplicates([corpus.raw[d] for d in ids], ids, threshold)
    group = dict(zip(corpus.documents["doc_id"], corpus.documents[group_column]))
    found["group"] = found["doc_id"].map(group)
    found["duplicate_of_group"] = found["duplicate_of"].map(group)
    found["cross_group"] = found["group"] != found["duplicate_of_group"]
    return found[CORPUS_DUPLICATE_COLUMNS]


def duplicate_ids(found: pd.DataFrame) -> set[str]:
    """The ids set aside when one of each set is kept: every ``doc_id`` of a :func:`duplicates` table."""
    return set(found["doc_id"])


def drop_duplicates(corpus: Corpus, table: pd.DataFrame | None = None, found: pd.DataFrame | None = None):
    """Keep one article of each set of near-duplicates (the first in corpus order, see :func:`duplicates`).

    With ``table`` (any table with a ``doc_id`` column: the per-article table, the feature table), that table
    without the duplicates' rows; without it, a :class:`~rhetoric.io.corpus.Corpus` without them (documents and
    raw texts). ``found``: the :func:`duplicates` table when already computed."""
    found = duplicates(corpus) if found is None else found
    drop = duplicate_ids(found)
    if table is not None:
        return table[~table["doc_id"].isin(drop)].reset_index(drop=True)
    docs = corpus.documents[~corpus.documents["doc_id"].isin(drop)].reset_index(drop=True)
    return Corpus(directory=corpus.directory, documents=docs,
                  raw={d: t for d, t in corpus.raw.items() if d not in drop}, study=corpus.study)
