"""Cleaning as code: find the spans of each raw file that are not the article body, and say why.

Nothing is deleted from the raw text. Cleaning yields *body spans* (offsets into the raw file) and an
*audit table* of every removal. It never guesses:

* a first line is a headline only when it matches the document's ``title`` in the metadata;
* datelines and boilerplate are the regular expressions listed in ``data/cleaning_patterns.csv``,
  each with its reason; a dateline is only looked for at the start of the first body paragraph and
  boilerplate only as a whole line (a corpus's own patterns, from ``--lexicons``, run with a time limit per line:
  :class:`~rhetoric.base.safety.TimedPattern`; one over the limit stops the run, naming file, line, pattern and
  document);
* a byte-order mark (U+FEFF) opening the file is an encoding signature, not text: it is set aside (kind
  ``bom``), so the first line is read, and compared with the title, as written. It stays in the raw text,
  so offsets remain offsets into the file.

A corpus without any of these loses nothing.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from rhetoric.base.safety import PatternTimeout, TimedPattern
from rhetoric.base.text_constants import DASHES_AND_QUOTES
from rhetoric.io.corpus import Corpus
from rhetoric.io.wordlists import active_directory, data_cache, lexicon_path, read_table

AUDIT_COLUMNS = ["doc_id", "paragraph_id", "kind", "start", "end", "removed", "pattern", "reason"]
BODY_COLUMNS = ["doc_id", "paragraph_id", "start", "end", "text"]


@data_cache
def cleaning_patterns() -> pd.DataFrame:
    """The dateline and boilerplate patterns, with the reason and source of each: the project's compiled by
    ``re``, a corpus's own (user input) as :class:`~rhetoric.base.safety.TimedPattern` (``regex``, time limit)."""
    table = read_table("cleaning_patterns.csv")
    path = lexicon_path("cleaning_patterns.csv")
    if path.parent == active_directory():
        table["regex"] = [TimedPattern(p, path, i + 2) for i, p in enumerate(table["pattern"])]
    else:
        table["regex"] = [re.compile(p) for p in table["pattern"]]
    return table


def _normalise_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(DASHES_AND_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip().rstrip(".:!?").strip()


def line_spans(raw: str) -> list[tuple[int, int, int]]:
    """``(paragraph_id, start, end)`` of every line of ``raw``, without its line break (``\\n`` or ``\\r\\n``)."""
    spans = []
    start = 0
    for number, line in enumerate(raw.split("\n")):
        end = start + len(line)
        stop = end - 1 if line.endswith("\r") else end
        spans.append((number, start, stop))
        start = end + 1
    return spans


@data_cache
def _rules() -> tuple[list, list]:
    """(datelines, boilerplate) as plain lists of records with a compiled ``regex``."""
    patterns = cleaning_patterns()
    records = list(patterns.itertuples(index=False))
    return ([r for r in records if r.kind == "dateline"], [r for r in records if r.kind == "boilerplate"])


BOM = "\ufeff"


def _clean_document(doc_id: str, raw: str, title: str) -> tuple[list[dict], list[dict]]:
    datelines, boilerplate = _rules()
    body, audit = [], []
    seen_text = False
    if raw.startswith(BOM):
        audit.append(dict(doc_id=doc_id, paragraph_id=0, kind="bom", start=0, end=1, removed=BOM,
                          pattern="U+FEFF at the start of the file",
                          reason="A byte-order mark is an encoding signature, not part of the text."))
    for pid, start, end in line_spans(raw):
        if pid == 0 and raw.startswith(BOM):
            start += 1
        line = raw[start:end]
        if not line.strip():
            continue
        if not seen_text:
            seen_text = True
            if title and _normalise_title(line) == _normalise_title(title):
                audit.append(dict(doc_id=doc_id, paragraph_id=pid, kind="headline", start=start, end=end,
                                  removed=line, pattern="first line equals metadata title",
                                  reason="The headline repeats the title recorded in metadata.csv."))
                continue
        hit = next((r for r in boilerplate if r.regex.match(line)), None)
        if hit is not None:
            audit.append(dict(doc_id=doc_id, paragraph_id=pid, kind="boilerplate", start=start, end=end,
                              removed=line, pattern=hit.pattern, reason=hit.reason))
            continue
        if not body:  # the first body paragraph: a dateline may open it
            for r in datelines:
                m = r.regex.match(line)
                if m:
                    audit.append(dict(doc_id=doc_id, paragraph_id=pid, kind="dateline", start=start,
                                      end=start + m.end(), removed=m.group(0), pattern=r.pattern,
                                      reason=r.reason))
                    start += m.end()
                    break
        # trim surrounding whitespace so offsets cover the paragraph's text only
        lead = len(raw[start:end]) - len(raw[start:end].lstrip())
        trail = len(raw[start:end]) - len(raw[start:end].rstrip())
        start, end = start + lead, end - trail
        body.append(dict(doc_id=doc_id, paragraph_id=pid, start=start, end=end, text=raw[start:end]))
    return body, audit


def clean_corpus(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Body paragraphs (``doc_id, paragraph_id, start, end, text``) and the audit of what was set aside."""
    bodies, audits = [], []
    titles = dict(zip(corpus.documents["doc_id"], corpus.documents["title"]))
    for doc_id, raw in corpus.raw.items():
        try:
            body, audit = _clean_document(doc_id, raw, titles.get(doc_id, ""))
        except PatternTimeout as exc:
            raise exc.on(doc_id) from None
        bodies += body
        audits += audit
    return (pd.DataFrame(bodies, columns=BODY_COLUMNS), pd.DataFrame(audits, columns=AUDIT_COLUMNS))


def body_paragraphs(corpus: Corpus) -> pd.DataFrame:
    """The article body, paragraph by paragraph, with offsets into the raw file."""
    return clean_corpus(corpus)[0]
