"""Text copies of the notebooks (jupytext percent format): cells only, in sync, byte-stable, round-trip."""
from __future__ import annotations

import nbformat
import pytest

from rhetoric.base.paths import NOTEBOOKS
from rhetoric.run import pairing

COMMITTED = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _notebook():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\nSome *prose*."),
        nbformat.v4.new_code_cell("SEED = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('x')\n1 + 1"),
    ])
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="OUTPUT-MARKER\n"),
                           nbformat.v4.new_output("execute_result", data={"text/plain": "RESULT-MARKER"},
                                                  execution_count=3)]
    nb.cells[2].execution_count = 3
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    return nb


def test_every_committed_notebook_has_its_text_copy_in_sync():
    assert COMMITTED
    assert pairing.out_of_sync(NOTEBOOKS) == []


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_text_copy_round_trips_cells_and_tags(path):
    nb = nbformat.read(path, as_version=4)
    text = pairing.text_path(path).read_text(encoding="utf-8")
    assert pairing.cells_of_text_copy(text) == pairing.cells_of_notebook(nb)


def test_text_copy_holds_cells_only_and_is_deterministic():
    text = pairing.text_copy(_notebook())
    assert "OUTPUT-MARKER" not in text and "RESULT-MARKER" not in text
    assert "3.11.7" not in text and "jupytext_version: " not in text  # nothing that changes between machines
    assert '# %% tags=["parameters"]' in text and "print('x')" in text and "# Some *prose*." in text
    assert "formats: ipynb,py:percent" in text
    assert pairing.text_copy(_notebook()) == text
    assert pairing.cells_of_text_copy(text) == pairing.cells_of_notebook(_notebook())


def test_sync_writes_once_and_out_of_sync_reports_every_problem(tmp_path):
    nb_path = tmp_path / "01-test.ipynb"
    nbformat.write(_notebook(), nb_path)
    assert pairing.out_of_sync(tmp_path) == ["01-test.py: missing (run `rhetoric run`)"]
    assert pairing.sync(nb_path) is True
    first = pairing.text_path(nb_path).read_bytes()
    assert pairing.sync(nb_path) is False and pairing.text_path(nb_path).read_bytes() == first
    assert pairing.out_of_sync(tmp_path) == []

    pairing.text_path(nb_path).write_text(first.decode() + "x = 2\n")  # an edit made in the copy
    assert [p.split(":")[0] for p in pairing.out_of_sync(tmp_path)] == ["01-test.py"]
    assert pairing.sync(nb_path) is True and pairing.text_path(nb_path).read_bytes() == first

    (tmp_path / "02-orphan.py").write_text("# %%\n")
    assert pairing.out_of_sync(tmp_path) == ["02-orphan.py: no notebook 02-orphan.ipynb"]
    (tmp_path / "helper.py").write_text("")  # not a numbered notebook's copy: ignored
    assert len(pairing.out_of_sync(tmp_path)) == 1
