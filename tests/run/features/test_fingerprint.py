"""The fingerprint of the feature table's inputs (``rhetoric.run.features.fingerprint``): it covers every data
file the instruments read and their code, changes when any of them does, and the committed reference table of
notebook 06 carries the fingerprint of the instruments in use (else it must be rebuilt: ``make scale-table``)."""
from __future__ import annotations

import re
import shutil

import pytest

from rhetoric.run.features import fingerprint


def test_every_data_file_the_instruments_name_is_covered():
    named = set()
    for path in fingerprint.input_files():
        if path.suffix == ".py":
            named |= set(re.findall(r"\"([a-z_]+\.csv)\"", path.read_text(encoding="utf-8")))
    present = {n for n in named if (fingerprint.LIB / "data" / n).is_file()}
    # evaluation outputs the instruments only report (not read to measure) are left out on purpose
    reported_only = {"audit_tone_misreads.csv", "target_tone_cv.csv", "tone_misreads_effect.csv",
                     "derived_measures.csv", "reference_topics.csv"}
    assert present - reported_only <= set(fingerprint.DATA_FILES)
    assert all((fingerprint.LIB / "data" / n).is_file() for n in fingerprint.DATA_FILES)


def test_the_fingerprint_changes_with_any_input(tmp_path):
    lib = tmp_path / "rhetoric"
    for path in fingerprint.input_files():
        target = lib / path.relative_to(fingerprint.LIB)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    before = fingerprint.fingerprint(lib)
    assert before == fingerprint.fingerprint() and re.fullmatch(r"[0-9a-f]{16}", before)
    words = lib / "data" / "rhetorical_markers.csv"
    words.write_bytes(words.read_bytes() + b"newterm,contrast,test\n")
    changed = fingerprint.fingerprint(lib)
    assert changed != before
    code = lib / "instruments" / "argument.py"
    code.write_bytes(code.read_bytes() + b"\n# a change\n")
    assert fingerprint.fingerprint(lib) not in (before, changed)


def test_reference_note_says_whether_the_reference_is_current(tmp_path):
    path = tmp_path / "x.fingerprint"
    assert "No fingerprint is stored" in fingerprint.reference_note(path)
    path.write_text("0000000000000000\n")
    assert "have changed since the reference table was made" in fingerprint.reference_note(path)
    fingerprint.write(path)
    assert "made by the instruments in use here" in fingerprint.reference_note(path)


@pytest.mark.skipif(not fingerprint.REFERENCE_TABLE.is_file(), reason="no committed reference table")
def test_the_committed_reference_table_is_made_by_the_instruments_in_use():
    # fails after any change to an instrument's word lists or code until `make scale-table` rebuilds the
    # reference table of notebook 06 (and writes its fingerprint)
    assert fingerprint.stored() == fingerprint.fingerprint(), (
        "data/allsides-10k-article-features.csv.gz was not made by the instruments in use: run `make scale-table`")
