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
  so offsets remain offsets into the file;
* lines that recur across many articles of one outlet (footers such as "Content created by ... News
  Foundation"), found by a pass over the whole corpus (:func:`rhetoric.language.boilerplate.recurring_lines`) and
  put in force with :func:`use_boilerplate`, are set aside as kind ``boilerplate`` too, the audit's ``pattern``
  saying where the line recurs (``recurring line: 27 of 40 articles of outlet X``), except in an article made of
  nothing else (kept whole rather than emptied). The set is the corpus's, never a chunk's: a worker computing
  part of a feature table is given it (as it is given the actor list).

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

#: The recurring lines in force (:func:`use_boilerplate`): normalised line -> (audit ``pattern``, ``reason``).
_RECURRING: dict[str, tuple[str, str]] = {}
#: The table they came from, as given (what a worker process is handed: :func:`boilerplate_table`).
_TABLE: list[pd.DataFrame | None] = [None]


def normalise_line(line: str) -> str:
    """A line as recurring lines are compared: Unicode NFKC, case folded, every run of digits one ``0`` (a footer's
    year or count), whitespace collapsed, dashes and quotes unified, surrounding space removed."""
    text = unicodedata.normalize("NFKC", line).translate(DASHES_AND_QUOTES).casefold()
    return re.sub(r"\s+", " ", re.sub(r"\d+", "0", text)).strip()


def use_boilerplate(lines: pd.DataFrame | None) -> None:
    """Put recurring lines in force for cleaning: a table of
    :func:`rhetoric.language.boilerplate.recurring_lines` (``line`` normalised, ``by``, ``scope``, ``articles``,
    ``scope_articles``), or ``None``/an empty table for none (the default). A line of any article whose
    :func:`normalise_line` is in the table is set aside (kind ``boilerplate``). Clears the caches of the word
    lists (cleaned text feeds every table)."""
    from rhetoric.io.wordlists import clear_caches

    _RECURRING.clear()
    _TABLE[0] = None if lines is None or not len(lines) else lines.copy()
    if lines is not None and len(lines):
        for r in lines.sort_values("articles", ascending=False, kind="mergesort").itertuples(index=False):
            where = "the corpus" if r.by == "corpus" else f"{r.by} {r.scope}"
            _RECURRING.setdefault(r.line, (
                f"recurring line: {r.articles} of {r.scope_articles} articles of {where}",
                "A line recurring across many articles of one outlet (or of the corpus): boilerplate (a footer, a "
                "notice), not the article's own text; found by a pass over the whole corpus."))
    clear_caches()


def _only_recurring(raw: str, title: str) -> bool:
    """True when every line of ``raw`` but a headline is a recurring line: such an article's text is that line,
    and it is kept rather than emptied."""
    lines = [raw[s:e] for _, s, e in line_spans(raw.removeprefix(BOM)) if raw.removeprefix(BOM)[s:e].strip()]
    if lines and title and _normalise_title(lines[0]) == _normalise_title(title):
        lines = lines[1:]
    return bool(lines) and all(normalise_line(x) in _RECURRING for x in lines)


def boilerplate_table() -> pd.DataFrame | None:
    """The table of recurring lines in force (a copy), or ``None``: what a process computing part of a feature
    table passes to :func:`use_boilerplate` in its workers, so every chunk is cleaned with the corpus's set."""
    return None if _TABLE[0] is None else _TABLE[0].copy()


def boilerplate_in_force() -> tuple[str, ...]:
    """The normalised recurring lines in force (sorted): what a table cached across a run depends on."""
    return tuple(sorted(_RECURRING))


def _clean_document(doc_id: str, raw: str, title: str) -> tuple[list[dict], list[dict]]:
    datelines, boilerplate = _rules()
    body, audit = [], []
    seen_text = False
    recurring_here = _RECURRING and not _only_recurring(raw, title)
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
        recurring = _RECURRING.get(normalise_line(line)) if recurring_here else None
        if recurring is not None:
            audit.append(dict(doc_id=doc_id, paragraph_id=pid, kind="boilerplate", start=start, end=end,
                              removed=line, pattern=recurring[0], reason=recurring[1]))
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
