"""Result tables as a reader sees them in a notebook: short, with words for headers, numbers formatted.

:func:`readable` turns a result table (the one written in full to ``figures/NAME.csv|tex``) into what the
notebook shows:

* at most :data:`MAX_ROWS` rows, with a line saying how many there are and linking the full CSV (and TeX);
* headers in words: the common columns from :data:`COLUMN_LABELS`, measures from the registry's labels
  (:func:`rhetoric.report.labels.label_of`), anything else with its underscores as spaces; an identifier
  column beside its label (``measure`` and ``label``; ``name`` and ``measure``) shows the label only;
* columns with no value at all are left out, and a table with no value in any numeric column is not shown
  (a line says so and links the file): with one document per group, a test's columns are empty;
* p and q values as ``0.012`` or ``< 0.001``; other numbers to a precision that fits their size; text
  left-aligned, numbers right-aligned.

The display is plain HTML (no scripts, no random ids), so a re-run writes the same bytes. :func:`write_table`
writes the full table beside the figures, as CSV and (:func:`latex_table`) LaTeX for a paper.
"""
from __future__ import annotations

import html
import math
import re
from pathlib import Path

import pandas as pd

from rhetoric.analysis.resampling import format_p
from rhetoric.base.atomic_files import atomic_write, replace_rows
from rhetoric.base.paths import FIGURES
from rhetoric.instruments import registry
from rhetoric.io.outputs import csv_bytes
from rhetoric.report.labels import label_of
from rhetoric.report.latex import column_decimals, latex_column
from rhetoric.report.latex import latex_table as fitted_table

MAX_ROWS = 20
COLUMN_LABELS = {
    "doc_id": "article", "group": "group", "stance": "stance", "estimate": "estimate",
    "ci_low": "95% CI low", "ci_high": "95% CI high", "n_sentences": "sentences", "n_docs": "documents",
    "p_permutation": "p (permutation)", "q_bh": "q (Benjamini-Hochberg)",
    "q_holm": "q (Holm)", "effect_size": "effect size",
    "effect": "effect measure", "statistic": "statistic", "test": "test", "note": "note",
    "pct_reference": "percentile among reference articles", "pct_all": "percentile among all articles",
    "pct_center": "percentile (centre outlets)", "pct_left": "percentile (left outlets)",
    "pct_right": "percentile (right outlets)", "value": "value", "unit": "unit", "family": "family",
    "count_rest": "count in the rest", "per_1000_words": "per 1,000 words",
    "share_of_sentences": "share of sentences", "mentions_per_1000": "mentions per 1,000 words",
    "share_of_a": "share of family A", "share_of_b": "share of family B", "family_a": "family A",
    "family_b": "family B", "shared_tokens": "shared word occurrences", "longest_sentence": "longest sentence",
    "words_per_sentence_mean": "words per sentence (mean)", "words_per_sentence_median":
        "words per sentence (median)", "words_per_sentence_sd": "words per sentence (SD)",
    "modal_constructions": "modal constructions", "can_could": "can / could",
    "verb_constructions": "verb constructions", "mean_tone": "mean tone", "share_hedged": "share hedged",
    "share_boosted": "share boosted", "label": "measure", "sd": "SD",
}
#: A cell that is an identifier rather than words: snake_case (``left_bias``, ``cultural_identity``).
RAW_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_P_COLUMN = re.compile(r"^(?:p|q)(?:_.+)?$|^(?:p|q) ")


def header(column: str) -> str:
    """A column's name for people."""
    name = str(column)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    label = label_of(name, "measure")
    return label if label != name.replace("_", " ") else name.replace("_", " ")


def is_p_value(column: str) -> bool:
    return bool(_P_COLUMN.match(str(column)))


def format_p_cell(value) -> str:
    """A p or q value in a table cell: :func:`rhetoric.analysis.resampling.format_p` (three decimals, or
    ``< 0.001``), and an empty cell when missing."""
    return "" if _missing(value) else format_p(value)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _decimals(size: float) -> int:
    return 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 1 else 3


def _fixed(value, decimals: int) -> str:
    if _missing(value):
        return ""
    if value == 0:
        return "0"
    if abs(value) < 0.001:
        return f"{value:.1e}"
    return f"{value:,.{decimals}f}"


def format_column(values: pd.Series, scale: pd.Series | None = None) -> list[str]:
    """A numeric column's cells. A count stays whole (with thousands separators). Otherwise the decimals
    follow the size of the numbers: of ``scale`` row by row where given (an estimate and its interval share
    the estimate's), else of the column when its values are of one size, else of each cell."""
    present = values.dropna()
    if pd.api.types.is_integer_dtype(values) or (len(present) and (present == present.round()).all()
                                                 and present.abs().max() < 1e15):
        return ["" if _missing(v) else f"{int(v):,}" for v in values]
    if scale is not None:
        return [_fixed(v, _decimals(abs(k) if not _missing(k) else 0.0)) for v, k in zip(values, scale, strict=True)]
    sizes = present.abs()
    sizes = sizes[sizes > 0]
    if len(sizes) and sizes.max() / sizes.min() < 100:
        decimals = _decimals(float(sizes.max()))
        return [_fixed(v, decimals) for v in values]
    return [_fixed(v, _decimals(abs(v)) if not _missing(v) else 0) for v in values]


#: Columns formatted with the decimals of their row's estimate.
ROW_SCALED = ("estimate", "ci_low", "ci_high")


class ReadableTable:
    """What a notebook shows for a result table: HTML for Jupyter and nbviewer, text otherwise."""

    def __init__(self, shown: pd.DataFrame, numeric: list[str], note: str, caption: str = ""):
        self.shown, self.numeric, self.note, self.caption = shown, numeric, note, caption

    def _repr_html_(self) -> str:
        def cell(tag: str, text: str, numeric: bool) -> str:
            align = "right" if numeric else "left"
            return f'<{tag} style="text-align: {align}">{html.escape(text)}</{tag}>'

        cols = list(self.shown.columns)
        head = "".join(cell("th", str(c), c in self.numeric) for c in cols)
        body = "\n".join("<tr>" + "".join(cell("td", str(v), c in self.numeric)
                                          for c, v in zip(cols, row, strict=True)) + "</tr>"
                         for row in self.shown.itertuples(index=False))
        caption = f"<caption style=\"caption-side: top; text-align: left\">{html.escape(self.caption)}</caption>" \
            if self.caption else ""
        table = (f'<table class="rhetoric-table">{caption}\n<thead><tr>{head}</tr></thead>\n'
                 f"<tbody>\n{body}\n</tbody></table>")
        return f"<div>{table}\n<p>{self.note}</p></div>" if self.shown.shape[1] else f"<p>{self.note}</p>"

    def __repr__(self) -> str:
        text = self.shown.to_string(index=False) if self.shown.shape[1] else ""
        return (text + "\n" + re.sub(r"<[^>]+>", "", html.unescape(self.note))).strip()


def reader_columns(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The columns a reader needs: no column without a value, an identifier beside its label shown as the
    label only; and which of them are numeric."""
    data = table.dropna(axis=1, how="all")
    numeric = [c for c in data.columns
               if pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c])]
    if "label" in data.columns and "measure" in data.columns:
        data = data.drop(columns="measure").rename(columns={"label": "measure"})
    if "name" in data.columns and "measure" in data.columns:  # 06: the label is "measure", the id "name"
        data = data.drop(columns="name")
    return data, [c for c in numeric if c in data.columns]


def formatted(shown: pd.DataFrame, numeric: list[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """``shown`` as text cells under headers in words (see the module docstring), and each column's header."""
    out = pd.DataFrame(index=shown.index)
    heads = {}
    for c in shown.columns:
        label = header(c)
        heads[c] = label
        if c in numeric:
            scale = None
            if c in ROW_SCALED and "estimate" in shown.columns:
                scale = shown[[k for k in ROW_SCALED if k in shown.columns]].abs().max(axis=1)
            out[label] = [format_p_cell(v) for v in shown[c]] if is_p_value(c) else format_column(shown[c], scale)
        elif pd.api.types.is_bool_dtype(shown[c]):
            out[label] = ["yes" if v else "no" for v in shown[c]]
        else:
            out[label] = ["" if _missing(v) else in_words(str(v)) for v in shown[c]]
    return out.reset_index(drop=True), heads


def in_words(text: str) -> str:
    """A text cell for a reader: an identifier (:data:`RAW_CODE`, e.g. a marker family or frame code) as its name
    (:func:`rhetoric.report.labels.label_of`: underscores as spaces where nobody named it); other text as is."""
    return label_of(text) if RAW_CODE.match(text) else text


#: Columns that hold group codes, shown under their display names in a paper's tables.
GROUP_COLUMNS = ("group", "stance", "group_a", "group_b")
#: Columns that hold measure identifiers, shown as the registry's names.
MEASURE_COLUMNS = ("extreme", "family")
#: Columns a paper's table leaves to the CSV, in this order (a pair together), while it does not fit the page.
SECONDARY_COLUMNS = (("note",), ("evidence",), ("effect",), ("statistic",), ("test",), ("in_test",), ("unit",),
                     ("family",), ("instrument",), ("category",), ("n_units_a", "n_units_b"), ("n_units",),
                     ("analysis_unit",), ("outside_study_texts",), ("mean_a", "mean_b"), ("n_a", "n_b"))


def with_group_names(table: pd.DataFrame, group_labels: dict[str, str] | None) -> pd.DataFrame:
    """``table`` with the group codes of its :data:`GROUP_COLUMNS` shown as their display names."""
    if not group_labels:
        return table
    names = {c: [group_labels.get(v, v) if isinstance(v, str) else v for v in table[c]]
             for c in GROUP_COLUMNS if c in table.columns}
    return table.assign(**names) if names else table


def _condensed(data: pd.DataFrame, numeric: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """``data`` without the columns that say one thing on every row (returned as sentences for the caption) and
    without a column repeating another."""
    notes, keep = [], []
    for c in data.columns:
        values = data[c]
        if len(data) > 1 and c not in numeric and values.nunique(dropna=False) == 1 and not _missing(values.iloc[0]):
            shown = "yes" if values.iloc[0] is True else "no" if values.iloc[0] is False else str(values.iloc[0])
            notes.append(f"{header(c)}: {shown}")
        elif not any(data[c].equals(data[k]) for k in keep):
            keep.append(c)
    return data[keep], notes


def latex_table(table: pd.DataFrame, name: str, caption: str = "",
                group_labels: dict[str, str] | None = None) -> str | None:
    """``table`` as a LaTeX table for a paper (:func:`rhetoric.report.latex.latex_table`: a longtable fitted to a
    6.5-inch text width, booktabs rules, every string escaped, numbers with one number of decimals per column):
    the columns a reader needs (:func:`reader_columns`) under headers in words, p and q as ``< 0.001``, group
    codes as their display names (``group_labels``), frame and measure codes as their names. A column with one
    value on every row is said once in the caption; while the table does not fit, the columns of
    :data:`SECONDARY_COLUMNS` are left to the CSV (the caption names them). ``None`` where it still cannot fit
    (the CSV beside it carries the data)."""
    data, numeric = reader_columns(table)
    data = with_group_names(data, group_labels).copy()
    if "frame" in data.columns:
        data["frame"] = [label_of(v, "frame") if isinstance(v, str) else v for v in data["frame"]]
    for c in MEASURE_COLUMNS:
        if c in data.columns:
            data[c] = [label_of(v, "measure") if isinstance(v, str) else v for v in data[c]]
    for c in data.columns:
        if pd.api.types.is_bool_dtype(data[c]):
            data[c] = ["yes" if v else "no" for v in data[c]]
        elif c not in numeric:
            data[c] = [in_words(v) if isinstance(v, str) else v for v in data[c]]
    data, constant = _condensed(data, numeric)
    formatters = {c: (lambda s: [format_p_cell(v) for v in s]) for c in numeric if is_p_value(c)}
    scaled = [c for c in ROW_SCALED if c in data.columns and c in numeric]
    if scaled:
        decimals = column_decimals(pd.concat([data[c] for c in scaled]))
        formatters.update({c: (lambda s, d=decimals: latex_column(s, d)) for c in scaled})
    left_out: list[str] = []
    droppable = [[c for c in cols if c in data.columns] for cols in SECONDARY_COLUMNS]
    droppable = [cols for cols in droppable if cols]
    while True:
        notes = ([f"In every row, {'; '.join(constant)}."] if constant else []) + (
            [f"Left out here (in the CSV): {', '.join(header(c) for c in left_out)}."] if left_out else [])
        lead = caption.strip()
        lead = lead + "." if lead and lead[-1] not in ".:;!?)" else lead
        text = " ".join([lead, *notes]).strip()
        shown = data.drop(columns=left_out)
        tex = fitted_table(shown, [c for c in numeric if c in shown.columns], {c: header(c) for c in shown.columns},
                           name, text, formatters)
        if tex is not None or not droppable:
            return tex
        left_out += droppable.pop(0)


def reading_problems(page: str) -> list[str]:
    """What is wrong with the reading tables (``class="rhetoric-table"``) of an HTML page or a notebook cell's
    HTML: a table without a caption, a row whose cells are all empty but its first, and a cell holding a raw code
    (:data:`RAW_CODE`) instead of words. An empty list for tables a reader can read."""
    problems = []
    for k, table in enumerate(re.findall(r'<table class="rhetoric-table">(.*?)</table>', page, flags=re.S), 1):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, flags=re.S)
        if caption is None or not caption.group(1).strip():
            problems.append(f"table {k}: no caption")
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[-1], flags=re.S):
            cells = [html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            if len(cells) > 1 and not any(cells[1:]):
                problems.append(f"table {k}: an empty row ({cells[0]!r})")
            problems += [f"table {k}: raw code {c!r}" for c in cells if RAW_CODE.match(c)]
    return problems


def readable(table: pd.DataFrame, name: str, link: str = "", caption: str = "",
             max_rows: int = MAX_ROWS, latex: bool = True) -> ReadableTable:
    """The display of ``table`` (written in full as ``link``, say ``../figures/NAME.csv``, and as LaTeX beside it
    when ``latex``); see the module."""
    files = ""
    if link:
        tex = link[:-4] + ".tex" if link.endswith(".csv") and latex else ""
        files = f'<a href="{html.escape(link, quote=True)}">{html.escape(link.rsplit("/", 1)[-1])}</a>'
        if tex:
            files += f' (LaTeX: <a href="{html.escape(tex, quote=True)}">{html.escape(tex.rsplit("/", 1)[-1])}</a>)'
    data, numeric = reader_columns(table)
    had_numbers = any(pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
                      for c in table.columns)  # a yes/no column is shown as yes/no, not as a number
    if table.empty or (not numeric and had_numbers):
        where = f": {files}" if files else ""
        note = (f"<em>{html.escape(name)}: no values for this corpus (every numeric cell is empty), so not shown; "
                f"the file is written{where}.</em>")
        return ReadableTable(pd.DataFrame(), [], note)
    out, heads = formatted(data.head(max_rows), numeric)
    n = len(table)
    dropped = [header(c) for c in table.columns if c not in data.columns and c not in ("measure", "name")]
    parts = [f"Showing {len(out)} of {n:,} rows" if n > len(out) else f"{n:,} row{'s' if n != 1 else ''}"]
    if dropped:
        parts.append("empty column(s) left out: " + ", ".join(html.escape(d) for d in dropped))
    note = "; ".join(parts) + (f". Full table: {files}." if files else ".")
    return ReadableTable(out, [heads[c] for c in numeric if c in heads], f"<em>{note}</em>", caption)


#: The column dictionary written beside the tables: every column of every table written, in words.
COLUMN_DICTIONARY = "columns.csv"
DICTIONARY_COLUMNS = ["file", "column", "header", "unit", "kind", "notebook"]
#: Suffixes of derived columns (``groups.csv``: a measure's spread and interval) and what they add to its name.
_SUFFIXES = {"_sd": "SD across the group's articles", "_ci_low": "95% interval of the mean, low",
             "_ci_high": "95% interval of the mean, high"}


def _unit(column: str) -> str:
    try:
        return registry.get(column).unit
    except KeyError:
        return ""


def column_dictionary(table: pd.DataFrame, name: str, notebook: str = "") -> pd.DataFrame:
    """One row per column of ``table`` (written as ``NAME.csv`` by ``notebook``): its header in words, the unit of
    a registered measure, and its kind (number, text, yes/no)."""
    rows = []
    for c in table.columns:
        base, extra = str(c), ""
        for suffix, words in _SUFFIXES.items():
            if base.endswith(suffix) and base[: -len(suffix)] in table.columns:
                base, extra = base[: -len(suffix)], f" ({words})"
        kind = ("yes/no" if pd.api.types.is_bool_dtype(table[c]) else
                "number" if pd.api.types.is_numeric_dtype(table[c]) else "text")
        rows.append({"file": f"{name}.csv", "column": str(c), "header": header(base) + extra, "unit": _unit(base),
                     "kind": kind, "notebook": notebook})
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)


def write_table(table: pd.DataFrame, name: str, out_dir: Path | str | None = None, *,
                caption: str = "", latex: bool = True, group_labels: dict[str, str] | None = None,
                notebook: str = "") -> list[Path]:
    """Export a results table as CSV (every column, full precision) and LaTeX for a paper (:func:`latex_table`)
    next to the figures, and record its columns in the column dictionary (:data:`COLUMN_DICTIONARY`, rows owned
    by ``notebook`` as in the run's other shared tables). With
    ``latex=False`` (a table that grows with the corpus), or where the table cannot fit a page's width, as CSV
    only, and a LaTeX file left by an earlier run is removed. Returns the table's files written."""
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    csv = csv_bytes(table, float_format="%.6g")  # formulas neutralised (the one output rule)
    tex = latex_table(table, name, caption, group_labels) if latex else None
    atomic_write(out / f"{name}.csv", csv)
    replace_rows(out / COLUMN_DICTIONARY, column_dictionary(table, name, notebook), {"file": f"{name}.csv"},
                 DICTIONARY_COLUMNS, ["file"])
    if tex is None:
        (out / f"{name}.tex").unlink(missing_ok=True)
        return [out / f"{name}.csv"]
    atomic_write(out / f"{name}.tex", tex.encode())
    return [out / f"{name}.csv", out / f"{name}.tex"]
