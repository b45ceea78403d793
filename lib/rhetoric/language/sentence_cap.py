"""No sentence is longer than :data:`MAX_SENTENCE_WORDS` words (:func:`cap_sentences`).

A longer run without a sentence end (a list, a table, a text without punctuation) is cut into pieces of 1,000
whitespace-separated words, each then a sentence. Why: VADER's cost grows with the square of sentence length
(20,000 words take 12 s, 100,000 words many minutes), so one unpunctuated paragraph could stall a run; with the
cap, every per-sentence instrument costs at most a fixed amount per 1,000 words. Why 1,000: the longest
sentence of the 10,000-article benchmark (475,252 sentences) has 338 words, and a sentence of 1,000 words is no
longer prose the instruments were built for; below the cap nothing changes, so the feature table of ordinary
text is byte-identical with or without it.
"""
from __future__ import annotations

import re

#: The longest sentence, in whitespace-separated words (see the module docstring).
MAX_SENTENCE_WORDS = 1000
_WORD_RUN = re.compile(r"\S+")


def cap_sentences(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE_WORDS) -> list[tuple[int, int]]:
    """``spans`` (``(start, end)`` of sentences in ``text``) with every span of more than ``limit``
    whitespace-separated words cut into consecutive pieces of ``limit`` words (the last may be shorter); the
    whitespace between pieces belongs to none. Spans within the limit are returned as they are."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if end - start < 2 * limit:  # fewer than 2 x limit characters cannot hold more than limit words
            out.append((start, end))
            continue
        words = [m.span() for m in _WORD_RUN.finditer(text, start, end)]
        if len(words) <= limit:
            out.append((start, end))
            continue
        for k in range(0, len(words), limit):
            piece = words[k:k + limit]
            out.append((piece[0][0], piece[-1][1]))
    return out
