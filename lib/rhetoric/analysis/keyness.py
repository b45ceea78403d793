"""Which words set one group of texts apart: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16-22, natural logs throughout::

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var_w  ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: ``a_w = a_0 * p_w`` with ``p_w`` the word's general-English frequency from the
pinned ``wordfreq`` package, looked up **by the term's own surface form only**: a term is looked up only when
wordfreq keeps it as it is (``wordfreq.tokenize(term) == [term]``). wordfreq folds ``a.`` into ``a`` and
``-in`` into ``in``; looked up naively, a token seen once would borrow the prior of "a" (hundreds of
pseudo-counts) and its keyness would measure only the groups' sizes. Terms wordfreq does not keep as they
are (``a.``, ``-in``, ``u.s.``, ``e-mail``) and terms it does not know get the smallest prior mass,
:data:`MIN_FREQUENCY` (never a neighbour's). Tokens without a letter (numbers, punctuation, clitics) are
not terms at all: :func:`term_counts` leaves them out before counting, and :func:`background_prior` gives
any such term that reaches it the smallest mass too. The prior is renormalised over the vocabulary
compared.

**The prior's weight follows each side's size.** With one prior for both sides (Monroe's eq. 16), the
smaller side is shrunk harder towards the prior, so a term as frequent in both sides (or rarer in the
group) can come out "key" for the smaller group when its prior rate is high: the inversion behind
headlines like "-in" key for a group it never occurs in. Here each side ``s`` gets ``a_ws = p_w * a_0 *
n_s / n_mean``: the same shrinkage for every side, so the sign of ``delta`` is the sign of the difference
in relative frequencies (a term is never reported key, ``z > 0``, for a group in which its relative
frequency is not higher than in the other side; equal frequencies give ``delta = 0`` exactly). ``a_0`` is
set to the mean number of words per group, so the prior weighs as much as the group's own text; the
notebook shows how the top terms move with ``a_0``. With more than two groups, each group is compared with
all the others pooled (:func:`keyness`), and any two groups with each other (:func:`keyness_pair`).

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

from collections.abc import Collection

import numpy as np
import pandas as pd
import wordfreq
from scipy.stats import false_discovery_control, norm

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


def counted(group_of: dict[str, str], duplicates: Collection[str] | None) -> dict[str, str]:
    """``group_of`` without the documents in ``duplicates`` (the ids a near-duplicate finder sets aside, one of each
    set kept: :func:`rhetoric.language.duplicates.duplicate_ids`): a text is counted once, however often the corpus
    holds it, so a syndicated or re-posted article cannot make its words key for a group."""
    if not duplicates:
        return group_of
    drop = set(duplicates)
    return {d: g for d, g in group_of.items() if d not in drop}


def term_counts(toks: pd.DataFrame, group_of: dict[str, str],
                duplicates: Collection[str] | None = None) -> pd.DataFrame:
    """``term x group`` counts of word tokens that contain a letter (numbers and clitics out), spelling
    variants merged (:func:`canonical_terms`); the documents in ``duplicates`` are not counted (:func:`counted`)."""
    group_of = counted(group_of, duplicates)
    mask = (toks["is_word"] & toks["lower"].str.contains(r"[a-z]", regex=True)).to_numpy()
    # Counted by codes, by canonical_terms' rule: a term is the token's own when the token is a case-sensitive
    # variant, else that of its lower-case form. Each distinct token, lower-case form and document is looked
    # up once and the counts are one bincount; terms and groups nothing was counted for are then left out.
    # Grouping copies of the word rows by their strings held several copies of them (about 2.5 GB at ten
    # million tokens). Same table (a test keeps that way as its reference).
    exact, lower = spelling_variants()
    raw = toks["token"] if "token" in toks.columns else toks["lower"]
    t_codes, t_values = pd.factorize(raw, use_na_sentinel=False)
    l_codes, l_values = pd.factorize(toks["lower"], use_na_sentinel=False)
    d_codes, d_values = pd.factorize(toks["doc_id"], use_na_sentinel=False)
    by_token = [exact.get(t) for t in t_values]
    by_lower = [lower.get(w, w) for w in l_values]
    by_doc = [group_of.get(d) if isinstance(d, str) else None for d in d_values]
    terms = sorted({t for t in (*by_token, *by_lower) if isinstance(t, str)})
    groups = sorted({g for g in by_doc if g is not None})
    term_at, group_at = {t: i for i, t in enumerate(terms)}, {g: i for i, g in enumerate(groups)}

    def codes(values: list, at: dict) -> np.ndarray:
        return np.array([at.get(v, -1) if isinstance(v, str) else -1 for v in values], dtype=np.int64)

    t_codes, l_codes = t_codes[mask], l_codes[mask]
    row_term = codes(by_token, term_at)[t_codes]
    from_lower = row_term < 0  # not a case-sensitive variant
    row_term[from_lower] = codes(by_lower, term_at)[l_codes[from_lower]]
    row_group = codes(by_doc, group_at)[d_codes[mask]]
    keep = (row_term >= 0) & (row_group >= 0)
    flat = np.bincount(row_term[keep] * len(groups) + row_group[keep], minlength=len(terms) * len(groups))
    counts = flat.reshape(len(terms), len(groups)).astype(np.int64)
    rows, cols = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    return pd.DataFrame(counts[rows][:, cols],
                        index=pd.Index([t for t, r in zip(terms, rows) if r], dtype="str", name="term"),
                        columns=pd.Index([g for g, c in zip(groups, cols) if c], dtype="str"))


def surface_frequency(term: str) -> float:
    """General-English frequency of ``term`` by its own surface form: wordfreq's frequency when wordfreq keeps
    the term as it is (``tokenize(term) == [term]``) and the term has a letter, else 0 (no prior of its own)."""
    if not any(ch.isalpha() for ch in term) or wordfreq.tokenize(term, "en") != [term]:
        return 0.0
    return float(wordfreq.word_frequency(term, "en"))


def background_prior(terms: pd.Index) -> pd.Series:
    """General-English relative frequencies of ``terms`` by surface form (:func:`surface_frequency`); terms
    without one get :data:`MIN_FREQUENCY`; renormalised to sum to 1."""
    freq = pd.Series([surface_frequency(t) for t in terms], index=terms, dtype=float)
    freq = freq.where(freq > 0, MIN_FREQUENCY)
    return freq / freq.sum()


def log_odds(y_i: np.ndarray, y_j: np.ndarray, a: np.ndarray,
             a_j: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, var, z)`` of Monroe et al. (2008) for counts ``y_i``, ``y_j`` and prior ``a`` (arrays); with
    ``a_j`` the second side has its own prior (``a`` then belongs to the first)."""
    y_i, y_j, a = (np.asarray(x, dtype=float) for x in (y_i, y_j, a))
    a_j = a if a_j is None else np.asarray(a_j, dtype=float)
    n_i, n_j, a0_i, a0_j = y_i.sum(), y_j.sum(), a.sum(), a_j.sum()
    with np.errstate(divide="ignore", invalid="ignore"):  # a vocabulary of one term has no odds: NaN
        delta = (np.log((y_i + a) / (n_i + a0_i - y_i - a)) - np.log((y_j + a_j) / (n_j + a0_j - y_j - a_j)))
        var = 1.0 / (y_i + a) + 1.0 / (y_j + a_j)
        return delta, var, delta / np.sqrt(var)


def _prior(counts: pd.DataFrame, a0: float | None, prior: str,
           shape: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """(prior shape ``p_w``, prior total ``a_0`` for a side of mean size): see the module docstring. ``shape``:
    the wordfreq shape of these terms when already computed (it depends on the terms only)."""
    n_mean = float(counts.to_numpy().sum() / counts.shape[1])
    if prior == "wordfreq":
        shape = background_prior(counts.index).to_numpy() if shape is None else shape
        return shape, n_mean if a0 is None else float(a0)
    if prior == "flat":  # Monroe's fallback, a_w = 0.01 for a side of mean size
        return np.full(len(counts), 1.0 / len(counts)), 0.01 * len(counts)
    raise ValueError(f"unknown prior {prior!r} (use 'wordfreq' or 'flat')")


def _compare(terms: pd.Index, y_i: np.ndarray, y_j: np.ndarray, shape: np.ndarray, a0: float, n_mean: float,
             fw: frozenset[str], group: str) -> pd.DataFrame:
    """One side against the other: the rows of :func:`keyness` for ``group``."""
    y_i, y_j = np.asarray(y_i, dtype=float), np.asarray(y_j, dtype=float)
    n_i, n_j = y_i.sum(), y_j.sum()
    a_i, a_j = shape * a0 * n_i / n_mean, shape * a0 * n_j / n_mean
    delta, _, z = log_odds(y_i, y_j, a_i, a_j)
    same = y_i * n_j == y_j * n_i  # equal relative frequencies (exact in integers): no difference
    delta, z = np.where(same, 0.0, delta), np.where(same, 0.0, z)
    p = 2 * norm.sf(np.abs(z))
    return pd.DataFrame({"group": group, "term": terms, "count": y_i.astype("int64"),
                         "count_rest": y_j.astype("int64"), "total": (y_i + y_j).astype("int64"), "delta": delta,
                         "z": z, "p": p, "q_bh": false_discovery_control(p), "function_word": terms.isin(fw)})


def keyness(toks: pd.DataFrame, group_of: dict[str, str], a0: float | None = None,
            prior: str = "wordfreq", duplicates: Collection[str] | None = None) -> pd.DataFrame:
    """Keyness of every term for every group against the rest.

    Returns one row per (group, term): ``group, term, count, count_rest, total, delta, z, p, q_bh,
    function_word``; positive z means the term is relatively more frequent in ``group`` than in the rest
    (never otherwise: see the module docstring); ``q_bh`` is the Benjamini-Hochberg q-value across the terms of
    that comparison. ``prior='wordfreq'`` (informative) or ``'flat'`` (a_w = 0.01 at the mean group size,
    Monroe's fallback). ``a0`` defaults to the mean words per group. ``duplicates``: ids of near-duplicate
    articles left out, so each text counts once (:func:`counted`).
    """
    return _keyness(term_counts(toks, group_of, duplicates), a0, prior)


def _keyness(counts: pd.DataFrame, a0: float | None, prior: str, shape: np.ndarray | None = None) -> pd.DataFrame:
    """:func:`keyness` from its ``term x group`` counts (:func:`term_counts`); ``shape`` as :func:`_prior`."""
    fw = function_words()
    groups = list(counts.columns)
    if len(groups) < 2:
        raise ValueError("keyness needs at least two stance groups")
    shape, total = _prior(counts, a0, prior, shape)
    n_mean = float(counts.to_numpy().sum() / len(groups))
    rows = []
    for g in (groups if len(groups) > 2 else groups[:1]):
        y_i = counts[g].to_numpy()
        y_j = counts.drop(columns=g).sum(axis=1).to_numpy()
        part = _compare(counts.index, y_i, y_j, shape, total, n_mean, fw, g)
        rows.append(part)
        if len(groups) == 2:  # the other side is the same comparison, mirrored
            other = [x for x in groups if x != g][0]
            rows.append(part.assign(group=other, count=part["count_rest"], count_rest=part["count"],
                                    delta=-part["delta"], z=-part["z"]))
    return pd.concat(rows, ignore_index=True)


def keyness_pair(toks: pd.DataFrame, group_of: dict[str, str], group_a: str, group_b: str,
                 a0: float | None = None, prior: str = "wordfreq",
                 duplicates: Collection[str] | None = None) -> pd.DataFrame:
    """Keyness of every term for ``group_a`` against ``group_b`` alone (the other groups left out), with the
    mirrored rows for ``group_b``; the columns of :func:`keyness` (``count_rest`` is the other group's count),
    plus ``other``: the group compared with. The prior's ``a0`` defaults to the mean words of the two groups;
    ``duplicates`` as in :func:`keyness`."""
    chosen = {d: g for d, g in counted(group_of, duplicates).items() if g in (group_a, group_b)}
    counts = term_counts(toks, chosen)
    if group_a == group_b or not {group_a, group_b} <= set(counts.columns):
        raise ValueError(f"keyness_pair needs two different groups with words: {group_a!r}, {group_b!r}")
    counts = counts[[group_a, group_b]]
    counts = counts[counts.sum(axis=1) > 0]
    shape, total = _prior(counts, a0, prior)
    n_mean = float(counts.to_numpy().sum() / 2)
    part = _compare(counts.index, counts[group_a].to_numpy(), counts[group_b].to_numpy(), shape, total, n_mean,
                    function_words(), group_a)
    mirrored = part.assign(group=group_b, count=part["count_rest"], count_rest=part["count"], delta=-part["delta"],
                           z=-part["z"])
    return pd.concat([part.assign(other=group_b), mirrored.assign(other=group_a)], ignore_index=True)


def fdr_summary(table: pd.DataFrame, alpha: float = 0.05) -> dict[str, int]:
    """Terms tested per comparison and how many pass Benjamini-Hochberg at ``alpha`` (one side counted)."""
    first = table[table["group"] == table["group"].iloc[0]] if len(table) else table
    return {"tested": int(len(first)), "passing": int(((table["q_bh"] < alpha) & (table["z"] > 0)).sum()),
            "alpha": alpha}


#: A term is shown capitalised (a proper noun: "Trump", "Tehran") when at least this share of its tokens are.
CAPITALISED_SHARE = 0.8


def display_terms(toks: pd.DataFrame, terms) -> dict[str, str]:
    """How each term (lower-case, as :func:`term_counts` counts it) is shown to a reader: its most frequent
    capitalised spelling when at least :data:`CAPITALISED_SHARE` of its tokens are capitalised (a proper noun;
    a common word capitalised at the start of sentences stays lower-case), else the term itself. Terms merged
    from case-sensitive variants ("U.S.") keep their canonical form."""
    wanted = set(terms)
    if "token" not in toks.columns or not wanted:
        return {t: t for t in wanted}
    words = toks.loc[toks["lower"].isin(wanted), ["lower", "token"]]
    shown = {}
    for term, part in words.groupby("lower", sort=True):
        capitalised = part["token"].str[:1].str.isupper()
        if capitalised.mean() >= CAPITALISED_SHARE:
            forms = part.loc[capitalised, "token"].value_counts()
            shown[term] = str(forms[forms == forms.max()].sort_index().index[0])
    return {t: shown.get(t, t) for t in wanted}


def top_terms(table: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most distinctive terms per group: highest z among the terms over-represented in it (z > 0; ties
    broken by term for a stable order). A group may have fewer than ``n``, or none."""
    table = table[table["z"] > 0]
    ordered = table.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="mergesort")
    return ordered.groupby("group", sort=True).head(n).reset_index(drop=True)


def term_in_context(toks: pd.DataFrame, sents: pd.DataFrame, term: str, doc_ids: list[str] | None = None,
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


def prior_sensitivity(toks: pd.DataFrame, group_of: dict[str, str], top: int = 15,
                      table: pd.DataFrame | None = None, duplicates: Collection[str] | None = None) -> pd.DataFrame:
    """How the prior's scale moves the list: for each group, how many of its ``top`` content terms under the
    default prior stay among the ``top`` under a₀ ten times smaller, ten times larger, and Monroe's flat
    fallback prior (a_w = 0.01). Rows are groups; columns name each alternative (with its a₀). ``table``: the
    default prior's :func:`keyness` of the same tokens and groups when already computed. The term counts and
    the prior's shape are computed once for every alternative; ``duplicates`` as in :func:`keyness` (give the same
    as to ``table``)."""
    group_of = counted(group_of, duplicates)
    groups = sorted(set(group_of.values()))

    def tops(table: pd.DataFrame) -> dict[str, set[str]]:
        chosen = top_terms(table[~table["function_word"]], top)
        return {g: set(chosen.loc[chosen["group"] == g, "term"]) for g in groups}

    counts = term_counts(toks, group_of)
    shape = background_prior(counts.index).to_numpy()
    base = tops(_keyness(counts, None, "wordfreq", shape) if table is None else table)
    words = toks["is_word"] if not duplicates else toks["is_word"] & ~toks["doc_id"].isin(set(duplicates))
    a0 = int(words.sum()) / len(groups)
    alternatives = {f"a0 / 10 ({a0 / 10:.0f})": _keyness(counts, a0 / 10, "wordfreq", shape),
                    f"a0 x 10 ({a0 * 10:.0f})": _keyness(counts, a0 * 10, "wordfreq", shape),
                    "flat prior": _keyness(counts, None, "flat")}
    out = {name: {g: len(base[g] & alt[g]) for g in groups}
           for name, alt in ((name, tops(table)) for name, table in alternatives.items())}
    return pd.DataFrame(out).rename_axis(f"shared of top {top}")
