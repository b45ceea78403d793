"""Which words set one group of texts apart: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16-22, natural logs throughout::

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var_w  ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: ``a_w = a_0 * p_w`` with ``p_w`` the word's general-English frequency from the
pinned ``wordfreq`` package (renormalised over the vocabulary compared; words wordfreq does not know get
its smallest frequency). With two short texts, pooling the texts themselves as the background lets
function words dominate; a general-English background does better. ``a_0`` is set to the mean number of
words per group, so the prior weighs as much as one more group of text; the notebook shows how the top
terms move with ``a_0``. With more than two groups, each group is compared with all the others pooled.

Three guards against reading the list too strongly (Monroe et al. warn that z is not a test of a sampling
model of documents):

* **Spelling variants are merged first** (``data/spelling_variants.csv``, each with its reason): "U.S." and
  "US" are house spellings of one country, not a difference in stance ("us" the pronoun is never merged).
* **Multiple testing:** every term is a test, so each z gets a two-sided normal p and a Benjamini-Hochberg
  q-value across the terms compared (Benjamini & Hochberg 1995); a list where no term passes q < 0.05 is
  exploratory and is labelled so.
* **Function words are flagged** (``data/function_words.csv``, closed-class words) and shown apart: "of" or
  "would" may reflect style, and their keyness is not a topic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from rhetoric.io.wordlists import data_cache, read_table

MIN_FREQUENCY = 1e-8


@data_cache
def spelling_variants() -> tuple[dict[str, str], dict[str, str]]:
    """(case-sensitive variants, lower-case variants) -> canonical term, from ``data/spelling_variants.csv``."""
    table = read_table("spelling_variants.csv")
    exact = table["case_sensitive"].str.strip().isin(["1", "true", "yes"]) if "case_sensitive" in table \
        else pd.Series(False, index=table.index)
    return (dict(zip(table.loc[exact, "variant"], table.loc[exact, "canonical"])),
            dict(zip(table.loc[~exact, "variant"].str.lower(), table.loc[~exact, "canonical"])))


@data_cache
def function_words() -> frozenset[str]:
    """Closed-class English words (``data/function_words.csv``), flagged in keyness tables."""
    return frozenset(read_table("function_words.csv")["word"].str.lower())


def canonical_terms(toks: pd.DataFrame) -> pd.Series:
    """Each token's keyness term: its lower-case form after merging spelling variants (index kept)."""
    exact, lower = spelling_variants()
    raw = toks["token"] if "token" in toks.columns else toks["lower"]
    return pd.Series([exact.get(t, lower.get(w, w)) for t, w in zip(raw.tolist(), toks["lower"].tolist())],
                     index=toks.index)


def term_counts(toks: pd.DataFrame, group_of: dict[str, str]) -> pd.DataFrame:
    """``term x group`` counts of word tokens that contain a letter (numbers and clitics out), spelling
    variants merged (:func:`canonical_terms`)."""
    words = toks[toks["is_word"] & toks["lower"].str.contains(r"[a-z]", regex=True)]
    words = words.assign(term=canonical_terms(words), group=words["doc_id"].map(group_of))
    counts = words.groupby(["term", "group"]).size()
    return counts.unstack("group", fill_value=0).rename_axis(index="term", columns=None)


def background_prior(terms: pd.Index) -> pd.Series:
    """General-English relative frequencies of ``terms`` (wordfreq), renormalised to sum to 1."""
    import wordfreq

    freq = pd.Series([wordfreq.word_frequency(t, "en") for t in terms], index=terms, dtype=float)
    freq = freq.where(freq > 0, MIN_FREQUENCY)
    return freq / freq.sum()


def log_odds(y_i: np.ndarray, y_j: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, var, z)`` of Monroe et al. (2008) for counts ``y_i``, ``y_j`` and prior ``a`` (arrays)."""
    y_i, y_j, a = (np.asarray(x, dtype=float) for x in (y_i, y_j, a))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), a.sum()
    delta = (np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a)))
    var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    return delta, var, delta / np.sqrt(var)


def keyness(toks: pd.DataFrame, group_of: dict[str, str], a0: float | None = None,
            prior: str = "wordfreq") -> pd.DataFrame:
    """Keyness of every term for every group against the rest.

    Returns one row per (group, term): ``group, term, count, count_rest, total, delta, z, p, q_bh,
    function_word``; positive z means the term is over-represented in ``group``; ``q_bh`` is the
    Benjamini-Hochberg q-value across the terms of that comparison. ``prior='wordfreq'`` (informative) or ``'flat'``
    (a_w = 0.01, Monroe's fallback). ``a0`` defaults to the mean words per group.
    """
    from scipy.stats import false_discovery_control, norm

    counts = term_counts(toks, group_of)
    fw = function_words()
    groups = list(counts.columns)
    if len(groups) < 2:
        raise ValueError("keyness needs at least two stance groups")
    if prior == "wordfreq":
        a0 = float(counts.to_numpy().sum() / len(groups)) if a0 is None else float(a0)
        a = background_prior(counts.index).to_numpy() * a0
    elif prior == "flat":
        a = np.full(len(counts), 0.01)
    else:
        raise ValueError(f"unknown prior {prior!r} (use 'wordfreq' or 'flat')")
    rows = []
    for g in (groups if len(groups) > 2 else groups[:1]):
        y_i = counts[g].to_numpy()
        y_j = counts.drop(columns=g).sum(axis=1).to_numpy()
        delta, _, z = log_odds(y_i, y_j, a)
        p = 2 * norm.sf(np.abs(z))
        part = pd.DataFrame({"group": g, "term": counts.index, "count": y_i, "count_rest": y_j,
                             "total": y_i + y_j, "delta": delta, "z": z, "p": p,
                             "q_bh": false_discovery_control(p), "function_word": counts.index.isin(fw)})
        rows.append(part)
        if len(groups) == 2:  # the other side is the same comparison, mirrored
            other = [x for x in groups if x != g][0]
            rows.append(part.assign(group=other, count=y_j, count_rest=y_i, delta=-delta, z=-z))
    return pd.concat(rows, ignore_index=True)


def fdr_summary(table: pd.DataFrame, alpha: float = 0.05) -> dict[str, int]:
    """Terms tested per comparison and how many pass Benjamini-Hochberg at ``alpha`` (one side counted)."""
    first = table[table["group"] == table["group"].iloc[0]] if len(table) else table
    return {"tested": int(len(first)), "passing": int(((table["q_bh"] < alpha) & (table["z"] > 0)).sum()),
            "alpha": alpha}


def top_terms(table: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most distinctive terms per group (highest z; ties broken by term for a stable order)."""
    ordered = table.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="mergesort")
    return ordered.groupby("group", sort=True).head(n).reset_index(drop=True)


def kwic(toks: pd.DataFrame, sents: pd.DataFrame, term: str, doc_ids: list[str] | None = None,
         width: int = 45) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (lower-cased token) with left and right context."""
    hits = toks[(toks["lower"] == term) & (toks["doc_id"].isin(doc_ids) if doc_ids else True)]
    sent = sents.set_index(["doc_id", "sentence_id"])
    rows = []
    for h in hits.itertuples():
        s = sent.loc[(h.doc_id, h.sentence_id)]
        a, b = h.start - s["start"], h.end - s["start"]
        rows.append({"doc_id": h.doc_id, "sentence_id": h.sentence_id,
                     "left": s["text"][max(0, a - width):a].rjust(width), "term": s["text"][a:b],
                     "right": s["text"][b:b + width]})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "term", "right"])


def prior_sensitivity(toks: pd.DataFrame, group_of: dict[str, str], top: int = 15) -> pd.DataFrame:
    """How the prior's scale moves the list: for each group, how many of its ``top`` content terms under the
    default prior stay among the ``top`` under a₀ ten times smaller, ten times larger, and Monroe's flat
    fallback prior (a_w = 0.01). Rows are groups; columns name each alternative (with its a₀)."""
    groups = sorted(set(group_of.values()))

    def tops(table: pd.DataFrame) -> dict[str, set[str]]:
        chosen = top_terms(table[~table["function_word"]], top)
        return {g: set(chosen.loc[chosen["group"] == g, "term"]) for g in groups}

    base = tops(keyness(toks, group_of))
    a0 = toks[toks["is_word"]].shape[0] / len(groups)
    alternatives = {f"a0 / 10 ({a0 / 10:.0f})": keyness(toks, group_of, a0=a0 / 10),
                    f"a0 x 10 ({a0 * 10:.0f})": keyness(toks, group_of, a0=a0 * 10),
                    "flat prior": keyness(toks, group_of, prior="flat")}
    out = {name: {g: len(base[g] & alt[g]) for g in groups}
           for name, alt in ((name, tops(table)) for name, table in alternatives.items())}
    return pd.DataFrame(out).rename_axis(f"shared of top {top}")
