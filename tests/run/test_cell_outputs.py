"""What an executed notebook's cells may show (``rhetoric.run.cell_outputs``)."""
from __future__ import annotations

import nbformat
import pytest

from rhetoric.run.cell_outputs import check_cell_outputs, failure_summary, leaks, without_colours
from rhetoric.run.kernel import RunError


def _nb(*outputs):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = list(outputs)
    return nb


def test_errors_always_fail_stderr_and_paths_only_when_committed():
    error = nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])
    for strict in (True, False):
        with pytest.raises(RunError, match="01-x.ipynb: a cell raised ValueError: boom"):
            check_cell_outputs(_nb(error), "01-x.ipynb", [], strict=strict)
    stderr = nbformat.v4.new_output("stream", name="stderr", text="a warning")
    path = nbformat.v4.new_output("stream", name="stdout", text="read /srv/project/seeds/a.txt")
    check_cell_outputs(_nb(stderr, path), "01-x.ipynb", ["/srv/project"], strict=False)
    with pytest.raises(RunError, match="wrote to stderr"):
        check_cell_outputs(_nb(stderr), "01-x.ipynb", [], strict=True)
    with pytest.raises(RunError, match=r"absolute path \(/srv/project\)"):
        check_cell_outputs(_nb(path), "01-x.ipynb", ["/srv/project"], strict=True)
    assert leaks("see /home/ann/x and /Users/bob", []) == ["/home/ann", "/Users/bob"]


def test_a_failure_in_one_line_without_colours():
    class CellError(Exception):
        ename, evalue = "KeyError", "'x'"

    assert failure_summary(CellError("long traceback")) == "KeyError: 'x'"
    assert failure_summary(RuntimeError("Traceback\n  File ...\n\x1b[31mValueError\x1b[0m: bad")) == "ValueError: bad"
    assert failure_summary(RuntimeError()) == "RuntimeError" and without_colours("\x1b[1mbold\x1b[0m") == "bold"
