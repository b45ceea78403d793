"""The fuzzing cases of tests/fuzz/rounds.py that no other test covers, run in process (issues 20, 24). The other
tests of issue 13 ("bad input never costs data") moved to the tests of the modules they test: tests/io/test_outputs.py,
tests/io/test_articles.py, tests/io/test_corpus.py, tests/run/features/test_*.py and tests/language/."""
from __future__ import annotations

import pytest

from command_helpers import features as _features  # the names the fuzz case used here before
from command_helpers import one_clear_line as _one_clear_line

# ------------------------------------------------------------- fuzzing cases of tests/fuzz/rounds.py, in process

#: The quick cases of ``scripts/fuzz.py`` (each well under 2 s in process) that no other test covers; the script
#: runs all of them (and the slow ones) as child processes with a time limit and a memory cap (``make fuzz``).
FUZZ_IN_PROCESS = ["metadata not UTF-8", "metadata empty file", "gzip with garbage after the stream",
                   "gzip named .jsonl (recognised by its bytes)", "errors file path is a directory",
                   "output is a word list (--out equal to a list)", "output path is a symlink loop",
                   "HTML/LaTeX/$ in string fields", "JSON Lines with bad lines", "damaged gzip"]


def _fuzz_module():
    from fuzz import rounds

    return rounds


@pytest.mark.slow
@pytest.mark.parametrize("name", FUZZ_IN_PROCESS)
def test_fuzz_case(name, tmp_path, capsys):
    fuzz = _fuzz_module()
    case = next(c for c in fuzz.CASES if c.name == name)
    spec = case.build(tmp_path)
    kept = {p: p.read_bytes() for p in spec.keep}
    hidden = fuzz._hidden(tmp_path)
    code, err = _features(capsys, *spec.args)
    assert code in (spec.code if isinstance(spec.code, tuple) else (spec.code,)) and "Traceback" not in err, err
    if spec.code == 2:
        _one_clear_line(err, *spec.fragments)
    else:
        assert all(fragment in err for fragment in spec.fragments), err
    assert all(p.read_bytes() == data for p, data in kept.items())
    assert fuzz._hidden(tmp_path) == hidden  # no temporary file left
    assert spec.check is None or spec.check() is None
