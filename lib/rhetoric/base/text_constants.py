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
* :data:`NEGATION`: the words that negate a following word in the rule-based readings (a negated booster,
  "could not", a negated actor construction such as "Neither Beijing nor Washington can");
  :data:`DETECTOR_NEGATION` is the uncertainty detector's own, different by design (see there).
"""
from __future__ import annotations

STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
STRAIGHTEN_FOR_TOKENS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})
DASHES_AND_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
NEGATION = frozenset({"not", "n't", "n’t", "never", "no", "hardly", "nor"})
#: The negation feature of the uncertainty detector (:mod:`rhetoric.instruments.uncertainty`): the set its
#: weights were trained with, so it stays as it is. It differs from :data:`NEGATION` by design: it adds negative
#: determiners and pronouns ("without", "none", "nothing", "nobody", "neither") that mark a negated context
#: for a cue, and leaves out "hardly" and the curly "n’t" (the detector reads straightened tokens).
DETECTOR_NEGATION = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "none", "nothing",
                               "nobody"})


#: The Unicode normal form text is measured in (word lists matched, syllables counted): composed (NFC), so that
#: the same word typed with a combining accent (NFD) measures the same (issue 37). Only the measured forms are
#: normalised: the raw text, the ``token`` column and every offset stay as the file holds them.
MEASURED_FORM = "NFC"
