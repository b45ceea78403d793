"""Where a command may write: one rule for every output path, checked before anything is written.

:func:`check_output` is the rule for every command's output: the files of ``rhetoric features -o`` (with its
``OUT.errors.csv``), ``rhetoric target-tone -o``, ``rhetoric audit -o`` and ``rhetoric kwic -o``, and the folder of
``rhetoric run --out``. It
refuses, with one :class:`~rhetoric.base.errors.OutputError` naming the path and the problem, an output that

* **is an input**: the input file, a file of the corpus directory or one its ``metadata.csv`` lists (wherever it
  is: :meth:`rhetoric.io.source.Source.files`), a word list; compared by resolved path and by identity (symlinks,
  hard links);
* lies **inside the corpus directory or the word-list folder** (the next run would find it there); a folder
  output may not hold them either, nor may its ``notebooks/`` or ``figures/`` (which may be symlinks leading
  elsewhere) lead into them or into the project (:func:`rhetoric.base.safety.check_places`, both ways);
* lies **inside the committed project** (``seeds/``, ``notebooks/``, ``figures/``, the library;
  :func:`rhetoric.base.safety.committed_place`), or is the project root;
* is **a directory where a file is expected** (or a file where a folder is), or a file of an unknown format;
* **cannot be written**: a read-only file or folder, a parent that is a file;
* (a folder) **belongs to another user**: whoever owns ``--out`` can replace what a run leaves in it between two
  notebooks (issue 37), so a run writes only into a folder of the user's own (or one it creates).

:func:`errors_path` names the failures file that goes with a feature table, and :func:`write_csv` writes a table
whole or not at all.

**Formulas.** A CSV is opened in a spreadsheet (the audit sheet is meant to be), which runs a cell starting with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula: an id, group or title from a
corpus could run one on the reader's machine. :func:`neutralise_formulas` is the one rule for every CSV a person
opens (the audit sheet, kwic's CSV, the feature table and target-tone scores as CSV, and every table the notebooks
export: ``articles.csv``, ``groups.csv``, the result tables): a text cell (and a column name) starting with one of
those characters gets a leading apostrophe (``'=1+1``), which spreadsheets show as the text itself. A number stays
a number: numeric columns are never touched, and neither is a text cell that is a plain number (``-0.3``). The rule
is reversible: :func:`restore_formulas` removes the apostrophe (a cell already starting with apostrophes before
one of those characters gets one more, so every cell comes back as it was); ``rhetoric audit --score`` reads the
sheet with it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from rhetoric.base import paths
from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.errors import OutputError
from rhetoric.base.safety import check_places, committed_place, real, resolved
from rhetoric.io.source import Source

#: What a folder output (``rhetoric run --out``) holds: the places written into, besides the folder itself.
FOLDER_PARTS = ("notebooks", "figures")


def check_output(out: Path | str, *, source: Source | None = None, lexicons: Path | None = None,
                 folder: bool = False, formats: tuple[str, ...] = (), companions: tuple[Path, ...] = ()) -> Path:
    """``out`` if a command may write it (see the module docstring): a file in one of ``formats`` (with its
    ``companions``, written beside it), or with ``folder`` a directory. ``source`` and ``lexicons`` are the
    command's inputs. Writes nothing."""
    out = Path(out)
    if folder:
        _check_folder(out, source, lexicons)
    else:
        _check_file(out, source, lexicons, formats, companions)
    return out


def _either(formats: tuple[str, ...]) -> str:
    return " or ".join(formats) if formats else "a file name"


def _inside_inputs(out: Path, source: Source | None, lexicons: Path | None) -> None:
    """Refuse an output inside the corpus directory or the word-list folder."""
    folders = [(source.path if source is not None and source.is_corpus else None, "the corpus directory"),
               (lexicons, "the word-list folder")]
    for place, what in folders:
        if place is not None and place.is_dir() and real(out).is_relative_to(real(place)):
            raise OutputError(out, f"is inside {what} {place}: a run never writes into its input (and the next run "
                              "would find the output there); write it elsewhere")


def _not_committed(out: Path) -> None:
    what = committed_place(out)  # after resolving: a symlinked folder leads there too
    if what:
        raise OutputError(out, f"is inside the project's {what}: the committed project is never written; "
                          "write it elsewhere")


def _not_read_only(out: Path) -> None:
    resolved = real(out)
    existing = next((p for p in resolved.parents if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(out, f"cannot be written: {existing} is read-only")


def _inputs(source: Source | None, lexicons: Path | None) -> dict[Path, str]:
    found = source.files() if source is not None else {}
    if lexicons is not None and lexicons.is_dir():
        for p in lexicons.iterdir():
            if p.is_file():
                found[resolved(p)] = "a word list of this run"
    return found


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_file(out: Path, source: Source | None, lexicons: Path | None, formats: tuple[str, ...],
                companions: tuple[Path, ...]) -> None:
    if formats and out.suffix.lower() not in formats:
        shown = f"'{out.suffix}'" if out.suffix else "no extension"
        raise OutputError(out, f"unsupported output format ({shown}); give a file name ending in {_either(formats)}")
    for target in (out, *companions):
        if target.is_dir():
            raise OutputError(target, f"is a directory; give a file name ending in {_either(formats)}")
    inputs = _inputs(source, lexicons)
    shown = source.path if source is not None else lexicons
    for target in (out, *companions):
        resolved = real(target)
        what = inputs.get(resolved) or next((w for p, w in inputs.items() if _same_file(p, target)), None)
        if what:
            raise OutputError(target, f"is {what} ({shown}): writing it would destroy the input; "
                              "choose another output file")
    _inside_inputs(out, source, lexicons)
    _not_committed(out)
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(out, f"cannot be written: {parent} is a file, not a directory")
    if out.exists() and not os.access(out, os.W_OK):
        raise OutputError(out, "cannot be written: the file is read-only")
    _not_read_only(out)


def _check_folder(out: Path, source: Source | None, lexicons: Path | None) -> None:
    resolved = real(out)
    if resolved == real(paths.ROOT):
        raise OutputError(out, "is the project root: results for another corpus go to their own directory, "
                          "never over the committed notebooks and figures (omit --out to re-run those)")
    _not_committed(out)
    _inside_inputs(out, source, lexicons)
    if resolved.exists() and not resolved.is_dir():
        raise OutputError(out, "is a file, not a directory")
    _not_read_only(out / "x")  # the folder itself, or the first of its parents that exists
    _own_folder(out)
    corpus = source.path if source is not None else None
    reads = [(paths.ROOT, "the project root"), (paths.SEEDS, "the project's seeds/"),
             (paths.NOTEBOOKS, "the project's notebooks/"), (paths.FIGURES, "the project's figures/"),
             (corpus, f"the corpus directory {corpus}"), (lexicons, f"the word-list folder {lexicons}")]
    writes = [(out, "--out"), *((out / part, f"{part}/") for part in FOLDER_PARTS)]
    for place, what in writes[1:]:  # a file where a folder is written is refused as well
        if place.is_symlink() and not place.exists():
            raise OutputError(out, f"holds {what.rstrip('/')} as a symlink to {os.readlink(place)}, which does not "
                              "exist: choose another --out")
        if place.exists() and not real(place).is_dir():
            raise OutputError(out, f"holds {what.rstrip('/')} as a file, not a directory: choose another --out")
    check_places(writes, reads, out, open_places=(paths.ROOT,))


def _own_folder(out: Path) -> None:
    """Refuse a folder output (followed through symlinks) that another user owns."""
    try:
        owner = os.stat(out).st_uid
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(out, f"cannot be read ({exc.strerror})") from None
    if owner != os.geteuid():
        raise OutputError(out, f"belongs to another user (uid {owner}), who could replace what the run leaves there; "
                          "choose a folder of your own")


def errors_path(out: Path) -> Path:
    """Where the failures of a run writing ``out`` are listed: ``OUT.errors.csv``."""
    return out.with_name(out.name + ".errors.csv")


#: A cell a spreadsheet would run as a formula (after any apostrophes this rule added; see the module docstring).
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
#: A text cell that is a plain number: a spreadsheet reads it as that number, not as a formula.
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def _neutral(value):
    if isinstance(value, str) and FORMULA_START.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def _restored(value):
    return value[1:] if isinstance(value, str) and _ESCAPED.match(value) else value


def _map_text(table: pd.DataFrame, fn) -> pd.DataFrame:
    """``fn`` applied to every text cell and column name of ``table`` (numeric columns as they are); a copy."""
    out = table.copy(deep=False)
    changed = {}
    for i, (_, col) in enumerate(out.items()):
        if isinstance(col.dtype, pd.CategoricalDtype):
            changed[i] = col.cat.rename_categories([fn(c) for c in col.cat.categories])
        elif col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            changed[i] = col.map(fn, na_action="ignore").astype(col.dtype)
    for i, col in changed.items():
        out.isetitem(i, col)
    out.columns = [fn(c) for c in out.columns]
    return out


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell and column name a spreadsheet would run as a formula made text (see the
    module docstring); a copy."""
    return _map_text(table, _neutral)


def restore_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_formulas`, for a CSV read back; a copy."""
    return _map_text(table, _restored)


def csv_bytes(table: pd.DataFrame, **options) -> bytes:
    """``table`` as UTF-8 CSV for a person to open (formulas neutralised: :func:`neutralise_formulas`); ``options``
    go to :meth:`pandas.DataFrame.to_csv`."""
    return neutralise_formulas(table).to_csv(index=False, lineterminator="\n", **options).encode("utf-8")


def write_csv(table: pd.DataFrame, out: Path | str) -> None:
    """``table`` as UTF-8 CSV (formulas neutralised: :func:`neutralise_formulas`), written whole or not at all; a
    full or read-only disk is one :class:`~rhetoric.base.errors.OutputError` naming ``out`` (an earlier file there
    is left as it was)."""
    try:
        atomic_write(out, csv_bytes(table))
    except OSError as exc:
        raise OutputError(out, f"cannot be written ({exc.strerror or exc}); an earlier file there is left as it "
                          "was") from None
