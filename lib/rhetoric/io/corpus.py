"""Load a corpus directory: ``metadata.csv`` plus the UTF-8 text files it names, one paragraph per line.

The raw text is never modified; every later table points back into it with character offsets.
Every check runs before anything is returned, so a bad corpus yields one clear error naming the file
and the problem, and no partial result.

What a text file must be (:func:`text_problem` checks the same for JSON Lines articles):

* **inside the corpus directory**: a ``file`` entry is a relative path without ``..``, and neither it nor a
  symlink on the way leads out of the directory (a metadata file must not be able to publish
  ``/etc/passwd`` in a feature table or a notebook); nor may it be a hard link with a name outside the
  directory, and two entries may not name the same file (``a.txt`` and ``./a.txt``: one document, compared by
  resolved path);
* **UTF-8 text, not empty**, and **without control characters**: NUL and the other C0 controls except tab,
  line feed, carriage return and form feed are refused, naming the line and column. They mean binary data
  or a broken conversion, which no measure can read, and they would pass invisibly into every output;
* **at most** :data:`MAX_ARTICLE_CHARS` **characters**: the per-sentence tables of an article take about
  300 bytes of memory per character of ordinary text (measured: 1,000,000 characters of benchmark articles,
  285 MB; up to about 1.2 KB per character for text made of one-word lines), so a 50 MB file would take many
  gigabytes. The limit is 16 times the longest article of the 10,000-article benchmark (62,414 characters)
  and keeps one article within about 0.3 to 1.2 GB; a file above it is refused without being read.

The study's design may be stated in the metadata: the optional ``block`` column names matched sets of
documents (e.g. one event told by several outlets). Documents sharing a block are compared within it: group
labels are permuted within blocks and the bootstrap resamples whole blocks
(:mod:`rhetoric.analysis.aggregate`). Documents with an empty ``block`` are permuted among themselves and
resampled one by one; without the column there are no blocks.

A byte-order mark at the start of a file is kept in the raw text (offsets stay offsets into the file) and
set aside by cleaning (:mod:`rhetoric.language.cleaning`, audit kind ``bom``).
"""
from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from rhetoric.base.atomic_files import read_csv_strict
from rhetoric.base.errors import CorpusError, CorpusWarning
from rhetoric.base.paths import SEEDS
from rhetoric.io.group_labels import GROUP_LABELS, GroupLabels, read_group_labels

REQUIRED_COLUMNS = ("id", "file", "stance")
OPTIONAL_COLUMNS = ("title", "outlet", "date", "url", "notes", "label")
#: Optional columns that state the study's design (see the module docstring); empty when absent.
DESIGN_COLUMNS = ("block",)
METADATA = "metadata.csv"
#: A corpus may describe its study in words: Markdown shown at the top of the overview, the notebooks and the
#: HTML edition (read by :func:`read_study`, when the corpus is loaded).
STUDY_FILE = "study.md"
#: The largest ``study.md`` accepted (bytes): a page of description, not a corpus.
MAX_STUDY_BYTES = 100_000
#: The longest article accepted, in characters (see the module docstring for why).
MAX_ARTICLE_CHARS = 1_000_000
#: UTF-8 needs at most 4 bytes per character: a file larger than this is refused before it is read.
MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS
#: C0 control characters other than tab, line feed, form feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 11: "VT", 27: "ESC"}
#: What a name field (an id, a group, a display label, a block) may not hold: every C0 control (line breaks and tabs
#: included), DEL and the C1 controls (U+007F-U+009F), and the bidirectional overrides and isolates (U+202A-U+202E,
#: U+2066-U+2069), which make a terminal or a table show a name other than the one written (issue 37).
NAME_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The metadata columns that name things (checked with :data:`NAME_CONTROLS`).
NAME_COLUMNS = ("id", "file", "stance", "label", "block")


def name_problem(value: str, field_name: str) -> str | None:
    """Why ``value`` cannot be a name (a control character, a bidirectional override: :data:`NAME_CONTROLS`), or
    ``None``."""
    m = NAME_CONTROLS.search(value)
    if m is None:
        return None
    return (f"field '{field_name}' holds a control character or line break (U+{ord(m.group()):04X}; names may not "
            "hold control characters, line breaks or direction overrides)")


def _position(text: str, index: int) -> str:
    line, line_start = text.count("\n", 0, index) + 1, text.rfind("\n", 0, index) + 1
    return f"line {line}, column {index - line_start + 1}"


def control_problem(text: str, of: str = "") -> str | None:
    """A description of the first control character in ``text`` (see the module docstring), or ``None``.
    ``of`` follows the position ("line 3, column 5 of the text")."""
    m = CONTROL_CHARACTERS.search(text)
    if m is None:
        return None
    code = ord(m.group())
    name = f"U+{code:04X}" + (f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else "")
    count = len(CONTROL_CHARACTERS.findall(text))
    more = f" ({count} in all)" if count > 1 else ""
    return (f"holds the control character {name} at {_position(text, m.start())}{of}{more}: binary data or a broken "
            "conversion? Remove control characters (tab, line feed, carriage return and form feed are fine)")


def text_problem(text: str, of: str = "") -> str | None:
    """Why ``text`` cannot be an article (empty, too long, control characters), or ``None``."""
    if len(text) > MAX_ARTICLE_CHARS:
        return (f"is {len(text):,} characters long, above the limit of {MAX_ARTICLE_CHARS:,} per article "
                "(split it into several articles)")
    if not text.lstrip("\ufeff").strip():
        return "is empty (or whitespace only)"
    return control_problem(text, of)


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: one row per document in ``documents`` and the raw text of each, keyed by id; ``metadata``
    is its ``metadata.csv`` as written (every column; ``None`` for a corpus made in memory)."""

    directory: Path
    documents: pd.DataFrame
    raw: dict[str, str] = field(repr=False)
    metadata: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    #: The corpus's ``study.md`` (:func:`read_study`), ``None`` without one.
    study: str | None = field(default=None, repr=False, compare=False)
    #: Display names, order and colours of the groups (the optional ``group_labels.csv``; empty without it).
    group_labels: GroupLabels = field(default_factory=GroupLabels, repr=False, compare=False)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.documents["doc_id"])


def check_directory(directory: Path) -> None:
    """Refuse, naming it, a corpus directory that does not exist or is a file."""
    if not directory.is_dir():
        if directory.exists():
            raise CorpusError(directory, "is a file, not a corpus directory (a directory holding metadata.csv "
                              "and the text files it names)")
        raise CorpusError(directory, "does not exist")


def supplied_file(folder: Path, path: Path, what: str, place: str = "the corpus directory") -> Path:
    """The one input rule for every file a corpus or a folder of word lists supplies (a listed text file,
    ``metadata.csv``, ``study.md``, a word list): ``path`` if it is a regular file inside ``folder`` after every
    symlink is resolved, with no hard link outside ``folder``; else one :class:`CorpusError` naming it (``what`` says
    where it was named). A file read from outside the corpus would be published in tables, notebooks and the HTML
    edition (issue 37: ``study.md`` linking to ``/etc/passwd``). ``place`` names ``folder`` in the message."""
    try:
        where, home = path.resolve(), Path(folder).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise CorpusError(path, f"cannot be resolved ({exc})") from exc
    if not where.is_relative_to(home):
        raise CorpusError(path, f"{what}: a symlink leading out of {place} (to {where}); files must be inside it")
    links = _outside_links(path, folder)
    if links:
        raise CorpusError(path, f"{what}: a hard link with {links} name(s) outside {place} (it may be another "
                          "file under a new name); copy the file instead")
    return path


def read_study(directory: Path) -> str | None:
    """The corpus's ``study.md`` (:data:`STUDY_FILE`), by the one input rule (:func:`supplied_file`): UTF-8 text
    without control characters, at most :data:`MAX_STUDY_BYTES`; ``None`` when the corpus has none."""
    path = Path(directory) / STUDY_FILE
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        raise CorpusError(path, "is not a regular file (a corpus's study.md is Markdown text)")
    supplied_file(directory, path, "the corpus's study.md")
    if path.stat().st_size > MAX_STUDY_BYTES:
        raise CorpusError(path, f"is {path.stat().st_size:,} bytes, above the limit of {MAX_STUDY_BYTES:,} for a "
                          "study's description")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from None
    problem = control_problem(text)
    if problem:
        raise CorpusError(path, problem)
    return text


def read_metadata(directory: Path) -> pd.DataFrame:
    """A corpus directory's ``metadata.csv`` as written: every column, cells as strings, header names stripped. The
    one reader of that file (:func:`rhetoric.base.atomic_files.read_csv_strict`: UTF-8, strictly, a byte-order mark
    allowed); a missing or unreadable file is one clear error. Its rows are checked by :func:`load_corpus`."""
    path = directory / METADATA
    check_directory(directory)
    if path.is_dir():
        raise CorpusError(path, "is a directory, not a CSV file")
    if not path.is_file():
        raise CorpusError(path, f"missing {METADATA}: a corpus directory needs one (required columns: "
                          f"{', '.join(REQUIRED_COLUMNS)})")
    written = read_csv_strict(supplied_file(directory, path, f"the corpus's {METADATA}"))
    if "file" in written.columns:  # refused before any listed path is looked at (a million rows naming one file)
        names = written["file"].str.strip()
        dup = names[names.duplicated() & (names != "")].unique().tolist()
        if dup:
            raise CorpusError(path, f"file(s) listed more than once: {', '.join(dup[:10])}"
                              + (f" ({len(dup):,} in all)" if len(dup) > 10 else ""))
    return written


def _checked_metadata(path: Path, written: pd.DataFrame) -> pd.DataFrame:
    """The metadata's rows checked (required columns, no empty cell or control character in them, no duplicate id
    or file) and completed (every optional column, empty when absent): a new table, ``written`` untouched."""
    meta = written.copy()
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
    for col in OPTIONAL_COLUMNS + DESIGN_COLUMNS:
        if col not in meta.columns:
            meta[col] = ""
    for col in NAME_COLUMNS:
        bad = meta.index[meta[col].fillna("").str.contains(NAME_CONTROLS)].tolist()
        if bad:
            rows = ", ".join(str(i + 2) for i in bad[:10])
            code = ord(NAME_CONTROLS.search(meta[col].fillna("")[bad[0]]).group())
            required = "required " if col in REQUIRED_COLUMNS else ""
            raise CorpusError(path, f"control character or line break in {required}field '{col}' on line(s) {rows} "
                              f"(U+{code:04X}; names may not hold control characters, line breaks or direction "
                              "overrides)")
    return meta


def corpus_file(directory: Path, name: str) -> Path:
    """The path of a metadata ``file`` entry, checked to stay inside ``directory`` (see the module docstring)."""
    where = f"listed as file '{name}' in {METADATA}"
    pure = PurePath(name)
    if pure.is_absolute() or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise CorpusError(directory / METADATA, f"{where}: an absolute path; files must be inside the corpus "
                          "directory, named relative to it")
    if ".." in re.split(r"[/\\]", name):
        raise CorpusError(directory / METADATA, f"{where}: '..' leads out of the corpus directory; files must be "
                          "inside it")
    return supplied_file(directory, directory / name, where)


def where_listed(name: str) -> str:
    return f"listed as file '{name}' in {METADATA}"


def _outside_links(path: Path, directory: Path) -> int:
    """How many names of ``path``'s file (hard links) lie outside ``directory``: 0 for an ordinary file. Only a
    file with several links is looked for, among the corpus directory's files."""
    try:
        st = path.stat()
    except OSError:
        return 0  # _read_text names the problem
    if st.st_nlink <= 1 or not path.is_file():
        return 0
    inside = 0
    for other in directory.rglob("*"):
        try:
            o = other.lstat()
        except OSError:
            continue
        inside += (o.st_ino, o.st_dev) == (st.st_ino, st.st_dev)
    return max(st.st_nlink - inside, 0)


def _read_text(path: Path) -> tuple[str, bytes]:
    if path.is_dir():
        raise CorpusError(path, "is listed in metadata.csv but is a directory, not a text file")
    if not path.is_file():
        if path.exists():
            raise CorpusError(path, "is listed in metadata.csv but is not a regular file")
        raise CorpusError(path, "is listed in metadata.csv but does not exist")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise CorpusError(path, f"is {size:,} bytes, above the limit of {MAX_ARTICLE_CHARS:,} characters per "
                          "article (split it into several articles)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    problem = text_problem(text)
    if problem:
        raise CorpusError(path, problem)
    return text, data


def load_corpus(directory: Path | str | None = None, metadata: pd.DataFrame | None = None) -> Corpus:
    """Read and check a corpus directory (default: the project's seeds).

    Returns a :class:`Corpus` whose ``documents`` table has one row per document: ``doc_id``, ``file``,
    ``stance``, the optional metadata columns, ``sha256`` of the raw bytes and ``n_chars``. ``metadata`` is the
    directory's ``metadata.csv`` when already read (:meth:`rhetoric.io.source.Source.metadata`), else it is read
    here. Raises :class:`CorpusError` naming the file and problem; warns about ``.txt`` files not listed.
    """
    directory = Path(directory) if directory is not None else SEEDS
    written = metadata if metadata is not None else read_metadata(directory)
    meta = _checked_metadata(directory / METADATA, written)
    raw: dict[str, str] = {}
    rows = []
    seen: dict[Path, str] = {}
    for rec in meta.to_dict("records"):
        path = corpus_file(directory, rec["file"])
        where = path.resolve()
        if where in seen:  # "a.txt" and "./a.txt", or a symlink to a listed file: one document, not two
            raise CorpusError(directory / METADATA, f"ids '{seen[where]}' and '{rec['id']}' name the same file "
                              f"('{rec['file']}' is {where.relative_to(directory.resolve())}): each document once")
        seen[where] = rec["id"]
        text, data = _read_text(path)
        raw[rec["id"]] = text
        rows.append({
            "doc_id": rec["id"],
            "file": rec["file"],
            "stance": rec["stance"],
            **{c: rec[c].strip() for c in OPTIONAL_COLUMNS},
            **{c: (rec[c] or "").strip() for c in DESIGN_COLUMNS},
            "sha256": hashlib.sha256(data).hexdigest(),
            "n_chars": len(text),
        })
    listed = {(directory / f).resolve() for f in meta["file"]}
    for extra in sorted(directory.glob("*.txt")):
        if extra.resolve() not in listed:
            warnings.warn(f"{extra}: text file not listed in {METADATA}; it is ignored",
                          CorpusWarning, stacklevel=2)
    documents = pd.DataFrame(rows)
    if (Path(directory) / GROUP_LABELS).is_file():  # the one input rule, as for every file a corpus supplies
        supplied_file(Path(directory), Path(directory) / GROUP_LABELS, "the corpus's group labels")
    labels = read_group_labels(directory, documents["stance"])
    if labels.labels:  # the figures read the groups' names, order and colours from the table they are given
        documents.attrs.update(group_labels=dict(labels.labels), group_order=list(labels.order),
                               group_colours=dict(labels.colours))
    return Corpus(directory=directory, documents=documents, raw=raw, metadata=written, study=read_study(directory),
                  group_labels=labels)


def is_project_corpus(corpus: Corpus) -> bool:
    """True when every document of ``corpus`` is byte-identical to one of the project's seeds and vice versa."""
    seeds = load_corpus(SEEDS) if Path(corpus.directory).resolve() != SEEDS.resolve() else corpus
    return sorted(corpus.documents["sha256"]) == sorted(seeds.documents["sha256"])
