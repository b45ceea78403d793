"""Provenance of every dictionary term: the ``origin`` and ``evidence`` columns of the word lists, derived.

Run ``.venv/bin/python scripts/term_provenance.py`` to rewrite the two columns in every dictionary file
(deterministic; ``--check`` only reports rows whose committed columns differ from the derived ones, exit
status 1 if any). ``--freeze`` rebuilds ``data/seed_read_terms.csv`` from git history (needs the
repository's history; the frozen file is what every other run reads).

Origins (one per row; the first that applies):

* ``codebook``: the term is an item of a published list the row's file cites, as frozen in
  ``data/codebook_terms.csv`` (Hyland 2005's appendix for metadiscourse, the CoNLL-2010 cue guidelines for
  the weasel hedges, Biber 1988 for modals); ``function_words.csv`` is closed-class grammar (Biber et al.
  1999) throughout.
* ``development``: the term was found by the development-corpus procedure on the benchmark's ``dev`` split
  (``scripts/dev_dictionaries.py``, ``scripts/dev_tone_misreads.py``): a row in ``data/instrument_changes.csv``
  (``added``, or a new cue recorded as ``constrained``) (or, for ``tone_misreads.csv``, the judged occurrences of
  ``data/audit_tone_misreads.csv``), and the term is not a form of a first-version term.
* ``seed-reading``: the term is (a form of) a term of the file's first committed version, which was written
  by reading the two seed articles (``data/seed_read_terms.csv``, with the commit each came from). A
  form is the same word, or one matched by the other's wildcard (``threat*`` and ``threats``); a multi-word
  term built on a first-version word ("stems from" on "stems") is one too, unless the procedure records it
  as added. The list of
  actors is the study's own choice of subjects and is of this origin throughout.

Evidence is a list of pointers, separated by `` | ``, each ``file#column=value;column=value`` naming the
rows of a stored table that back the row (``tests/test_provenance.py`` resolves every pointer):
the ``codebook_terms.csv`` item; the ``instrument_changes.csv`` rows of the term (its addition, constraint or
move, or its re-derivation from development text); the automated coder's judged development hits of a
seed-read term (``audit_dev_seedterms.csv``); the development audit rows that checked the term
(``audit_dev_<instrument>.csv``); for a seed-read term never re-derived, only its first-version row in
``seed_read_terms.csv``.
"""
from __future__ import annotations

import argparse
import csv
import fnmatch
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lib" / "rhetoric" / "data"
ORIGINS = ("codebook", "development", "seed-reading")
SEP = " | "

#: Dictionary file -> (category column, term column, instrument names in instrument_changes/audit files,
#: first commit of the file: the version written by reading the seeds).
DICTIONARIES: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "frame_terms.csv": ("frame", "term", ("frames",), "c9c7576"),
    "entman_cues.csv": ("function", "term", ("entman",), "c9c7576"),
    "rhetorical_markers.csv": ("category", "term", ("markers",), "7732c85"),
    "metadiscourse.csv": ("category", "term", ("metadiscourse", "boosters"), "d4a3ba3"),
    "modals.csv": ("type", "term", (), "d4a3ba3"),
    "actors.csv": ("actor", "alias", (), "c9c7576"),
    "tone_misreads.csv": ("sign", "word", ("tone_misreads",), "2b7f86e"),
    "function_words.csv": ("category", "word", (), "e613945"),
}
#: Files whose rows all have one origin by construction.
WHOLE_FILE = {"function_words.csv": "codebook", "actors.csv": "seed-reading"}
AUDIT_FILES = {"frames": "audit_dev_frames.csv", "entman": "audit_dev_entman.csv",
               "markers": "audit_dev_markers.csv", "metadiscourse": "audit_dev_metadiscourse.csv",
               "boosters": "audit_dev_boosters.csv"}
SEEDTERM_AUDIT = "audit_dev_seedterms.csv"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def write(table: pd.DataFrame, name: str) -> None:
    table.to_csv(DATA / name, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n", encoding="utf-8")


def pointer(table: str, **keys: str) -> str:
    return f"{table}#" + ";".join(f"{k}={v}" for k, v in keys.items())


def parse_pointer(text: str) -> tuple[str, dict[str, str]]:
    file, _, rest = text.partition("#")
    keys = dict(part.split("=", 1) for part in rest.split(";") if part)
    return file, keys


def resolve(text: str) -> pd.DataFrame:
    """The rows of the stored table one evidence pointer names (empty when it names none)."""
    file, keys = parse_pointer(text)
    table = read(file)
    mask = pd.Series(True, index=table.index)
    for k, v in keys.items():
        mask &= table[k] == v
    return table[mask]


def same_form(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same term or one is matched by the other's wildcard (case-insensitive)."""
    a, b = a.lower().replace("’", "'"), b.lower().replace("’", "'")
    return a == b or ("*" in b and fnmatch.fnmatchcase(a, b)) or ("*" in a and fnmatch.fnmatchcase(b, a))


def contains_form(term: str, first: str) -> bool:
    """A multi-word ``term`` built on the one-word ``first`` ("stems from" on "stems", "stem from" too: the same
    word with or without a final s)."""
    words = term.lower().split()
    if len(words) < 2 or " " in first:
        return False
    return any(same_form(w, first) or same_form(w + "s", first) or same_form(w, first + "s") for w in words)


# ---------------------------------------------------------------------------------------------- freezing
def freeze() -> pd.DataFrame:
    """``data/seed_read_terms.csv`` from git: every term of each file's first committed version."""
    rows = []
    for name, (cat, term, _, commit) in DICTIONARIES.items():
        if name in ("function_words.csv", "tone_misreads.csv"):
            continue  # not written by reading the seeds: a grammar list, and a list built on dev text
        full = subprocess.run(["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        text = subprocess.run(["git", "show", f"{full}:lib/rhetoric/data/{name}"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
        first = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for _, r in first.iterrows():
            rows.append({"file": name, "category": r[cat], "term": r[term], "commit": full})
    out = pd.DataFrame(rows)
    write(out, "seed_read_terms.csv")
    return out


# -------------------------------------------------------------------------------------------- derivation
def _changes_of(changes: pd.DataFrame, instruments: tuple[str, ...], term: str) -> pd.DataFrame:
    return changes[changes["instrument"].isin(instruments) & (changes["term"] == term)]


def _audit_pointers(instruments: tuple[str, ...], term: str, audits: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    for inst in instruments:
        table = audits.get(inst)
        if table is not None and (table["term"] == term).any():
            out.append(pointer(AUDIT_FILES[inst], instrument=inst, term=term))
    return out


def derive(name: str) -> pd.DataFrame:
    """The file's rows with ``origin`` and ``evidence`` derived (other columns unchanged, in their order)."""
    cat, term_col, instruments, _ = DICTIONARIES[name]
    table = read(name)
    base = table.drop(columns=[c for c in ("origin", "evidence") if c in table.columns])
    changes = read("instrument_changes.csv")
    codebook = read("codebook_terms.csv")
    codebook = codebook[codebook["list"] == name]
    seeded = read("seed_read_terms.csv")
    seeded = seeded[seeded["file"] == name]
    audits = {inst: read(AUDIT_FILES[inst]) for inst in instruments if inst in AUDIT_FILES}
    judged = read(SEEDTERM_AUDIT) if (DATA / SEEDTERM_AUDIT).is_file() else pd.DataFrame(columns=["file", "term"])
    judged = judged[judged["file"] == name]
    origins, evidence = [], []
    for _, row in base.iterrows():
        term, category = row[term_col], row[cat]
        if name in WHOLE_FILE:
            origins.append(WHOLE_FILE[name])
            first = seeded[seeded["term"] == term]
            evidence.append(pointer("seed_read_terms.csv", file=name, term=term) if len(first) else "")
            continue
        if name == "tone_misreads.csv":
            origins.append("development")
            evidence.append(pointer("audit_tone_misreads.csv", word=term))
            continue
        book = codebook[(codebook["category"] == category) & (codebook["term"] == term)]
        if len(book):
            origins.append("codebook")
            evidence.append(pointer("codebook_terms.csv", list=name, category=category, term=term))
            continue
        mine = _changes_of(changes, instruments, term)
        first = seeded[[same_form(term, t) for t in seeded["term"]]]
        if first.empty and not (mine["change"] == "added").any():
            first = seeded[[contains_form(term, t) for t in seeded["term"]]]
        ptrs = []
        if len(first):
            origin = "seed-reading"
            ptrs += [pointer("seed_read_terms.csv", file=name, term=t) for t in dict.fromkeys(first["term"])]
            if (judged["term"] == term).any():
                ptrs.append(pointer(SEEDTERM_AUDIT, file=name, term=term))
        elif len(mine):
            origin = "development"
        else:
            raise ValueError(f"{name}: no origin for {category!r} / {term!r} (not in the codebook list, the first "
                             "version or instrument_changes.csv)")
        for change in dict.fromkeys(mine["change"]):
            inst = mine.loc[mine["change"] == change, "instrument"].iloc[0]
            ptrs.append(pointer("instrument_changes.csv", instrument=inst, term=term, change=change))
        ptrs += _audit_pointers(instruments, term, audits)
        origins.append(origin)
        evidence.append(SEP.join(ptrs))
    return base.assign(origin=origins, evidence=evidence)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--freeze", action="store_true", help="rebuild data/seed_read_terms.csv from git history")
    parser.add_argument("--check", action="store_true", help="only compare the committed columns with the derived")
    args = parser.parse_args(argv)
    if args.freeze:
        print(f"seed_read_terms.csv: {len(freeze())} first-version terms")
    differ = 0
    for name in DICTIONARIES:
        derived = derive(name)
        if args.check:
            table = read(name)
            same = {"origin", "evidence"} <= set(table.columns) and table[["origin", "evidence"]].equals(
                derived[["origin", "evidence"]])
            differ += not same
            print(f"{name}: {'same' if same else 'DIFFERS'}")
        else:
            write(derived, name)
        counts = derived.groupby([DICTIONARIES[name][0], "origin"]).size().unstack(fill_value=0)
        print(f"== {name}: {len(derived)} rows\n{counts.sum().to_string()}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
