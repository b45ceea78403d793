"""Guards at the edges (``rhetoric.base.safety``): places compared after resolving symlinks, the committed project,
user regular expressions screened (issue 24)."""
from __future__ import annotations

import pytest

from rhetoric.base import safety
from rhetoric.base.errors import OutputError
from rhetoric.base.paths import FIGURES, PACKAGE, ROOT


def test_committed_place_follows_symlinks(tmp_path):
    assert safety.committed_place(FIGURES / "x.csv") == "figures/"
    assert safety.committed_place(PACKAGE / "data" / "x.csv") == "library"
    assert safety.committed_place(ROOT / "build" / "x.csv") is None and safety.committed_place(tmp_path) is None
    (tmp_path / "link").symlink_to(FIGURES)
    assert safety.committed_place(tmp_path / "link" / "x.csv") == "figures/"


def test_real_and_resolved(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(OutputError, match="symlink loop"):
        safety.real(tmp_path / "loop")
    assert safety.resolved(tmp_path / "loop") == tmp_path / "loop"
    assert safety.resolved(tmp_path / "a" / ".." / "b") == tmp_path / "b"


def test_check_places_both_ways(tmp_path):
    out, corpus = tmp_path / "out", tmp_path / "out" / "corpus"
    with pytest.raises(OutputError, match="contains the corpus"):
        safety.check_places([(out, "--out")], [(corpus, "the corpus")], out)
    with pytest.raises(OutputError, match="is inside the corpus"):
        safety.check_places([(corpus / "x", "--out")], [(corpus, "the corpus")], corpus / "x")
    safety.check_places([(tmp_path / "a", "--out")], [(tmp_path / "b", "the corpus"), (None, "no lists")], tmp_path)


def test_pattern_check_accepts_the_shipped_patterns_and_bounded_nesting():
    from rhetoric.base.safety import pattern_problem
    from rhetoric.language.cleaning import cleaning_patterns

    assert [p for p in cleaning_patterns()["pattern"] if pattern_problem(p)] == []
    assert pattern_problem(r"^(?: [A-Z]+){0,3}\s+-") is None and pattern_problem(r"^(?:[A-Z]+ )+-") is not None
