"""Text from a corpus made safe for Markdown outputs, which notebooks and the README render: nothing a
metadata file holds can inject HTML (:func:`md`) or end a code span (:func:`code`); and for LaTeX (:func:`latex`)."""
from __future__ import annotations

import html
import re
import unicodedata


def md(text: object) -> str:
    """Text from a corpus made safe for Markdown: ``&``, ``<`` and ``>`` escaped as HTML (so no tag or entity
    of the text is interpreted), Markdown punctuation backslash-escaped (``$`` included, so no viewer renders it
    as LaTeX math). Quotes and apostrophes stay as they are: outside a tag's attribute they are harmless, and an
    entity such as ``&#x27;`` would show literally where a renderer escapes again (a table cell, an alt text)."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>$])", r"\\\1", escaped)


def code(text: object) -> str:
    """An identifier from a corpus as a Markdown code span: a code span shows its content literally (raw HTML
    included), so only backticks and line breaks, which could end it, are replaced."""
    text = re.sub(r"\s+", " ", str(text)).replace("`", "'")
    return f"`{text}`"


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                  "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", "\"": "''"}
_LATEX_TYPOGRAPHY = {"\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''", "\u2013": "--",
                     "\u2014": "---", "\u2026": "...", "\u2212": "-", "\u00a0": " ", "\u00d7": "x"}


def latex(text: object) -> str:
    """Text (from a corpus, a caption, a header) as LaTeX that prints it literally: every special character
    escaped, typographic quotes and dashes as LaTeX writes them, accented Latin letters kept (pdflatex reads
    UTF-8), any other character reduced to its ASCII base letter or ``?`` (so no input can stop a document
    with "Unicode character not set up"); line breaks as spaces."""
    out = []
    for ch in re.sub(r"\s+", " ", str(text)):
        if ch in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[ch])
        elif ch in _LATEX_TYPOGRAPHY:
            out.append(_LATEX_TYPOGRAPHY[ch])
        elif ch.isascii() and not ch.isprintable():
            out.append("?")
        elif ch.isascii() or ("\u00c0" <= ch <= "\u00ff"):
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(latex(base) if base else "?")
    return "".join(out)
