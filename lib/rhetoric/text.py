"""Text constants shared by every module: one home for each, so a change reaches every reader.

* :data:`STRAIGHTEN` swaps curly quotes and apostrophes, one character for one, for straight ones; offsets
  in the translated copy are offsets in the raw text. VADER reads text through it (its negation rule looks
  for "n't" and would miss "don’t"), and so does Pattern.
* :data:`STRAIGHTEN_FOR_TOKENS` is :data:`STRAIGHTEN` plus the prime mark (′), which some sources type for an
  apostrophe ("Iran′s"); the word tokenizer reads it so that the clitic splits off. VADER does not get the
  prime: its lexicon knows no word with it, and keeping VADER's input as close to the text as possible is
  the rule. The difference is intended and tested.
* :data:`DASHES_AND_QUOTES` also folds en and em dashes to a hyphen; it is only for comparing a first line
  with a metadata title, never for text that is measured.
* :func:`md` and :func:`code` make text from a corpus (ids, group labels, titles) safe to put into Markdown
  outputs, which notebooks and the README render: nothing a metadata file holds can inject HTML.
* :data:`NEGATION`: the words that negate a following word in the rule-based readings (a negated booster,
  "could not", a negated actor construction such as "Neither Beijing nor Washington can");
  :data:`DETECTOR_NEGATION` is the uncertainty detector's own, different by design (see there).
* :data:`MAX_SENTENCE_WORDS` and :func:`cap_sentences`: no sentence is longer than 1,000 words. A longer run
  without a sentence end (a list, a table, a text without punctuation) is cut into pieces of 1,000
  whitespace-separated words, each then a sentence. Why: VADER's cost grows with the square of sentence
  length (20,000 words take 12 s, 100,000 words many minutes), so one unpunctuated paragraph could stall a
  run; with the cap, every per-sentence instrument costs at most a fixed amount per 1,000 words. Why 1,000:
  the longest sentence of the 10,000-article benchmark (475,252 sentences) has 338 words, and a sentence of
  1,000 words is no longer prose the instruments were built for; below the cap nothing changes, so the
  feature table of ordinary text is byte-identical with or without it.
"""
from __future__ import annotations

import html
import re

STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
STRAIGHTEN_FOR_TOKENS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})
DASHES_AND_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
NEGATION = frozenset({"not", "n't", "n’t", "never", "no", "hardly", "nor"})
#: The negation feature of the uncertainty detector (:mod:`rhetoric.uncertainty`): the set its weights were
#: trained with, so it stays as it is. It differs from :data:`NEGATION` by design: it adds negative
#: determiners and pronouns ("without", "none", "nothing", "nobody", "neither") that mark a negated context
#: for a cue, and leaves out "hardly" and the curly "n’t" (the detector reads straightened tokens).
DETECTOR_NEGATION = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "none", "nothing",
                               "nobody"})
#: The longest sentence, in whitespace-separated words (see the module docstring).
MAX_SENTENCE_WORDS = 1000
_WORD_RUN = re.compile(r"\S+")


def md(text: object) -> str:
    """Text from a corpus made safe for Markdown: HTML escaped, Markdown punctuation backslash-escaped (``$``
    included, so no viewer renders it as LaTeX math)."""
    escaped = html.escape(str(text), quote=True)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>$])", r"\\\1", escaped)


def code(text: object) -> str:
    """An identifier from a corpus as a Markdown code span: a code span shows its content literally (raw HTML
    included), so only backticks and line breaks, which could end it, are replaced."""
    text = re.sub(r"\s+", " ", str(text)).replace("`", "'")
    return f"`{text}`"


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
