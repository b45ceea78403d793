"""Result tables as notebooks show them: at most 20 rows and a link to the full file, headers in words, p and q
formatted, text left and numbers right, empty columns and empty tables not shown, the same bytes every time."""
from __future__ import annotations

import math

import pandas as pd
from bs4 import BeautifulSoup

from rhetoric.instruments.registry import get
from rhetoric.report import tables


def _html(shown) -> BeautifulSoup:
    return BeautifulSoup(shown._repr_html_(), features="html.parser")


def test_long_table_is_cut_and_links_the_full_file():
    table = pd.DataFrame({"doc_id": [f"d{k}" for k in range(47)], "estimate": [k / 10 for k in range(47)]})
    soup = _html(tables.readable(table, "t", link="../figures/t.csv"))
    assert len(soup.find("tbody").find_all("tr")) == tables.MAX_ROWS
    assert "Showing 20 of 47 rows" in soup.get_text()
    assert soup.find("a", href="../figures/t.csv") and soup.find("a", href="../figures/t.tex")
    short = _html(tables.readable(table.head(3), "t", link="../figures/t.csv"))
    assert len(short.find("tbody").find_all("tr")) == 3 and "3 rows" in short.get_text()


def test_headers_in_words_from_the_registry_and_the_column_list():
    m = get("hedges_per_1000")
    table = pd.DataFrame({"doc_id": ["a"], "hedges_per_1000": [1.5], "ci_low": [1.0], "ci_high": [2.0],
                          "p_permutation": [0.0004], "q_bh": [0.0123], "n_sentences": [40], "odd_name": ["x"]})
    heads = [th.get_text() for th in _html(tables.readable(table, "t")).find_all("th")]
    assert heads == ["article", m.label, "95% CI low", "95% CI high", "p (permutation)", "q (Benjamini-Hochberg)",
                     "sentences", "odd name"]
    cells = [td.get_text() for td in _html(tables.readable(table, "t")).find_all("td")]
    assert cells[4:7] == ["< 0.001", "0.012", "40"]


def test_identifier_beside_its_label_shows_the_label_only():
    table = pd.DataFrame({"measure": ["hedges_per_1000"], "label": ["hedges"], "estimate": [2.0]})
    heads = [th.get_text() for th in _html(tables.readable(table, "t")).find_all("th")]
    assert heads == ["measure", "estimate"]
    assert _html(tables.readable(table, "t")).find("td").get_text() == "hedges"


def test_text_left_numbers_right():
    table = pd.DataFrame({"group": ["left", "right"], "estimate": [1.25, 3.5]})
    soup = _html(tables.readable(table, "t"))
    aligns = [td["style"] for td in soup.find("tbody").find("tr").find_all("td")]
    assert aligns == ["text-align: left", "text-align: right"]


def test_empty_columns_left_out_and_empty_tables_not_shown():
    nan = math.nan
    table = pd.DataFrame({"group": ["a", "b"], "estimate": [1.0, 2.0], "p_permutation": [nan, nan],
                          "q_bh": [nan, nan]})
    soup = _html(tables.readable(table, "t"))
    assert [th.get_text() for th in soup.find_all("th")] == ["group", "estimate"]
    assert "empty column(s) left out: p (permutation), q (Benjamini-Hochberg)" in soup.get_text()
    empty = tables.readable(table[["group", "p_permutation", "q_bh"]], "t", link="../figures/t.csv")
    soup = _html(empty)
    assert soup.find("table") is None and "not shown" in soup.get_text() and soup.find("a", href="../figures/t.csv")


def test_numbers_formatted_by_size():
    assert tables.format_column(pd.Series([1234.0, 5.0])) == ["1,234", "5"]  # whole numbers stay whole
    assert tables.format_column(pd.Series([0.0553, -0.0777, 0.192])) == ["0.055", "-0.078", "0.192"]
    assert tables.format_column(pd.Series([23.87, 21.3])) == ["23.9", "21.3"]
    mixed = tables.format_column(pd.Series([0.4608, 138.6]))  # sizes differ a hundredfold: each its own
    assert mixed == ["0.461", "139"]
    rows = tables.format_column(pd.Series([0.3, 9.5]), scale=pd.Series([0.6, 15.0]))
    assert rows == ["0.300", "9.5"]
    assert tables.format_column(pd.Series([0.0, 0.25])) == ["0", "0.250"]  # nothing is exactly nothing
    assert tables.format_p_cell(0.04999) == "0.050" and tables.format_p_cell(1e-9) == "< 0.001"
    assert tables.format_p_cell(float("nan")) == "" and tables.format_p_cell(None) == ""  # a blank cell, not n/a


def test_display_is_deterministic_and_has_plain_text():
    table = pd.DataFrame({"doc_id": ["a", "b"], "estimate": [1.0, 2.5]})
    one, two = tables.readable(table, "t", link="x.csv"), tables.readable(table, "t", link="x.csv")
    assert one._repr_html_() == two._repr_html_() and repr(one) == repr(two)
    assert "0x" not in repr(one) and "2 rows" in repr(one) and "<" not in repr(one)


def test_session_table_writes_everything_and_shows_a_readable_table(tmp_path):
    from rhetoric.run.notebook import Session

    session = Session.__new__(Session)
    session.out_dir = tmp_path
    table = pd.DataFrame({"doc_id": [f"d{k}" for k in range(30)], "estimate": range(30)})
    shown = session.table(table, "t-table", caption="A caption.")
    assert len(pd.read_csv(tmp_path / "figures" / "t-table.csv")) == 30
    assert (tmp_path / "figures" / "t-table.tex").is_file()
    soup = _html(shown)
    assert len(soup.find("tbody").find_all("tr")) == 20 and soup.find("a", href="../figures/t-table.csv")


def test_latex_table_for_a_paper():
    """booktabs rules, headers in words, p as "< 0.001", empty columns left out, corpus text escaped."""
    from rhetoric.report.tables import latex_table

    table = pd.DataFrame({"measure": ["hedges_per_1000"], "label": ["hedges"], "group": ["a_b & c"],
                          "estimate": [12.345], "ci_low": [10.0], "ci_high": [14.5], "p_permutation": [0.0004],
                          "q_bh": [0.0123], "effect_size": [float("nan")]})
    tex = latex_table(table, "t", "A caption")
    assert "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex and "\\label{tab:t}" in tex
    assert "p (permutation)" in tex and "q (Benjamini-\\allowbreak{}Hochberg)" in tex and "95\\% CI low" in tex
    assert "\\textless{} 0.001" in tex and "0.012" in tex and "12.3" in tex
    assert "effect size" not in tex and "hedges\\_per\\_1000" not in tex  # empty column, identifier beside label
    assert "a\\_b \\& c" in tex


def test_column_dictionary_written_with_the_tables(tmp_path):
    """Every written table's columns in figures/columns.csv, in words, one file's rows replaced on a rewrite."""
    from rhetoric.report.tables import COLUMN_DICTIONARY, write_table

    write_table(pd.DataFrame({"group": ["a"], "hedges_per_1000": [1.5], "hedges_per_1000_sd": [0.2]}), "groups",
                tmp_path, latex=False)
    write_table(pd.DataFrame({"p_permutation": [0.5]}), "other", tmp_path, latex=False)
    write_table(pd.DataFrame({"q_bh": [0.5]}), "other", tmp_path, latex=False)
    d = pd.read_csv(tmp_path / COLUMN_DICTIONARY, keep_default_na=False)
    assert list(d["column"]) == ["group", "hedges_per_1000", "hedges_per_1000_sd", "q_bh"]
    assert d.loc[2, "header"].endswith("(SD across the group's articles)") and d.loc[1, "kind"] == "number"
    assert d.loc[3, "header"] == "q (Benjamini-Hochberg)" and d.loc[0, "kind"] == "text"


def test_reading_problems_finds_missing_captions_empty_rows_and_raw_codes():
    from rhetoric.report.tables import reading_problems

    good = tables.readable(pd.DataFrame({"frame": ["Economic"], "estimate": [0.5]}), "t", caption="Frames.")
    assert reading_problems(good._repr_html_()) == []
    bad = tables.readable(pd.DataFrame({"frame": ["cultural_identity", "Economic"], "estimate": [0.5, None],
                                        "n": [1, None]}), "t")
    shown = bad._repr_html_()
    assert "Cultural identity" in shown and "cultural_identity" not in shown  # codes shown in words
    assert reading_problems(shown) == ["table 1: no caption", "table 1: an empty row ('Economic')"]
    raw = ('<table class="rhetoric-table"><caption>C.</caption><thead></thead><tbody>\n'
           '<tr><td>left_bias</td><td>1</td></tr></tbody></table>')
    assert reading_problems(raw) == ["table 1: raw code 'left_bias'"]


def test_a_table_of_text_and_yes_no_columns_is_shown():
    # notebook 06's "which measures can support a finding": text and a yes/no column, no number; its CSV is
    # full, so the display shows it (it was hidden as "every numeric cell is empty")
    table = pd.DataFrame({"measure": ["words per sentence", "hedges"], "name": ["words_per_sentence", "hedges"],
                          "can support a finding": [True, False], "evidence": ["count or formula", "audit"]})
    soup = _html(tables.readable(table, "06-measure-status"))
    assert soup.find("table") is not None and "not shown" not in soup.get_text()
    assert "words per sentence" in soup.get_text() and "audit" in soup.get_text()
