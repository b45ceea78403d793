"""A fast path for NLTK's word tokenizer (``NLTKWordTokenizer``), same tokens and offsets.

Transcribed from NLTK 3.10.4 (``nltk/tokenize/destructive.py``): Copyright (C) 2001-2026 NLTK Project,
licensed under the Apache License, Version 2.0 (see ``LICENSES/NLTK-Apache-2.0.txt`` and ``NOTICE`` at the
repository root). Changes: NLTK's own compiled patterns and replacement strings are applied in NLTK's order
without its ReDoS wall-clock wrapper (``nltk.redos``), a substitution is skipped when the text holds none of
the strings every match of its pattern contains, and two substitutions are computed directly in the one
case that covers most sentences (a final period).

The pattern sources below are compared with the installed class when the fast tokenizer is built
(:func:`word_tokenizer`); any difference, or another NLTK version, and it is not used (with a warning) and the
callers make NLTK's own call. A sentence longer than :data:`LONG_SENTENCE` characters, or one NLTK cannot
align, goes to NLTK's own tokenizer too.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.destructive import NLTKWordTokenizer

from rhetoric.externals.switch import accepted, turned_off

#: Sentences longer than this (characters) take NLTK's own tokenizer: the fast one is linear too, but NLTK's
#: carries its ReDoS timeout, kept for such input.
LONG_SENTENCE = 20_000

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
        from nltk import redos  # lazy: NLTK internals, read only when its version is accepted

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
    if not accepted("nltk", "the word tokenizer"):
        return None
    try:
        return FastWordTokenizer(NLTKWordTokenizer())
    except (ValueError, AttributeError, TypeError) as err:
        turned_off("the word tokenizer", f"NLTK's internals differ from those transcribed ({err})")
        return None

