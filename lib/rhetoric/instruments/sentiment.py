"""Lexicon tone per sentence: VADER (reference implementation) and, for robustness, the Pattern lexicon.

* VADER (Hutto & Gilbert 2014), the ``vaderSentiment`` package by VADER's author, on the sentence text
  as written: VADER reads capitals, punctuation and boosters, so nothing is lower-cased or stripped. The
  one change: curly apostrophes and quotes are swapped, one character for one, for straight ones,
  because VADER's negation rule looks for "n't" and would miss "don’t".
* Pattern (De Smedt & Daelemans 2012), the English lexicon TextBlob ships: polarity in [-1, 1] and
  subjectivity in [0, 1]; an independent lexicon with its own rules.
* :func:`explain` lists the VADER lexicon words behind a score, each with its lexicon valence, its valence
  after VADER's rules (boosters, negation, capitals, "but"), and which rules applied.

Lexicon tone is not stance. On 5,190 sentences of New York Times opinion editorials VADER reached
r = 0.49 with the mean human rating (single human raters: 0.75); report that beside every result.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer, SentiText

from rhetoric.base.text_constants import STRAIGHTEN
from rhetoric.externals.pattern import fast_pattern
from rhetoric.externals.switch import enabled
from rhetoric.externals.vader import fast_vader

#: Published validity (Hutto & Gilbert 2014, table 3-4): NYT opinion editorials, 5,190 sentences.
VADER_NYT = {"r_vader": 0.49, "f1_vader": 0.55, "r_human": 0.75, "f1_human": 0.65, "sentences": 5190}


@lru_cache(maxsize=1)
def vader():
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def pattern():
    """TextBlob's Pattern sentiment (``textblob.en.sentiment``): ``pattern()(text) -> (polarity, subjectivity)``.

    This is exactly what ``PatternAnalyzer.analyze`` returns, without the named tuple it builds per call.
    """
    return pattern_sentiment


@lru_cache(maxsize=1)
def _fast_vader():
    return fast_vader(vader())


@lru_cache(maxsize=1)
def _fast_pattern():
    return fast_pattern(pattern())


_ASCII_UNCHANGED = all(k > 127 for k in STRAIGHTEN)  # an ASCII text comes out of STRAIGHTEN unchanged


def as_vader_reads(text: str) -> str:
    return text if _ASCII_UNCHANGED and text.isascii() else text.translate(STRAIGHTEN)


def vader_polarity(text: str, scorer=None) -> dict:
    """VADER's ``polarity_scores`` of one text as VADER reads it: the one place the feature table's VADER
    scores come from (``scorer``: the output-identical fast path of :mod:`rhetoric.externals.vader` unless it is off,
    looked up when not given)."""
    return (scorer or _vader_scorer())(as_vader_reads(text))


def _vader_scorer():
    """``polarity_scores``: the fast path's (same scores) unless it is off or the library is not the pinned one."""
    fast = _fast_vader() if enabled() else None
    return fast.polarity_scores if fast is not None else vader().polarity_scores


def vader_scores(texts: pd.Series) -> pd.DataFrame:
    """VADER compound, pos, neu and neg of each text (index kept)."""
    scorer = _vader_scorer()
    rows = [vader_polarity(t, scorer) for t in texts]
    return pd.DataFrame({"vader_compound": [r["compound"] for r in rows], "vader_pos": [r["pos"] for r in rows],
                         "vader_neu": [r["neu"] for r in rows], "vader_neg": [r["neg"] for r in rows]},
                        index=texts.index)


def pattern_scores(texts: pd.Series) -> pd.DataFrame:
    """Pattern (TextBlob) polarity and subjectivity of each text (index kept)."""
    fast = _fast_pattern() if enabled() else None
    analyzer = fast.polarity if fast is not None else pattern()
    rows = [analyzer(as_vader_reads(t)) for t in texts]
    return pd.DataFrame({"pattern_polarity": [r[0] for r in rows], "pattern_subjectivity": [r[1] for r in rows]},
                        index=texts.index)


def sentiment_columns(sents: pd.DataFrame, toks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Feature-table columns: ``vader_compound, vader_pos, vader_neu, vader_neg, pattern_polarity,
    pattern_subjectivity`` of each sentence."""
    return pd.concat([vader_scores(sents["text"]), pattern_scores(sents["text"])], axis=1)


def vader_class(compound: pd.Series, threshold: float = 0.05) -> pd.Series:
    """VADER's usual three classes: positive (>= 0.05), negative (<= -0.05), neutral between."""
    return pd.Series(["positive" if c >= threshold else "negative" if c <= -threshold else "neutral"
                      for c in compound], index=compound.index)


def explain(text: str) -> pd.DataFrame:
    """The VADER lexicon words behind a sentence's score, in order.

    Columns: ``word, lexicon`` (valence in ``vader_lexicon.txt``), ``valence`` (after VADER's rules),
    ``rules`` (which applied: booster, negation, capitals, idiom, but). Follows ``polarity_scores`` step by
    step with the analyzer's own methods, so ``compound_from(explain(t)) == polarity_scores(t)``.
    """
    rows, sentiments, read = explain_rows(text)
    table = pd.DataFrame(rows, columns=["position", "word", "lexicon", "valence", "rules"])
    table.attrs["sentiments"] = sentiments
    table.attrs["text"] = read
    return table


def explain_rows(text: str) -> tuple[list[dict], list[float], str]:
    """:func:`explain`'s rows as dicts, VADER's final valences and the text as VADER read it: what
    :func:`explain` wraps in a table, for the callers that loop over many sentences (no table per sentence)."""
    analyzer = vader()
    read, words, before_but, sentiments = _valences(text)
    n = len(words)
    is_cap_diff = 0 < n - sum(map(str.isupper, words)) < n  # SentiText's is_cap_diff
    rows = []
    for i, (word, before, after) in enumerate(zip(words, before_but, sentiments)):
        if after == 0 and before == 0:
            continue
        lex = analyzer.lexicon.get(word.lower())
        if lex is None:
            continue
        rules = []
        context = [w.lower() for w in words[max(0, i - 3):i]]
        if any(w in BOOSTER_DICT for w in context):
            rules.append("booster")
        if any(w in NEGATE or "n't" in w for w in context):
            rules.append("negation")
        if word.isupper() and is_cap_diff:
            rules.append("capitals")
        if before != after:
            rules.append("but")
        if before != lex and not rules:
            rules.append("idiom")
        rows.append({"position": i, "word": word, "lexicon": lex, "valence": round(after, 4),
                     "rules": ", ".join(rules)})
    return rows, sentiments, read


def _valences(text: str) -> tuple[str, list[str], list, list]:
    """The text as VADER reads it (stripped), its words, each word's valence before VADER's "but" rule and
    after it: from the fast path (:meth:`rhetoric.externals.vader.FastVader.valences`, the same values) unless
    it is off or the text holds an emoji character, else by the library's own methods, step by step as
    ``polarity_scores`` takes them (its emoji replacement aside)."""
    read = as_vader_reads(text).strip()
    fast = _fast_vader() if enabled() else None
    found = fast.valences(read) if fast is not None else None
    if found is not None:
        return found

    analyzer = vader()
    sentitext = SentiText(read)
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        if item.lower() in BOOSTER_DICT or (item.lower() == "kind" and i + 1 < len(words)
                                            and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    return read, words, list(sentiments), analyzer._but_check(words, list(sentiments))


def compound_from(explanation: pd.DataFrame) -> float:
    """Recompose VADER's compound from an :func:`explain` table (checks the explanation is complete)."""
    return vader().score_valence(explanation.attrs["sentiments"], explanation.attrs["text"])["compound"]


def word_contributions(sents: pd.DataFrame) -> pd.DataFrame:
    """Per document and lexicon word: occurrences and summed VADER valence (after rules), largest first."""
    rows = [(doc_id, r["word"].lower(), r["valence"])
            for doc_id, text in zip(sents["doc_id"], sents["text"]) for r in explain_rows(text)[0]]
    table = pd.DataFrame(rows, columns=["doc_id", "word", "valence"])
    out = table.groupby(["doc_id", "word"]).agg(occurrences=("valence", "size"), total_valence=("valence", "sum"))
    return out.reset_index().sort_values(["doc_id", "total_valence", "word"], ascending=[True, False, True],
                                         kind="mergesort").reset_index(drop=True)


def compound_without(text: str, words: set[str]) -> float:
    """VADER's compound with the valence of ``words`` set to zero (every other rule unchanged)."""
    read, tokens, _, sentiments = _valences(text)
    sentiments = list(sentiments)
    for i, token in enumerate(tokens):
        if token.lower() in words:
            sentiments[i] = 0
    return vader().score_valence(sentiments, read)["compound"]
