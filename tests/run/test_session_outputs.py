"""What a notebook session writes and shows (``rhetoric.run.session_outputs``): under the staging folder while
``rhetoric run`` stages, figures, tables, findings and progress lines."""
from __future__ import annotations

import pandas as pd

from rhetoric.base.paths import ROOT
from rhetoric.run import session_outputs
from rhetoric.run.staging import STAGING_ENV


def test_outputs_go_to_the_staging_folder_when_one_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv(STAGING_ENV, raising=False)
    assert session_outputs.output_root(None) == ROOT
    assert session_outputs.output_root(str(tmp_path)) == tmp_path
    monkeypatch.setenv(STAGING_ENV, str(tmp_path / "staged"))
    assert session_outputs.output_root(str(tmp_path)) == tmp_path / "staged"


def test_record_and_show(tmp_path, monkeypatch, capsys):
    class Outputs(session_outputs.SessionOutputs):
        notebook, out_dir = "01-x.ipynb", tmp_path

    shown = Outputs().record(["A finding.", "Another."])
    assert shown.data == "- A finding.\n- Another."
    findings = pd.read_csv(tmp_path / "figures" / "findings.csv")
    assert list(findings["finding"]) == ["A finding.", "Another."] and set(findings["notebook"]) == {"01-x.ipynb"}
    assert "No statement" in Outputs().record([]).data
    # an empty list of described or validity statements, shown right after the findings, shows nothing
    assert Outputs().record([], kind="described").data == "" and Outputs().record([], kind="validity").data == ""
    view = Outputs().show(pd.DataFrame({"n": [1, 2]}, index=pd.Index(["a", "b"], name="doc_id")), of="t")
    assert "../figures/t.csv" in view._repr_html_()
    monkeypatch.setenv(session_outputs.PROGRESS_LOG, str(tmp_path / "log"))
    Outputs().progress("counted", 1234, "words")
    assert capsys.readouterr().err == "[01-x] counted: 1,234 words\n"  # not the cell output (stdout)
    assert (tmp_path / "log").read_text() == "[01-x] counted: 1,234 words\n"
