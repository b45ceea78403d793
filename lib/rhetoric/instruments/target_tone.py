"""Tone toward a target: negative, neutral or positive toward one mention, not the tone of its sentence.

What it measures
    The sentiment a sentence expresses **toward a named target** (a person, party, organisation or country
    mentioned in it), as the crowd coders of NewsMTSC judged it (Hamborg & Donnay 2021, "NewsMTSC: A Dataset for
    (Multi-)Target-dependent Sentiment Classification in Political News Articles", EACL 2021): -1 negative, 0
    neutral, 1 positive. "X slammed Y" is negative toward Y and says little of X; sentence-level lexicon tone
    gives both the same score.

How it decides
    Each mention is described by features of its sentence (:func:`mention_features`):

    * *lexicon valence by side and distance*: VADER's lexicon (the pinned ``vaderSentiment``) and the Pattern
      lexicon (``textblob``), each word outside the mention scored, negated within three words, summed left and
      right at distances 1-3, 4-8 and beyond, in the mention's own clause, and inside a quotation the mention is
      not part of; the words of the project's misread list (``data/tone_misreads.csv``, as frozen with the model:
      "united" in "United States") score zero;
    * *the mention's role* read by word order and the cue lists of ``data/target_tone_cues.csv`` (no parser):
      subject of a verb of blame, harm, official action, praise, help or attribution ("X criticized",
      "X said"), object of one ("criticized X"), the one acted upon in a passive ("X was praised", "X was
      arrested and charged"), the agent after "by" ("murdered by X"), the target of an evaluative noun
      ("criticism of X", "praise for X"), the speaker ("according to X");
    * *quotation and form*: inside a quotation, a quotation in the sentence, a pronoun, possessive, opening
      the sentence, after a title;
    * *words*: the four words either side of the mention and every other word of the sentence (the mention's
      own words never: who is named is not a feature).

    A multinomial logistic regression over these features, fitted on NewsMTSC's training split with its
    regularisation chosen inside cross-validation grouped by article, then frozen: its weights are data
    (``data/target_tone_model.csv``, with their provenance), applied here with numpy and scipy's sparse matrices
    (:class:`Model`); scikit-learn is only the development tool (:mod:`rhetoric_dev.target_tone`).

What it gives
    ``tone`` in -1, 0, 1 (the most probable class) and ``score``, **the probability margin**
    P(positive) - P(negative), in [-1, 1]. Its validity on human coding (cross-validated on the development
    split, per class, with bootstrap intervals over articles) is ``data/target_tone_cv.csv``
    (:func:`validity`).

Where it is weak
    NewsMTSC's targets are people in U.S. political news; countries, organisations and international prose are
    outside what it was fitted and checked on. Neutral is the hardest class. The features were designed on the
    same development split they are evaluated on (the regularisation is chosen inside each training fold), so
    the cross-validated figures are somewhat optimistic; the authors' test sets, which nobody developing it
    sees, are the independent check.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from lemminflect import getAllInflections
from scipy.sparse import csr_matrix

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.errors import InputError
from rhetoric.base.paths import data_file
from rhetoric.base.text_constants import NEGATION
from rhetoric.instruments.sentiment import pattern, vader
from rhetoric.io.outputs import csv_bytes
from rhetoric.language.tokens import column_list, sentence_slices, split_sentences, split_words

CUES_FILE = "target_tone_cues.csv"
MODEL_FILE = "target_tone_model.csv"
CV_FILE = "target_tone_cv.csv"
MISREADS_FILE = "tone_misreads.csv"
#: The classes, in the order of the model's weight columns.
CLASSES = (-1, 0, 1)
CLASS_NAMES = ("negative", "neutral", "positive")
#: Words either side of the mention given as word features.
WINDOW = 4
#: Distance bands (in tokens from the mention) of the valence features: 1-3 near, 4-8 middle, beyond far.
BANDS = ((3, "n"), (8, "m"))
#: Tokens looked back for a negation before a lexicon word (VADER's own window).
NEGATION_WINDOW = 3
#: VADER's factor for a negated word (``N_SCALAR``); Pattern halves it.
VADER_NEGATED, PATTERN_NEGATED = -0.74, -0.5
#: Words skipped between a subject and its verb, and between a title and the name, at most.
SKIP = 4
#: Longest text ``rhetoric target-tone`` takes (characters; only the sentence(s) of the mention are read).
MAX_TEXT_CHARS = 100_000
#: Longest input line of ``rhetoric target-tone`` (bytes).
MAX_LINE_BYTES = 1_000_000
#: The columns :func:`score_mentions` adds to the mention table.
SCORE_COLUMNS = ["tone", "score", "p_negative", "p_neutral", "p_positive"]
_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class Cues:
    """The cue lists of ``data/target_tone_cues.csv``: verb forms (every inflection) -> (lemma, kind), evaluative
    nouns -> kind, and the closed word classes the role rules skip or stop at."""

    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, str]
    be: frozenset[str]
    auxiliary: frozenset[str]
    boundary: frozenset[str]
    title: frozenset[str]
    left_skip: frozenset[str]
    pronoun: frozenset[str]
    prep_target: frozenset[str]


def _rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists, read once; each verb lemma with every inflected form ``lemminflect`` knows."""
    table = _rows(CUES_FILE)
    verbs: dict[str, tuple[str, str]] = {}
    # a form listed under two kinds keeps the first kind in file order
    for r in table:
        if r["kind"].startswith("verb_"):
            kind = r["kind"].removeprefix("verb_")
            lemma = r["term"]
            verbs.setdefault(lemma, (lemma, kind))
            for forms in getAllInflections(lemma, upos="VERB").values():
                for form in forms:
                    verbs.setdefault(form, (lemma, kind))
    nouns = {r["term"]: r["kind"].removeprefix("noun_") for r in table if r["kind"].startswith("noun_")}

    def kind(name: str) -> frozenset[str]:
        return frozenset(r["term"] for r in table if r["kind"] == name)

    return Cues(verbs=verbs, nouns=nouns, be=kind("be"), auxiliary=kind("auxiliary") | kind("be"),
                boundary=kind("boundary"), title=kind("title"), left_skip=kind("left_skip"),
                pronoun=kind("pronoun"), prep_target=kind("prep_target"))


@lru_cache(maxsize=1)
def misread_list() -> frozenset[str]:
    """The project's misread words (``data/tone_misreads.csv`` as shipped, not a corpus's own list: the model's
    weights were fitted with these words neutralised)."""
    return frozenset(r["word"].lower() for r in _rows(MISREADS_FILE))


@lru_cache(maxsize=1)
def lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """VADER's lexicon (the misread words at zero) and the Pattern lexicon's word polarities (non-zero only)."""
    skip = misread_list()
    valence = {w: float(v) for w, v in vader().lexicon.items() if w not in skip and v}
    sentiment = pattern()
    len(sentiment)  # a lazydict: loads the lexicon
    polarity = {w: float(d[None][0]) for w, d in sentiment.items() if None in d and d[None][0]}
    return valence, polarity


def _band(distance: int) -> str:
    for limit, name in BANDS:
        if distance <= limit:
            return name
    return "f"


@dataclass(frozen=True)
class Sentence:
    """What the features read of one sentence, whatever the mention: each token's lexicon valence and polarity
    (negation applied; the lexicon words only, as ``(position, valence, polarity)``), its quotation state (``None``
    for a quotation mark) and clause number, and its word feature names."""

    tokens: Sequence[str]
    lower: Sequence[str]
    scored: list[tuple[int, float, float]]
    quoted: list[bool | None]
    clause: list[int]
    words: list[str]


def sentence_view(tokens: Sequence[str], lower: Sequence[str]) -> Sentence:
    """:class:`Sentence` of the tokens of one sentence (``tokens`` as written, ``lower`` lower-cased)."""
    boundary = cues().boundary
    valence, polarity = lexicons()
    quoted: list[bool | None] = []
    clause: list[int] = []
    scored: list[tuple[int, float, float]] = []
    inside, c = False, 0
    negated_until = -1  # a negation makes the next NEGATION_WINDOW tokens negated
    for j, (t, w) in enumerate(zip(tokens, lower)):
        if t in _QUOTES:
            inside = True if t == "“" else False if t == "”" else not inside
            quoted.append(None)
        else:
            quoted.append(inside)
        if w in boundary:
            c += 1
        clause.append(c)
        negated = j <= negated_until
        if w in NEGATION or w.endswith("n't"):
            negated_until = j + NEGATION_WINDOW
        v, p = valence.get(w, 0.0), polarity.get(w, 0.0)
        if v or p:
            scored.append((j, v * VADER_NEGATED, p * PATTERN_NEGATED) if negated else (j, v, p))
    return Sentence(tokens=tokens, lower=lower, scored=scored, quoted=quoted, clause=clause,
                    words=["S:" + w for w in lower])


def mention_features(tokens: Sequence[str], lower: Sequence[str], m0: int, m1: int,
                     view: Sentence | None = None) -> dict[str, float]:
    """The features of the mention made of tokens ``m0`` to ``m1 - 1`` of one sentence (``tokens`` as written,
    ``lower`` their lower-case forms; ``view``: their :func:`sentence_view`, when it is at hand). Feature name ->
    value; a name absent is 0."""
    cue = cues()
    verbs = cue.verbs
    view = view or sentence_view(tokens, lower)
    quoted, clause = view.quoted, view.clause
    n = len(lower)
    f: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        f[name] = f.get(name, 0.0) + value

    own_clause = set(clause[m0:m1])
    in_quote = any(quoted[m0:m1])
    if in_quote:
        add("in_quote")
    if any(quoted):
        add("quote_in_sentence")
    total_v = total_p = 0.0
    for j, v, p in view.scored:
        if m0 <= j < m1:
            continue
        total_v += v
        total_p += p
        side, distance = ("L", m0 - j) if j < m0 else ("R", j - m1 + 1)
        band = _band(distance)
        if v > 0:
            add(f"v+{side}{band}", v / 4)
        elif v < 0:
            add(f"v-{side}{band}", -v / 4)
        if p > 0:
            add(f"p+{side}{band}", p)
        elif p < 0:
            add(f"p-{side}{band}", -p)
        if clause[j] in own_clause and v:
            add("v+clause" if v > 0 else "v-clause", abs(v) / 4)
        if quoted[j] and not in_quote and v:
            add("v+quote" if v > 0 else "v-quote", abs(v) / 4)
    if total_v:
        add("sent", total_v / math.sqrt(total_v * total_v + 15))  # VADER's normalisation of a sum
    if total_p:
        add("psent", max(-1.0, min(1.0, total_p)))
    # the mention's form
    if " ".join(lower[m0:m1]) in cue.pronoun:
        add("pron")
    if m0 == 0:
        add("first")
    possessive = m1 < n and lower[m1] in _POSSESSIVE
    if possessive:
        add("possessive")
    if m0 > 0 and lower[m0 - 1] in cue.title:
        add("titled")
    # role on the right: subject of a verb (or the one acted upon in a passive)
    j = m1
    if j < n and lower[j] == ",":  # an apposition: "Pell, 77, was convicted"
        k = j + 1
        while k < n and k - j <= 8 and lower[k] != ",":
            k += 1
        if k < n and k - j <= 8 and not any(lower[x] in verbs for x in range(j + 1, k)):
            j = k + 1
    passive, skipped = False, 0
    if not possessive:
        while j < n and skipped < SKIP and (lower[j] in cue.auxiliary or lower[j].endswith("ly")):
            passive = passive or lower[j] in cue.be
            j += 1
            skipped += 1
        if j < n and lower[j] in verbs:
            lemma, kind = verbs[lower[j]]
            participle = lower[j].endswith(("ed", "en")) or lower[j] != lemma and lower[j] not in (
                lemma + "s", lemma + "es")
            if passive and participle and kind != "say":
                add(f"patient:{kind}")
                add(f"patient={lemma}")
                if j + 2 < n and lower[j + 1] == "and" and lower[j + 2] in verbs and verbs[lower[j + 2]][1] != "say":
                    add(f"patient:{verbs[lower[j + 2]][1]}")
            else:
                add(f"agent:{kind}")
                add(f"agent={lemma}")
    # role on the left: object of a verb, agent after "by", the speaker, the target of an evaluative noun
    j, skipped = m0 - 1, 0
    while j >= 0 and skipped < SKIP and (lower[j] in cue.title or lower[j] in cue.left_skip
                                         or (j > 0 and tokens[j][:1].isupper())):
        j -= 1
        skipped += 1
    if j >= 0:
        w = lower[j]
        if w == "by" and j > 0 and lower[j - 1] in verbs:
            lemma, kind = verbs[lower[j - 1]]
            add(f"agent:{kind}")
            add(f"agent={lemma}")
        elif w in verbs:
            lemma, kind = verbs[w]
            if kind == "say":
                add("agent:say" if w != lemma else "patient:say")  # "said X" after a quotation; "tell X"
            else:
                add(f"patient:{kind}")
                add(f"patient={lemma}")
        elif w == "to" and j > 0 and lower[j - 1] == "according":
            add("agent:say")
        elif w in cue.prep_target:
            k = j - 1
            while k >= 0 and j - k <= 3 and lower[k] not in cue.nouns:
                k -= 1
            if k >= 0 and lower[k] in cue.nouns:
                add(f"patient:{cue.nouns[lower[k]]}")
            if w == "against":
                add("against")
    # words: either side of the mention, and the rest of the sentence
    for k in range(1, WINDOW + 1):
        if m0 - k >= 0:
            add("L:" + lower[m0 - k])
        if m1 + k - 1 < n:
            add("R:" + lower[m1 + k - 1])
    f.update(dict.fromkeys(view.words[:m0], 1.0))
    f.update(dict.fromkeys(view.words[m1:], 1.0))
    return f


class Model:
    """The frozen multinomial logistic regression: ``intercept`` (one per class, in :data:`CLASSES` order) and
    feature weights (feature -> row of a weight matrix). Probabilities are the softmax of
    ``intercept + x @ weights``: what scikit-learn's ``predict_proba`` gives for the fitted model (tested)."""

    def __init__(self, features: list[str], weights: np.ndarray, intercept: np.ndarray):
        self.index = {name: k for k, name in enumerate(features)}
        self.weights, self.intercept = weights, intercept

    @classmethod
    def from_file(cls, path: Path) -> Model:
        features, rows, intercept = [], [], None
        for r in _read_model(path):
            values = [float(r[c]) for c in CLASS_NAMES]
            if r["feature"] == "(intercept)":
                intercept = np.array(values)
            else:
                features.append(r["feature"])
                rows.append(values)
        if intercept is None:
            raise ValueError(f"{path}: no (intercept) row")
        return cls(features, np.array(rows, dtype=float).reshape(-1, len(CLASSES)), intercept)

    def matrix(self, feats: Sequence[dict[str, float]]):
        """The features of many mentions as a sparse matrix over the model's features (unknown ones dropped)."""
        index = self.index
        data, cols, ptr = [], [], [0]
        for f in feats:
            for name, value in f.items():
                k = index.get(name)
                if k is not None and value:
                    cols.append(k)
                    data.append(value)
            ptr.append(len(cols))
        return csr_matrix((np.array(data, dtype=float), np.array(cols, dtype=np.int64), np.array(ptr, dtype=np.int64)),
                          shape=(len(feats), len(index)))

    def probabilities(self, feats: Sequence[dict[str, float]]) -> np.ndarray:
        """P(negative), P(neutral), P(positive) of each mention (one row each)."""
        if not len(feats):
            return np.zeros((0, len(CLASSES)))
        logits = np.asarray(self.matrix(feats) @ self.weights) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)


def _read_model(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def model() -> Model:
    """The frozen model shipped in ``lib/rhetoric/data`` (read once)."""
    return Model.from_file(data_file(MODEL_FILE))


def decide(probabilities: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(tone, score)`` of each row of probabilities: the most probable class (-1, 0, 1; the first on a tie) and
    the probability margin P(positive) - P(negative)."""
    tone = np.array(CLASSES, dtype=np.int64)[probabilities.argmax(axis=1)] if len(probabilities) else \
        np.zeros(0, dtype=np.int64)
    return tone, probabilities[:, 2] - probabilities[:, 0]


def mention_span(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """The tokens (``m0``, ``m1``: first and one past the last) that overlap the characters ``[start, end)``;
    ``None`` when no token does."""
    hit = [k for k, (a, b) in enumerate(zip(starts, ends)) if a < end and b > start]
    return (hit[0], hit[-1] + 1) if hit else None


def text_context(text: str, start: int, end: int) -> tuple[list[str], list[str], int, int] | None:
    """The tokens of the sentence(s) of ``text`` holding the mention ``[start, end)`` (split as the corpus
    tables split: lines, then Punkt sentences), their lower-case forms, and the mention's token span; ``None``
    when the span covers no token."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if offset < end and offset + len(line) > start:
            spans += [(offset + a, offset + b) for a, b in split_sentences(line)
                      if offset + a < end and offset + b > start]
        offset += len(line) + 1
    if not spans:
        return None
    a, b = spans[0][0], spans[-1][1]
    piece = text[a:b]
    words = split_words(piece)
    tokens = [piece[s:e] for s, e in words]
    found = mention_span([a + s for s, _ in words], [a + e for _, e in words], start, end)
    if found is None:
        return None
    return tokens, [t.lower() for t in tokens], found[0], found[1]


def tone_of(text: str, start: int, end: int) -> tuple[int, float]:
    """``(tone, score)`` toward the mention at characters ``[start, end)`` of ``text`` (``end`` exclusive);
    a ``ValueError`` naming the problem when the offsets are not a mention in the text."""
    problem = offsets_problem(text, start, end)
    if problem:
        raise ValueError(problem)
    context = text_context(text, start, end)
    if context is None:
        raise ValueError(f"characters {start}-{end} hold no word (whitespace only)")
    tone, score = decide(model().probabilities([mention_features(*context)]))
    return int(tone[0]), float(score[0])


def offsets_problem(text: str, start, end) -> str | None:
    """What is wrong with ``start``/``end`` as a mention of ``text``, in words; ``None`` when nothing is."""
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        return "start and end must be integers (character offsets)"
    if not 0 <= start < end <= len(text):
        return f"offsets {start}-{end} are not a span of the text (0 <= start < end <= {len(text)})"
    if not text[start:end].strip():
        return f"characters {start}-{end} are whitespace, not a mention"
    return None


def score_mentions(toks: pd.DataFrame, mentions: pd.DataFrame, trained: Model | None = None) -> pd.DataFrame:
    """``mentions`` (:func:`rhetoric.instruments.actors.actor_mentions` of ``toks``) with the tone toward each:
    :data:`SCORE_COLUMNS` added (``tone`` -1/0/1, ``score`` = P(positive) - P(negative), the three
    probabilities). Each mention is read in its sentence of the token table, exactly as :func:`tone_of` reads
    it in that sentence's text."""
    out = mentions.reset_index(drop=True).copy()
    if out.empty:
        for c in SCORE_COLUMNS:
            out[c] = pd.Series(dtype="int64" if c == "tone" else "float64")
        return out
    runs = {(d, s): (a, b) for d, s, a, b in sentence_slices(toks)}
    token, lower = column_list(toks, "token"), column_list(toks, "lower")
    starts, ends = toks["start"].to_numpy(), toks["end"].to_numpy()
    feats = []
    key, view, spans = None, None, None
    for doc_id, sid, a, b in zip(out["doc_id"].tolist(), out["sentence_id"].tolist(), out["start"].tolist(),
                                 out["end"].tolist()):
        if (doc_id, sid) != key:  # mentions come sentence by sentence: each sentence read once
            key = (doc_id, sid)
            first, stop = runs[key]
            view = sentence_view(token[first:stop], lower[first:stop])
            spans = (starts[first:stop].tolist(), ends[first:stop].tolist())
        found = mention_span(spans[0], spans[1], a, b)
        m0, m1 = found if found is not None else (0, 0)
        feats.append(mention_features(view.tokens, view.lower, m0, m1, view))
    probs = (trained or model()).probabilities(feats)
    tone, score = decide(probs)
    out["tone"], out["score"] = tone, score
    for k, name in enumerate(CLASS_NAMES):
        out[f"p_{name}"] = probs[:, k]
    return out


def validity() -> pd.DataFrame:
    """The instrument's cross-validated validity on human coding (``data/target_tone_cv.csv``): per rule (the
    old sentence rule, the old rule with the misread list, this instrument) and class (and macro), precision,
    recall and F1 with bootstrap 95% intervals over articles."""
    table = pd.read_csv(data_file(CV_FILE), keep_default_na=False)
    return table


def validity_note() -> str:
    """One line for beside every result: the instrument's cross-validated macro-F1 and per-class F1."""
    table = validity()
    table = table[table["subset"] == "all"]
    mine = table[table["rule"] == "target_tone"].set_index("class")
    old = table[(table["rule"] == "sentence_vader") & (table["class"] == "macro")].iloc[0]

    def fmt(row) -> str:
        return f"{row['f1']:.3f} [{row['f1_low']:.3f}, {row['f1_high']:.3f}]"

    parts = ", ".join(f"{name} {fmt(mine.loc[name])}" for name in CLASS_NAMES)
    return (f"target tone: cross-validated on NewsMTSC's training split (people in U.S. political news, crowd-coded), "
            f"macro-F1 {fmt(mine.loc['macro'])} (sentence VADER {old['f1']:.3f}); per class F1 {parts}")


@dataclass
class Request:
    """One line of a ``rhetoric target-tone`` input: its number, and either the mention or the problem."""

    line: int
    id: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    problem: str | None = None


def read_requests(path: Path | str) -> Iterator[Request]:
    """The lines of a JSON Lines file of mentions (``{"id", "text", "start", "end"}``), each checked: a line that
    is not JSON, not an object, lacks a field, has a wrong type, offsets outside the text or on whitespace only,
    a text over :data:`MAX_TEXT_CHARS` characters or a line over :data:`MAX_LINE_BYTES` bytes comes with its
    ``problem``. Blank lines are skipped. An unreadable path is an :class:`InputError`."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "does not exist")
    if path.is_dir():
        raise InputError(path, "is a directory; give a JSON Lines file (one mention a line)")
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    with fh:
        for number, raw in enumerate(fh, start=1):
            yield _request(number, raw)


def _request(number: int, raw: bytes) -> Request | None:
    bad = Request(line=number)
    if len(raw) > MAX_LINE_BYTES:
        bad.problem = f"longer than {MAX_LINE_BYTES:,} bytes"
        return bad
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        bad.problem = "not UTF-8"
        return bad
    if number == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        bad.problem = "empty line"
        return bad
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        bad.problem = f"not JSON ({getattr(exc, 'msg', 'nested too deeply')})"
        return bad
    if not isinstance(item, dict):
        bad.problem = "not a JSON object"
        return bad
    missing = [k for k in ("id", "text", "start", "end") if k not in item]
    if missing:
        bad.problem = f"missing field(s) {', '.join(missing)}"
        return bad
    ident = item["id"]
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or (isinstance(ident, str) and not ident.strip()):
        bad.problem = "id must be a non-empty string or an integer"
        return bad
    bad.id = str(ident)
    text = item["text"]
    if not isinstance(text, str):
        bad.problem = "text must be a string"
        return bad
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        bad.problem = "text holds an unpaired surrogate (not valid Unicode)"
        return bad
    if len(text) > MAX_TEXT_CHARS:
        bad.problem = f"text longer than {MAX_TEXT_CHARS:,} characters"
        return bad
    problem = offsets_problem(text, item["start"], item["end"])
    if problem:
        bad.problem = problem
        return bad
    return Request(line=number, id=bad.id, text=text, start=item["start"], end=item["end"])


def score_file(path: Path | str) -> tuple[pd.DataFrame, list[Request]]:
    """The tone toward every mention of a JSON Lines file (:func:`read_requests`): a table ``id, tone, score``
    (``score`` = P(positive) - P(negative)) in input order, and the lines that could not be scored, each with
    its problem. Blank lines are neither."""
    rows, failed = [], []
    trained = model()
    for r in read_requests(path):
        if r.problem == "empty line":
            continue
        if r.problem is None:
            context = text_context(r.text, r.start, r.end)
            if context is None:
                r.problem = f"characters {r.start}-{r.end} hold no word"
            else:
                rows.append((r.id, context))
                continue
        failed.append(r)
    probs = trained.probabilities([mention_features(*c) for _, c in rows])
    tone, score = decide(probs)
    table = pd.DataFrame({"id": [i for i, _ in rows], "tone": tone, "score": np.round(score, 6)})
    return table, failed


def write_scores(table: pd.DataFrame, out: Path | str) -> None:
    """``table`` (``id, tone, score``) as CSV, or Parquet for a ``.parquet`` name: written whole or not at all."""
    out = Path(out)
    if out.suffix == ".parquet":
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        atomic_write(out, buffer.getvalue())
    else:
        atomic_write(out, csv_bytes(table))  # formulas neutralised (the one output rule)
