"""A fast path for Pattern's sentiment as TextBlob ships it (``textblob.en.sentiment``), the same scores.

Transcribed from TextBlob 0.20.1 (``textblob/_text.py``: ``find_tokens`` and ``Sentiment.assessments``), which
is adapted from the Pattern library: TextBlob is Copyright Steven Loria and contributors, MIT License; Pattern
is Copyright (c) 2011 University of Antwerp, Belgium (CLiPS), BSD 3-Clause License (see
``LICENSES/textblob-MIT.txt``, ``LICENSES/pattern-BSD-3-Clause.txt`` and ``NOTICE`` at the repository root).
Changes: the lexicon read as the plain ``dict`` it is once loaded, the emoticon table as a dict, and Pattern's
own tokenizer called only where its rarer steps could act. Another TextBlob version, or internals that differ,
and the fast path is not used (with a warning): the callers make TextBlob's own call.
"""
from __future__ import annotations

import itertools
import re

from rhetoric.externals.switch import accepted, turned_off


class FastPattern:
    """``textblob.en.sentiment(text)[:2]`` (textblob 0.20.1): Pattern's polarity and subjectivity of a sentence.

    ``Sentiment.__call__`` tokenizes with Pattern's ``find_tokens``, lower-cases the words and scores them with
    ``Sentiment.assessments``, every lexicon look-up going through a ``lazydict`` (two Python calls each) and
    every short non-alphabetic word through a loop over the emoticon table. Here, step for step:

    * :meth:`words`: ``find_tokens`` for a sentence without a line break (its only input here): the seven
      contraction replacements (literal patterns, so ``str.replace``) only when the text holds an apostrophe;
      whitespace collapsing and ``(\\S+)\\s`` tokens as ``str.split``; Pattern's own punctuation loop for words
      that begin or end with punctuation. Its sentence grouping only drops line-break markers, absent here,
      and its sarcasm and emoticon substitutions only glue tokens that a space separates, so when no such
      pair of tokens is present the words are the tokens; otherwise (and with a line break or Pattern's
      end-of-sentence marker in the text) Pattern's own ``find_tokens`` is called.
    * :meth:`polarity`: ``assessments`` and the averages of ``__call__``, transcribed with the lexicon read as
      the plain ``dict`` it is once loaded and the emoticon table as a dict from emoticon to polarity (first
      entry that holds it).
    """

    def __init__(self, sentiment):
        from textblob import _text  # lazy: TextBlob's private module, read only when its version is accepted

        len(sentiment)  # loads the lexicon (a lazydict loads on first use)
        self._lexicon_get = dict.get.__get__(sentiment, dict)  # the loaded lexicon, read live, without lazydict
        self._negations, self._modifiers, self._modifier = sentiment.negations, sentiment.modifiers, sentiment.modifier
        self._tokenizer = sentiment.tokenizer
        self._punctuation_string = _text.PUNCTUATION
        emoticons: dict[str, float] = {}
        for (_, polarity), forms in _text.EMOTICONS.items():
            for form in forms:
                emoticons.setdefault(form.lower(), polarity)
        self._emoticons = emoticons
        self._special = frozenset([*self._negations, "!", "(!)", *emoticons])
        # find_tokens' defaults (as Parser.find_tokens passes them)
        self._punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
        self._ends = self._punctuation + (".",)
        self._first, self._last = frozenset(self._punctuation), frozenset(self._ends)
        self._replace = _text.replacements
        self._abbreviations = _text.ABBREVIATIONS
        self._abbr = (_text.RE_ABBR1.match, _text.RE_ABBR2.match, _text.RE_ABBR3.match)
        self._eos = _text.EOS

        if not all(len(c) == 1 for c in self._ends) or not all(
                re.fullmatch(r"[\w']+", a) and re.fullmatch(r"[ \w']+", b) for a, b in self._replace.items()):
            raise ValueError("Pattern's tokenizer settings differ from the pinned version")
        # Pattern's emoticon substitution (RE_EMOTICONS: an emoticon with optional spaces between its
        # characters, then the end or whitespace) changes a sentence only where it matches with a space inside:
        # one of these spaced forms, followed by the end or whitespace, in the words joined by spaces.
        spaced = sorted({"".join(c + (" " if k < len(gaps) and gaps[k] else "") for k, c in enumerate(form))
                         for e in _text.EMOTICONS.values() for form in e
                         for gaps in itertools.product((False, True), repeat=len(form) - 1) if any(gaps)})
        self._may_glue = re.compile("(?:" + "|".join(map(re.escape, spaced)) + r")(?:$|\s)").search

    def words(self, text: str) -> list[str]:
        """The words ``Sentiment.__call__`` scores, before lower-casing: ``" ".join(find_tokens(text)).split()``."""
        if "\n" in text or self._eos in text:
            return " ".join(self._tokenizer(text)).split()
        string = text
        if "'" in string:
            for a, b in self._replace.items():
                string = string.replace(a, b)
        string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
                  .replace("'", " ' ").replace('"', ' " '))
        punctuation, ends, replace = self._punctuation, self._ends, self._replace
        first, last = self._first, self._last
        tokens: list[str] = []
        for t in string.split():
            if t[0] not in first and t[-1] not in last:
                tokens.append(t)
                continue
            # find_tokens' loop, unchanged
            tail = []
            while t.startswith(punctuation) and t not in replace:
                if t.startswith(punctuation):
                    tokens.append(t[0])
                    t = t[1:]
            while t.endswith(ends) and t not in replace:
                if t.endswith(punctuation):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if t in self._abbreviations or any(match(t) is not None for match in self._abbr):
                        break
                    else:
                        tail.append(t[-1])
                        t = t[:-1]
            if t != "":
                tokens.append(t)
            tokens.extend(reversed(tail))
        joined = " ".join(tokens)
        if "( !" in joined or "! )" in joined or self._may_glue(joined):
            return " ".join(self._tokenizer(text)).split()
        return tokens

    def polarity(self, text: str) -> tuple[float, float]:
        """``(polarity, subjectivity)`` as ``textblob.en.sentiment(text)`` gives them."""
        lexicon_get = self._lexicon_get
        negations, modifiers, modifier = self._negations, self._modifiers, self._modifier
        emoticons, punctuation, special = self._emoticons, self._punctuation_string, self._special
        negation, pos = True, None
        a: list[list] = []  # [p, s, i, n] of each assessment (``w`` and ``x`` do not enter the scores)
        m = n = None
        for w in map(str.lower, self.words(text)):
            entry = lexicon_get(w)
            if entry is None and m is None and n is None and w not in special:
                continue  # an unknown word, nothing pending, not a negation, "!", "(!)" or emoticon: a no-op below
            if entry is not None and pos in entry:
                p, s, i = entry[pos]
                if m is None:
                    a.append([p, s, i, 1])
                if m is not None:
                    a[-1][0] = max(-1.0, min(p * a[-1][2], +1.0))
                    a[-1][1] = max(-1.0, min(s * a[-1][2], +1.0))
                    a[-1][2] = i
                if n is not None:
                    a[-1][2] = 1.0 / a[-1][2]
                    a[-1][3] = -1
                m = None
                n = None
                if pos and pos in modifiers or any(map(entry.__contains__, modifiers)):
                    m = (w, pos)
                if negation and w in negations:
                    n = w
            else:
                if negation and w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and (pos in modifiers or modifier(m[0])):
                    a[-1][3] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
                if w == "(!)":
                    a.append([0.0, 1.0, 1.0, 1])
                if w.isalpha() is False and len(w) <= 5 and w not in punctuation and w in emoticons:
                    a.append([emoticons[w], 1.0, 1.0, 1])
        return (_avg([(None, p * -0.5 if n < 0 else p) for p, s, i, n in a]),
                _avg([(None, s) for p, s, i, n in a]))


def _avg(assessments, weighted=lambda w: 1):
    """``avg`` of ``textblob._text.Sentiment.__call__`` (0.20.1), unchanged."""
    s, n = 0, 0
    for words, score in assessments:
        w = weighted(words)
        s += w * score
        n += w
    return s / float(n or 1)


def fast_pattern(sentiment) -> FastPattern | None:
    """The fast scorer for ``sentiment`` (``textblob.en.sentiment``), or ``None`` (then the caller uses it
    as it is) when textblob is not the version transcribed or its internals differ."""
    if not accepted("textblob", "Pattern"):
        return None
    if sentiment.tokenizer is None or not callable(getattr(type(sentiment), "assessments", None)):
        turned_off("Pattern", "TextBlob's Sentiment has no tokenizer or assessments")
        return None
    return FastPattern(sentiment)

