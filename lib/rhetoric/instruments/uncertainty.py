"""Semantic uncertainty cues (hedges): which words in a sentence mark it as uncertain, and where.

What it measures
    A sentence is *uncertain* when it holds at least one uncertainty cue in the sense of the Szeged
    Uncertainty Corpus (Szarvas, Vincze, Farkas, Móra & Gurevych 2012, "Cross-genre and cross-domain
    detection of semantic uncertainty", Computational Linguistics 38(2); Vincze 2015): epistemic
    possibility ("may", "likely", "probably"), belief ("believe", "suggest", "is thought to"),
    condition ("if", "unless") and open question ("whether", "investigate"). :func:`cue_hits` gives one
    row per cue occurrence with raw-text offsets; :func:`sentence_counts` gives cues per sentence.

How it decides
    A token is a *candidate* when its lower-case form is in ``data/uncertainty_cues.csv`` (words seen as
    cues in the annotated corpus, with their inflections); each candidate is scored by a logistic
    regression over the word, its lemma and cue class, and its *function-word* context (previous and
    next words when they are closed-class, otherwise only their shape: number, capitalised, -ed, -ly
    ...; negation before; "that" after; sentence-initial; capitalised mid-sentence). Topic words never
    enter the features, so the detector carries across genres. The weights, intercept and decision
    threshold are data (``data/uncertainty_model.csv``); scoring here is plain Python (a sum of weights)
    and reproduces scikit-learn's ``decision_function`` of the trained model (tested).

How it was developed and validated
    ``rhetoric_dev.hedges`` tokenizes the four public genres of the Szeged corpus (Wikipedia and three
    biomedical sets; CC BY-SA) with this project's tokenizer and compares, at sentence level, the Hyland
    (2005) lexicon with rules (:mod:`rhetoric.instruments.hedging`), a lexicon selected on training genres, and this
    model, each trained on three genres and scored on the fourth (leave-one-genre-out), and trained on
    Wikipedia and scored on each biomedical genre. Hyper-parameters (regularisation and threshold) are
    chosen inside each training set by the same leave-one-genre-out scheme, never on the held-out genre.
    The per-genre precision, recall and F1 with 95% intervals are in ``data/hedge_crossgenre.csv``; the
    frozen model is then trained on all four genres. None of the corpus text is shipped.
"""
from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from rhetoric.base.paths import data_file
from rhetoric.base.text_constants import DETECTOR_NEGATION
from rhetoric.language.tokens import column_list, remember, sentence_slices

HIT_COLUMNS = ["doc_id", "sentence_id", "token_id", "n_tokens", "start", "end", "matched", "term", "kind"]
KINDS = ["epistemic", "doxastic", "condition", "investigation"]
CUES_FILE = "uncertainty_cues.csv"
MODEL_FILE = "uncertainty_model.csv"

#: Closed-class words: the only context words the features name (anything else is reduced to its shape).
_CLOSED_CLASS = """
a an the this that these those some any each every no all both either neither such what which whose
i me my we us our you your he him his she her it its they them their one ones there here
is are was were be been being am 's 're 'm do does did done doing have has had having 'd 've 'll
can could may might must shall should will would ought need dare wo ca
not n't never nor no none nothing nobody without
and or but if unless whether because since although though while when whenever where once until till as
than so yet then thus hence therefore however also too very more most less least much many few only even
still already just rather quite almost about above across after against along among around at before
behind below beneath beside between beyond by despite down during except for from in inside into like
near of off on onto out outside over per through throughout to toward towards under upon up via with
within who whom how why whatever whoever
"""
FUNCTION_WORDS = frozenset(_CLOSED_CLASS.split())
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum)
_NUMBER = re.compile(r"^[\d.,:/%+-]*\d[\d.,:/%+-]*$")
_SUFFIXES = ("ly", "ing", "ed", "s")


def shape(token: str, low: str) -> str:
    """A context word as the features see it: itself when closed-class or short punctuation, else a class."""
    if low in FUNCTION_WORDS:
        return low
    if _NUMBER.match(low):
        return "<num>"
    if not _ALNUM.search(low):
        return low if len(low) <= 2 else "<punct>"
    if token[:1].isupper():
        return "<cap>"
    for suffix in _SUFFIXES:
        if low.endswith(suffix):
            return f"<-{suffix}>"
    return "<w>"


def features(tokens: list[str], lower: list[str], i: int, first_word: int, lemma: str, kind: str) -> list[str]:
    """The binary features of the candidate at ``i`` of one sentence (``tokens``/``lower`` are that
    sentence's tokens; ``first_word`` the index of its first word). Each name occurs once."""
    w = lower[i]
    n = len(lower)
    p1 = shape(tokens[i - 1], lower[i - 1]) if i > 0 else "<s>"
    p2 = shape(tokens[i - 2], lower[i - 2]) if i > 1 else "<s>"
    n1 = shape(tokens[i + 1], lower[i + 1]) if i + 1 < n else "</s>"
    n2 = shape(tokens[i + 2], lower[i + 2]) if i + 2 < n else "</s>"
    out = [f"w={w}", f"lemma={lemma}", f"kind={kind}", f"p1={p1}", f"n1={n1}", f"p2={p2}", f"n2={n2}",
           f"w|p1={w}|{p1}", f"w|n1={w}|{n1}", f"lemma|p1={lemma}|{p1}", f"lemma|n1={lemma}|{n1}",
           f"kind|p1={kind}|{p1}", f"kind|n1={kind}|{n1}"]
    if i == first_word:
        out += ["initial", f"w|initial={w}"]
    elif tokens[i][:1].isupper():
        out += ["capitalised", f"w|capitalised={w}"]
    if any(lower[j] in DETECTOR_NEGATION for j in range(max(0, i - 3), i)):
        out += ["negated", f"lemma|negated={lemma}"]
    if "that" in lower[i + 1:i + 4]:
        out += ["that_after", f"lemma|that_after={lemma}"]
    return list(dict.fromkeys(out))


def vetoed(tokens: list[str], lower: list[str], i: int) -> bool:
    """The one hand rule on top of the model: capitalised "May" before a number is the month ("May 5",
    "May 2026"), never a modal. (No capitalised "May" is a cue anywhere in the annotated corpus, but none
    opens a sentence there either, so the model alone cannot learn the sentence-initial date.)"""
    return tokens[i] == "May" and i + 1 < len(lower) and bool(_NUMBER.match(lower[i + 1]))


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def cue_table() -> pd.DataFrame:
    """The cue list (``data/uncertainty_cues.csv``): one row per word form, with its lemma, kind,
    training counts and cue precision on the annotated corpus, and why it is there."""
    return pd.DataFrame(_read_rows(data_file(CUES_FILE)))


class Model:
    """A trained candidate scorer: ``candidates`` (form -> (lemma, kind)), feature weights, intercept and
    decision threshold; a candidate is a cue when ``score > threshold``."""

    def __init__(self, candidates: dict[str, tuple[str, str]], weights: dict[str, float], intercept: float,
                 threshold: float):
        self.candidates, self.weights = candidates, weights
        self.intercept, self.threshold = intercept, threshold

    def score(self, feats: list[str]) -> float:
        weights = self.weights
        total = 0.0
        for f in feats:
            total += weights.get(f, 0.0)
        return total + self.intercept

    @classmethod
    def from_files(cls, cues: Path, model: Path) -> Model:
        candidates = {r["term"]: (r["lemma"], r["kind"]) for r in _read_rows(cues)}
        weights, intercept, threshold = {}, 0.0, 0.0
        for r in _read_rows(model):
            if r["feature"] == "(intercept)":
                intercept = float(r["weight"])
            elif r["feature"] == "(threshold)":
                threshold = float(r["weight"])
            else:
                weights[r["feature"]] = float(r["weight"])
        return cls(candidates, weights, intercept, threshold)


@lru_cache(maxsize=1)
def model() -> Model:
    """The frozen model shipped in ``lib/rhetoric/data`` (read once)."""
    return Model.from_files(data_file(CUES_FILE), data_file(MODEL_FILE))


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in {"sentence_id", "token_id", "n_tokens", "start",
                                                               "end"} else "object") for c in HIT_COLUMNS})


def _scan(toks: pd.DataFrame, detector: Model) -> tuple[list[tuple], list[str]]:
    """``([(row, doc_id, sentence_id, score, cue), ...], tokens)``: every candidate, in text order."""
    cand = detector.candidates
    lower = column_list(toks, "lower")
    rows = [r for r, w in enumerate(lower) if w in cand]  # candidate forms hold no curly apostrophe
    if not rows:
        return [], []
    tokens, is_word = column_list(toks, "token"), column_list(toks, "is_word")
    slices = sentence_slices(toks)
    firsts = [s[2] for s in slices]
    out, current = [], None
    tk, lw, first_word, first = [], [], 0, 0
    for r in rows:
        k = bisect.bisect_right(firsts, r) - 1
        if k != current:
            current = k
            doc_id, sid, first, stop = slices[k]
            tk, lw = tokens[first:stop], lower[first:stop]
            if any("’" in w for w in lw):
                lw = [w.replace("’", "'") for w in lw]
            first_word = next((j for j in range(first, stop) if is_word[j]), first) - first
        i = r - first
        lemma, kind = cand[lw[i]]
        s = detector.score(features(tk, lw, i, first_word, lemma, kind))
        out.append((r, doc_id, sid, s, s > detector.threshold and not vetoed(tk, lw, i)))
    return out, tokens


def cue_hits(toks: pd.DataFrame, sents: pd.DataFrame | None = None, detector: Model | None = None) -> pd.DataFrame:
    """One row per uncertainty cue: ``doc_id, sentence_id, token_id, n_tokens, start, end, matched, term,
    kind`` (offsets into the raw text, as in the token table; ``term`` the cue-list entry, ``kind`` one of
    epistemic, doxastic, condition, investigation). ``sents`` is accepted for symmetry with the other
    detectors and not needed. Empty input gives an empty table with these columns."""
    if toks is None or len(toks) == 0:
        return _empty()
    detector = detector or model()
    # hedges and the argument markers (which defer to hedge cues) both ask for the same table's cues
    # (the detector is kept with its hits, so that its id cannot be reused by another detector meanwhile)
    return remember(toks, ("cue_hits", id(detector)), lambda: (detector, _cue_hits(toks, detector)))[1].copy()


def _cue_hits(toks: pd.DataFrame, detector: Model) -> pd.DataFrame:
    scored, tokens = _scan(toks, detector)
    scored = [c for c in scored if c[4]]
    if not scored:
        return _empty()
    idx = [c[0] for c in scored]
    cand = detector.candidates
    terms = [tokens[r].lower() for r in idx]
    return pd.DataFrame({
        "doc_id": [c[1] for c in scored], "sentence_id": [c[2] for c in scored],
        "token_id": toks["token_id"].to_numpy()[idx], "n_tokens": 1,
        "start": toks["start"].to_numpy()[idx], "end": toks["end"].to_numpy()[idx],
        "matched": [tokens[r] for r in idx], "term": terms, "kind": [cand[t][1] for t in terms],
    }).astype({"sentence_id": "int64", "token_id": "int64", "n_tokens": "int64", "start": "int64", "end": "int64"})


def sentence_counts(sents: pd.DataFrame, hits: pd.DataFrame) -> pd.Series:
    """Cues per sentence, indexed like ``sents`` (zeros where none)."""
    if len(sents) == 0:
        return pd.Series([], index=sents.index, dtype="int64", name="uncertainty_cues")
    counted: dict[tuple, int] = {}
    for key in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist()):
        counted[key] = counted.get(key, 0) + 1
    values = [counted.get(k, 0) for k in zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist())]
    return pd.Series(values, index=sents.index, dtype="int64", name="uncertainty_cues")
