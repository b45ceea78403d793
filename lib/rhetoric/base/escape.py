"""Text from a corpus made safe for Markdown outputs, which notebooks and the README render: nothing a
metadata file holds can inject HTML (:func:`md`) or end a code span (:func:`code`)."""
from __future__ import annotations

import html
import re


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
