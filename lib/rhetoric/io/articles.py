"""Articles one at a time from JSON Lines (plain or gzip), read lazily; a few articles as an in-memory corpus.

A JSON Lines file holds one article a line, a JSON object with ``id`` (a string or an integer), ``stance``
and ``text`` (strings; optional ``title`` and other metadata). Whatever is wrong with one line is that line's
problem only: it is reported as ``(line, id, problem)`` and reading goes on, so the caller can name it and
keep every other article. That covers a line that is not JSON, not an object, not UTF-8, longer than
:data:`MAX_LINE_BYTES`, with a missing, empty or wrong-typed field (or one holding an unpaired surrogate,
``"\\ud800"``, which no UTF-8 output can hold), a duplicate id, or a text that
:func:`rhetoric.io.corpus.text_problem` refuses (control characters, more than
:data:`~rhetoric.io.corpus.MAX_ARTICLE_CHARS` characters). A damaged or truncated gzip file is reported once,
at the line where the damage starts; every article before it is kept. Each line is decoded on its own, so a
bad byte costs one article, and no line is held in memory beyond :data:`MAX_LINE_BYTES`.

Whether a file is gzip is decided by its first bytes, not its name, in one place (:func:`open_bytes`). A byte-order
mark opening the file is skipped. :func:`chunk_corpus` turns a few articles into an in-memory
:class:`~rhetoric.io.corpus.Corpus`, the unit the feature table works on. A command reads its input through
:class:`rhetoric.io.source.Source` (a corpus directory or JSON Lines), which reads JSON Lines here.
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rhetoric.base.errors import CorpusError
from rhetoric.io.corpus import MAX_ARTICLE_CHARS, Corpus, name_problem, text_problem

#: A JSON Lines line longer than this (in bytes) is refused without being held in memory. Generous: an
#: article at the character limit, every character written as a JSON escape (``\\uXXXX``), fits.
MAX_LINE_BYTES = 8 * MAX_ARTICLE_CHARS
GZIP_MAGIC = b"\x1f\x8b"
#: The most blank (white-space only) lines a JSON Lines input may hold: blank lines cost no article but a read each,
#: and half a megabyte of gzip decompresses to 500 million of them (4 minutes of CPU before issue 37). Past it the
#: input is refused, from that line on, as not JSON Lines (one article a line).
MAX_BLANK_LINES = 100_000
_READ_STEP = 1 << 20
#: What a damaged or truncated compressed stream (or a failing disk) raises while reading.
DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


@dataclass
class Article:
    doc_id: str
    stance: str
    text: str
    title: str = ""
    line: int = 0
    meta: dict = field(default_factory=dict)


def _kind(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "an integer",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _lines(fh) -> Iterator[tuple[int, bytes | None, str | None]]:
    """``(number, line, None)`` for each line of a binary stream, or ``(number, None, problem)`` for a line
    that is too long (skipped in pieces), where the stream is damaged, or past :data:`MAX_BLANK_LINES` blank lines
    (the last item then)."""
    number = blank = 0
    while True:
        number += 1
        try:
            data = fh.readline(MAX_LINE_BYTES + 1)
            if not data:
                return
            if not data.strip():
                blank += 1
                if blank > MAX_BLANK_LINES:
                    yield number, None, (f"more than {MAX_BLANK_LINES:,} blank lines: not JSON Lines (one article a "
                                         "line; a decompression bomb?); this line and any after it were not read")
                    return
            if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
                while data and not data.endswith(b"\n"):
                    data = fh.readline(_READ_STEP)
                yield number, None, (f"line longer than {MAX_LINE_BYTES:,} bytes: refused without reading it "
                                     f"(an article may hold at most {MAX_ARTICLE_CHARS:,} characters)")
                continue
        except DAMAGE as exc:
            reason = str(exc) or type(exc).__name__
            yield number, None, (f"the file is damaged from here on ({reason}): this line and any after it "
                                 "could not be read; the articles before it are kept")
            return
        yield number, data, None


_ID_FIELD = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.){0,200}"|-?\d{1,30}(?!\d))')


def _id_hint(line: str) -> str:
    """The id of a line that is not valid as it is, if one can be made out (for the report only)."""
    try:
        rec = json.loads(line)
        value = rec.get("id") if isinstance(rec, dict) else None
    except (ValueError, RecursionError):  # broken JSON: an "id" field near the start may still be readable
        m = _ID_FIELD.search(line[:1000])
        try:
            value = json.loads(m.group(1)) if m else None
        except ValueError:
            value = None
    return str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""


#: The fields every line needs, and the JSON types each may have (an integer id or stance becomes a string).
REQUIRED_FIELDS = {"id": (str, int), "stance": (str, int), "text": (str,)}
OPTIONAL_FIELDS = {"title": (str, int, float, type(None))}
_SURROGATE = re.compile("[\ud800-\udfff]")
_WANTED = {"id": "a string or an integer", "stance": "a string", "text": "a string", "title": "a string or null"}


def _field_problem(rec: dict) -> str | None:
    missing, wrong = [], []
    for key, types in {**REQUIRED_FIELDS, **OPTIONAL_FIELDS}.items():
        value = rec.get(key)
        if key in REQUIRED_FIELDS and (value is None or (isinstance(value, str) and not value.strip())):
            missing.append(key)
        elif not isinstance(value, types) or isinstance(value, bool):
            wrong.append(f"'{key}' is {_kind(value)}, not {_WANTED[key]}")
    if missing:
        return f"missing or empty field(s): {', '.join(missing)}"
    if wrong:
        return "wrong type: " + "; ".join(wrong)
    for key in ("id", "stance"):
        problem = name_problem(str(rec[key]), key)
        if problem:
            return problem
    for key in ("id", "stance", "text", "title"):
        m = _SURROGATE.search(rec[key]) if isinstance(rec.get(key), str) else None
        if m:
            return (f"field '{key}' holds an unpaired surrogate (\\u{ord(m.group()):04x}), which is not a character "
                    "(the JSON escapes broken UTF-16) and cannot be written as UTF-8")
    return None


def parse_line(number: int, data: bytes) -> Article | tuple[int, str, str]:
    """One JSON Lines line as an :class:`Article`, or ``(line, id, problem)``."""
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (number, _id_hint(data.decode("utf-8", "replace")),
                f"not UTF-8 ({exc.reason} at byte {exc.start + 1} of the line)")
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return (number, _id_hint(line), f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return (number, "", "not valid JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits (Python's conversion limit)
        return (number, _id_hint(line), f"cannot be read: {' '.join(str(exc).split())}")
    if not isinstance(rec, dict):
        return (number, "", f"not a JSON object with id, stance and text (it is {_kind(rec)})")
    raw_id = rec.get("id")
    doc_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    problem = _field_problem(rec)
    if problem is None:
        problem = text_problem(rec["text"], of=" of the text")
        problem = f"text {problem}" if problem else None
    if problem:
        return (number, doc_id, problem)
    return Article(doc_id=doc_id, stance=str(rec["stance"]), text=rec["text"], title=str(rec.get("title") or ""),
                   line=number, meta={k: rec.get(k) for k in rec if k not in ("id", "stance", "text")})


def open_bytes(path: Path):
    """``path`` opened for reading bytes, decompressed when it is gzip: decided by its first bytes, not its name (the
    one place that tells); a file that cannot be opened is a :class:`~rhetoric.base.errors.CorpusError`."""
    try:
        with open(path, "rb") as probe:
            magic = probe.read(2)
        return gzip.open(path, "rb") if magic == GZIP_MAGIC else open(path, "rb")
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from exc


def read_jsonl(path: Path | str) -> Iterator[Article | tuple[int, str, str]]:
    """Articles of a JSON Lines file (gzip or plain), lazily. A line that cannot be an article yields
    ``(line, id, problem)`` instead, so the caller can report it and go on (see the module docstring)."""
    path = Path(path)
    seen: set[str] = set()
    with open_bytes(path) as fh:
        for number, data, problem in _lines(fh):
            if problem is not None:
                yield (number, "", problem)
                continue
            if number == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
            if not data.strip():
                continue
            item = parse_line(number, data)
            if isinstance(item, Article):
                if item.doc_id in seen:
                    item = (number, item.doc_id, "duplicate id")
                else:
                    seen.add(item.doc_id)
            yield item


def chunk_corpus(articles: list[Article]) -> Corpus:
    """A few articles as an in-memory corpus (no directory, no files): what the feature table works on."""
    documents = pd.DataFrame([{"doc_id": a.doc_id, "file": "", "stance": a.stance, "title": a.title, "outlet": "",
                               "date": "", "url": "", "notes": "", "sha256": "", "n_chars": len(a.text)}
                              for a in articles])
    return Corpus(directory=Path("."), documents=documents, raw={a.doc_id: a.text for a in articles})
