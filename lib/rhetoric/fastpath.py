"""Output-identical fast paths for the hot spots of the feature table, and the switch that turns them off.

The feature table spends most of its time in a few library calls made once per sentence (NLTK's word
tokenizer, VADER, Pattern) and in the project's word-list matching. Each fast path here gives *the same
output* as the plain call, value for value, and is checked against it (``tests/test_fastpath.py`` on the
seeds, on a fixed sample of benchmark articles and on generated text; ``scripts/bench_scale.py`` on every
benchmark article):

* **NLTK word tokenizer** (:func:`word_spans`): NLTK 3.10 sends each of its ~25 substitutions per sentence
  through a ReDoS wall-clock wrapper (``nltk.redos``) whose timeout makes every ``regex`` call several times
  slower; most substitutions change nothing on a given sentence. Here NLTK's *own* compiled patterns and
  replacement strings are applied in NLTK's order, without the wrapper, and a substitution is skipped when a
  character its pattern needs is absent from the text at that point (then it could not have matched).
* **VADER** (:func:`vader_polarity`) and **Pattern** (:func:`pattern_polarity`): the libraries' own scoring
  functions, without their per-call overheads (see each function).

Where a fast path reaches into a library's internals, the library's version is pinned (it is in
``requirements.lock``): the version is checked when the fast path is first built, together with the internals
it relies on, and any difference makes it fall back to the plain library call, as does anything unusual in
the input (very long sentences, emoji for VADER). The switch: :func:`enabled` is false when the environment
variable ``RHETORIC_PLAIN`` is set to anything but ``""``/``"0"``, or inside ``with plain():``; the callers
(:mod:`rhetoric.tokens`, :mod:`rhetoric.sentiment`, :mod:`rhetoric.matching`, :mod:`rhetoric.readability`)
then take the plain library calls, so a test or a benchmark can compare both paths in one process.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from .resources import package_version

#: Environment variable forcing the plain library calls everywhere (``RHETORIC_PLAIN=1``).
PLAIN_ENV = "RHETORIC_PLAIN"
#: Library versions whose internals the fast paths were written against and checked on.
PINNED = {"nltk": "3.10.4", "vaderSentiment": "3.3.2", "textblob": "0.20.1"}
#: Sentences longer than this (characters) take the plain library calls: nothing in the fast paths is
#: quadratic, but the plain calls carry the libraries' own guards (NLTK's ReDoS timeout), kept for such input.
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
#: in the last two characters, since ``$`` also matches before a final newline; ``None``: the whitespace
#: pattern, see :meth:`FastWordTokenizer.tokenize`).
#: The sources are compared with the installed class when the fast tokenizer is built: any difference and
#: the plain tokenizer is used.
_NLTK_PATTERNS: list[tuple[str, str, tuple[str, ...] | str | None]] = [
    # STARTING_QUOTES
    ("([«“‘„]|[`]+)", " \\1 ", ("«", "“", "‘", "„", "`")),
    ('^\\"', "``", ('"',)),
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
    ("([^' ])('[sS]|'[mM]|'[dD]|') ", "\\1 \\2 ", ("'",)),
    ("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "\\1 \\2 ", ("'",)),
]
_N_BEFORE_PADDING = 17  # patterns applied before ``text = " " + text + " "``
#: A literal piece of each of NLTK's contraction patterns (CONTRACTIONS2, CONTRACTIONS3), lower-case.
_CONTRACTION_WORDS = ["cannot", "d'ye", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna", "'tis", "'twas"]


def _needs(trigger: tuple[str, ...] | str | None):
    """A predicate false only when the pattern with this trigger cannot match ``text`` (None: no predicate)."""
    import re

    if trigger is None:
        return None
    if trigger == "end":
        return lambda text: ":" in text[-2:] or "," in text[-2:]
    if len(trigger) == 1:
        needle = trigger[0]
        return lambda text: needle in text
    return re.compile("|".join(re.escape(t) for t in trigger)).search


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
        steps = [(rx._rx.sub, repl, _needs(trigger)) for (rx, repl), (_, _, trigger) in zip(installed, _NLTK_PATTERNS)]
        self._before, self._after = steps[:_N_BEFORE_PADDING], steps[_N_BEFORE_PADDING:]
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
        for sub, repl, needs in self._before:
            if needs(text):
                text = sub(repl, text)
        text = " " + text + " "
        for sub, repl, needs in self._after:
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
        if len(text) > LONG_SENTENCE:
            return list(self._plain.span_tokenize(text))
        raw_tokens = self.tokenize(text)
        if ('"' in text) or ("''" in text):
            matched = iter([m.group() for m in self._quotes(text)])
            raw_tokens = [next(matched) if tok in ('"', "``", "''") else tok for tok in raw_tokens]
        # nltk.tokenize.util.align_tokens
        point, offsets, find = 0, [], text.index
        for token in raw_tokens:
            start = find(token, point)
            point = start + len(token)
            offsets.append((start, point))
        return offsets


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


class _Window:
    """What ``SentimentIntensityAnalyzer.sentiment_valence`` reads of a ``SentiText``: its words and
    ``is_cap_diff``. The fast path passes the words around one lexicon word (see :class:`FastVader`)."""

    __slots__ = ("words_and_emoticons", "is_cap_diff")

    def __init__(self, words: list[str], is_cap_diff: bool):
        self.words_and_emoticons, self.is_cap_diff = words, is_cap_diff


class FastVader:
    """``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment 3.3.2) without its per-call overheads.

    The analyzer's own functions score: ``SentiText`` (words and capitals), ``sentiment_valence`` (each lexicon
    word with its rules), ``_but_check`` and ``score_valence``. What is removed, each exactly:

    * the character-by-character emoji scan: a text with no character in the emoji lexicon comes out of it
      unchanged (a text with one is scored by the plain call);
    * ``sentiment_valence`` called for words not in the lexicon, where it only appends ``0`` (done here);
    * the lower-casing of the whole sentence inside ``sentiment_valence`` (four times per lexicon word,
      quadratic in sentence length): it reads only the three words before and two after the word (3.3.2
      indexes ``i-3`` .. ``i+2`` and compares ``i`` with the length only to know whether ``i+1``/``i+2``
      exist), so it is given those words, with ``i`` counted from the first of them;
    * ``_but_check`` on sentences without "but" (it changes nothing there).
    """

    def __init__(self, analyzer):
        from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

        self._analyzer = analyzer
        self._emoji = frozenset(analyzer.emojis)
        self._boosters = BOOSTER_DICT
        self._sentitext = SentiText

    def polarity_scores(self, text: str) -> dict:
        analyzer = self._analyzer
        if len(text) > LONG_SENTENCE or not self._emoji.isdisjoint(text):
            return analyzer.polarity_scores(text)
        text = text.strip()
        sentitext = self._sentitext(text)
        words = sentitext.words_and_emoticons
        cap_diff = sentitext.is_cap_diff
        lower = [w.lower() for w in words]
        lexicon, boosters, valence_of = analyzer.lexicon, self._boosters, analyzer.sentiment_valence
        n = len(words)
        sentiments: list = []
        for i, item in enumerate(words):
            low = lower[i]
            if low in boosters or (low == "kind" and i < n - 1 and lower[i + 1] == "of") or low not in lexicon:
                sentiments.append(0)
                continue
            lo = i - 3 if i > 3 else 0
            sentiments = valence_of(0, _Window(words[lo:i + 3], cap_diff), item, i - lo, sentiments)
        if "but" in lower:
            sentiments = analyzer._but_check(words, sentiments)
        return analyzer.score_valence(sentiments, text)


@lru_cache(maxsize=1)
def vader() -> FastVader | None:
    """The fast VADER scorer, or ``None`` (then the caller uses the analyzer) when vaderSentiment is not 3.3.2."""
    if not _pinned("vaderSentiment"):
        return None
    from .sentiment import vader as analyzer

    return FastVader(analyzer())


# --- Pattern (TextBlob) --------------------------------------------------------------------------------


class _PlainLexicon(dict):
    """The Pattern sentiment lexicon as a plain ``dict`` (with the attributes ``assessments`` reads).

    TextBlob's ``Sentiment`` is a ``lazydict``: every ``word in lexicon`` and ``lexicon[word]`` goes through
    two Python calls that check whether the file is loaded. Once it is loaded, the same mapping in a plain
    ``dict`` answers alike.
    """


class FastPattern:
    """``textblob.en.sentiment(text)[:2]`` (textblob 0.20.1): polarity and subjectivity, without per-call overheads.

    Pattern's own tokenizer (``find_tokens``) and scoring (``Sentiment.assessments``) run; ``assessments`` is
    given the loaded lexicon as a plain ``dict`` (:class:`_PlainLexicon`), and the averages are computed as
    ``Sentiment.__call__`` computes them, without building its named tuple.
    """

    def __init__(self, sentiment):
        len(sentiment)  # loads the lexicon (a lazydict loads on first use)
        lexicon = _PlainLexicon(dict.items(sentiment))
        for name in ("labeler", "negations", "modifiers", "modifier"):
            setattr(lexicon, name, getattr(sentiment, name))
        self._lexicon = lexicon
        self._assessments = type(sentiment).assessments
        self._tokenizer = sentiment.tokenizer
        self._sentiment = sentiment

    def polarity(self, text: str) -> tuple[float, float]:
        words = ((w.lower(), None) for w in " ".join(self._tokenizer(text)).split())
        a = self._assessments(self._lexicon, words, True)
        return _avg([(w, p) for w, p, s, x in a]), _avg([(w, s) for w, p, s, x in a])


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
