"""Reviewable text copies of the notebooks: ``notebooks/NN-name.py`` beside each ``NN-name.ipynb``.

A text copy holds the notebook's cells only (sources and tags, no outputs) in jupytext's *percent* format:
code cells stay Python, so a review sees code changes as code diffs (and a linter or ``grep`` reads them),
while Markdown cells become ``#`` comments. The header declares the pairing (``formats: ipynb,py:percent``)
so that JupyterLab with jupytext opens either file as the same notebook; it carries no jupytext version, so
the bytes depend only on the cells.

The ``.ipynb`` is the source: ``rhetoric run`` regenerates the text copy from it after executing (or
skipping) the notebook, deterministically. Edit the notebook, not the text copy; a test reports any copy
that is out of sync.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jupytext
import nbformat

from rhetoric.base.atomic_files import atomic_write

FORMAT = "py:percent"
SUFFIX = ".py"
PATTERN = "[0-9][0-9]-*"
_JUPYTEXT = {"formats": f"ipynb,{FORMAT}",
             "notebook_metadata_filter": "-jupytext.text_representation.jupytext_version"}


def text_path(nb_path: Path | str) -> Path:
    """Where the text copy of ``nb_path`` lives: the same directory and name, ``.py``."""
    return Path(nb_path).with_suffix(SUFFIX)


def _read(nb_path: Path):
    return nbformat.reads(nb_path.read_text(encoding="utf-8"), as_version=4)


def text_copy(nb) -> str:
    """The percent-format text of ``nb`` (a notebook node or a plain dict): cells only, no outputs."""
    nb = nbformat.from_dict(copy.deepcopy(dict(nb)))
    for cell in nb.cells:  # jupytext never writes outputs; drop them anyway so nothing else can leak in
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.metadata = {"kernelspec": nb.metadata.get("kernelspec", {}), "jupytext": dict(_JUPYTEXT)}
    return jupytext.writes(nb, fmt=FORMAT)


def sync(nb_path: Path | str) -> bool:
    """Write the text copy of the notebook at ``nb_path`` if it differs from what is there; True if written."""
    nb_path = Path(nb_path)
    text = text_copy(_read(nb_path)).encode("utf-8")
    dest = text_path(nb_path)
    if dest.is_file() and dest.read_bytes() == text:
        return False
    atomic_write(dest, text)
    return True


def out_of_sync(nb_dir: Path | str) -> list[str]:
    """Problems with the text copies in ``nb_dir``: missing or stale copies, and copies without a notebook."""
    nb_dir = Path(nb_dir)
    problems = []
    for nb_path in sorted(nb_dir.glob(f"{PATTERN}.ipynb")):
        dest = text_path(nb_path)
        if not dest.is_file():
            problems.append(f"{dest.name}: missing (run `rhetoric run`)")
        elif dest.read_text(encoding="utf-8") != text_copy(_read(nb_path)):
            problems.append(f"{dest.name}: differs from the cells of {nb_path.name} (edit the notebook, "
                            "then `rhetoric run` rewrites the copy)")
    for dest in sorted(nb_dir.glob(f"{PATTERN}{SUFFIX}")):
        if not dest.with_suffix(".ipynb").is_file():
            problems.append(f"{dest.name}: no notebook {dest.with_suffix('.ipynb').name}")
    return problems


def cells_of_text_copy(text: str) -> list[tuple[str, str, list[str]]]:
    """``(cell_type, source, tags)`` of each cell read back from a text copy (for checking round trips)."""
    nb = jupytext.reads(text, fmt=FORMAT)
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def cells_of_notebook(nb) -> list[tuple[str, str, list[str]]]:
    """``(cell_type, source, tags)`` of each cell of a notebook, sources joined as jupytext reads them."""
    nb = json.loads(json.dumps(nb))
    out = []
    for c in nb["cells"]:
        src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        out.append((c["cell_type"], src, list(c.get("metadata", {}).get("tags", []))))
    return out
