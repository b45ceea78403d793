"""Load a corpus directory: ``metadata.csv`` plus the UTF-8 text files it names, one paragraph per line.

The raw text is never modified; every later table points back into it with character offsets.
Every check runs before anything is returned, so a bad corpus yields one clear error naming the file
and the problem, and no partial result.
"""
from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import CorpusError, CorpusWarning
from .paths import SEEDS

REQUIRED_COLUMNS = ("id", "file", "stance")
OPTIONAL_COLUMNS = ("title", "outlet", "date", "url", "notes")
METADATA = "metadata.csv"


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: one row per document in ``documents`` and the raw text of each, keyed by id."""

    directory: Path
    documents: pd.DataFrame
    raw: dict[str, str] = field(repr=False)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.documents["doc_id"])


def _read_metadata(directory: Path) -> pd.DataFrame:
    path = directory / METADATA
    if not directory.is_dir():
        raise CorpusError(directory, "is not a directory")
    if not path.is_file():
        raise CorpusError(path, f"missing {METADATA}: a corpus directory needs one (required columns: "
                          f"{', '.join(REQUIRED_COLUMNS)})")
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(path, f"cannot be read as CSV ({exc})") from exc
    meta.columns = [c.strip() for c in meta.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in meta.columns]
    if missing:
        raise CorpusError(path, f"missing required column(s): {', '.join(missing)}")
    if meta.empty:
        raise CorpusError(path, "lists no documents")
    for col in REQUIRED_COLUMNS:
        meta[col] = meta[col].str.strip()
        empty = meta.index[meta[col] == ""].tolist()
        if empty:
            rows = ", ".join(str(i + 2) for i in empty)  # +2: header line, 1-based
            raise CorpusError(path, f"empty required field '{col}' on line(s) {rows}")
    dup = meta["id"][meta["id"].duplicated()].unique().tolist()
    if dup:
        raise CorpusError(path, f"duplicate id(s): {', '.join(dup)}")
    dup_files = meta["file"][meta["file"].duplicated()].unique().tolist()
    if dup_files:
        raise CorpusError(path, f"file(s) listed more than once: {', '.join(dup_files)}")
    for col in OPTIONAL_COLUMNS:
        if col not in meta.columns:
            meta[col] = ""
    return meta


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise CorpusError(path, "is listed in metadata.csv but does not exist")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise CorpusError(path, "is empty (or whitespace only)")
    return text


def load_corpus(directory: Path | str | None = None) -> Corpus:
    """Read and check a corpus directory (default: the project's seeds).

    Returns a :class:`Corpus` whose ``documents`` table has one row per document: ``doc_id``, ``file``,
    ``stance``, the optional metadata columns, ``sha256`` of the raw bytes and ``n_chars``.
    Raises :class:`CorpusError` naming the file and problem; warns about ``.txt`` files not listed.
    """
    directory = Path(directory) if directory is not None else SEEDS
    meta = _read_metadata(directory)
    raw: dict[str, str] = {}
    rows = []
    for rec in meta.to_dict("records"):
        path = directory / rec["file"]
        text = _read_text(path)
        raw[rec["id"]] = text
        rows.append({
            "doc_id": rec["id"],
            "file": rec["file"],
            "stance": rec["stance"],
            **{c: rec[c].strip() for c in OPTIONAL_COLUMNS},
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "n_chars": len(text),
        })
    listed = {(directory / f).resolve() for f in meta["file"]}
    for extra in sorted(directory.glob("*.txt")):
        if extra.resolve() not in listed:
            warnings.warn(f"{extra}: text file not listed in {METADATA}; it is ignored",
                          CorpusWarning, stacklevel=2)
    documents = pd.DataFrame(rows)
    return Corpus(directory=directory, documents=documents, raw=raw)
