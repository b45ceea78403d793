"""textstat's per-word counts (syllables, polysyllables, Gunning fog and Dale-Chall hard words), cached and
packed so that a sentence's counts are one sum.

No textstat code is copied here: each word's counts come from textstat's own backend functions
(``textstat.backend.counts.count_syllables``, ``validations.is_difficult_word``) and Gunning fog's syllable
threshold from its language configuration (``textstat.backend.utils._get_lang_cfg``, a private module: it is
used only with the textstat version in :data:`rhetoric.externals.switch.ACCEPTED`; with another version the
documented English threshold of 3 syllables is used and a :class:`~rhetoric.externals.switch.FastPathWarning`
says so). Written against textstat 0.7.13, which is MIT-licensed (Copyright (c) 2016 Shivam Bansal;
``LICENSES/textstat-MIT.txt`` and ``NOTICE``).

:func:`plain_counts` is the plain loop; :func:`summed_counts` its fast path (the same integers).
"""
from __future__ import annotations

from functools import lru_cache

from textstat.backend.counts import count_syllables
from textstat.backend.validations import is_difficult_word

from rhetoric.externals.switch import accepted

TEXTSTAT_LANG = "en_US"  # textstat's default language
#: Gunning fog's hard-word threshold in textstat's English configuration (used if the private config moved).
ENGLISH_FOG_THRESHOLD = 3


@lru_cache(maxsize=200_000)
def _word_counts(word: str) -> tuple[int, int, int, int]:
    """(syllables, polysyllable, Gunning-fog hard word, Dale-Chall hard word) of one textstat word."""
    syllables = count_syllables(word, TEXTSTAT_LANG)
    fog = is_difficult_word(word, _fog_threshold(), TEXTSTAT_LANG)
    dale_chall = is_difficult_word(word, 0, TEXTSTAT_LANG)
    return syllables, int(syllables >= 3), int(fog), int(dale_chall)


@lru_cache(maxsize=1)
def _fog_threshold() -> int:
    if not accepted("textstat", "textstat's fog threshold (a private configuration)"):
        return ENGLISH_FOG_THRESHOLD
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg  # lazy: a private module, only when accepted

    return int(get_lang_cfg(TEXTSTAT_LANG, "syllable_threshold"))


def plain_counts(texts: list[str], list_words) -> list[tuple[int, int, int, int, int]]:
    """``(words, syllables, polysyllables, fog_hard_words, dc_hard_words)`` of each text, word by word."""
    rows = []
    for text in texts:
        words = list_words(text)
        syl = poly = fog = dc = 0
        for w in words:
            a, b, c, d = _word_counts(w)
            syl, poly, fog, dc = syl + a, poly + b, fog + c, dc + d
        rows.append((len(words), syl, poly, fog, dc))
    return rows


#: Each word's four counts (``_word_counts``) packed into one integer, ``_FIELD`` bits apiece, so that a
#: sentence's counts are one ``sum`` (no field can carry into the next: a word has fewer syllables than
#: characters plus one, and a sentence of 2**38 characters is not text).
_FIELD = 40
_MASK = (1 << _FIELD) - 1
_PACKED: dict[str, int] = {}


def summed_counts(texts: list[str], list_words) -> list[tuple[int, int, int, int, int]]:
    """``(words, syllables, polysyllables, fog_hard_words, dc_hard_words)`` of each text: the plain loop's
    sums, added as packed integers (the fast path of :func:`sentence_counts`)."""
    packed = _PACKED
    if len(packed) > 400_000:  # bounded, like _word_counts's cache
        packed.clear()
    rows = []
    for text in texts:
        words = list_words(text)
        if len(text) >= 1 << (_FIELD - 2):
            counts = [_word_counts(w) for w in words]
            rows.append((len(words), *(sum(c[k] for c in counts) for k in range(4))))
            continue
        try:
            total = sum(map(packed.__getitem__, words))
        except KeyError:
            for w in words:
                if w not in packed:
                    a, b, c, d = _word_counts(w)
                    packed[w] = a | b << _FIELD | c << 2 * _FIELD | d << 3 * _FIELD
            total = sum(map(packed.__getitem__, words))
        rows.append((len(words), total & _MASK, total >> _FIELD & _MASK, total >> 2 * _FIELD & _MASK,
                     total >> 3 * _FIELD))
    return rows
