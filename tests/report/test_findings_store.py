"""The findings store (``findings.csv``): each notebook's statements replaced, cleared and read back in a stable
order; the Markdown lists a notebook shows."""
from __future__ import annotations

from rhetoric.report import findings_store as store


def test_record_replaces_one_notebooks_statements_of_one_kind(tmp_path):
    store.record_findings(tmp_path, "02-b.ipynb", "finding", ["B one", "B two"])
    store.record_findings(tmp_path, "01-a.ipynb", "finding", ["A one"])
    store.record_findings(tmp_path, "01-a.ipynb", "validity", ["A valid"])
    store.record_findings(tmp_path, "02-b.ipynb", "finding", ["B again"])  # replaces B's two findings
    table = store.read_findings(tmp_path)
    assert list(table.columns) == store.FINDINGS_COLUMNS
    assert table[["notebook", "kind", "finding"]].values.tolist() == [
        ["01-a.ipynb", "finding", "A one"], ["01-a.ipynb", "validity", "A valid"], ["02-b.ipynb", "finding", "B again"]]
    assert store.read_findings(tmp_path, "validity")["finding"].tolist() == ["A valid"]


def test_the_file_is_the_same_whatever_the_order_of_recording(tmp_path):
    store.record_findings(tmp_path / "x", "01-a.ipynb", "finding", ["A"])
    store.record_findings(tmp_path / "x", "02-b.ipynb", "finding", ["B"])
    store.record_findings(tmp_path / "y", "02-b.ipynb", "finding", ["B"])
    store.record_findings(tmp_path / "y", "01-a.ipynb", "finding", ["A"])
    assert (tmp_path / "x" / store.FINDINGS_FILE).read_bytes() == (tmp_path / "y" / store.FINDINGS_FILE).read_bytes()


def test_clear_forgets_every_statement_of_one_notebook(tmp_path):
    store.clear_findings(tmp_path, "01-a.ipynb")  # nothing recorded yet: nothing to do
    assert not (tmp_path / store.FINDINGS_FILE).exists()
    store.record_findings(tmp_path, "01-a.ipynb", "finding", ["A"])
    store.record_findings(tmp_path, "01-a.ipynb", "described", ["A described"])
    store.record_findings(tmp_path, "02-b.ipynb", "finding", ["B"])
    store.clear_findings(tmp_path, "01-a.ipynb")
    assert store.read_findings(tmp_path)["finding"].tolist() == ["B"]


def test_findings_block_lists_findings_then_what_is_described_only(tmp_path):
    store.record_findings(tmp_path, "01-a.ipynb", "finding", ["A is higher."])
    assert store.findings_block(tmp_path, link_prefix="") == "- A is higher. ([01-a.ipynb](01-a.ipynb))"
    store.record_findings(tmp_path, "02-b.ipynb", "described", ["B, described."])
    assert store.findings_block(tmp_path) == (
        "- A is higher. ([01-a.ipynb](notebooks/01-a.ipynb))\n\n" + store.DESCRIBED_HEADING
        + "\n\n- B, described. ([02-b.ipynb](notebooks/02-b.ipynb))")
