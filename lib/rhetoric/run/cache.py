"""What a notebook's re-execution depends on: the digests of its inputs and of its outputs, and the run state.

A notebook is executed again only when its **key** changed (:func:`notebook_key`: its cells, the library and its
data, the project's ``data/`` tables, the lock file and the Python version, the corpus and its word lists, the
parameters) or when one of its **outputs** is missing or changed (:func:`outputs_digest`: the executed notebook,
every file it wrote under ``figures/`` and its own rows of the shared tables ``figures.csv``,
``findings.csv`` and ``columns.csv``). Both are kept per notebook in the run state (:data:`STATE_FILE`).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import platform
from pathlib import Path

from rhetoric.base import paths
from rhetoric.base.atomic_files import atomic_write

STATE_FILE = "run-state.json"
#: Tables every notebook writes its own rows into: a notebook's outputs are its rows, not the whole file.
SHARED_TABLES = ("figures.csv", "findings.csv", "columns.csv")
#: Generated from the shared tables after the run (never a notebook's output).
GENERATED = ("README.md",)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def library_digest() -> str:
    """Digest of what every notebook depends on besides the corpus: the library, its data, the project's
    ``data/`` tables, the lock file and the Python version."""
    h = hashlib.sha256()
    for path in sorted([*paths.PACKAGE.rglob("*"), *(paths.ROOT / "data").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(paths.ROOT)).encode())
            h.update(path.read_bytes())
    if paths.LOCK.is_file():
        h.update(paths.LOCK.read_bytes())
    h.update(platform.python_version().encode())
    return h.hexdigest()


def tree_digest(directory: Path | None) -> str:
    """Digest of every file under ``directory`` (names relative to it, and bytes): a corpus with its text
    files in subfolders and its ``lexicons/``, or a folder of word lists."""
    h = hashlib.sha256()
    if directory is None or not directory.is_dir():
        return h.hexdigest()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        h.update(path.relative_to(directory).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def cells_digest(nb: dict) -> str:
    """Digest of a notebook's inputs (cell types, sources, tags), read as plain JSON: outputs excluded."""
    def text(src):
        return "".join(src) if isinstance(src, list) else src

    cells = [(c["cell_type"], text(c["source"]), sorted(c.get("metadata", {}).get("tags", [])))
             for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    return sha(json.dumps(cells, sort_keys=True).encode())


def notebook_key(src: Path, library: str, corpus: str, lexicons: str, params: dict) -> str:
    """The key of notebook ``src``: its cells with the digests of everything else it reads and its parameters."""
    cells = cells_digest(json.loads(src.read_text(encoding="utf-8")))
    return sha(json.dumps([cells, library, corpus, lexicons, params]).encode())


def overview_key(base: str, fig_dir: Path) -> str:
    """The overview shows the others' findings and figures: its key includes both shared tables as they are now."""
    parts = [base] + [sha(f.read_bytes()) for f in (fig_dir / t for t in ("figures.csv", "findings.csv"))
                      if f.is_file()]
    return sha("".join(parts).encode())


def manifest_names(fig_dir: Path, notebook: str) -> list[str]:
    """The figures the manifest (``figures.csv``) lists for ``notebook``."""
    path = fig_dir / "figures.csv"
    if not path.is_file():
        return []
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return sorted(r["name"] for r in csv.DictReader(fh) if r.get("notebook") == notebook and r.get("name"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def notebook_rows(path: Path, notebook: str) -> bytes:
    """A notebook's rows of a shared table (``notebook`` column), as CSV text: what it owns of the file."""
    if not path.is_file():
        return b"missing"
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if r.get("notebook") == notebook]
    except (OSError, UnicodeDecodeError, csv.Error):
        return b"unreadable"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(sorted(tuple(sorted(r.items())) for r in rows))
    return buf.getvalue().encode()


def snapshot(fig_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under ``fig_dir`` with what changes when it is written (inode, mtime, size)."""
    if not fig_dir.is_dir():
        return {}
    found = {}
    for p in fig_dir.rglob("*"):
        if p.is_file():
            st = p.stat()
            found[p.relative_to(fig_dir).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return found


def written(before: dict, after: dict) -> list[str]:
    """The files a notebook wrote: new or changed between the two snapshots, shared and generated excluded."""
    return sorted(name for name, st in after.items()
                  if before.get(name) != st and name not in SHARED_TABLES + GENERATED)


def outputs_digest(nb_path: Path, fig_dir: Path, notebook: str, files: list[str]) -> str:
    """Digest of everything a notebook wrote (see the module docstring): a missing or changed output changes it."""
    h = hashlib.sha256(nb_path.read_bytes() if nb_path.is_file() else b"missing")
    figures = {f"{name}.{ext}" for name in manifest_names(fig_dir, notebook) for ext in ("pdf", "svg", "png")}
    for name in sorted(set(files) | figures):
        f = fig_dir / name
        h.update(name.encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest() if f.is_file() else b"missing")
    for table in SHARED_TABLES:
        h.update(table.encode() + b"\0")
        h.update(hashlib.sha256(notebook_rows(fig_dir / table, notebook)).digest())
    return h.hexdigest()


def read_state(path: Path) -> dict:
    """The run state: per notebook, its key, the files it wrote and the digest of its outputs."""
    return json.loads(path.read_text()) if path.is_file() else {}


def write_state(path: Path, state: dict) -> None:
    atomic_write(path, json.dumps(state, indent=1, sort_keys=True).encode())
