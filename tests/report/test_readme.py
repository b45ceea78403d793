"""The README as a landing page: its generated blocks (a short findings table, sharing links) and the pages it
links to instead of holding them (figures/findings.md, docs/measures.md)."""
from __future__ import annotations

import pandas as pd

from rhetoric.base.paths import FIGURES, ROOT
from rhetoric.instruments.registry import get
from rhetoric.report import readme
from rhetoric.report.findings_store import read_findings

PROFILE_COLUMNS = ["family", "measure", "label", "unit", "doc_id", "estimate", "ci_low", "ci_high", "n_sentences"]


def _profile(fig_dir, rows):
    pd.DataFrame(rows, columns=PROFILE_COLUMNS).to_csv(fig_dir / "05-profile.csv", index=False)


def _row(name, doc, est, lo, hi):
    m = get(name)
    return [m.family, name, m.label, m.unit, doc, est, lo, hi, 40]


def test_block_replaces_only_between_markers():
    text = "a\n<!-- x:start -->\nold\n<!-- x:end -->\nb"
    assert readme.block(text, "x", "new") == "a\n<!-- x:start -->\nnew\n<!-- x:end -->\nb"
    assert readme.block("no markers", "x", "new") == "no markers"


def test_glance_rows_are_the_differences_that_clear_the_rule(tmp_path):
    _profile(tmp_path, [_row("proposal_per_1000", "a", 6.0, 2.5, 11.0), _row("proposal_per_1000", "b", 0.0, 0.0, 0.0),
                        _row("hedges_per_1000", "a", 15.0, 8.0, 23.0), _row("hedges_per_1000", "b", 8.5, 4.0, 13.6),
                        _row("words_per_sentence", "a", 30.0, 28.0, 32.0),
                        _row("words_per_sentence", "b", 20.0, 18.0, 22.0)])
    rows = readme.glance_rows(tmp_path)
    assert [r["measure"].split(" (")[0] for r in rows] == ["words per sentence", "proposal language"]  # registry order
    assert rows[0]["higher in"] == "`a`" and "`a` 30.0 [28.0, 32.0]; `b` 20.0 [18.0, 22.0]" == rows[0]["values"]
    assert rows[0]["validity"] == "a count or formula"
    assert rows[1]["validity"].startswith(("held-out precision", "not validated outside"))


def test_glance_uses_group_tests_when_groups_are_tested(tmp_path):
    _profile(tmp_path, [_row("words_per_sentence", "a", 30.0, 28.0, 32.0),
                        _row("words_per_sentence", "b", 20.0, 18.0, 22.0)])
    groups = pd.DataFrame([{"measure": "words_per_sentence", "group": g, "n_docs": 3, "estimate": e, "ci_low": e - 1,
                            "ci_high": e + 1, "test": "permutation", "q_bh": q, "p_permutation": q}
                           for g, e, q in (("left", 25.0, 0.3), ("right", 24.0, 0.3))])
    groups.to_csv(tmp_path / "group-comparison.csv", index=False)
    assert readme.glance_rows(tmp_path) == []  # intervals of articles do not count when groups are tested
    groups.assign(q_bh=0.01).to_csv(tmp_path / "group-comparison.csv", index=False)
    (row,) = readme.glance_rows(tmp_path)
    assert row["higher in"] == "`left`" and "(q = 0.010)" in row["values"]


def test_glance_table_is_short_and_links_every_finding(tmp_path):
    names = [m for m in ("words_per_sentence", "hedges_per_1000", "boosters_per_1000", "attitude_markers_per_1000",
                         "self_mentions_per_1000", "engagement_markers_per_1000", "contrast_per_1000",
                         "attribution_per_1000", "proposal_per_1000", "verdict_per_1000", "pronoun_they_per_1000",
                         "questions_share", "vader_compound") if get(m).core]
    rows = [r for m in names for r in (_row(m, "a", 9.0, 8.0, 10.0), _row(m, "b", 1.0, 0.5, 1.5))]
    _profile(tmp_path, rows)
    pd.DataFrame({"notebook": ["01-x.ipynb"] * 3, "kind": "finding", "order": range(3),
                  "finding": ["one", "two", "three"]}).to_csv(tmp_path / "findings.csv", index=False)
    text = readme.glance_markdown(tmp_path)
    table = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    judged = readme.glance_rows(tmp_path)
    found = [r for r in judged if r["kind"] == "finding"]
    assert len(table) - 1 == min(len(found), readme.GLANCE_ROWS) if found else not table  # the header and rows
    assert all("described only" not in line for line in table)  # findings only: the block lists what clears
    if len(found) > readme.GLANCE_ROWS:
        assert f"and {len(found) - readme.GLANCE_ROWS} more" in text
    if len(judged) > len(found):
        assert f"{len(judged) - len(found)} more difference" in text and "described only" in text
    assert "Every finding of the notebooks (3)" in text and "(figures/findings.md)" in text
    page = readme.findings_page(tmp_path)
    assert "- one\n- two\n- three" in page and "(../notebooks/01-x.ipynb)" in page


def test_sharing_block_says_so_while_the_address_is_a_placeholder(tmp_path):
    from conftest import with_address

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(with_address(cff, "https://github.com/OWNER/REPO"))
    assert readme.sharing_markdown(tmp_path) == ""  # no placeholder shown to readers
    (tmp_path / "CITATION.cff").write_text(with_address(cff, "https://github.com/a/b"))
    text = readme.sharing_markdown(tmp_path)
    assert "](https://nbviewer.org/github/a/b/blob/main/notebooks/00-overview.ipynb)" in text
    assert "](https://mybinder.org/v2/gh/a/b/main?labpath=notebooks/00-overview.ipynb)" in text
    assert "mybinder.org/badge_logo.svg" in text


def test_update_writes_blocks_and_pages(tmp_path):
    figs = tmp_path / "figures"
    figs.mkdir()
    _profile(figs, [_row("words_per_sentence", "a", 30.0, 28.0, 32.0), _row("words_per_sentence", "b", 20, 18, 22)])
    pd.DataFrame({"notebook": ["01-x.ipynb"], "kind": "finding", "order": [0], "finding": ["one"]}).to_csv(
        figs / "findings.csv", index=False)
    page = tmp_path / "README.md"
    page.write_text("# T\n<!-- findings:start -->\n<!-- findings:end -->\n<!-- sharing:start -->\n"
                    "<!-- sharing:end -->\n")
    readme.update(figs, page)
    text = page.read_text()
    assert "| words per sentence (mean per sentence) | `a` |" in text and "(figures/findings.md)" in text
    assert (figs / "findings.md").read_text().count("- one") == 1
    assert (tmp_path / "docs" / "measures.md").read_text() == readme.measures_page()


def test_the_readme_is_a_landing_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text[:text.index("## Findings at a glance")]
    assert "(figures/05-comparison.png)" in first_screen and "(figures/README.md)" in first_screen
    for where in ("make run", "make test", "make html", "00-overview"):
        assert where in first_screen, where
    assert "<!-- measures:start -->" not in text and "(docs/measures.md)" in text
    assert "OWNER/REPO" not in text.replace("`https://github.com/OWNER/REPO`", "")
    block = text.split("<!-- findings:start -->", 1)[1].split("<!-- findings:end -->", 1)[0]
    rows = [line for line in block.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert len(rows) - 1 <= readme.GLANCE_ROWS
    assert len(block.split()) < 400


def test_measures_page_is_current():
    assert (ROOT / readme.MEASURES_PAGE).read_text(encoding="utf-8") == readme.measures_page()


def test_findings_page_lists_every_committed_finding():
    findings = read_findings(FIGURES, "finding")
    page = readme.findings_page(FIGURES)
    assert all(f"- {f}" in page for f in findings["finding"])


def test_update_writes_the_semeval_block_into_the_guide(tmp_path):
    """The semeval block moved with the reference material to docs/guide.md; update() keeps it current there."""
    (tmp_path / "figures").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    guide = tmp_path / readme.GUIDE_PAGE
    guide.write_text("a\n<!-- semeval:start -->\nstale\n<!-- semeval:end -->\nb\n", encoding="utf-8")
    readme.update(tmp_path / "figures", tmp_path / "README.md")
    assert guide.read_text(encoding="utf-8") == f"a\n<!-- semeval:start -->\n{readme.semeval_markdown()}\n" \
                                                "<!-- semeval:end -->\nb\n"
