"""Development and audit samples from the benchmark corpus: where instruments are built and checked.

The seeds are the texts the study measures, so no word list, rule or threshold may be chosen on them.
Instruments are developed on other text and their precision is audited on yet other text, by a rule
fixed before any instrument was revised:

* **Source.** ``../shared/bench/allsides-10k.jsonl.gz`` (10,000 AllSides articles, Baly et al. 2020), read in
  place and never copied: no text from it enters the repository. Gold files keep ids and offsets only.
* **Strata.** *international*: articles whose AllSides topic is listed in ``data/reference_topics.csv``
  (foreign policy, security, the Middle East, China ..., each topic with its reason); *general*: every
  other topic. Instruments that should work on news in general are developed on both.
* **Split.** Each article belongs to ``dev`` or ``audit`` by the parity of the first byte of
  ``sha256("{SPLIT_SEED}:{id}")``: fixed, independent of file order, about half each. Instruments are
  developed on ``dev`` only; precision audits draw their hits from ``audit``.
* **Samples.** :func:`sample` draws ``n`` articles of one split and stratum with ``numpy``'s
  ``default_rng(seed)`` from the ids in sorted order, so a sample is named by (split, stratum, n, seed).

An audit takes every hit an instrument finds in a sample, draws a seeded random subset of hits
(:func:`draw_hits`, stratified by category), shows each with its context to a coder (:func:`contexts`,
never written into the repository) and stores the coder's verdict with the hit's id and offsets in a gold
file ``data/audit_<instrument>.csv`` (columns :data:`GOLD_COLUMNS`), from which :func:`precision` computes
hit precision with a Wilson 95% interval.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from rhetoric.analysis.agreement import wilson_interval
from rhetoric.base.paths import BENCH, data_file
from rhetoric.io.articles import Article, chunk_corpus, read_jsonl
from rhetoric.language.tokens import sentences_and_tokens

SPLIT_SEED = 20251123
STRATA = ("international", "general")
GOLD_COLUMNS = ["instrument", "category", "doc_id", "start", "end", "term", "matched", "label", "note", "split",
                "sample_seed", "stratum", "coder"]


def reference_topics() -> list[str]:
    """The AllSides topics of the *international* stratum (the project's ``data/reference_topics.csv``, each with
    a reason; a corpus's own ``lexicons/reference_topics.csv`` changes notebook 06's reference set, never the
    strata the audits were drawn from)."""
    return list(pd.read_csv(data_file("reference_topics.csv"), dtype=str, keep_default_na=False)["topic"])


def bench_split_of(doc_id: str) -> str:
    """``'dev'`` or ``'audit'``: the article's half, fixed by a hash of its id."""
    return "dev" if hashlib.sha256(f"{SPLIT_SEED}:{doc_id}".encode()).digest()[0] % 2 == 0 else "audit"


def stratum_of(topic: str, topics: Iterable[str] | None = None) -> str:
    return "international" if topic in set(reference_topics() if topics is None else topics) else "general"


def bench_articles(source=BENCH) -> list[Article]:
    """Every readable article of the benchmark corpus (an article that cannot be read is skipped)."""
    if not source.is_file():
        raise FileNotFoundError(f"{source}: the benchmark corpus is not beside the project (../shared/bench/)")
    return [a for a in read_jsonl(source) if isinstance(a, Article)]


def catalogue(articles: list[Article]) -> pd.DataFrame:
    """One row per article: ``doc_id, topic, outlet, leaning, stratum, split, n_chars``."""
    topics = set(reference_topics())
    return pd.DataFrame([{"doc_id": a.doc_id, "topic": a.meta.get("topic", ""), "outlet": a.meta.get("outlet", ""),
                          "leaning": a.stance, "stratum": stratum_of(a.meta.get("topic", ""), topics),
                          "split": bench_split_of(a.doc_id), "n_chars": len(a.text)} for a in articles])


def sample(articles: list[Article], split: str, stratum: str, n: int, seed: int) -> list[Article]:
    """``n`` articles (or all, if fewer) of one split and stratum, drawn with ``default_rng(seed)``."""
    if split not in ("dev", "audit") or stratum not in (*STRATA, "any"):
        raise ValueError(f"unknown split {split!r} or stratum {stratum!r}")
    topics = set(reference_topics())
    pool = sorted((a for a in articles if bench_split_of(a.doc_id) == split
                   and (stratum == "any" or stratum_of(a.meta.get("topic", ""), topics) == stratum)),
                  key=lambda a: a.doc_id)
    if n >= len(pool):
        return pool
    picked = np.random.default_rng(seed).choice(len(pool), size=n, replace=False)
    return [pool[i] for i in sorted(picked)]


def hits_in(articles: list[Article], find: Callable, chunk: int = 64) -> pd.DataFrame:
    """Run an instrument's hit finder ``find(sents, toks) -> hits`` over articles, chunk by chunk.

    Returns the hits (``doc_id, start, end, matched, term`` and whatever the finder adds, e.g. ``category``).
    """
    parts = []
    for k in range(0, len(articles), chunk):
        corpus = chunk_corpus(articles[k:k + chunk])
        sents, toks = sentences_and_tokens(corpus)
        parts.append(find(sents, toks))
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def draw_hits(hits: pd.DataFrame, n: int, seed: int, by: str = "category", minimum: int = 5) -> pd.DataFrame:
    """A seeded random subset of about ``n`` hits for hand-checking, stratified by ``by``.

    Every category gets at least ``minimum`` hits (or all it has); the rest of ``n`` is spread in proportion
    to each category's share of hits. Rows come back in (category, doc_id, start) order.
    """
    rng = np.random.default_rng(seed)
    ordered = hits.sort_values([by, "doc_id", "start"], kind="mergesort").reset_index(drop=True)
    sizes = ordered[by].value_counts().sort_index()
    quota = {c: min(k, max(minimum, int(round(n * k / len(ordered))))) for c, k in sizes.items()}
    picked = []
    for c, part in ordered.groupby(by, sort=True):
        idx = rng.choice(len(part), size=quota[c], replace=False)
        picked.append(part.iloc[sorted(idx)])
    return pd.concat(picked, ignore_index=True)


def contexts(hits: pd.DataFrame, articles: list[Article], width: int = 160) -> pd.DataFrame:
    """Each hit with its context (``left``, ``hit``, ``right``) from the raw text, for a coder to read.

    For the coder's eyes only: the benchmark's text must never be written into the repository.
    """
    raw = {a.doc_id: a.text for a in articles}
    rows = []
    for h in hits.itertuples(index=False):
        text = raw[h.doc_id]
        rows.append({"left": text[max(0, h.start - width):h.start].replace("\n", " ¶ "),
                     "hit": text[h.start:h.end],
                     "right": text[h.end:h.end + width].replace("\n", " ¶ ")})
    return pd.concat([hits.reset_index(drop=True), pd.DataFrame(rows)], axis=1)


def precision(gold: pd.DataFrame, by: list[str] | str = "category") -> pd.DataFrame:
    """Hit precision from an audit gold file, per ``by`` and overall, with a Wilson 95% interval."""
    by = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, part in [*gold.groupby(by, sort=True), (("all",) * len(by), gold)]:
        key = key if isinstance(key, tuple) else (key,)
        n, k = len(part), int(part["label"].astype(int).sum())
        low, high = wilson_interval(k, n)
        rows.append({**dict(zip(by, key)), "hits_checked": n, "correct": k,
                     "precision": k / n if n else float("nan"), "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)
