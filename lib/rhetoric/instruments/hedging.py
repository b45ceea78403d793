"""Hedges, boosters and other interactional metadiscourse (Hyland 2005); modality by type; conditionals.

The lexicon is data (``data/metadiscourse.csv``: term, category, source, notes, context rule) and so is
the modal list (``data/modals.csv``). Multi-word items are matched first ("it is clear that", "not
clear", "in fact"). Context rules decide the ambiguous cases, each named in the data file's ``rule``
column and specified in ``data/metadiscourse_rules.md`` (month "May", nouns "might"/"can"/"will", negated
boosters, the writer's voice, ...). A cell may name several rules separated by ";"; a hit counts only if
every rule allows it.

Markers inside quotation marks are kept and flagged ``quoted``: they are someone else's words. The
feature-table counts include them (a sentence with a quoted "may" is still uncertain, as uncertainty
corpora annotate it); the notebook reports the writer's own markers separately.

Modal readings are assigned by rules where they can tell: may/might, and could/must before have/be
(not a passive participle), read *epistemic*; must/should/ought to/have to/need to before a main verb or a
passive read *deontic*; can and could before a main verb read *dynamic* (ability or proposed action);
will/would/shall read *prediction*.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rhetoric.base.text_constants import NEGATION
from rhetoric.instruments import uncertainty
from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.matching import counts_by_sentence, match_terms
from rhetoric.language.tokens import column_list, sentence_slices, token_rows

CATEGORIES = ["hedge", "booster", "attitude", "self_mention", "engagement"]
FEATURE_NAMES = {"hedge": "hedges", "booster": "boosters", "attitude": "attitude_markers",
                 "self_mention": "self_mentions", "engagement": "engagement_markers"}
MODAL_TYPES = ["possibility", "necessity", "prediction"]
_DETERMINERS = {"a", "an", "the", "this", "its", "his", "her", "their", "our", "my", "your", "military",
                "economic", "political", "naval", "full", "own", "free", "good", "popular", "public", "sheer",
                "great"}
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                 "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
                 "billions", "dozen", "dozens", "half", "third", "quarter", "percent", "per"}
_SUBJECTS = {"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
             "there", "any", "such"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "seems", "seem", "feel", "feels", "remain",
       "remains", "'s", "’s"}
_PREPOSITIONS = {"through", "by", "in", "at", "for", "from", "with", "on", "of", "to", "via", "under", "over"}
_QUOTE_PAIRS = [("“", "”"), ('"', '"'), ("‘", "’")]
_SPEAKER_LABEL = re.compile(r"^\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{0,30}|[A-Z][a-z'’.-]+( [A-Z][a-z'’.-]+){0,2}):"
                            r"(\s|(?=[A-Z\"“‘']))")
_BARE_NAME = re.compile(r"^\s*[A-Za-z][A-Za-z.'’-]*( [A-Za-z][A-Za-z.'’-]*){0,3}\s*$")
_CURLY_SINGLE = re.compile(r"(?<![\w])‘[^’]{1,80}’(?![\w])")
_STRAIGHT_SINGLE = re.compile(r"(?<![\w])'(?=\S)(?:[^'\n]|(?<=\w)'(?=\w)){1,200}?'(?![\w])")
_NUMBERED_QUESTION = re.compile(r"^\s*\d{1,3}\.\s.*\?")
_TWEET = re.compile(r"\(@\w{1,15}\)|pic\.twitter\.com|twitter\.com/")
_BOILERPLATE = re.compile(
    r"newsletter|subscri(be|bing|ber|ption)|sign(ed)? up\b|e-?mail address|click here|privacy policy|"
    r"terms of (service|use)"
    r"|follow us|your inbox|download (the|our) app|contributed to this report|all rights reserved|(this|the) "
    r"video (is|was) (no longer|unavailable)|your browser|turn on javascript|cookies|media playback|media caption"
    r"|unsupported on your device|confirmation e-?mail|spam folder|for your security|enjoyed this article"
    r"|your question|contact details", re.IGNORECASE)
#: The same pattern, case-sensitive, for lower-cased text: ``re.IGNORECASE`` over a long alternation is several
#: times slower than lower-casing first. Equivalent for every text without the three characters that ``re``
#: folds onto ASCII letters although ``str.lower`` does not give them (İ, ı, ſ: checked over every code point;
#: ``str.lower`` keeps each other character's length and word-ness, so ``\b`` reads the same); those texts take
#: the IGNORECASE pattern (``tests/test_hedging.py`` checks that the two agree).
_BOILERPLATE_LOWER = re.compile(_BOILERPLATE.pattern)
_FOLDS = re.compile("[\u0130\u0131\u017f]")


def _is_boilerplate(text: str) -> bool:
    """``_BOILERPLATE.search(text)`` found something (a sentence of site boilerplate, not the writer's)."""
    if text.isascii() or not _FOLDS.search(text):
        return _BOILERPLATE_LOWER.search(text.lower()) is not None
    return _BOILERPLATE.search(text) is not None


COLOURS = {"hedge": "#56B4E9", "booster": "#E69F00", "attitude": "#CC79A7", "self_mention": "#009E73",
           "engagement": "#F0E442", "modal": "#D9D9D9"}
LABELS = {"hedge": "hedge", "booster": "booster", "attitude": "attitude marker", "self_mention": "self-mention",
          "engagement": "engagement marker", "modal": "modal (not a hedge or booster)"}


@data_cache
def lexicon() -> pd.DataFrame:
    """The metadiscourse lexicon: ``term, category, source, notes, rule``."""
    return read_table("metadiscourse.csv")


@data_cache
def modal_list() -> pd.DataFrame:
    """Modals by type: ``term, type, source, notes, rule``."""
    return read_table("modals.csv")


def _is_number(token: str) -> bool:
    return bool(re.match(r"^[\d.,]+%?$", token)) or token.lower() in _NUMBER_WORDS


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for open_q, close_q in _QUOTE_PAIRS:
        if open_q == "‘":  # single curly quotes double as apostrophes: only whole quoted words or phrases
            pattern = r"(?<![\w])‘[^’]{1,80}’(?![\w])"
        else:
            pattern = re.escape(open_q) + r"[^" + re.escape(close_q) + r"]*" + re.escape(close_q)
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return spans


def _rule_allows(rule: str, i: int, tokens: list[str], lower: list[str], first_word: int) -> bool:
    before = lower[i - 1] if i > 0 else ""
    after = lower[i + 1] if i + 1 < len(lower) else ""
    if rule == "month_may":
        return not (tokens[i] == "May" and (i > first_word or _is_number(after)))
    if rule in ("noun_might", "noun_can", "noun_will"):
        return not (before in _DETERMINERS or after == "of")
    if rule == "before_number":
        return _is_number(after)
    if rule == "negated_booster":
        return not any(w in NEGATION for w in lower[max(0, i - 2):i])
    if rule == "negated_ability":
        return after not in NEGATION
    if rule == "lowercase_only":
        return tokens[i] == tokens[i].lower()
    if rule == "sentence_initial":
        return i == first_word
    if rule == "inverted_should":
        return not _inverted_should(i, lower, first_word)
    if rule == "sure_certainty":
        return (before not in {"make", "makes", "made", "making", "be"} and not (i == first_word and after == ",")
                and not any(w in NEGATION for w in lower[max(0, i - 2):i]))
    if rule == "not_question":
        return "?" not in lower
    if rule == "predicative_certain":
        return before in _BE or after in {"that", "to", "of", "about", ",", ".", ":"}
    if rule == "not_before_preposition":
        return after not in _PREPOSITIONS
    if rule == "not_after_more":
        return before != "more"
    if rule == "adjective_potential":
        return after.isalpha() and after not in _PREPOSITIONS and after not in {"and", "or"}
    if rule == "clausal_that":
        return "that" in lower[i + 1:i + 5] and not any(w in NEGATION for w in lower[max(0, i - 2):i])
    return True


def _inverted_should(i: int, lower: list[str], first_word: int) -> bool:
    """'should' opening a clause, before its subject: a conditional ('Conversely, should the ...')."""
    opens_clause = i == first_word or (i > 0 and lower[i - 1] in {",", ";", "and", "but"})
    return opens_clause and i + 1 < len(lower) and lower[i + 1] in _SUBJECTS


_DOUBLE_QUOTES = re.compile('[“”"]')


def _quote_state(text: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
    """Quoted character spans of one sentence given whether a quotation is open at its start; and whether
    one is open at its end. Curly double quotes open and close; a straight double quote toggles."""
    spans, start = [], 0
    for m in _DOUBLE_QUOTES.finditer(text):  # only the quote characters change the state
        k, ch = m.start(), m.group()
        if ch == "“" or (ch == '"' and not inside):
            if not inside:
                start, inside = k, True
        elif ch == "”" or ch == '"':
            spans.append((start if inside else 0, k + 1))
            inside = False
    if inside:
        spans.append((start, len(text)))
    return spans, inside


class _Voices:
    """Which characters of a sentence are someone else's words (see the ``writer_voice`` rule).

    Plain lists of the sentence table, read once; each document's sentences are classified when one of
    them is first asked about (the same grouping as ``groupby("paragraph_id", sort=False)``: paragraphs in
    order of first appearance, sentences in table order)."""

    def __init__(self, sents: pd.DataFrame):
        self.sents = sents
        self.rows: dict[str, dict[int, list[int]]] | None = None
        self.cache: dict[tuple[str, int], tuple[bool, list[tuple[int, int]]]] = {}

    def _fill(self, doc_id: str) -> None:
        if self.rows is None:
            self.rows = {}
            for r, (doc, par) in enumerate(zip(self.sents["doc_id"].tolist(), self.sents["paragraph_id"].tolist())):
                self.rows.setdefault(doc, {}).setdefault(par, []).append(r)
            self.text, self.sid = self.sents["text"].tolist(), self.sents["sentence_id"].tolist()
        paragraphs = list(self.rows[doc_id].values())
        # a transcript names its speakers on lines of their own ("jim tankersley", "Daniel Markovits"):
        # a bare short line that recurs in the article is a speaker label, and from the first one on the
        # article is transcribed speech
        bare = [" ".join(self.text[r] for r in par).strip().lower() for par in paragraphs]
        bare = [b if _BARE_NAME.match(b) else "" for b in bare]
        repeated = {b for b in bare if b and bare.count(b) > 1}
        transcript = False
        for par, label in zip(paragraphs, bare):
            transcript = transcript or label in repeated
            texts = [self.text[r] for r in par]
            opening = " ".join(texts)
            other = (transcript or bool(_SPEAKER_LABEL.match(opening)) or bool(_NUMBERED_QUESTION.match(opening))
                     or any(_TWEET.search(t) for t in texts))
            inside = False
            for sid, text in zip((self.sid[r] for r in par), texts):
                spans, inside = _quote_state(text, inside)
                if "‘" in text:
                    spans += [(m.start(), m.end()) for m in _CURLY_SINGLE.finditer(text)]
                if "'" in text:
                    spans += [(m.start(), m.end()) for m in _STRAIGHT_SINGLE.finditer(text)]
                self.cache[(doc_id, sid)] = (other or _is_boilerplate(text), spans)

    def writer(self, doc_id: str, sentence_id: int, offset: int) -> bool:
        """True when the character at ``offset`` (from the sentence start) is in the writer's own voice."""
        if (doc_id, sentence_id) not in self.cache:
            self._fill(doc_id)
        other, spans = self.cache[(doc_id, sentence_id)]
        return not other and not any(a <= offset < b for a, b in spans)


class TokenIndex:
    """Plain-list view of a token table: row of each (doc_id, token_id), and each row's sentence run."""

    def __init__(self, toks: pd.DataFrame):
        self.tokens, self.lower = column_list(toks, "token"), column_list(toks, "lower")
        self.is_word = column_list(toks, "is_word")
        self.row = token_rows(toks)[0]
        self.span: dict[tuple[str, int], tuple[int, int, int]] = {}
        for doc_id, sid, first, stop in sentence_slices(toks):
            first_word = next((i for i in range(first, stop) if self.is_word[i]), first)
            self.span[(doc_id, sid)] = (first, stop, first_word)
        self.voices: _Voices | None = None  # of the sentence table last used with this index

    def voices_of(self, sents: pd.DataFrame) -> _Voices:
        """The writer-voice classifier of ``sents``, shared by every rule pass over the same tables."""
        if self.voices is None or self.voices.sents is not sents:
            self.voices = _Voices(sents)
        return self.voices

    def window(self, doc_id: str, sentence_id: int, token_id: int):
        """``(i, tokens, lower, first_word)`` for a hit, with ``i`` relative to its sentence."""
        first, stop, first_word = self.span[(doc_id, sentence_id)]
        return (self.row[(doc_id, token_id)] - first, self.tokens[first:stop], self.lower[first:stop],
                first_word - first)


def _apply_rules(toks: pd.DataFrame, hits: pd.DataFrame, table: pd.DataFrame, sents: pd.DataFrame,
                 use_rules: bool = True, index: TokenIndex | None = None) -> pd.DataFrame:
    """Keep the hits whose context rule allows them (all hits when ``use_rules`` is false); flag ``quoted``."""
    rule_of = {t: [r.strip() for r in str(rule or "").split(";") if r.strip()]
               for t, rule in zip(table["term"], table["rule"])}
    index = index or TokenIndex(toks)
    voices = index.voices_of(sents)
    key = list(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()))
    sent_start = dict(zip(key, sents["start"].tolist()))
    sent_text = dict(zip(key, sents["text"].tolist()))
    quotes: dict[tuple[str, int], list[tuple[int, int]]] = {}
    keep, quoted = [], []
    for doc_id, sid, tid, start, term in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist(),
                                             hits["token_id"].tolist(), hits["start"].tolist(),
                                             hits["term"].tolist()):
        rules = rule_of.get(term, [])
        k = (doc_id, sid)
        if use_rules and rules:
            i, tokens, lower, first_word = index.window(doc_id, sid, tid)
            keep.append(all(voices.writer(doc_id, sid, start - sent_start[k]) if rule == "writer_voice"
                            else _rule_allows(rule, i, tokens, lower, first_word) for rule in rules))
        else:
            keep.append(True)
        if k not in quotes:
            quotes[k] = _quoted_spans(sent_text[k])
        offset = start - sent_start[k]
        quoted.append(any(a <= offset < b for a, b in quotes[k]))
    return hits.assign(quoted=quoted).loc[np.asarray(keep, dtype=bool)].reset_index(drop=True)


def markers(toks: pd.DataFrame, sents: pd.DataFrame, use_rules: bool = True,
            index: TokenIndex | None = None, hedges: str = "detector") -> pd.DataFrame:
    """Every metadiscourse marker: ``doc_id, sentence_id, token_id, start, end, matched, term, category,
    quoted`` (offsets into the raw file).

    Hedges come from the uncertainty detector (:mod:`rhetoric.instruments.uncertainty`, chosen because it generalised
    best across genres) unless ``hedges='lexicon'`` (Hyland's hedge list, for comparison and validation);
    the other categories from the metadiscourse lexicon with its context rules (``use_rules=False``: the
    bare word list, for validation).
    """
    table = lexicon()
    words = table if hedges == "lexicon" else table[table["category"] != "hedge"]
    hits = match_terms(toks, list(words["term"]))
    hits = hits.merge(words[["term", "category"]], on="term", how="left")
    hits = _apply_rules(toks, hits, table, sents, use_rules, index=index)
    if hedges == "lexicon":
        return hits
    cues = uncertainty.cue_hits(toks, sents).assign(category="hedge").drop(columns="kind")
    cues = _apply_rules(toks, cues, table, sents, use_rules=False, index=index)
    both = pd.concat([hits, cues], ignore_index=True)
    rank = {d: i for i, d in enumerate(pd.unique(toks["doc_id"]).tolist())}  # documents in table order
    both["_rank"] = both["doc_id"].map(rank)
    both = both.sort_values(["_rank", "sentence_id", "start"], kind="mergesort").drop(columns="_rank")
    return both.reset_index(drop=True)


def modals(toks: pd.DataFrame, sents: pd.DataFrame, index: TokenIndex | None = None) -> pd.DataFrame:
    """Every modal: ``... term, type, reading`` where reading is epistemic/deontic/dynamic/prediction."""
    table = modal_list()
    index = index or TokenIndex(toks)
    hits = match_terms(toks, list(table["term"]))
    hits = hits.merge(table[["term", "type"]], on="term", how="left")
    hits = _apply_rules(toks, hits, table, sents, index=index)
    readings = []
    for doc_id, sid, tid, n_tokens, term, kind in zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist(),
                                                      hits["token_id"].tolist(), hits["n_tokens"].tolist(),
                                                      hits["term"].tolist(), hits["type"].tolist()):
        i, _, lower, _ = index.window(doc_id, sid, tid)
        j = i + n_tokens
        while j < len(lower) and (lower[j] in NEGATION or lower[j].endswith("ly") or lower[j] in {"also", "still"}):
            j += 1
        nxt = lower[j] if j < len(lower) else ""
        after = lower[j + 1] if j + 1 < len(lower) else ""
        participle = after.endswith(("ed", "en")) or after in {"seen", "done", "made", "met", "held", "led"}
        head = term.split()[0]
        if kind == "prediction":
            readings.append("prediction")
        elif head in {"may", "might"}:
            readings.append("epistemic")
        elif head in {"could", "must"} and nxt in {"have", "be"} and not participle:
            readings.append("epistemic")
        elif kind == "necessity":
            readings.append("deontic")
        else:
            readings.append("dynamic")
    return hits.assign(reading=readings)


def conditionals(toks: pd.DataFrame) -> pd.DataFrame:
    """Conditional clauses: 'if', 'unless', and clause-initial inverted 'should'; with ``with_would`` when
    the same sentence has 'would' (a hypothetical: "if ... would")."""
    lower, is_word = column_list(toks, "lower"), column_list(toks, "is_word")
    # the integer columns read at the hits only (a list of every row's ints would hold an object per token)
    tids, starts, ends, tokens = (toks["token_id"].to_numpy(), toks["start"].to_numpy(), toks["end"].to_numpy(),
                                  column_list(toks, "token"))
    rows = []
    for doc_id, sid, first, stop in sentence_slices(toks):
        words = lower[first:stop]
        if not ({"if", "unless", "should"} & set(words)):
            continue
        first_word = next((i for i in range(stop - first) if is_word[first + i]), 0)
        has_would = "would" in words
        for i, w in enumerate(words):
            if w in {"if", "unless"} or (w == "should" and _inverted_should(i, words, first_word)):
                k = first + i
                rows.append((doc_id, sid, int(tids[k]), int(starts[k]), int(ends[k]), tokens[k], has_would))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "token_id", "start", "end", "matched",
                                       "with_would"])


def marker_tables(toks: pd.DataFrame, sents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`markers`, :func:`modals` and :func:`conditionals` of the same tables, sharing one
    :class:`TokenIndex`."""
    index = TokenIndex(toks)
    return markers(toks, sents, index=index), modals(toks, sents, index=index), conditionals(toks)


def feature_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: hedges, boosters, attitude_markers, self_mentions, engagement_markers (occurrences),
    modal_possibility, modal_necessity, modal_prediction, modal_epistemic, modal_deontic and conditionals."""
    marks, mods, found = marker_tables(toks, sents)
    counts = counts_by_sentence(sents, marks, "category", CATEGORIES)
    counts.columns = [FEATURE_NAMES[c] for c in CATEGORIES]
    by_type = counts_by_sentence(sents, mods, "type", MODAL_TYPES, prefix="modal_")
    by_reading = counts_by_sentence(sents, mods, "reading", ["epistemic", "deontic"], prefix="modal_")
    conds = counts_by_sentence(sents, found.assign(kind="conditionals"), "kind", ["conditionals"])
    return pd.concat([counts, by_type, by_reading, conds], axis=1)
