"""The rhetorical profile: every measure of every article in one place, with intervals where defined.

Per-sentence measures (rates, tone, frames, markers) get bootstrap 95% intervals over sentences;
document-level measures (readability, lexical diversity) are single numbers, so they have none. The
standardised view puts every per-sentence measure on one scale: an article's mean minus the corpus mean,
divided by the corpus standard deviation across sentences, with a bootstrap interval. For a corpus of two
articles, :func:`document_difference` gives each measure's difference between them in its own units, with an
interval from the same resamples as the profile's. The extra markers
(contrast, attribution and evidentials, pronouns, proposal and verdict language) are measured by
:mod:`rhetoric.instruments.argument`; every measure comes from the registry (:mod:`rhetoric.instruments.registry`).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rhetoric.analysis.aggregate import article_intervals, input_matrix, sentence_values
from rhetoric.analysis.resampling import bootstrap_weights, chunks
from rhetoric.instruments import argument, hedging


def profile(table: pd.DataFrame, diversity: pd.DataFrame | None = None, *, seed: int, n: int = 10_000,
            measures: list | None = None) -> pd.DataFrame:
    """The rhetorical profile (long): every registered measure of every article with a bootstrap 95% interval
    over its sentences (:func:`rhetoric.analysis.aggregate.article_intervals`), plus the document-level lexical
    diversity scores in ``diversity`` (no interval). Columns :data:`rhetoric.analysis.aggregate.PROFILE_COLUMNS`."""
    rows = article_intervals(table, measures, seed=seed, n=n)
    if diversity is not None:
        div = diversity.drop(columns=[c for c in ("types", "tokens") if c in diversity.columns])
        long = div.melt(id_vars="doc_id", var_name="label", value_name="estimate")
        long = long.assign(family="vocabulary", measure=long["label"], unit="score (document)", ci_low=np.nan,
                           ci_high=np.nan, n_sentences=long["doc_id"].map(table.groupby("doc_id").size()))
        rows = pd.concat([long[rows.columns], rows], ignore_index=True)
    return rows


def standardised(table: pd.DataFrame, measures: list, *, seed: int, n: int = 2_000,
                 spread: str = "sentences") -> pd.DataFrame:
    """Per document and measure: (document mean - corpus mean) / corpus SD of the measure's per-sentence
    values (:func:`rhetoric.analysis.aggregate.sentence_values`), with a bootstrap 95% interval (the document's
    sentences resampled). With ``spread="documents"``: (document mean - mean of the document means) / SD of the
    document means (across documents, as the group comparison standardises; two documents or more), so group
    means of the documents' values are spread as the documents are, not shrunk towards 0 by the much larger
    spread across sentences. Each document's resamples are drawn once, in document order, and used for every
    measure (one matrix of multiplicities times the sentences' values,
    :func:`rhetoric.analysis.resampling.bootstrap_weights`). Measures whose values do not vary are left out."""
    columns = ["measure", "name", "doc_id", "estimate", "ci_low", "ci_high"]
    kept, arrays = [], []
    if spread not in ("sentences", "documents"):
        raise ValueError(f"spread is 'sentences' or 'documents', not {spread!r}")
    for m in measures:
        values = sentence_values(table, m)
        if spread == "documents":
            doc_means = values.groupby(table["doc_id"].to_numpy(), sort=False).mean()
            mu, sd = doc_means.mean(), doc_means.std(ddof=1)
        else:
            mu, sd = values.mean(), values.std(ddof=1)
        if sd > 0:
            kept.append((m, mu, sd))
            arrays.append(values.to_numpy(dtype=float))
    if not kept:
        return pd.DataFrame(columns=columns)
    matrix = np.column_stack(arrays)  # sentences x measures
    positions = table.groupby("doc_id", sort=False).indices  # each document's rows, in table order
    docs = list(dict.fromkeys(table["doc_id"]))  # in order of appearance
    rng = np.random.default_rng(seed)
    bounds = np.empty((2, len(docs), len(kept)))
    for k, doc_id in enumerate(docs):
        rows = matrix[positions[doc_id]]
        size = len(rows)
        means = np.vstack([bootstrap_weights(rng, part, size) @ rows for part in chunks(n, size)]) / size
        bounds[:, k, :] = np.quantile(means, [0.025, 0.975], axis=0)
    out = []
    for j, (m, mu, sd) in enumerate(kept):
        for k, doc_id in enumerate(docs):
            out.append({"measure": m.label, "name": m.name, "doc_id": doc_id,
                        "estimate": (arrays[j][positions[doc_id]].mean() - mu) / sd,
                        "ci_low": (bounds[0, k, j] - mu) / sd, "ci_high": (bounds[1, k, j] - mu) / sd})
    return pd.DataFrame(out, columns=columns)


DIFFERENCE_COLUMNS = ["family", "measure", "name", "unit", "doc_a", "doc_b", "estimate_a", "estimate_b",
                      "difference", "ci_low", "ci_high"]


def document_difference(table: pd.DataFrame, measures: list, *, seed: int, n: int = 10_000,
                        level: float = 0.95) -> pd.DataFrame:
    """For a corpus of exactly two articles: each measure's value in the second article (``doc_b``, in order of
    appearance) minus the first (``doc_a``), in the measure's own units (a rate per 1,000 words, a share of
    sentences, a mean per sentence), with a bootstrap percentile interval. Each article's sentences are
    resampled on their own, with the draws :func:`rhetoric.analysis.aggregate.article_intervals` uses for the
    profile (``default_rng(seed + k)`` for the k-th article), so each article's resampled values are the ones
    behind its profile interval; the interval is that of their difference. Sentences of one article are not
    independent, so the interval is too narrow: it describes the two texts. Columns :data:`DIFFERENCE_COLUMNS`
    (``measure`` is the label, ``name`` the registry's name)."""
    codes, ids = pd.factorize(table["doc_id"], sort=False)
    if len(ids) != 2:
        raise ValueError(f"a difference needs exactly two articles, not {len(ids)}")
    alpha = (1 - level) / 2
    inputs, matrix, where = input_matrix(table, measures)
    estimate, boot = np.empty((2, len(measures))), np.empty((2, n, len(measures)))
    for k in range(2):
        rows = matrix[codes == k]
        m_sent = len(rows)
        rng = np.random.default_rng(seed + k)
        sums = np.vstack([bootstrap_weights(rng, size, m_sent) @ rows for size in chunks(n, m_sent)])
        total = rows.sum(axis=0)
        for j, m in enumerate(measures):
            cols = {key: where[(j, key)] for key in inputs[j]}
            estimate[k, j] = m.combine({key: total[c:c + 1] for key, c in cols.items()}, np.array([float(m_sent)]))[0]
            boot[k, :, j] = m.combine({key: sums[:, c] for key, c in cols.items()}, np.full(n, float(m_sent)))
    diff = boot[1] - boot[0]
    rows = []
    for j, m in enumerate(measures):
        d = diff[:, j][np.isfinite(diff[:, j])]
        low, high = np.quantile(d, [alpha, 1 - alpha]) if len(d) else (np.nan, np.nan)
        rows.append({"family": m.family, "measure": m.label, "name": m.name, "unit": m.unit, "doc_a": ids[0],
                     "doc_b": ids[1], "estimate_a": estimate[0, j], "estimate_b": estimate[1, j],
                     "difference": estimate[1, j] - estimate[0, j], "ci_low": float(low), "ci_high": float(high)})
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def marker_examples(hits: pd.DataFrame, sents: pd.DataFrame, categories: list[str], *, per_doc: int = 3,
                    limit: int = 24) -> pd.DataFrame:
    """Example rows of argument-marker categories: the first ``per_doc`` hits of each (article, category), at most
    ``limit`` rows, ``doc_id, sentence_id, category, matched, text``. ``hits`` must be the hits the measures count
    (:func:`rhetoric.instruments.argument.marker_hits` *with* the sentences, so proposal and verdict hits are the
    writer's own), so every row shown is a hit the measure counts."""
    chosen = hits[hits["category"].isin(categories)].merge(sents[["doc_id", "sentence_id", "text"]],
                                                            on=["doc_id", "sentence_id"])
    chosen = chosen.groupby(["doc_id", "category"], sort=False).head(per_doc).head(limit)
    return chosen[["doc_id", "sentence_id", "category", "matched", "text"]].reset_index(drop=True)


#: A quoted span: curly double quotes (“...”) or a pair of straight double quotes ("...") on one line. Single
#: quotes are left out: a straight or curly apostrophe ("China's", "don’t") cannot be told from a quote mark.
_QUOTED = re.compile(r'“([^”\n]+)”|"([^"\n]+)"')


def quoted(text: str) -> list[str]:
    """The quoted spans of one sentence, in order: text between curly double quotes or between a pair of
    straight double quotes on one line (an unpaired mark quotes nothing; apostrophes are not quotes)."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(text)]


def quotations(sents: pd.DataFrame, mentions: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Whose voices: every quoted span, and every sentence with an attribution marker, with the named voices
    (people and institutions named in the sentence) and the attribution words used."""
    voices: dict[tuple, dict[str, None]] = {}  # per sentence, the aliases named, in order, each once
    for key_alias in zip(mentions["doc_id"].tolist(), mentions["sentence_id"].tolist(), mentions["alias"].tolist()):
        voices.setdefault(key_alias[:2], {})[key_alias[2]] = None
    said = hits[hits["category"] == "attribution"]
    words: dict[tuple, list[str]] = {}  # per sentence, the attribution words, in order
    for doc_id, sentence_id, matched in zip(said["doc_id"].tolist(), said["sentence_id"].tolist(),
                                            said["matched"].tolist()):
        words.setdefault((doc_id, sentence_id), []).append(matched)
    rows = []
    for doc_id, sentence_id, text in zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist(),
                                         sents["text"].tolist()):
        quotes = quoted(text)
        key = (doc_id, sentence_id)
        if quotes or key in words:
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id, "quoted": " | ".join(quotes),
                         "attribution": ", ".join(words.get(key, ())),
                         "actors_named": ", ".join(voices.get(key, ())), "text": text})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "quoted", "attribution", "actors_named", "text"])


def actor_positioning(measures: pd.DataFrame, mentions: pd.DataFrame, actions: pd.DataFrame,
                      actors: list[str]) -> pd.DataFrame:
    """How each article positions each actor: mentions per 1,000 words, what the actor can/could do (modal
    constructions), the tone of the sentences naming it, and how hedged or boosted they are."""
    words = measures.groupby("doc_id", sort=False)["n_words"].sum()
    flags = measures[["doc_id", "sentence_id", "vader_compound", "hedges", "boosters"]].reset_index(drop=True)
    row_of = {key: i for i, key in enumerate(zip(flags["doc_id"], flags["sentence_id"]))}
    tone = flags["vader_compound"].to_numpy(dtype=float)
    hedged, boosted = (flags["hedges"] > 0).to_numpy(), (flags["boosters"] > 0).to_numpy()
    # one pass over the mentions and one over the actions: each (article, actor)'s counts and named sentences
    counted: dict[tuple, int] = {}
    named: dict[tuple, set[int]] = {}
    for key in zip(mentions["doc_id"].tolist(), mentions["actor"].tolist(), mentions["sentence_id"].tolist()):
        pair = key[:2]
        counted[pair] = counted.get(pair, 0) + 1
        row = row_of.get((key[0], key[2]))
        if row is not None:
            named.setdefault(pair, set()).add(row)
    acts: dict[tuple, list[int]] = {}  # modal constructions, of them can/could, verb constructions, negated
    for doc_id, actor, construction, modal, negated in zip(
            actions["doc_id"].tolist(), actions["actor"].tolist(), actions["construction"].tolist(),
            actions["modal"].tolist(), actions["negated"].tolist()):
        tally = acts.setdefault((doc_id, actor), [0, 0, 0, 0])
        if construction == "modal":
            tally[0] += 1
            tally[1] += modal in ("can", "could")
        tally[2] += construction == "verb"
        tally[3] += int(negated)
    rows = []
    for doc_id in words.index:
        for actor in actors:
            pair = (doc_id, actor)
            idx = np.array(sorted(named.get(pair, ())), dtype=np.int64)
            modal_n, can_could, verbs, negated = acts.get(pair, (0, 0, 0, 0))
            rows.append({"doc_id": doc_id, "actor": actor,
                         "mentions_per_1000": 1000 * counted.get(pair, 0) / words[doc_id],
                         "sentences": len(idx), "modal_constructions": modal_n, "can_could": int(can_could),
                         "verb_constructions": int(verbs), "negated": int(negated),
                         "mean_tone": _mean(tone[idx]) if len(idx) else np.nan,
                         "share_hedged": _mean(hedged[idx]) if len(idx) else np.nan,
                         "share_boosted": _mean(boosted[idx]) if len(idx) else np.nan})
    return pd.DataFrame(rows)


def _mean(values: np.ndarray) -> float:
    """The mean pandas gives a Series of ``values`` (missing values skipped, sums in float64), as a float64."""
    if values.dtype.kind == "f":
        missing = np.isnan(values)
        if missing.any():
            kept = int((~missing).sum())
            return np.float64(np.where(missing, 0.0, values).sum() / kept) if kept else np.float64(np.nan)
    return np.float64(values.sum(dtype=np.float64) / len(values))


def tone_against_stance(measures: pd.DataFrame) -> pd.DataFrame:
    """Sentences where lexicon tone and argumentative function part ways: proposals that read negative,
    verdicts that read positive (VADER's +/-0.05 thresholds)."""
    proposal_negative = (measures["proposal"] > 0) & (measures["vader_compound"] <= -0.05)
    verdict_positive = (measures["verdict"] > 0) & (measures["vader_compound"] >= 0.05)
    out = measures[proposal_negative | verdict_positive].copy()
    out["mismatch"] = np.where(proposal_negative[out.index], "proposal, negative tone", "verdict, positive tone")
    return out[["doc_id", "sentence_id", "mismatch", "vader_compound", "proposal", "verdict", "text"]]


def family_hits(sents: pd.DataFrame, toks: pd.DataFrame,
                found: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Every word-list hit of the marker families the feature table counts, one row per token it covers:
    ``doc_id, sentence_id, token_id, family`` (families named as the feature-table columns). ``found``: the
    markers, modals and conditionals of these tables when already found (as
    :meth:`rhetoric.run.notebook.Session.markers` gives them), else found here."""
    marks, mods, conds = hedging.marker_tables(toks, sents) if found is None else found
    parts = []
    parts.append(marks.assign(family=marks["category"].map(hedging.FEATURE_NAMES)))
    parts.append(mods.assign(family="modal_" + mods["type"]))
    conds = conds.assign(n_tokens=1, family="conditionals")
    parts.append(conds)
    arg = argument.marker_hits(toks)
    parts.append(arg.assign(family=arg["category"]))
    rows = []
    for p in parts:
        for d, s, t, n, f in zip(p["doc_id"], p["sentence_id"], p["token_id"], p["n_tokens"], p["family"]):
            rows.extend((d, s, t + k, f) for k in range(int(n)))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "token_id", "family"])


def family_overlap(hits: pd.DataFrame, families: list[str] | None = None) -> pd.DataFrame:
    """For each pair of families, how many word occurrences (tokens) both count: the explicit overlap table.

    A pair with zero shares nothing; the registry's *core* measures are meant to be pairwise zero.
    """
    if families is not None:
        hits = hits[hits["family"].isin(families)]
    sets = {f: set(zip(g["doc_id"], g["token_id"])) for f, g in hits.groupby("family", sort=True)}
    names = sorted(sets)
    rows = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = len(sets[a] & sets[b])
            if shared:
                rows.append({"family_a": a, "family_b": b, "shared_tokens": shared,
                             "share_of_a": shared / len(sets[a]), "share_of_b": shared / len(sets[b])})
    return pd.DataFrame(rows, columns=["family_a", "family_b", "shared_tokens", "share_of_a", "share_of_b"])
