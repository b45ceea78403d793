"""A result table as LaTeX that compiles and fits a paper's 6.5-inch text width.

:func:`latex_table` writes a ``longtable`` (it breaks across pages and is no float, so a 300-row table is never
"too large") with booktabs rules, every string escaped (:func:`rhetoric.base.escape.latex`, the caption
included), headers in words, numbers formatted per column (:func:`latex_column`: one number of decimals per
column, a true minus sign, thousands separators) and group codes shown as their display names.

Fitting: every column is a fixed-width ``p`` column (text ragged right, numbers ragged left, headers wrap
between words). The widths are estimated from Computer Modern's character widths (:data:`CHAR_WIDTHS`, in
points at 10 pt, with a safety margin): a column gets the width of its longest cell where the table fits, text
columns are narrowed (never below their longest word) where it does not, and the font steps down from
``\\small`` to ``\\footnotesize`` and ``\\scriptsize``. A table that fits at none of them (one column per
article of a large corpus) has no LaTeX: :func:`latex_table` returns ``None`` and the CSV carries it.

The output needs only ``booktabs`` and ``longtable`` in the preamble. The widths are hand-computed here rather
than left to ``tabularx``, because ``tabularx`` cannot break across pages and ``xltabular`` adds a package the
reader's preamble may not have.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from rhetoric.base.escape import latex as escape

#: The text width the tables fit: 6.5 inches in TeX points.
TEXT_WIDTH_PT = 6.5 * 72.27
#: Space between columns (``\tabcolsep``, set inside the table's group), in points.
COLUMN_SEP_PT = 3.0
#: Character widths of Computer Modern Roman at 10 pt (cmr10.tfm), in points; escaped characters at the width
#: of the glyph LaTeX prints for them.
CHAR_WIDTHS = {
    " ": 3.33, "!": 2.78, '"': 5.0, "#": 8.33, "$": 5.0, "%": 8.33, "&": 7.78, "'": 2.78, "(": 3.89, ")": 3.89,
    "*": 5.0, "+": 7.78, ",": 2.78, "-": 3.33, ".": 2.78, "/": 5.0, ":": 2.78, ";": 2.78, "<": 7.78, "=": 7.78,
    ">": 7.78, "?": 4.72, "@": 7.78, "[": 2.78, "\\": 5.0, "]": 2.78, "^": 5.0, "_": 5.0, "`": 2.78, "{": 5.0,
    "|": 5.0, "}": 5.0, "~": 5.0, "\u2212": 7.78,
    **dict.fromkeys("0123456789", 5.0),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (7.5, 7.08, 7.22, 7.64, 6.81, 6.53, 7.85, 7.5, 3.61, 5.14, 7.78, 6.25, 9.17, 7.5, 7.78, 6.81, 7.78,
                7.36, 5.56, 7.22, 7.5, 7.5, 10.28, 7.5, 7.5, 6.11), strict=True)),
    **dict(zip("abcdefghijklmnopqrstuvwxyz",
               (5.0, 5.56, 4.44, 5.56, 4.44, 3.06, 5.0, 5.56, 2.78, 3.06, 5.28, 2.78, 8.33, 5.56, 5.0, 5.56, 5.28,
                3.92, 3.94, 3.89, 5.56, 5.28, 7.22, 5.28, 5.28, 4.44), strict=True)),
}
#: A character outside the table (an accented letter, ``?``): as wide as the widest capital.
WIDE_CHAR = 10.3
#: Font sizes tried in turn: the command and its width relative to 10 pt (smaller sizes of Computer Modern are
#: relatively wider), times a 6 % margin for kerning and the estimate's error.
SIZES = (("\\small", 0.9 * 1.02 * 1.06), ("\\footnotesize", 0.8 * 1.06 * 1.06), ("\\scriptsize", 0.7 * 1.12 * 1.06))
MINUS = "$-$"
#: The minus sign in :data:`CHAR_WIDTHS`' terms (cmsy10's minus).
MINUS_CHAR = "\u2212"


def text_width(text: str, scale: float = 1.0) -> float:
    """The printed width of ``text`` (plain, before escaping) in points at 10 pt times ``scale``."""
    return scale * sum(CHAR_WIDTHS.get(ch, WIDE_CHAR) for ch in text)


def longest_word(text: str, scale: float = 1.0) -> float:
    """The width of the longest piece of ``text`` no line can break: words, split after their hyphens
    (:func:`_breakable` lets LaTeX break there)."""
    return max((text_width(w, scale) for w in re.split(r"\s+|(?<=[A-Za-z]-)(?=[A-Za-z0-9])", text)), default=0.0)


def _breakable(escaped: str) -> str:
    """Escaped text with a break allowed after each hyphen between letters."""
    return re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z0-9])", r"-\\allowbreak{}", escaped)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def column_decimals(values: pd.Series) -> int:
    """The decimals of a numeric column: none for whole numbers, else enough for the column's small values (the
    10th percentile of its non-zero sizes, so a long-format column of rates and shares keeps its shares): 0 from
    100, 1 from 10, 2 from 1, 3 below."""
    present = pd.to_numeric(values, errors="coerce").dropna()
    if not len(present) or ((present == present.round()).all() and present.abs().max() < 1e15):
        return 0
    sizes = present.abs()
    sizes = sizes[sizes > 0]
    typical = float(sizes.quantile(0.1)) if len(sizes) else 0.0
    return 0 if typical >= 100 else 1 if typical >= 10 else 2 if typical >= 1 else 3


def number(value, decimals: int) -> str:
    """One number as plain text: fixed ``decimals``, thousands separators, ``-`` for minus (a zero after rounding
    carries no sign)."""
    if _missing(value):
        return ""
    text = f"{float(value):,.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def latex_column(values: pd.Series, decimals: int | None = None) -> list[str]:
    """A numeric column's cells as plain text, every cell with the column's decimals (:func:`column_decimals`
    unless given)."""
    decimals = column_decimals(values) if decimals is None else decimals
    return [number(v, decimals) for v in values]


def _cell(text: str, numeric: bool) -> str:
    body = escape(text)
    if numeric and body.startswith("-"):
        return MINUS + body[1:]
    return body if numeric else _breakable(body)


def fit(cells: dict[str, list[str]], headers: dict[str, str],
        numeric: list[str] = ()) -> tuple[str, dict[str, float]] | None:
    """The font size and the column widths (points) at which the table fits :data:`TEXT_WIDTH_PT`, or ``None``
    (a ``numeric`` column's leading ``-`` prints as the wider minus sign)."""
    cells = {c: [MINUS_CHAR + t[1:] if c in numeric and t.startswith("-") else t for t in texts]
             for c, texts in cells.items()}
    n = len(cells)
    available = TEXT_WIDTH_PT - 2 * COLUMN_SEP_PT * max(n - 1, 0)
    for size, scale in SIZES:
        natural, least = {}, {}
        for col, texts in cells.items():
            head_word = longest_word(headers[col], scale)
            natural[col] = max([text_width(t, scale) for t in texts] + [head_word, 6.0])
            least[col] = max([longest_word(t, scale) for t in texts] + [head_word, 6.0])
        if sum(natural.values()) <= available:
            return size, natural
        if sum(least.values()) > available:
            continue
        widths = dict(least)
        spare = available - sum(least.values())
        wanting = {c: natural[c] - least[c] for c in cells if natural[c] > least[c]}
        # Share the spare width in proportion to what each column lacks (water-filling in one step: no column
        # gets more than its natural width, since the total lacking exceeds the spare).
        total = sum(wanting.values())
        for c, lack in wanting.items():
            widths[c] += spare * lack / total
        return size, widths
    return None


def latex_table(data: pd.DataFrame, numeric: list[str], headers: dict[str, str], name: str,
                caption: str = "", formatters: dict | None = None) -> str | None:
    """``data`` (the columns a reader needs) as a fitted longtable (see the module), or ``None`` where it cannot
    fit. ``headers`` maps each column to its header in words; ``formatters`` maps a column to a function giving
    its cells as plain text (default: :func:`latex_column` for ``numeric`` columns, ``str`` for the rest)."""
    formatters = formatters or {}
    cells = {}
    for c in data.columns:
        if c in formatters:
            cells[c] = formatters[c](data[c])
        elif c in numeric:
            cells[c] = latex_column(data[c])
        else:
            cells[c] = ["" if _missing(v) else str(v) for v in data[c]]
    fitted = fit(cells, headers, numeric) if cells else None
    if fitted is None:
        return None
    size, widths = fitted
    cols = list(data.columns)
    spec = "@{}" + "".join(f"p{{{widths[c]:.1f}pt}}" for c in cols) + "@{}"

    def row(texts: list[str]) -> str:
        parts = [("\\raggedleft " if c in numeric else "\\raggedright ") + t for c, t in zip(cols, texts, strict=True)]
        return " & ".join(parts) + " \\tabularnewline"

    head = row([_breakable(escape(headers[c])) for c in cols])
    lines = [f"% {name}: written by rhetoric.report.latex; needs \\usepackage{{booktabs,longtable}}",
             "\\begingroup", size, f"\\setlength{{\\tabcolsep}}{{{COLUMN_SEP_PT:g}pt}}",
             f"\\begin{{longtable}}{{{spec}}}"]
    if caption:
        lines.append(f"\\caption{{{escape(caption)}}}\\label{{tab:{name}}}\\tabularnewline")
    lines += ["\\toprule", head, "\\midrule", "\\endfirsthead",
              f"\\multicolumn{{{len(cols)}}}{{@{{}}l}}{{\\emph{{(continued)}}}}\\tabularnewline", "\\toprule",
              head, "\\midrule", "\\endhead", "\\bottomrule", "\\endfoot"]
    lines += [row([_cell(cells[c][i], c in numeric) for c in cols]) for i in range(len(data))]
    lines += ["\\end{longtable}", "\\endgroup", ""]
    return "\n".join(lines)
