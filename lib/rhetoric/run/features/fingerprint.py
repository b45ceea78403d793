"""The fingerprint of the feature table's inputs: a committed table of features (notebook 06's reference,
``data/allsides-10k-article-features.csv.gz``) describes the instruments that made it, and is stale under any
other.

:func:`fingerprint` is the first 16 hex digits of SHA-256 over every instrument data file the feature table reads
(:data:`DATA_FILES`, from ``lib/rhetoric/data``) and the code that computes it (:data:`CODE`: the instruments, the
language layer, the external wrappers, the word-list reader, the corpus reader and the per-article summary), each
file's path and bytes in a fixed order. ``make scale-table`` (``benchmarks.scale_table``) writes it beside the
table (:data:`REFERENCE_FINGERPRINT`); a test compares the two, so a change to any instrument fails the suite until
the reference is rebuilt. Not covered: the installed libraries (VADER's lexicon, NLTK, pattern), pinned by the
lock file.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from rhetoric.base.paths import ROOT

LIB = ROOT / "lib" / "rhetoric"
#: The word lists, models and rules the feature table reads (``lib/rhetoric/data``): every data file named in the
#: code of :data:`CODE` (a test checks that none is missing).
DATA_FILES = ("actor_gazetteer.csv", "actors.csv", "cleaning_patterns.csv", "demonyms.csv", "entman_cues.csv",
              "frame_presence.csv", "frame_terms.csv", "frames.csv", "function_words.csv",
              "generic_frame_questions.csv", "generic_frame_terms.csv", "generic_frames.csv", "measures.csv",
              "metadiscourse.csv", "modals.csv", "rhetorical_markers.csv", "spelling_variants.csv",
              "target_tone_cues.csv", "target_tone_model.csv", "tone_misreads.csv", "uncertainty_cues.csv",
              "uncertainty_model.csv")
#: The code the feature table runs: whole packages (every ``.py`` in them) and single modules, under ``lib/rhetoric``.
CODE = ("instruments", "language", "externals", "io/wordlists.py", "io/corpus.py", "io/articles.py",
        "base/text_constants.py", "base/resources.py", "analysis/aggregate.py")
#: Where ``make scale-table`` stores the fingerprint of the reference table it wrote.
REFERENCE_TABLE = ROOT / "data" / "allsides-10k-article-features.csv.gz"
REFERENCE_FINGERPRINT = ROOT / "data" / "allsides-10k-article-features.fingerprint"


def input_files(lib: Path = LIB) -> list[Path]:
    """The files :func:`fingerprint` hashes, in its order: the data files, then the code."""
    files = [lib / "data" / name for name in DATA_FILES]
    for part in CODE:
        path = lib / part
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    return files


def fingerprint(lib: Path = LIB) -> str:
    """First 16 hex digits of SHA-256 over :func:`input_files` (each one's path under ``lib`` and its bytes)."""
    digest = hashlib.sha256()
    for path in input_files(lib):
        digest.update(path.relative_to(lib).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def stored(path: Path = REFERENCE_FINGERPRINT) -> str | None:
    """The fingerprint stored beside a reference table; ``None`` when none is stored."""
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def write(path: Path = REFERENCE_FINGERPRINT) -> str:
    """Store the current fingerprint at ``path`` (one line) and return it."""
    value = fingerprint()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value + "\n", encoding="utf-8")
    return value


def reference_note(path: Path = REFERENCE_FINGERPRINT) -> str:
    """One sentence for a reader: whether the reference table was made by the instruments in use here."""
    kept, now = stored(path), fingerprint()
    if kept == now:
        return (f"The reference table was made by the instruments in use here (fingerprint `{now}` of their word "
                "lists and code, stored beside it).")
    if kept is None:
        return ("*No fingerprint is stored beside the reference table, so it cannot be shown to come from the "
                "instruments in use here: rebuild it with `make scale-table`.*")
    return (f"*The instruments have changed since the reference table was made (its fingerprint `{kept}`, now "
            f"`{now}`): its articles are measured with older word lists or code than this corpus; rebuild it "
            "with `make scale-table`.*")
