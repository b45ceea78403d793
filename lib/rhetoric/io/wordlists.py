"""Word lists and codebooks: the project's data files, or a corpus's own lists in their place.

Every word list, codebook and rule table is a CSV file in ``lib/rhetoric/data`` with a reason or source per
entry, read through :func:`read_table`. A corpus may bring its own lists: a folder given as ``--lexicons DIR``
/ ``LEXICONS_DIR`` holding files with the same names as those in :data:`LEXICONS`. A received corpus's own
``lexicons/`` folder (beside its ``metadata.csv``) is used only when asked (``--lexicons CORPUS/lexicons``): its
lists change what every measure counts and its patterns run on every line, so they are not taken on trust;
:func:`unused_corpus_lists` is the one-line note a command gives when such a folder is left unused.
:func:`use_lexicons` checks each such file (UTF-8 CSV, the required columns, at least one entry, no empty
required cell except ``notes`` and ``rule``, terms that are words or wildcard endings, regular expressions that
are valid and cannot backtrack exponentially, each problem named by file and line; the patterns then also run
with a time limit, see :mod:`rhetoric.base.safety`) and from then on :func:`read_table` returns it instead of
the project's file; :func:`lexicon_sources` says which list came from where. Loaders that derive
structures from these tables cache through :func:`data_cache`, so switching lists clears them all.

Stop words come from a pinned package (``wordfreq``), not from a list.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from rhetoric.base.atomic_files import read_csv_strict
from rhetoric.base.errors import CorpusError
from rhetoric.base.paths import data_file
from rhetoric.base.safety import pattern_problem
from rhetoric.io.corpus import supplied_file

#: How many of the most frequent English words count as stop words.
STOPWORD_RANK = 100
#: The lists a corpus may replace: file name -> (required columns, what the list is).
LEXICONS: dict[str, tuple[tuple[str, ...], str]] = {
    "actors.csv": (("actor", "alias", "kind", "note"), "actors and their aliases (kind: name or adjective); "
                   "optional column main = 1 for the actors compared side by side"),
    "frames.csv": (("frame", "label", "definition", "source"), "the frame codebook"),
    "frame_terms.csv": (("frame", "term", "reason"), "indicator terms of each frame"),
    "entman_cues.csv": (("function", "term", "reason"), "cues of Entman's four framing functions"),
    "metadiscourse.csv": (("term", "category", "source", "notes", "rule"),
                          "hedges, boosters, attitude markers, self-mentions, engagement markers"),
    "modals.csv": (("term", "type", "source", "notes", "rule"), "modals by type"),
    "rhetorical_markers.csv": (("term", "category", "reason"),
                               "contrast, attribution, pronoun, proposal and verdict markers"),
    "tone_misreads.csv": (("word", "reason"), "words VADER misreads in this kind of prose (valence set to zero)"),
    "cleaning_patterns.csv": (("kind", "pattern", "reason", "source"), "dateline and boilerplate patterns"),
    "spelling_variants.csv": (("variant", "canonical", "reason"), "spelling variants merged before keyness"),
    "function_words.csv": (("word", "category"), "closed-class function words flagged in keyness"),
    "reference_topics.csv": (("topic", "reason"), "AllSides topics of notebook 06's reference set (default for a "
                             "corpus without this list: every topic)"),
}
LEXICON_DIR = "lexicons"
#: Required columns that may be left empty (the project's own lists leave them empty for most entries).
MAY_BE_EMPTY = ("notes", "rule")
#: Columns holding terms matched as words (a trailing ``*`` is the only pattern: a wildcard ending).
TERM_COLUMNS = {"metadiscourse.csv": "term", "modals.csv": "term", "frame_terms.csv": "term",
                "entman_cues.csv": "term", "rhetorical_markers.csv": "term"}
#: Columns holding regular expressions (checked with :func:`rhetoric.base.safety.pattern_problem`).
PATTERN_COLUMNS = {"cleaning_patterns.csv": "pattern"}

_active: dict[str, Path | None] = {"dir": None}
_caches: list = []


def data_cache(function: Callable) -> Callable:
    """``functools.lru_cache`` for loaders of data files, cleared whenever the active lists change."""
    cached = lru_cache(maxsize=None)(function)
    _caches.append(cached)
    return cached


def active_directory() -> Path | None:
    """The folder of corpus-supplied lists in use, or ``None`` (the project's own lists)."""
    return _active["dir"]


def unused_corpus_lists(corpus_dir: Path | str | None, lexicons: Path | str | None) -> str | None:
    """The note for a corpus directory that carries a ``lexicons/`` folder not in use (``lexicons`` is the folder
    given, if any), or ``None``: the folder was not used, and how to use it."""
    if corpus_dir is None:
        return None
    folder = Path(corpus_dir) / LEXICON_DIR
    if not folder.is_dir():
        return None
    if lexicons is not None:
        try:
            if Path(lexicons).resolve() == folder.resolve():
                return None
        except (OSError, RuntimeError):
            pass
    return (f"{folder}: the corpus carries a {LEXICON_DIR}/ folder of word lists that was NOT used (a corpus's own "
            f"lists are used only when asked); to use them, add --lexicons {folder}")


def lexicon_path(name: str) -> Path:
    """Where ``name`` is read from: the active corpus folder when it holds that list, else the project's."""
    folder = _active["dir"]
    if folder is not None and name in LEXICONS and (folder / name).is_file():
        return folder / name
    return data_file(name)


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def check_list(path: Path) -> pd.DataFrame:
    """Read a corpus-supplied list and check it against :data:`LEXICONS`; a clear error names the problem."""
    name = path.name
    required, what = LEXICONS[name]
    table = read_csv_strict(supplied_file(path.parent, path, "a word list", "the word-list folder"))  # one input rule
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise CorpusError(path, f"missing column(s) {', '.join(missing)}: a replacement for the project's "
                          f"{name} ({what}) needs {', '.join(required)}")
    if table.empty:
        raise CorpusError(path, f"lists no entries (a replacement for {name} needs at least one)")
    for col in required:
        if col in MAY_BE_EMPTY:
            continue
        empty = table.index[table[col].str.strip() == ""].tolist()
        if empty:
            raise CorpusError(path, f"empty '{col}' on line(s) {', '.join(str(i + 2) for i in empty[:10])}")
    entry_problem(path, table)
    return table


def _wildcard_problem(term: str) -> str | None:
    for word in term.split():
        if "*" in word[:-1]:
            return f"'*' inside a word ('{word}'): a wildcard is a '*' at the end of a word"
        if word.endswith("*") and not any(ch.isalnum() for ch in word[:-1]):
            return (f"the wildcard '{word}' has no letter or digit before the '*' (it would match every token "
                    "starting with those characters, punctuation included); terms are words, not regular "
                    "expressions")
    return None


def entry_problem(path: Path, table: pd.DataFrame) -> None:
    """Refuse, naming the file and line, a term that is not a word or a wildcard ending (``.*``), and a regular
    expression that is invalid or could backtrack exponentially (see :mod:`rhetoric.base.safety`)."""
    name = path.name
    for col, check in ((TERM_COLUMNS.get(name), _wildcard_problem), (PATTERN_COLUMNS.get(name), pattern_problem)):
        if col is None or col not in table.columns:
            continue
        for i, value in enumerate(table[col]):
            problem = check(value)
            if problem:
                raise CorpusError(path, f"line {i + 2}, {col} '{value[:80]}': {problem}")


def listed_lexicons(folder: Path) -> list[Path]:
    """The files of a folder of word lists (hidden files left out), by name."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith("."))


def check_lexicons(folder: Path | str) -> list[str]:
    """Check every list in ``folder`` (see the module docstring) without putting any in force: the names of the
    lists it replaces, or one :class:`~rhetoric.base.errors.CorpusError` naming the file and the problem. Files that
    are not replaceable lists are an error too, so a misspelt name is not ignored."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a directory of word lists")
    files = listed_lexicons(folder)
    unknown = [p.name for p in files if p.name not in LEXICONS]
    if unknown:
        raise CorpusError(folder, f"holds file(s) that replace no list: {', '.join(unknown)} (replaceable: "
                          f"{', '.join(LEXICONS)})")
    for path in files:
        check_list(path)
    return [p.name for p in files]


def use_lexicons(folder: Path | str | None) -> list[str]:
    """Read word lists from ``folder`` where it has them (``None``: the project's lists only).

    Every list in the folder is checked first (:func:`check_lexicons`); on any error nothing changes. Returns the
    names replaced.
    """
    if folder is None:
        changed = _active["dir"] is not None
        _active["dir"] = None
        if changed:
            clear_caches()
        return []
    folder = Path(folder)
    names = check_lexicons(folder)
    _active["dir"] = folder
    clear_caches()
    return names


def clear_caches() -> None:
    for cached in _caches:
        cached.cache_clear()


def read_table(name: str) -> pd.DataFrame:
    """A data file (the corpus's own list when one is active, else the project's), read as strings (empty cells
    stay empty strings). While rows of some origin are left out (:func:`leave_out_origin`), the named lists come
    without them."""
    path = lexicon_path(name)
    table = check_list(path) if path.parent == _active["dir"] else _read(path)
    origin, names = _left_out["origin"], _left_out["names"]
    if origin is None or name not in names:
        return table
    if "origin" not in table.columns:
        raise CorpusError(path, f"has no 'origin' column, so its {origin} terms cannot be left out")
    return table[table["origin"] != origin].reset_index(drop=True)


_left_out: dict = {"origin": None, "names": frozenset()}


def leave_out_origin(origin: str | None, names: frozenset[str] | set[str] = frozenset()) -> None:
    """From now on :func:`read_table` drops the rows whose ``origin`` is ``origin`` from the lists ``names``
    (``None``: drop nothing); every cached structure derived from the lists is cleared."""
    _left_out["origin"], _left_out["names"] = origin, frozenset(names if origin is not None else ())
    clear_caches()


def lexicon_sources(root: Path | None = None) -> pd.DataFrame:
    """Which list is in use and where it comes from: ``list, source, file, entries, sha256 (first 12)``."""
    rows = []
    for name in LEXICONS:
        path = lexicon_path(name)
        if not path.is_file():
            continue
        own = path.parent == _active["dir"]
        shown = path.name if not own else f"{LEXICON_DIR}/{path.name}" if path.parent.name == LEXICON_DIR \
            else path.name
        rows.append({"list": name, "source": "corpus" if own else "project",
                     "file": shown if own else f"lib/rhetoric/data/{name}", "entries": len(read_table(name)),
                     "sha256 (first 12)": hashlib.sha256(path.read_bytes()).hexdigest()[:12]})
    return pd.DataFrame(rows, columns=["list", "source", "file", "entries", "sha256 (first 12)"])


@lru_cache(maxsize=4)
def stopwords(rank: int = STOPWORD_RANK) -> frozenset[str]:
    """Stop words defined by frequency: the ``rank`` most frequent English words in ``wordfreq``.

    A frequency definition is reproducible from a pinned package and needs no hand-made list;
    it includes modals such as "would", "could" and "may", which is why stop-word filtering is an
    option of each analysis and never applied to the hedging or modality counts.
    """
    import wordfreq  # its frequency tables load on first use, not with every command (start-up time)

    return frozenset(wordfreq.top_n_list("en", rank))
