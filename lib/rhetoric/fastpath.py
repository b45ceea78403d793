"""Output-identical fast paths for the hot spots of the feature table, and the switch that turns them off.

The feature table spends most of its time in three library calls made once per sentence (NLTK's word
tokenizer, VADER, Pattern) and in the project's word-list matching (:mod:`rhetoric.matching`). Each fast path
here gives *the same output* as the plain call, value for value, and is checked against it
(``tests/test_fastpath.py``: seeds, edge cases, Hypothesis-generated input and a fixed sample of benchmark
articles; ``scripts/bench_scale.py``: the whole feature table of every benchmark article, byte for byte):

* **NLTK's word tokenizer** (:func:`word_tokenizer`, :class:`FastWordTokenizer`): NLTK 3.10 sends each of its
  ~25 substitutions per sentence through a ReDoS wall-clock wrapper (``nltk.redos``) whose timeout makes every
  ``regex`` call several times slower, and most substitutions change nothing on a given sentence. Here NLTK's
  *own* compiled patterns and replacement strings are applied in NLTK's order without the wrapper; a
  substitution is skipped when the text holds none of the strings every match of its pattern contains, and
  two are computed directly in the one case that covers most sentences (a final period).
* **VADER** (:func:`vader`, :class:`FastVader`): its rules on one lower-cased copy of the words, for the
  lexicon words only; linear in the sentence length. Called through :func:`rhetoric.sentiment.vader_polarity`,
  the one place a bound on sentence length for VADER would go.
* **Pattern** (:func:`pattern`, :class:`FastPattern`): TextBlob's tokenizer and ``assessments`` transcribed
  without the lazy dictionary and emoticon loops; Pattern's own tokenizer wherever its rarer steps could act.

Where a fast path reaches into a library's internals, the library's version is pinned (``requirements.lock``):
:data:`PINNED` is checked when the fast path is first built, together with the internals it relies on (NLTK's
pattern sources, Pattern's tokenizer settings, VADER's punctuation stripping), and any difference leaves
``None`` in its place, so the callers make the plain library call. Input the fast path was not written for
goes to the plain call too (a sentence longer than :data:`LONG_SENTENCE` or one NLTK cannot align, for the
tokenizer; a character of the emoji lexicon, for VADER; a line break or a sarcasm or emoticon pattern, for
Pattern's tokenizer). Each such place says so where it is decided.

The switch: :func:`enabled` is false when the environment variable ``RHETORIC_PLAIN`` is set to anything but
``""``/``"0"``, or inside ``with plain():`` (process-wide, not per thread); the callers (:mod:`rhetoric.tokens`,
:mod:`rhetoric.sentiment`, :mod:`rhetoric.matching`, :mod:`rhetoric.features`) then take the plain library
calls, so a test or a benchmark can compare both paths in one process.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import compress

from .resources import package_version

#: Environment variable forcing the plain library calls everywhere (``RHETORIC_PLAIN=1``).
PLAIN_ENV = "RHETORIC_PLAIN"
#: Library versions whose internals the fast paths were written against and checked on.
PINNED = {"nltk": "3.10.4", "vaderSentiment": "3.3.2", "textblob": "0.20.1"}
#: Sentences longer than this (characters) take NLTK's own tokenizer: the fast one is linear too, but NLTK's
#: carries its ReDoS timeout, kept for such input. (VADER and Pattern take any length: both fast paths are
#: linear, O(n log n) for VADER's "but" rule.)
LONG_SENTENCE = 20_000

_forced_plain: list[bool] = []


def enabled() -> bool:
    """Whether the fast paths are on (default); off with ``RHETORIC_PLAIN=1`` or inside ``with plain():``."""
    return not _forced_plain and os.environ.get(PLAIN_ENV, "") in ("", "0")


@contextmanager
def plain() -> Iterator[None]:
    """Force the plain library calls for the length of a ``with`` block (what the equality tests compare)."""
    _forced_plain.append(True)
    try:
        yield
    finally:
        _forced_plain.pop()


def _pinned(distribution: str) -> bool:
    return package_version(distribution) == PINNED[distribution]


# --- NLTK's word tokenizer -----------------------------------------------------------------------------

#: Every pattern of ``NLTKWordTokenizer`` (nltk 3.10.4) in the order ``tokenize`` applies it, with the
#: strings of which the text must hold at least one for the pattern to match (``"end"``: one of ":" and ","
#: in the last two characters, since ``$`` also matches before a final newline; ``"start"``: a double quote
#: first; ``None``: the whitespace pattern, see :meth:`FastWordTokenizer.tokenize`).
#: The sources are compared with the installed class when the fast tokenizer is built: any difference and
#: the plain tokenizer is used.
_NLTK_PATTERNS: list[tuple[str, str, tuple[str, ...] | str | None]] = [
    # STARTING_QUOTES
    ("([«“‘„]|[`]+)", " \\1 ", ("«", "“", "‘", "„", "`")),
    ('^\\"', "``", "start"),
    ("(``)", " \\1 ", ("``",)),
    ("([ \\(\\[{<])(\\\"|\\'{2})", "\\1 `` ", ('"', "''")),
    ("(?i)(?<!\\w)(\\')(?!(?:re|ve|ll|m|t|s|d|n)\\b)(?=\\w)", "\\1 ", ("'",)),
    # PUNCTUATION
    ("([^\\.])(\\.)([\\]\\)}>\"\\'»”’ ]*+)\\s*$", "\\1 \\2 \\3 ", (".",)),
    ("([:,])([^\\d])", " \\1 \\2", (":", ",")),
    ("([:,])$", " \\1 ", "end"),
    ("\\.{2,}", " \\g<0> ", ("..",)),
    ("[;@#$%&]", " \\g<0> ", (";", "@", "#", "$", "%", "&")),
    ("[\\u2012-\\u2015]", " \\g<0> ", ("\u2012", "\u2013", "\u2014", "\u2015")),
    ("([^\\.])(\\.)([\\]\\)}>\"\\']*)\\s*$", "\\1 \\2\\3 ", (".",)),
    ("[?!]", " \\g<0> ", ("?", "!")),
    ("([^'])' ", "\\1 ' ", ("' ",)),
    ("[*]", " \\g<0> ", ("*",)),
    # PARENS_BRACKETS, DOUBLE_DASHES
    ("[\\]\\[\\(\\)\\{\\}\\<\\>]", " \\g<0> ", ("]", "[", "(", ")", "{", "}", "<", ">")),
    ("--", " -- ", ("--",)),
    # ENDING_QUOTES (after " " + text + " ")
    ("([»”’])", " \\1 ", ("»", "”", "’")),
    ("''", " '' ", ("''",)),
    ('"', " '' ", ('"',)),
    ("\\s+", " ", None),
    ("([^' ])('[sS]|'[mM]|'[dD]|') ", "\\1 \\2 ", ("'s ", "'S ", "'m ", "'M ", "'d ", "'D ", "' ")),
    ("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "\\1 \\2 ",
     ("'ll ", "'LL ", "'re ", "'RE ", "'ve ", "'VE ", "n't ", "N'T ")),
]
_N_BEFORE_PADDING = 17  # patterns applied before ``text = " " + text + " "``
_FINAL_PERIOD, _FINAL_PERIOD_2 = 5, 11  # the two ``...(\.)...\s*$`` patterns of PUNCTUATION (see _final_period)
#: What ``\s`` matches in the ``regex`` engine (Unicode White_Space), for the final-period shortcut.
_WHITESPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u2028\u2029\u202f\u205f\u3000")
#: A literal piece of each of NLTK's contraction patterns (CONTRACTIONS2, CONTRACTIONS3), lower-case.
_CONTRACTION_WORDS = ["cannot", "d'ye", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna", "'tis", "'twas"]


def _needs(trigger: tuple[str, ...] | str | None):
    """A predicate false only when the pattern with this trigger cannot match ``text`` (None: no predicate)."""
    import re

    if trigger is None:
        return None
    if trigger == "end":
        return lambda text: ":" in text[-2:] or "," in text[-2:]
    if trigger == "start":
        return lambda text: text[:1] == '"'
    if len(trigger) == 1:
        needle = trigger[0]
        return lambda text: needle in text
    return re.compile("|".join(re.escape(t) for t in trigger)).search


def _final_period(text: str) -> str | None:
    """``([^\\.])(\\.)([\\]\\)}>"\\'»”’ ]*+)\\s*$`` -> ``\\1 \\2 \\3 `` on a text ending in one period, or None.

    The pattern can only match at a period followed by nothing but closing quotes and brackets, spaces and
    whitespace; when the text ends in a period after another character, no earlier period qualifies (the
    last one follows it) and the match is that character and the period, with empty groups after: the
    period gets a space before and two after. Any other text: None (the pattern is applied).
    """
    if len(text) > 1 and text[-1] == "." and text[-2] != ".":
        return text[:-1] + " .  "
    return None


def _final_period_2(text: str) -> str | None:
    """``([^\\.])(\\.)([\\]\\)}>"\\']*)\\s*$`` -> ``\\1 \\2\\3 `` on a text ending in one period and whitespace.

    As :func:`_final_period`: with ``body`` the text without trailing whitespace, ending in a period after
    another character, the only match is that character, the period and the whitespace, replaced by the
    character, a space, the period and a space. Any other text: None (the pattern is applied).
    """
    body = text.rstrip(_WHITESPACE)
    if len(body) > 1 and body[-1] == "." and body[-2] != ".":
        return body[:-1] + " . "
    return None


def _first_characters(trigger: tuple[str, ...] | str | None) -> frozenset[str] | None:
    """The first characters of a trigger's strings, or None when one is a character substitutions add."""
    if not isinstance(trigger, tuple):
        return None
    first = frozenset(t[0] for t in trigger)
    return None if first & {" ", "`", "'"} else first


class FastWordTokenizer:
    """``NLTKWordTokenizer().span_tokenize`` with NLTK's own patterns, unwrapped, skipping no-op substitutions.

    Same spans as the plain tokenizer for every text (the plain one is called for texts longer than
    :data:`LONG_SENTENCE`). Build it with :func:`word_tokenizer`, which returns ``None`` when the installed
    NLTK is not the pinned version or its patterns differ from :data:`_NLTK_PATTERNS`.
    """

    def __init__(self, plain):
        import re

        from nltk import redos

        cls = type(plain)
        installed = [*cls.STARTING_QUOTES, *cls.PUNCTUATION, cls.PARENS_BRACKETS, cls.DOUBLE_DASHES,
                     *cls.ENDING_QUOTES]
        if [(rx.pattern, repl) for rx, repl in installed] != [(p, r) for p, r, _ in _NLTK_PATTERNS]:
            raise ValueError("NLTKWordTokenizer's patterns differ from the pinned version")
        if not all(isinstance(rx, redos.TimedPattern) for rx, _ in installed):
            raise ValueError("NLTKWordTokenizer's patterns are not redos.TimedPattern")
        # NLTK's own compiled ``regex`` patterns (``TimedPattern._rx``), called without the timeout wrapper.
        # Each step: (sub, replacement, exact test, shortcut, first characters). ``first``: the first characters
        # of the trigger strings, when none of them is one the substitutions add (space, ` and '); a text
        # holding none of them, before any substitution, holds none after (see tokenize).
        steps = [(rx._rx.sub, repl, _needs(trigger), None, _first_characters(trigger))
                 for (rx, repl), (_, _, trigger) in zip(installed, _NLTK_PATTERNS)]
        steps[_FINAL_PERIOD] = (*steps[_FINAL_PERIOD][:3], _final_period, steps[_FINAL_PERIOD][4])
        steps[_FINAL_PERIOD_2] = (*steps[_FINAL_PERIOD_2][:3], _final_period_2, steps[_FINAL_PERIOD_2][4])
        self._before, self._after = steps[:_N_BEFORE_PADDING], steps[_N_BEFORE_PADDING:]
        characters = sorted({c for step in steps if step[4] for c in step[4]})
        self._characters = re.compile("[" + "".join(re.escape(c) for c in characters) + "]").findall
        self._contractions = [rx.sub for rx in [*cls.CONTRACTIONS2, *cls.CONTRACTIONS3]]
        # One search for all contraction patterns: when none matches, every one of them is a no-op (none
        # changes the text, so none can create a match for the next). Same engine (``re``) and flags.
        sources = [rx.pattern for rx in [*cls.CONTRACTIONS2, *cls.CONTRACTIONS3]]
        if not all(s.startswith("(?i)") for s in sources) or \
                {rx.flags for rx in [*cls.CONTRACTIONS2, *cls.CONTRACTIONS3]} != {re.IGNORECASE | re.UNICODE}:
            raise ValueError("NLTKWordTokenizer's contraction patterns differ from the pinned version")
        self._any_contraction = re.compile("|".join(f"(?:{s[4:]})" for s in sources), re.IGNORECASE).search
        self._contraction_word = re.compile("|".join(re.escape(w) for w in _CONTRACTION_WORDS)).search
        self._folds = re.compile("[\u0130\u0131\u017f]").search
        self._quotes = redos.compile(r"``|'{2}|\"")._rx.finditer  # what span_tokenize uses, unwrapped
        self._plain = plain

    def tokenize(self, text: str) -> list[str]:
        """``NLTKWordTokenizer().tokenize(text)`` (default arguments)."""
        # The substitutions only insert spaces, turn " and '' into `` or '', and collapse whitespace: any
        # other character in the text at some step was in it at the start.
        present = set(self._characters(text))
        for sub, repl, needs, shortcut, first in self._before:
            if (first is None or not present.isdisjoint(first)) and needs(text):
                done = shortcut(text) if shortcut is not None else None
                text = sub(repl, text) if done is None else done
        text = " " + text + " "
        for sub, repl, needs, _, first in self._after:
            if first is not None and present.isdisjoint(first):
                continue
            if needs is None:  # r"\s+" -> " " on a text that starts and ends with a space
                if text.isprintable():  # then its only whitespace is the ASCII space (for \s and for split)
                    words = text.split()
                    text = " " + " ".join(words) + " " if words else " "
                else:
                    text = sub(repl, text)
            elif needs(text):
                text = sub(repl, text)
        if self._may_contract(text):
            for sub in self._contractions:
                text = sub(r" \1 \2 ", text)
        return text.split()

    def _may_contract(self, text: str) -> bool:
        """False only when no contraction pattern can match ``text`` (then all of them are no-ops).

        Each pattern holds one of :data:`_CONTRACTION_WORDS` matched case-insensitively; Python's ``re``
        folds only three non-ASCII characters onto their letters (İ, ı, ſ), and with one of those present
        the patterns' own combined search decides.
        """
        if not text.isascii() and self._folds(text):
            return self._any_contraction(text) is not None
        return self._contraction_word(text.lower()) is not None

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """``list(NLTKWordTokenizer().span_tokenize(text))``."""
        _, starts, ends = self.tokens_at(text, 0)
        return list(zip(starts, ends))

    def tokens_at(self, text: str, offset: int) -> tuple[list[str], list[int], list[int]]:
        """The tokens ``span_tokenize`` finds in ``text`` (as found there), with their starts and ends + ``offset``.

        Anything unusual (a text longer than :data:`LONG_SENTENCE`, or one NLTK cannot align, where it raises)
        goes to NLTK's own ``span_tokenize``, so that its guards and its errors are the ones seen.
        """
        if len(text) <= LONG_SENTENCE:
            try:
                return self._align(text, offset)
            except (ValueError, StopIteration, RuntimeError):
                pass
        spans = list(self._plain.span_tokenize(text))
        return [text[a:b] for a, b in spans], [offset + a for a, _ in spans], [offset + b for _, b in spans]

    def _align(self, text: str, offset: int) -> tuple[list[str], list[int], list[int]]:
        raw_tokens = self.tokenize(text)
        if ('"' in text) or ("''" in text):
            matched = iter([m.group() for m in self._quotes(text)])
            raw_tokens = [next(matched) if tok in ('"', "``", "''") else tok for tok in raw_tokens]
        # nltk.tokenize.util.align_tokens
        point, starts, ends, find = 0, [], [], text.index
        for token in raw_tokens:
            start = find(token, point)
            point = start + len(token)
            starts.append(offset + start)
            ends.append(offset + point)
        return raw_tokens, starts, ends


@lru_cache(maxsize=1)
def word_tokenizer() -> FastWordTokenizer | None:
    """The fast word tokenizer, or ``None`` (then the caller uses NLTK's) when NLTK is not the pinned version."""
    from nltk.tokenize.destructive import NLTKWordTokenizer

    if not _pinned("nltk"):
        return None
    try:
        return FastWordTokenizer(NLTKWordTokenizer())
    except (ValueError, AttributeError, TypeError):
        return None


# --- VADER ---------------------------------------------------------------------------------------------


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
        import string

        from vaderSentiment import vaderSentiment as v

        self._analyzer = analyzer
        self._emoji = frozenset(analyzer.emojis)
        self._ascii_safe = not any(key.isascii() for key in self._emoji)  # no emoji in an ASCII text
        self._boosters, self._special, self._negate = v.BOOSTER_DICT, v.SPECIAL_CASES, frozenset(v.NEGATE)
        self._n_scalar, self._c_incr, self._scalar_inc_dec = v.N_SCALAR, v.C_INCR, v.scalar_inc_dec
        self._punctuation = string.punctuation
        self._idiom_words = frozenset(w for key in [*v.SPECIAL_CASES, *v.BOOSTER_DICT] if " " in key
                                      for w in key.split(" "))
        if v.SentiText._strip_punc_if_word("x!") != "x!" or v.SentiText._strip_punc_if_word("abc!") != "abc":
            raise ValueError("vaderSentiment's SentiText differs from the pinned version")

    def polarity_scores(self, text: str) -> dict:
        analyzer = self._analyzer
        if not (self._ascii_safe and text.isascii()) and not self._emoji.isdisjoint(text):
            return analyzer.polarity_scores(text)
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
        if "but" in lower:
            if n <= _BUT_CHECK_WORDS:
                sentiments = analyzer._but_check(words, sentiments)
            else:
                sentiments = but_check(lower.index("but"), sentiments)
        return analyzer.score_valence(sentiments, text)

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
    import heapq

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


@lru_cache(maxsize=1)
def vader() -> FastVader | None:
    """The fast VADER scorer, or ``None`` (then the caller uses the analyzer) when vaderSentiment is not 3.3.2."""
    if not _pinned("vaderSentiment"):
        return None
    from .sentiment import vader as analyzer

    return FastVader(analyzer())


# --- Pattern (TextBlob) --------------------------------------------------------------------------------


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
        import itertools

        from textblob import _text

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
        import re

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


@lru_cache(maxsize=1)
def pattern() -> FastPattern | None:
    """The fast Pattern scorer, or ``None`` (then the caller uses TextBlob's) when textblob is not 0.20.1."""
    if not _pinned("textblob"):
        return None
    from .sentiment import pattern as plain

    sentiment = plain()
    if sentiment.tokenizer is None or not callable(getattr(type(sentiment), "assessments", None)):
        return None
    return FastPattern(sentiment)
