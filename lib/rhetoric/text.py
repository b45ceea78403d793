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
  "could not", a negated actor construction such as "Neither Beijing nor Washington can").
"""
from __future__ import annotations

import html
import re

STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
STRAIGHTEN_FOR_TOKENS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})
DASHES_AND_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
NEGATION = frozenset({"not", "n't", "n’t", "never", "no", "hardly", "nor"})


def md(text: object) -> str:
    """Text from a corpus made safe for Markdown: HTML escaped, Markdown punctuation backslash-escaped."""
    escaped = html.escape(str(text), quote=True)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>])", r"\\\1", escaped)


def code(text: object) -> str:
    """An identifier from a corpus as a Markdown code span: a code span shows its content literally (raw HTML
    included), so only backticks and line breaks, which could end it, are replaced."""
    text = re.sub(r"\s+", " ", str(text)).replace("`", "'")
    return f"`{text}`"
