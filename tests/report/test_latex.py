"""LaTeX tables for a paper: every string escaped, numbers formatted per column, and every table compiles in a
minimal booktabs document with a 6.5-inch text width without an error or an overfull box above 2 pt (with
pdflatex where it is installed; those tests skip cleanly where it is not). The committed ``figures/*.tex`` are
compiled as they are; tables from a four-group corpus are generated and compiled."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhetoric.base.escape import latex as escape
from rhetoric.base.paths import FIGURES
from rhetoric.report import latex
from rhetoric.report.tables import latex_table, write_table

PDFLATEX = shutil.which("pdflatex")
needs_pdflatex = pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed (Debian: texlive-latex-"
                                    "recommended, texlive-latex-extra)")
#: An overfull box wider than this (points) is a table that does not fit.
OVERFULL_PT = 2.0
DOCUMENT = r"""\documentclass{article}
\usepackage[textwidth=6.5in,textheight=9in]{geometry}
\usepackage{booktabs}
\usepackage{longtable}
\begin{document}
\input{%s}
\end{document}
"""


def compile_problems(tex: Path, workdir: Path) -> list[str]:
    """Errors and overfull boxes above :data:`OVERFULL_PT` from compiling ``tex`` in a minimal document."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(tex, workdir / "table.tex")
    (workdir / "doc.tex").write_text(DOCUMENT % "table", encoding="utf-8")
    run = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=workdir,
                         capture_output=True, text=True, encoding="latin-1", timeout=120)
    log = (workdir / "doc.log").read_text(encoding="latin-1") if (workdir / "doc.log").is_file() else run.stdout
    problems = [f"{tex.name}: {line}" for line in log.splitlines() if line.startswith("! ")]
    for amount in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)", log):
        if float(amount) > OVERFULL_PT:
            problems.append(f"{tex.name}: overfull box {amount}pt")
    if run.returncode and not problems:
        problems.append(f"{tex.name}: pdflatex exit {run.returncode}")
    return problems


def test_escape_prints_every_special_character_literally():
    assert escape("95% of q_bh & $x$ #1 {a} ~b^c \\ <d>") == (
        r"95\% of q\_bh \& \$x\$ \#1 \{a\} \textasciitilde{}b\textasciicircum{}c \textbackslash{} "
        r"\textless{}d\textgreater{}")
    assert escape("caf\u00e9 \u201cquoted\u201d \u2013 \u4e2d\x00") == "caf\u00e9 ``quoted'' -- ??"


@given(st.text(max_size=60))
def test_escape_leaves_no_unescaped_special_character(text):
    out = escape(text)
    bare = re.sub(r"\\(?:[%&$#_{}]|text[a-z]+\{\})", "", out)
    assert not re.search(r"[%&$#_{}~^\\<>|]", bare) and "\n" not in out
    assert all(ch.isascii() or "\u00c0" <= ch <= "\u00ff" for ch in out)


def test_numbers_formatted_per_column():
    """One number of decimals per column (from its small values), thousands separators, no signed zero."""
    assert latex.latex_column(pd.Series([0.0, 0.25, 1.5])) == ["0.000", "0.250", "1.500"]
    assert latex.latex_column(pd.Series([1234.0, 5.0])) == ["1,234", "5"]
    assert latex.latex_column(pd.Series([23.87, 21.3, np.nan])) == ["23.9", "21.3", ""]
    assert latex.latex_column(pd.Series([-0.0001, 0.5])) == ["0.000", "0.500"]


def test_table_has_escaped_caption_words_minus_and_group_names():
    table = pd.DataFrame({"measure": ["hedges_per_1000", "m2"], "label": ["hedges", "m 2"],
                          "group": ["left_bias", "right"], "estimate": [12.345, -0.5], "ci_low": [10.0, -1.0],
                          "ci_high": [14.5, 0.1], "p_permutation": [0.0004, 0.2]})
    tex = latex_table(table, "t", "Means with 95% intervals; q_bh", group_labels={"left_bias": "Left & co"})
    assert r"\caption{Means with 95\% intervals; q\_bh.}" in tex and r"\label{tab:t}" in tex
    assert "Left \\& co" in tex and "left\\_bias" not in tex and "$-$0.500" in tex and "\\textless{} 0.001" in tex
    assert "p (permutation)" in tex and "\\begin{longtable}" in tex and "\\toprule" in tex


def test_a_table_too_wide_for_a_page_is_left_to_csv(tmp_path):
    wide = pd.DataFrame({f"article-{k:03d}-with-a-long-id": [0.5, k / 100] for k in range(60)})
    assert latex_table(wide, "wide") is None
    assert write_table(wide, "wide", tmp_path) == [tmp_path / "wide.csv"]
    assert not (tmp_path / "wide.tex").exists()


def four_group_tables() -> dict[str, tuple[pd.DataFrame, str]]:
    """Tables of the shapes the notebooks write for a corpus of four groups (long, wide, long text)."""
    rng = np.random.default_rng(7)
    groups = ["left_bias", "center", "right_bias", "lone"]
    measures = [f"measure_{k}_per_1000" for k in range(40)]
    names = {m: f"measure {k} per 1,000 words" for k, m in enumerate(measures)}
    comparison = pd.DataFrame([{"measure": m, "label": names[m], "group": g, "n_docs": 30,
                                "estimate": rng.normal(5, 3), "ci_low": rng.normal(3, 1), "ci_high": rng.normal(7, 1),
                                "sd": rng.uniform(0, 2), "p_permutation": rng.uniform(), "q_bh": rng.uniform(),
                                "effect_size": rng.normal(), "note": "one document: described, not tested"}
                               for m in measures for g in groups])
    pairs = pd.DataFrame([{"measure": m, "label": names[m], "group_a": a, "group_b": b, "n_a": 30, "n_b": 29,
                           "difference": rng.normal(), "ci_low": rng.normal(), "ci_high": rng.normal(),
                           "p": rng.uniform(), "q_bh": rng.uniform(), "effect_size": rng.normal(),
                           "test": "permutation", "note": "Welch and permutation agree within 0.01 of each other"}
                          for m in measures[:10] for i, a in enumerate(groups) for b in groups[i + 1:]])
    text = pd.DataFrame({"doc_id": [f"allsides-{k}" for k in range(90)],
                         "title": ["A headline of some length about the news of the day, " * 2] * 90,
                         "words": rng.integers(100, 20000, 90)})
    return {"group-comparison": (comparison, "Groups compared: mean, 95% interval, SD; q_bh"),
            "group-pairwise": (pairs, "Every pair of groups; p & q"), "articles-text": (text, "Articles")}


@needs_pdflatex
def test_four_group_tables_compile_and_fit(tmp_path):
    problems = []
    labels = {"left_bias": "Left-leaning outlets", "right_bias": "Right-leaning outlets"}
    for name, (table, caption) in four_group_tables().items():
        files = write_table(table, name, tmp_path, caption=caption, group_labels=labels)
        assert len(files) == 2, name
        problems += compile_problems(files[1], tmp_path / f"build-{name}")
    assert not problems, problems


@needs_pdflatex
def test_committed_tex_tables_compile_and_fit(tmp_path):
    tex = sorted(FIGURES.glob("*.tex"))
    problems = [p for f in tex for p in compile_problems(f, tmp_path / f.stem)]
    assert not problems, problems
