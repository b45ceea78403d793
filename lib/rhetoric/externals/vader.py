"""A fast path for VADER's ``polarity_scores``, the same scores.

Transcribed from vaderSentiment 3.3.2 (``vaderSentiment/vaderSentiment.py``): Copyright (c) 2016 C.J. Hutto,
licensed under the MIT License (see ``LICENSES/vaderSentiment-MIT.txt`` and ``NOTICE`` at the repository
root). Changes: its rules run on one lower-cased copy of the words, for the lexicon words only, so the cost
is linear in the sentence length; every constant comes from the library module. Another vaderSentiment
version and the fast path is not used (with a warning): the callers make the library's own call.
"""
from __future__ import annotations

import heapq
import string
from itertools import compress

from vaderSentiment import vaderSentiment as vader_lib

from rhetoric.externals.switch import accepted


class FastVader:
    """``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment 3.3.2) without its per-call overheads.

    ``polarity_scores`` spends most of its time outside the scoring rules: an emoji scan that rebuilds the
    text character by character, and, for every lexicon word, four lower-cased copies of the whole sentence
    (in ``_negation_check``, three times, and ``_special_idioms_check``: quadratic in sentence length). Here:

    * a text holding no character of the emoji lexicon comes out of the emoji scan unchanged, so the scan is
      skipped (a text with one is scored by the plain call);
    * ``SentiText`` (words with punctuation stripped, the capitals differential), ``sentiment_valence``,
      ``_negation_check``, ``_special_idioms_check`` and ``_least_check`` are transcribed in their order, on
      one lower-cased copy of the words; the idiom tables are looked up only when one of the words around
      the lexicon word is part of an idiom or multi-word booster;
    * VADER's own ``scalar_inc_dec``, ``_but_check`` (only on sentences with "but": it changes nothing
      elsewhere) and ``score_valence`` are called as they are; ``_but_check`` is quadratic in the number of
      words, so past :data:`_BUT_CHECK_WORDS` words its equivalent :func:`but_check` runs instead.

    Every constant comes from the library module. The result is the dict ``polarity_scores`` returns. Nothing
    here is quadratic in the length of the sentence.
    """

    def __init__(self, analyzer):
        self._analyzer = analyzer
        self._emoji = frozenset(analyzer.emojis)
        self._ascii_safe = not any(key.isascii() for key in self._emoji)  # no emoji in an ASCII text
        self._boosters, self._special = vader_lib.BOOSTER_DICT, vader_lib.SPECIAL_CASES
        self._negate = frozenset(vader_lib.NEGATE)
        self._n_scalar, self._c_incr = vader_lib.N_SCALAR, vader_lib.C_INCR
        self._scalar_inc_dec = vader_lib.scalar_inc_dec
        self._punctuation = string.punctuation
        self._idiom_words = frozenset(w for key in [*vader_lib.SPECIAL_CASES, *vader_lib.BOOSTER_DICT] if " " in key
                                      for w in key.split(" "))
        strip = vader_lib.SentiText._strip_punc_if_word
        if strip("x!") != "x!" or strip("abc!") != "abc":
            raise ValueError("vaderSentiment's SentiText differs from the pinned version")

    def polarity_scores(self, text: str) -> dict:
        found = self.valences(text)
        if found is None:
            return self._analyzer.polarity_scores(text)
        text, _, _, sentiments = found
        return self._analyzer.score_valence(sentiments, text)

    def valences(self, text: str) -> tuple[str, list[str], list, list] | None:
        """What ``polarity_scores`` scores: the stripped text, its words (``SentiText``'s), each word's valence
        after VADER's rules before the "but" rule, and after it (the list ``score_valence`` sums). ``None`` for
        a text holding an emoji character (``polarity_scores`` then makes the library's own call)."""
        analyzer = self._analyzer
        if not (self._ascii_safe and text.isascii()) and not self._emoji.isdisjoint(text):
            return None
        text = text.strip()
        # SentiText: words with leading/trailing punctuation stripped (unless 2 characters or fewer remain)
        punctuation = self._punctuation
        tokens = text.split()
        words = [token if len(stripped) <= 2 else stripped
                 for token, stripped in zip(tokens, [t.strip(punctuation) for t in tokens])]
        n = len(words)
        allcap_words = sum(map(str.isupper, words))
        is_cap_diff = 0 < n - allcap_words < n
        lower = list(map(str.lower, words))
        lexicon, boosters = analyzer.lexicon, self._boosters
        n_scalar, c_incr, scalar_inc_dec = self._n_scalar, self._c_incr, self._scalar_inc_dec
        # every word not in the lexicon (or a booster, or "kind" before "of") scores 0, as it would get there
        sentiments: list = [0] * n
        for i in compress(range(n), map(lexicon.__contains__, lower)):
            low, item = lower[i], words[i]
            if low in boosters or (i < n - 1 and low == "kind" and lower[i + 1] == "of"):
                continue
            # sentiment_valence
            valence = lexicon[low]
            if low == "no" and i != n - 1 and lower[i + 1] in lexicon:
                valence = 0.0
            if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
                    or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
                valence = lexicon[low] * n_scalar
            if item.isupper() and is_cap_diff:
                if valence > 0:
                    valence += c_incr
                else:
                    valence -= c_incr
            for start_i in range(0, 3):
                if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                    s = scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = self._negation_check(valence, lower, start_i, i)
                    if start_i == 2:
                        valence = self._special_idioms_check(valence, lower, i)
            # _least_check
            if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
                if lower[i - 2] != "at" and lower[i - 2] != "very":
                    valence = valence * n_scalar
            elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
                valence = valence * n_scalar
            sentiments[i] = valence
        before_but = sentiments
        if "but" in lower:
            if n <= _BUT_CHECK_WORDS:
                sentiments = analyzer._but_check(words, list(sentiments))
            else:
                sentiments = but_check(lower.index("but"), sentiments)
        return text, words, before_but, sentiments

    def _negated(self, word: str) -> bool:
        """``negated([word])``: the word (lower-cased again, as ``negated`` does) is a negation or holds n't."""
        word = word.lower()
        return word in self._negate or "n't" in word

    def _negation_check(self, valence: float, lower: list[str], start_i: int, i: int) -> float:
        n_scalar = self._n_scalar
        if start_i == 0:
            if self._negated(lower[i - (start_i + 1)]):
                valence = valence * n_scalar
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                valence = valence
            elif self._negated(lower[i - (start_i + 1)]):
                valence = valence * n_scalar
        if start_i == 2:
            if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                    (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                valence = valence
            elif self._negated(lower[i - (start_i + 1)]):
                valence = valence * n_scalar
        return valence

    def _special_idioms_check(self, valence: float, lower: list[str], i: int) -> float:
        parts = self._idiom_words
        if not any(w in parts for w in lower[i - 3:i + 3]):
            return valence  # no idiom or multi-word booster can be formed around the word
        special, boosters = self._special, self._boosters
        onezero = "{0} {1}".format(lower[i - 1], lower[i])
        twoonezero = "{0} {1} {2}".format(lower[i - 2], lower[i - 1], lower[i])
        twoone = "{0} {1}".format(lower[i - 2], lower[i - 1])
        threetwoone = "{0} {1} {2}".format(lower[i - 3], lower[i - 2], lower[i - 1])
        threetwo = "{0} {1}".format(lower[i - 3], lower[i - 2])
        for seq in [onezero, twoonezero, twoone, threetwoone, threetwo]:
            if seq in special:
                valence = special[seq]
                break
        if len(lower) - 1 > i:
            zeroone = "{0} {1}".format(lower[i], lower[i + 1])
            if zeroone in special:
                valence = special[zeroone]
        if len(lower) - 1 > i + 1:
            zeroonetwo = "{0} {1} {2}".format(lower[i], lower[i + 1], lower[i + 2])
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in [threetwoone, threetwo, twoone]:
            if n_gram in boosters:
                valence = valence + boosters[n_gram]
        return valence


_BUT_CHECK_WORDS = 200  # sentences longer than this (in words) take but_check rather than VADER's _but_check


def but_check(bi: int, sentiments: list) -> list:
    """VADER 3.3.2's ``_but_check`` for a sentence whose first "but" is word ``bi``, in O(n log n).

    ``_but_check`` walks the list while rewriting it: at step ``k`` it takes the value at ``k`` (never rewritten
    before step ``k``: each step rewrites an index at or before its own), finds the *first* index ``j`` holding
    an equal value (``list.index``), and puts that value times 0.5 there if ``j`` is before "but", times 1.5 if
    after, leaving it when ``j`` is "but" itself. The same here, with the indices of each value in a heap.
    """
    values = list(sentiments)
    where: dict = {}
    for index, value in enumerate(values):
        where.setdefault(value, []).append(index)  # appended in order: already heaps
    for value in sentiments:  # the original values, step by step
        heap = where[value]
        j = heap[0]
        if j == bi:
            continue
        new = value * 0.5 if j < bi else value * 1.5
        heapq.heappop(heap)
        values[j] = new
        heapq.heappush(where.setdefault(new, []), j)
    return values


def fast_vader(analyzer) -> FastVader | None:
    """The fast scorer for ``analyzer`` (a ``SentimentIntensityAnalyzer``), or ``None`` (then the caller uses
    the analyzer itself) when vaderSentiment is not the version transcribed."""
    if not accepted("vaderSentiment", "VADER"):
        return None
    return FastVader(analyzer)

