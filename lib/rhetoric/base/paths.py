"""Every path the project uses, anchored on this package's own location (never the working directory)."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
#: Word lists, codebooks and gold annotations shipped with the library.
DATA = PACKAGE / "data"
#: The repository root: lib/rhetoric/base/paths.py -> lib/rhetoric -> lib -> root.
ROOT = PACKAGE.parent.parent
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
#: Generated, never committed: the offline NLTK data built from pinned packages, run state.
CACHE = ROOT / ".cache"
LOCK = ROOT / "requirements.lock"
README = ROOT / "README.md"


def data_file(name: str) -> Path:
    """Path of a data file shipped in ``lib/rhetoric/data``."""
    return DATA / name
#: Material beside the project, never copied into it (read in place; tests skip when it is absent).
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench" / "allsides-10k.jsonl.gz"
DEV = SHARED / "dev"
