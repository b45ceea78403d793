"""The rhetorical profile: every measure of every article in one place, with intervals where defined.

Per-sentence measures (rates, tone, frames, markers) get bootstrap 95% intervals over sentences;
document-level measures (readability, lexical diversity) are single numbers, so they have none. The
standardised view puts every per-sentence measure on one scale: an article's mean minus the corpus mean,
divided by the corpus standard deviation across sentences, with a bootstrap interval. The extra markers
(contrast, attribution and evidentials, pronouns, proposal and verdict language) are data in
``data/rhetorical_markers.csv``, each with its reason and optional ``not_before`` / ``not_after`` vetoes.
The marker families are disjoint from each other and from the metadiscourse families (hedges, boosters,
attitude, self-mentions, engagement; see :mod:`rhetoric.families`): proposal language holds no bare modals,
verdict language no boosters, and first person plural is ``pronoun_we`` while self-mentions are singular.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import Corpus
from .lexicon import read_table
from .matching import counts_by_sentence, match_terms

MARKER_CATEGORIES = ["contrast", "attribution", "pronoun_we", "pronoun_they", "proposal", "verdict"]
#: Per-sentence counts expressed per 1,000 words in the profile (family, label).
RATE_MEASURES = {
    "hedges": ("stance", "hedges"), "boosters": ("stance", "boosters"),
    "attitude_markers": ("stance", "attitude markers"), "engagement_markers": ("engagement", "engagement markers"),
    "self_mentions": ("engagement", "self-mentions"), "pronoun_we": ("engagement", "we / our"),
    "pronoun_they": ("engagement", "they / their"), "questions": ("engagement", "questions"),
    "modal_possibility": ("modality", "possibility modals"), "modal_necessity": ("modality", "necessity modals"),
    "modal_prediction": ("modality", "prediction modals"), "conditionals": ("modality", "conditionals"),
    "contrast": ("argument", "contrast markers"), "attribution": ("argument", "attribution and evidentials"),
    "proposal": ("argument", "proposal language"), "verdict": ("argument", "verdict language"),
}


@lru_cache(maxsize=1)
def rhetorical_markers() -> pd.DataFrame:
    """``term, category, reason`` for contrast, attribution, pronoun, proposal and verdict markers."""
    return read_table("rhetorical_markers.csv")


def marker_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every argument-marker hit (context vetoes applied, :mod:`rhetoric.constraints`), with its ``category``."""
    from .constraints import apply_vetoes

    table = rhetorical_markers()
    hits = apply_vetoes(match_terms(toks, list(table["term"])), toks, table)
    return hits.merge(table[["term", "category"]], on="term", how="left")


def sentence_measures(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence with every per-sentence measure the profile uses."""
    from . import frames, hedging, sentiment
    from .tokens import sentences, tokens

    sents = sentences(corpus)
    toks = tokens(corpus, sents)
    parts = [sents[["doc_id", "sentence_id", "text", "n_words"]],
             sentiment.vader_scores(sents["text"])[["vader_compound"]],
             hedging.feature_columns(sents, toks),
             counts_by_sentence(sents, marker_hits(toks), "category", MARKER_CATEGORIES),
             (frames.frame_counts(sents, frames.frame_hits(toks)) > 0).astype(int)]
    table = pd.concat(parts, axis=1)
    table["questions"] = sents["text"].str.rstrip("”\"’' )").str.endswith("?").astype(int)
    return table


def profile(corpus: Corpus, measures: pd.DataFrame, *, seed: int, n: int = 10_000) -> pd.DataFrame:
    """The rhetorical profile (long): ``family, measure, doc_id, estimate, ci_low, ci_high, unit``."""
    from . import frames
    from .cleaning import body_paragraphs
    from .readability import lexical_diversity, readability
    from .stats import bootstrap_ratio_ci
    from .tokens import sentences, tokens

    rows = []
    paras = body_paragraphs(corpus)
    for r in readability(corpus, paras).melt(id_vars="doc_id", var_name="measure").itertuples():
        rows.append(("readability", r.measure, r.doc_id, r.value, np.nan, np.nan, "score (document)"))
    sents = sentences(corpus, paras)
    div = lexical_diversity(tokens(corpus, sents)).drop(columns=["types", "tokens"])
    for r in div.melt(id_vars="doc_id", var_name="measure").itertuples():
        rows.append(("vocabulary", r.measure, r.doc_id, r.value, np.nan, np.nan, "score (document)"))
    labels = dict(zip(frames.codebook()["frame"], frames.codebook()["label"]))
    specs = [("sentences", "words per sentence", "n_words", None, 1.0, "words"),
             ("tone", "VADER compound (mean)", "vader_compound", None, 1.0, "compound")]
    specs += [(family, label, col, "n_words", 1000.0, "per 1,000 words")
              for col, (family, label) in RATE_MEASURES.items()]
    specs += [("frames", labels[f], f"frame_{f}", None, 1.0, "share of sentences") for f in frames.frame_names()]
    k = 0
    for doc_id, g in measures.groupby("doc_id", sort=False):
        for family, label, col, den, scale, unit in specs:
            k += 1
            est, lo, hi = bootstrap_ratio_ci(g[col].to_numpy(), None if den is None else g[den].to_numpy(),
                                             scale=scale, seed=seed + k, n=n)
            rows.append((family, label, doc_id, est, lo, hi, unit))
    return pd.DataFrame(rows, columns=["family", "measure", "doc_id", "estimate", "ci_low", "ci_high", "unit"])


def standardised(measures: pd.DataFrame, columns: dict[str, str], *, seed: int, n: int = 2_000) -> pd.DataFrame:
    """Per document and measure: (document mean - corpus mean) / corpus SD over sentences, with a bootstrap
    95% interval (sentences of the document resampled). Rates are per-sentence rates per 1,000 words."""
    rows = []
    rng = np.random.default_rng(seed)
    for col, label in columns.items():
        values = measures[col].astype(float)
        if col not in {"vader_compound", "n_words"} and not col.startswith("frame_"):
            values = 1000 * values / measures["n_words"].clip(lower=1)
        mu, sd = values.mean(), values.std(ddof=1)
        if not sd > 0:
            continue
        for doc_id in dict.fromkeys(measures["doc_id"]):
            v = values[measures["doc_id"] == doc_id].to_numpy()
            boot = v[rng.integers(0, len(v), size=(n, len(v)))].mean(axis=1)
            rows.append({"measure": label, "doc_id": doc_id, "estimate": (v.mean() - mu) / sd,
                         "ci_low": (np.quantile(boot, 0.025) - mu) / sd, "ci_high": (np.quantile(boot, 0.975) - mu) / sd})
    return pd.DataFrame(rows)


def quotations(sents: pd.DataFrame, mentions: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Whose voices: every quoted span, and every sentence with an attribution marker, with the named voices
    (people and institutions named in the sentence) and the attribution words used."""
    named = mentions.groupby(["doc_id", "sentence_id"])["alias"].agg(lambda a: ", ".join(dict.fromkeys(a)))
    attrib = hits[hits["category"] == "attribution"].groupby(["doc_id", "sentence_id"])["matched"].agg(
        lambda a: ", ".join(a))
    rows = []
    for s in sents.itertuples():
        quotes = re.findall(r"“([^”]+)”", s.text)
        key = (s.doc_id, s.sentence_id)
        if quotes or key in attrib.index:
            rows.append({"doc_id": s.doc_id, "sentence_id": s.sentence_id, "quoted": " | ".join(quotes),
                         "attribution": attrib.get(key, ""), "actors_named": named.get(key, ""), "text": s.text})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "quoted", "attribution", "actors_named", "text"])


def actor_positioning(measures: pd.DataFrame, mentions: pd.DataFrame, actions: pd.DataFrame,
                      actors: list[str]) -> pd.DataFrame:
    """How each article positions each actor: mentions per 1,000 words, what the actor can/could do (modal
    constructions), the tone of the sentences naming it, and how hedged or boosted they are."""
    words = measures.groupby("doc_id", sort=False)["n_words"].sum()
    flags = measures[["doc_id", "sentence_id", "vader_compound", "hedges", "boosters"]]
    rows = []
    for doc_id in words.index:
        for actor in actors:
            m = mentions[(mentions["doc_id"] == doc_id) & (mentions["actor"] == actor)]
            s = flags.merge(m[["doc_id", "sentence_id"]].drop_duplicates(), on=["doc_id", "sentence_id"])
            a = actions[(actions["doc_id"] == doc_id) & (actions["actor"] == actor)]
            modal = a[a["construction"] == "modal"]
            rows.append({"doc_id": doc_id, "actor": actor, "mentions_per_1000": 1000 * len(m) / words[doc_id],
                         "sentences": len(s), "modal_constructions": len(modal),
                         "can_could": int(modal["modal"].isin(["can", "could"]).sum()),
                         "verb_constructions": int((a["construction"] == "verb").sum()),
                         "negated": int(a["negated"].sum()),
                         "mean_tone": s["vader_compound"].mean() if len(s) else np.nan,
                         "share_hedged": (s["hedges"] > 0).mean() if len(s) else np.nan,
                         "share_boosted": (s["boosters"] > 0).mean() if len(s) else np.nan})
    return pd.DataFrame(rows)


def tone_against_stance(measures: pd.DataFrame) -> pd.DataFrame:
    """Sentences where lexicon tone and argumentative function part ways: proposals that read negative,
    verdicts that read positive (VADER's +/-0.05 thresholds)."""
    proposal_negative = (measures["proposal"] > 0) & (measures["vader_compound"] <= -0.05)
    verdict_positive = (measures["verdict"] > 0) & (measures["vader_compound"] >= 0.05)
    out = measures[proposal_negative | verdict_positive].copy()
    out["mismatch"] = np.where(proposal_negative[out.index], "proposal, negative tone", "verdict, positive tone")
    return out[["doc_id", "sentence_id", "mismatch", "vader_compound", "proposal", "verdict", "text"]]
