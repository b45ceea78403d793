"""Provenance of every dictionary term: the ``origin`` and ``evidence`` columns of the word lists, derived.

Run ``.venv/bin/python -m rhetoric_dev.term_provenance`` to rewrite the two columns in every dictionary file
(deterministic; ``--check`` only reports rows whose committed columns differ from the derived ones, exit
status 1 if any). ``--freeze`` rebuilds ``data/seed_read_terms.csv`` from git history (needs the
repository's history; the frozen file is what every other run reads).

Origins (one per row; the first that applies):

* ``codebook``: the term is an item of a published list the row's file cites (or a phrase built on one,
  "it is clear that" on "clear"), as frozen in
  ``data/codebook_terms.csv`` (Hyland 2005's appendix for metadiscourse, the CoNLL-2010 cue guidelines for
  the weasel hedges, Biber 1988 for modals); ``function_words.csv`` is closed-class grammar (Biber et al.
  1999) throughout. Hyland's lists were first written from recall; the ``checked_against`` column of
  ``codebook_terms.csv`` names the public copies of the appendix lists that contain each item (a metadiscourse
  tagger's word lists, ``github:Frizthec/pyMetaMetrics``, and a public file whose lists are "taken from Hyland
  (2018)", the book's second edition), or "not confirmed". Items absent from both whose other forms both list
  ("proven", "yourself") have the ``codebook`` cell "not in Hyland (2005) list; project addition" and give no
  ``codebook`` origin.
* ``development``: the term was found by the development-corpus procedure on the benchmark's ``dev`` split
  (``rhetoric_dev.dictionaries``, ``rhetoric_dev.tone_misreads``): a row in ``data/instrument_changes.csv``
  (``added``, or a new cue recorded as ``constrained``) (or, for ``tone_misreads.csv``, the judged occurrences of
  ``data/audit_tone_misreads.csv``), and the term is not a form of a first-version term.
* ``seed-reading``: the term is (a form of) a term of the file's first committed version, which was written
  by reading the two seed articles (``data/seed_read_terms.csv``, with the commit each came from). A
  form is the same word, or one matched by the other's wildcard (``threat*`` and ``threats``); a multi-word
  term built on a first-version word ("stems from" on "stems") is one too, unless the procedure records it
  as added. The list of
  actors is the study's own choice of subjects and is of this origin throughout.

Evidence is a list of pointers, separated by `` | ``, each ``file#column=value;column=value`` naming the
rows of a stored table that back the row (``tests/dev/test_term_provenance.py`` resolves every pointer):
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

from rhetoric.analysis import devsample
from rhetoric.base.paths import DATA, ROOT
from rhetoric_dev import dictionaries as dd
from rhetoric_dev.sampling import bench_absent, seeded_pick

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
#: A ``codebook_terms.csv`` row whose ``codebook`` cell starts so is a project addition, not an item of the cited list
#: (its ``checked_against`` found it in no public copy of the list): it gives no ``codebook`` origin.
NOT_IN_CODEBOOK = "not in "


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def write(table: pd.DataFrame, name: str, out: Path = DATA) -> None:
    table.to_csv(out / name, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n", encoding="utf-8")


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


def _contains_words(term: str, item: str) -> bool:
    """``item``'s words occur as a run in ``term``'s (case-insensitive)."""
    outer, inner = term.lower().split(), item.lower().split()
    return any(outer[i:i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


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


def derive(name: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The file's rows (or ``table``, rows of that file not yet written) with ``origin`` and ``evidence`` derived
    (other columns unchanged, in their order)."""
    cat, term_col, instruments, _ = DICTIONARIES[name]
    table = read(name) if table is None else table
    base = table.drop(columns=[c for c in ("origin", "evidence") if c in table.columns])
    changes = read("instrument_changes.csv")
    codebook = read("codebook_terms.csv")
    codebook = codebook[(codebook["list"] == name) & ~codebook["codebook"].str.startswith(NOT_IN_CODEBOOK)]
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
        added = (_changes_of(changes, instruments, term)["change"] == "added").any()
        if book.empty and " " in term and not added:  # a phrase on a listed item ("it is clear that" on "clear")
            words = pd.Series([_contains_words(term, t) for t in codebook["term"]], index=codebook.index, dtype=bool)
            book = codebook[(codebook["category"] == category) & words]
        if len(book):
            origins.append("codebook")
            evidence.append(SEP.join(pointer("codebook_terms.csv", list=name, category=category, term=t)
                                     for t in dict.fromkeys(book["term"])))
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


# ------------------------------------------------------------------------------ re-deriving seed-read terms
#: The files whose seed-read terms must be re-derived from development text to stay, with a category exempt
#: (metadiscourse hedge rows: a comparison list; the hedge measure is the uncertainty detector).
MEASURING = {"frame_terms.csv": None, "entman_cues.csv": None, "rhetorical_markers.csv": None,
             "metadiscourse.csv": "hedge"}
#: Instrument names of instrument_changes.csv per file.
CHANGE_INSTRUMENT = {"frame_terms.csv": "frames", "entman_cues.csv": "entman", "rhetorical_markers.csv": "markers",
                     "metadiscourse.csv": "metadiscourse"}
#: A seed-read term is a candidate from development text alone when DEVELOP has at least this many hits of it
#: (a frequency list of DEVELOP surfaces it, and a full 10-hit check comes from DEVELOP without the REST top-up
#: that the protocol reserves for terms found otherwise); it is kept when KEEP of CHECKED judged hits carry the
#: construct (rhetoric_dev.dictionaries: the 7/10 rule).
MIN_DEVELOP_HITS = 10
CHECKED = 10
KEEP = 7
CODER = "automated (language model)"


def _finder_key(name: str, category: str) -> str:
    if name == "metadiscourse.csv":
        return "boosters" if category == "booster" else "metadiscourse"
    return CHANGE_INSTRUMENT[name]


def seed_term_hits(articles: list) -> pd.DataFrame:
    """Every DEVELOP hit of every seed-read term of the measuring instruments, with ``file``."""
    develop = dd.samples(articles)["develop"]
    hits = dd.all_hits(develop)
    parts = []
    for name, exempt in MEASURING.items():
        cat, term_col = DICTIONARIES[name][:2]
        table = derive(name)
        seeded = table[(table["origin"] == "seed-reading") & (table[cat] != (exempt or ""))]
        for _, row in seeded.iterrows():
            key = _finder_key(name, row[cat])
            h = hits[key]
            h = h[(h["term"] == row[term_col]) & (h["category"] == row[cat])]
            parts.append(h.assign(file=name, instrument=key))
    return pd.concat(parts, ignore_index=True)


def draw_checks(hits: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Up to CHECKED hits per (file, category, term), drawn with ``default_rng(seed)`` from its hits sorted by
    document and offset (the protocol's term check)."""
    rows = []
    for _, part in hits.groupby(["file", "category", "term"], sort=True):
        part = part.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)
        rows.append(part.iloc[seeded_pick(len(part), CHECKED, seed)])
    return pd.concat(rows, ignore_index=True)


def decisions(hits: pd.DataFrame) -> pd.DataFrame:
    """Per seed-read term: DEVELOP hits, judged hits and correct ones, and the decision (``re-derived`` or
    ``removed``) with its reason and evidence, from ``data/audit_dev_seedterms.csv``."""
    judged = read(SEEDTERM_AUDIT)
    counts = hits.groupby(["file", "category", "term"]).size().rename("develop_hits")
    rows = []
    for name, exempt in MEASURING.items():
        cat, term_col = DICTIONARIES[name][:2]
        table = derive(name)
        for _, row in table[(table["origin"] == "seed-reading") & (table[cat] != (exempt or ""))].iterrows():
            n = int(counts.get((name, row[cat], row[term_col]), 0))
            mine = judged[(judged["file"] == name) & (judged["category"] == row[cat])
                          & (judged["term"] == row[term_col])]
            k = int(mine["label"].astype(int).sum())
            if n < MIN_DEVELOP_HITS:
                change = "removed"
                reason = (f"seed-read term, not re-derivable from development text alone: {n} hits on DEVELOP, "
                          f"fewer than the {MIN_DEVELOP_HITS} a candidate found there has")
                evidence = f"DEVELOP hits {n} (rhetoric_dev.term_provenance --rederive)"
            elif len(mine) == CHECKED and k >= KEEP:
                change, reason = "re-derived", "seed-read term re-derived on development text by the 7/10 rule"
                evidence = f"dev hits {k}/{CHECKED} correct ({SEEDTERM_AUDIT}, {CODER})"
            elif len(mine) == CHECKED:
                change, reason = "removed", "seed-read term: fails the 7/10 rule on development text"
                evidence = f"dev hits {k}/{CHECKED} correct ({SEEDTERM_AUDIT}, {CODER})"
            else:
                raise ValueError(f"{name}: {row[term_col]!r} has {n} DEVELOP hits but {len(mine)} judged (need "
                                 f"{CHECKED}): judge its drawn hits first (--draw)")
            rows.append({"file": name, "instrument": CHANGE_INSTRUMENT[name], "category": row[cat],
                         "term": row[term_col], "develop_hits": n, "judged": len(mine), "correct": k,
                         "change": change, "reason": reason, "evidence": evidence})
    return pd.DataFrame(rows)


def apply(table: pd.DataFrame) -> None:
    """Record the decisions in instrument_changes.csv (replacing earlier re-derivation rows) and drop the removed
    terms from their files; then the provenance columns are derived again by ``main``."""
    changes = read("instrument_changes.csv")
    new = table[["instrument", "category", "term", "change", "reason", "evidence"]]
    # earlier decisions of terms decided again are replaced; those of terms already dropped stay on record
    again = set(zip(new["instrument"], new["category"], new["term"]))
    changes = changes[~(changes["reason"].str.startswith("seed-read term")
                        & pd.Series([k in again for k in zip(changes["instrument"], changes["category"],
                                                             changes["term"])], index=changes.index, dtype=bool))]
    write(pd.concat([changes, new], ignore_index=True), "instrument_changes.csv")
    for name in MEASURING:
        cat, term_col = DICTIONARIES[name][:2]
        gone = table[(table["file"] == name) & (table["change"] == "removed")]
        drop = set(zip(gone["category"], gone["term"]))
        data = read(name)
        write(data[[(c, t) not in drop for c, t in zip(data[cat], data[term_col])]], name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--freeze", action="store_true", help="rebuild data/seed_read_terms.csv from git history")
    parser.add_argument("--check", action="store_true", help="only compare the committed columns with the derived")
    parser.add_argument("--draw", action="store_true",
                        help="print the drawn DEVELOP hits of every seed-read term with context, for the coder "
                             "(never written into the repository)")
    parser.add_argument("--rederive", action="store_true",
                        help="decide every seed-read term from data/audit_dev_seedterms.csv and DEVELOP hit "
                             "counts; with --apply record the decisions and drop the removed terms")
    parser.add_argument("--apply", action="store_true")
    parser.add_argument("--out", type=Path,
                        help="write the dictionary files with their derived columns here instead of "
                             "lib/rhetoric/data (not with --freeze or --apply, which change the files derived from)")
    args = parser.parse_args(argv)
    if args.out is not None and (args.freeze or args.apply):
        parser.error("--out writes the derived columns only; --freeze and --apply change lib/rhetoric/data itself")
    if args.draw or args.rederive:
        if bench_absent():
            return 0
        articles = devsample.bench_articles()
        hits = seed_term_hits(articles)
        if args.draw:
            counts = hits.groupby(["file", "category", "term"]).size()
            ok = {k for k, n in counts.items() if n >= MIN_DEVELOP_HITS}
            drawn = draw_checks(hits[[k in ok for k in zip(hits["file"], hits["category"], hits["term"])]],
                                dd.TERM_SEED)
            shown = devsample.contexts(drawn, articles, width=110)
            for (name, category, term), part in shown.groupby(["file", "category", "term"], sort=True):
                print(f"## {name} {category} {term}")
                for k, r in enumerate(part.itertuples()):
                    print(f"{k}: ...{r.left}[[{r.hit}]]{r.right}...")
            return 0
        table = decisions(hits)
        pd.set_option("display.width", 200, "display.max_rows", 500)
        print(table.drop(columns=["reason"]).to_string(index=False))
        print(table.groupby(["file", "change"]).size().to_string())
        if not args.apply:
            return 0
        apply(table)
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
            if args.out is not None:
                args.out.mkdir(parents=True, exist_ok=True)
            write(derived, name, args.out or DATA)
        counts = derived.groupby([DICTIONARIES[name][0], "origin"]).size().unstack(fill_value=0)
        print(f"== {name}: {len(derived)} rows\n{counts.sum().to_string()}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
