"""Re-run the fuzzing rounds of issues 20, 24 and 37 against the command line: every case built in a temporary folder.

Each case builds its inputs (a corpus directory, a JSON Lines file, word lists, symlinks, an earlier output) in a
folder of its own under the system's temporary directory, runs ``python -m rhetoric.cli features ...`` (or, where
it costs little, ``run --only 01-corpus``) in a child process with a time limit and an address-space cap
(``resource.setrlimit`` in ``preexec_fn``), and checks what it promises:

* the exit status (0 done, 2 bad input, 3 some articles failed, 130/143 interrupted);
* a refused input is ONE line on stderr (``rhetoric: error: ...``, or ``rhetoric run: ...``) naming the file or
  the problem (the fragments listed with the case), and no traceback anywhere;
* the committed tree is unchanged (``git status --porcelain`` of the project before and after);
* no temporary file is left (no new hidden file or folder anywhere in the case's folder: ``.NAME.PID.tmp``,
  ``.rhetoric-staging-*``);
* an earlier output stands, byte for byte, whenever the case fails or is interrupted.

Prints a table (case, expected, got, PASS/FAIL) and exits 1 if any case fails.

    python tests/fuzz/rounds.py              every case (about 6 minutes on 2 cores; three execute notebook 01)
    python tests/fuzz/rounds.py --quick      only the cases on ``features`` (no notebook)
    python tests/fuzz/rounds.py -k gzip      only the cases whose name contains "gzip"
    make fuzz

Run it with the project's environment (``.venv/bin/python tests/fuzz/rounds.py``); the library is imported from
this checkout (``PYTHONPATH=lib`` is set for the children).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

#: The project: tests/fuzz/rounds.py -> tests/fuzz -> tests -> root.
ROOT = Path(__file__).resolve().parents[2]
#: Seconds a case may take before it counts as a hang (killed with its process group).
TIMEOUT = 120
#: Address space of a child (bytes): a gzip bomb or an unbounded record list fails under it instead of swapping.
MEMORY_CAP = 6 * 2**30
TWO_DOCS = [
    {"id": "a", "stance": "pro", "text": "Washington can act now. China could help.\nThe U.S. and China may agree."},
    {"id": "b", "stance": "con", "text": "Beijing will not move. It is clear that talks failed.\nIran waits."},
]
ARTICLES = [{"id": f"a{k}", "stance": "left" if k % 2 else "right",
             "text": f"The U.S. may act on Iran. China could help in round {k}.\nTalks failed. Sanctions follow."}
            for k in range(6)]
EARLIER = b"earlier output, must survive\n"


@dataclass
class Spec:
    """What a case runs and what it expects."""

    args: list[str]
    code: int | tuple[int, ...]
    fragments: tuple[str, ...] = ()  # all in the one error line (code 2) or on stderr or stdout (others)
    command: str = "features"
    keep: tuple[Path, ...] = ()  # files that must be unchanged afterwards (an earlier output)
    signal_after: tuple[int, float] | None = None  # (signal, seconds after start)
    check: Callable[[], str | None] | None = None  # an extra check: a problem, or None
    timeout: float = TIMEOUT
    memory: int = MEMORY_CAP  # address-space cap of the child (bytes)
    group_signal: bool = False  # the signal to the child's whole process group (Ctrl-C in a terminal)


@dataclass
class Case:
    name: str
    build: Callable[[Path], Spec]
    slow: bool = False  # runs a notebook


CASES: list[Case] = []


def case(name: str, slow: bool = False):
    def register(build):
        CASES.append(Case(name, build, slow))
        return build
    return register


# ------------------------------------------------------------------------------------------------ builders


def corpus(base: Path, docs=TWO_DOCS, name: str = "corpus", columns=("id", "file", "stance", "title")) -> Path:
    d = base / name
    d.mkdir(parents=True, exist_ok=True)
    with (d / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        for doc in docs:
            row = {"file": f"{doc['id']}.txt", "title": "", **doc}
            w.writerow(row)
            if "text" in doc:
                data = doc["text"] if isinstance(doc["text"], bytes) else doc["text"].encode()
                (d / row["file"]).write_bytes(data)
    return d


def jsonl(path: Path, lines) -> Path:
    data = b"".join((json.dumps(x).encode() if isinstance(x, dict) else x if isinstance(x, bytes) else x.encode())
                    + b"\n" for x in lines)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def earlier(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(EARLIER)
    return path


def lists(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def f(*args) -> list[str]:
    return [str(a) for a in args]


def rows_of(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(dict.fromkeys(r["doc_id"] for r in csv.DictReader(fh)))


# ------------------------------------------------------------------------ round one (issue 13/20): metadata


@case("metadata missing column")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("file,stance\na.txt,pro\nb.txt,con\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "missing required column", "id"))


@case("metadata extra fields")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro,EXTRA\nb,b.txt,con,MORE\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "line 2 has 4 fields"))


@case("metadata not UTF-8")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_bytes(b"id,file,stance\na,a.txt,caf\xe9\nb,b.txt,con\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "UTF-8"))


@case("metadata empty file")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_bytes(b"")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv",))


@case("metadata duplicate id")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro\na,b.txt,con\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "duplicate id"))


@case("metadata empty stance")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,\nb,b.txt,con\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "stance"))


@case("corpus without metadata")
def _(b):
    (b / "empty").mkdir()
    return Spec(f(b / "empty", "-o", b / "f.csv"), 2, ("metadata.csv",))


@case("input missing")
def _(b):
    return Spec(f(b / "nothing-here", "-o", b / "f.csv"), 2, ("nothing-here",))


@case("listed text file missing")
def _(b):
    d = corpus(b)
    (d / "b.txt").unlink()
    return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt",))


# ------------------------------------------------------------------------------- paths out of the corpus


for _entry in ("../secret.txt", "/ABS/secret.txt", "sub/../../secret.txt"):
    def _build(b, entry=_entry):
        d = corpus(b)
        (b / "secret.txt").write_text("A secret sentence. Never read.\n")
        (d / "metadata.csv").write_text(f"id,file,stance\na,a.txt,pro\nb,{entry.replace('/ABS', str(b))},con\n")
        return Spec(f(d, "-o", b / "f.csv"), 2, ("secret.txt",))
    case(f"path out of the corpus {_entry}")(_build)


@case("symlink out of the corpus")
def _(b):
    d = corpus(b)
    (b / "secret.txt").write_text("A secret sentence. Never read.\n")
    (d / "b.txt").unlink()
    (d / "b.txt").symlink_to(b / "secret.txt")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt",))


@case("hard link out of the corpus")
def _(b):
    d = corpus(b)
    (b / "secret.txt").write_text("A secret sentence. Never read.\n")
    (d / "b.txt").unlink()
    os.link(b / "secret.txt", d / "b.txt")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt", "hard link"))


@case("symlink loop in the corpus")
def _(b):
    d = corpus(b)
    (d / "b.txt").unlink()
    (d / "b.txt").symlink_to(d / "b.txt")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt", "cannot be resolved"))


@case("same file listed twice (./a.txt)")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro\nb,b.txt,con\nc,./a.txt,con\n")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("'a' and 'c' name the same file",))


# ------------------------------------------------------------------------- encodings, control characters


@case("text not UTF-8")
def _(b):
    d = corpus(b, [TWO_DOCS[0], {"id": "b", "stance": "con", "text": b"Caf\xe9 talks failed. Iran waits.\n"}])
    return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt", "UTF-8"))


for _char in ("\x00", "\x07", "\x1b"):
    def _build(b, char=_char):
        d = corpus(b, [TWO_DOCS[0], {"id": "b", "stance": "con", "text": f"Talks failed.\nIran{char} waits.\n"}])
        return Spec(f(d, "-o", b / "f.csv"), 2, ("b.txt", "line 2"))
    case(f"control character {_char!r} in a text")(_build)


@case("BOM and CRLF are fine")
def _(b):
    d = corpus(b, [TWO_DOCS[0], {"id": "b", "stance": "con", "text": "\ufeffTalks failed.\r\nIran waits.\r\n"}])
    return Spec(f(d, "-o", b / "f.csv"), 0, check=lambda: None if rows_of(b / "f.csv") == ["a", "b"] else "rows")


@case("control character in a JSON id")
def _(b):
    src = jsonl(b / "c.jsonl", [ARTICLES[0], {"id": "bad\x1b[31m", "stance": "s", "text": "Fine text. Here."}])
    out = b / "f.csv"
    return Spec(f(src, "-o", out), 3, ("line 2",),
                check=lambda: None if "\x1b" not in (b / "f.csv.errors.csv").read_text() else "escape kept")


@case("unpaired surrogate in JSON")
def _(b):
    src = jsonl(b / "c.jsonl", [ARTICLES[0], '{"id": "s", "stance": "x", "text": "Bad \\ud800 text."}', ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("line 2",),
                check=lambda: None if rows_of(b / "f.csv") == ["a0", "a1"] else "good rows lost")


# ----------------------------------------------------------------------------------------- JSON Lines


@case("JSON Lines with bad lines")
def _(b):
    src = jsonl(b / "c.jsonl", [ARTICLES[0], "[1]", b'{"id": "x", "stance": "s", "text": "caf\xe9."}',
                                '{"id": "cut", "text": "Cut sh', '{"id": "n", "stance": "s"}', ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("line 2",),
                check=lambda: None if rows_of(b / "f.csv") == ["a0", "a1"] else "good rows lost")


@case("huge JSON integer")
def _(b):
    src = jsonl(b / "c.jsonl", [ARTICLES[0], '{"id": ' + "9" * 5000 + ', "stance": "s", "text": "Hi there."}',
                                ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("4300 digits",),
                check=lambda: None if rows_of(b / "f.csv") == ["a0", "a1"] else "good rows lost")


@case("JSON Lines, every article fails: earlier output kept")
def _(b):
    src = jsonl(b / "c.jsonl", ["[1]", "{}"])
    out = earlier(b / "f.csv")
    return Spec(f(src, "-o", out), 3, ("no article could be processed",), keep=(out,))


@case("headline-only article")
def _(b):
    head = {"id": "h", "stance": "s", "title": "Only a headline", "text": "Only a headline\n"}
    src = jsonl(b / "c.jsonl", [ARTICLES[0], head, ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("article h (line 2) skipped: gave no sentence",))


@case("article over the size limit")
def _(b):
    big = {"id": "big", "stance": "s", "text": "Word. " * 200_000}
    src = jsonl(b / "c.jsonl", [ARTICLES[0], big, ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("big",))


@case("overlong JSON line")
def _(b):
    src = jsonl(b / "c.jsonl", [ARTICLES[0], '{"id": "long", "stance": "s", "text": "' + "x" * 9_000_000 + '"}',
                                ARTICLES[1]])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("line 2",),
                check=lambda: None if rows_of(b / "f.csv") == ["a0", "a1"] else "good rows lost")


# ----------------------------------------------------------------------------------------------- gzip


@case("damaged gzip")
def _(b):
    src = b / "c.jsonl.gz"
    with gzip.open(src, "wb") as fh:  # flushed after each article, so the articles before the damage can be read
        for a in ARTICLES:
            fh.write(json.dumps(a).encode() + b"\n")
            fh.flush()
    data = src.read_bytes()
    src.write_bytes(data[: len(data) * 2 // 3])
    return Spec(f(src, "-o", b / "f.csv"), 3, ("line",),
                check=lambda: None if rows_of(b / "f.csv")[:1] == ["a0"] else "articles before the damage lost")


@case("gzip with garbage after the stream")
def _(b):
    src = jsonl(b / "c.jsonl.gz", ARTICLES)
    src.write_bytes(src.read_bytes() + b"\x00garbage" * 10)
    return Spec(f(src, "-o", b / "f.csv"), (0, 3))


@case("gzip bomb: 30 MB of {} lines")
def _(b):
    src = b / "bomb.jsonl.gz"
    with gzip.open(src, "wb", compresslevel=9) as fh:
        fh.write(json.dumps(ARTICLES[0]).encode() + b"\n")
        fh.write(b"{}\n" * 10_000_000)
    errors = b / "f.csv.errors.csv"
    # 10,000,000 failures streamed to the errors file (about 550 MB, 70 s on an idle core), memory constant: it
    # must finish under the 2 GB cap of the issue (before: 5.8 GB peak, MemoryError under 2 GB)
    return Spec(f(src, "-o", b / "f.csv"), 3, ("10000000 article(s) failed",), timeout=600, memory=2 * 2**30,
                check=lambda: None if errors.stat().st_size < 1_000_000_000 else "errors file above 1 GB")


def _gzip_bomb(path: Path, block: bytes, times: int, end: bytes = b"") -> Path:
    """A gzip JSON Lines file: one good article, then ``block`` written ``times`` times, then ``end``."""
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(json.dumps(ARTICLES[0]).encode() + b"\n")
        for _ in range(times):
            fh.write(block)
        fh.write(end)
    return path


@case("gzip bomb: one line of 1 GB")
def _(b):
    src = _gzip_bomb(b / "line.jsonl.gz", b"x" * 2**20, 1024, end=b"\n")
    return Spec(f(src, "-o", b / "f.csv"), 3, ("line 2",))


@case("gzip named .jsonl (recognised by its bytes)")
def _(b):
    src = b / "c.jsonl"
    src.write_bytes(gzip.compress(b"\n".join(json.dumps(a).encode() for a in ARTICLES)))
    return Spec(f(src, "-o", b / "f.csv"), 0)


# ------------------------------------------------------------------------------------- output paths


@case("output is the corpus metadata")
def _(b):
    d = corpus(b)
    keep = d / "metadata.csv"
    return Spec(f(d, "-o", keep), 2, ("metadata.csv",), keep=(keep,))


@case("output inside the corpus")
def _(b):
    d = corpus(b)
    return Spec(f(d, "-o", d / "f.csv"), 2, ("inside the corpus directory",))


@case("output symlink to the corpus metadata")
def _(b):
    d = corpus(b)
    (b / "link.csv").symlink_to(d / "metadata.csv")
    return Spec(f(d, "-o", b / "link.csv"), 2, ("metadata.csv",), keep=(d / "metadata.csv",))


@case("output is the JSON Lines input (named .csv)")
def _(b):
    src = jsonl(b / "c.csv", ARTICLES)
    keep = b / "c.csv"
    return Spec(f(src, "-o", keep), 2, ("c.csv", "input"), keep=(keep,))


@case("output unknown extension")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.txt"), 2, ("f.txt", ".csv or .parquet"))


@case("output is a directory")
def _(b):
    (b / "d.csv").mkdir()
    return Spec(f(corpus(b), "-o", b / "d.csv"), 2, ("d.csv", "directory"))


@case("output under a file")
def _(b):
    (b / "file").write_text("x")
    return Spec(f(corpus(b), "-o", b / "file" / "f.csv"), 2, ("f.csv",))


@case("errors file path is a directory")
def _(b):
    (b / "f.csv.errors.csv").mkdir()
    return Spec(f(corpus(b), "-o", b / "f.csv"), 2, ("errors.csv", "directory"))


@case("output inside the word-list folder")
def _(b):
    d = corpus(b)
    w = lists(b / "lists", "tone_misreads.csv", "word,reason\nunited,Names a country.\n")
    return Spec(f(d, "-o", w / "f.csv", "--lexicons", w), 2, ("word-list folder",))


@case("output is a word list (--out equal to a list)")
def _(b):
    d = corpus(b)
    w = lists(b / "lists", "tone_misreads.csv", "word,reason\nunited,Names a country.\n")
    (b / "lists.csv").symlink_to(w / "tone_misreads.csv")
    return Spec(f(d, "-o", b / "lists.csv", "--lexicons", w), 2, ("word list",), keep=(w / "tone_misreads.csv",))


@case("output into the project's seeds/ (symlinked folder)")
def _(b):
    (b / "link").symlink_to(ROOT / "seeds")
    return Spec(f(corpus(b), "-o", b / "link" / "fuzz-out.csv"), 2, ("seeds",))


@case("output into the project's notebooks/")
def _(b):
    return Spec(f(corpus(b), "-o", ROOT / "notebooks" / "fuzz-out.csv"), 2, ("notebooks",))


@case("output path is a symlink loop")
def _(b):
    (b / "loop").symlink_to(b / "loop")
    return Spec(f(corpus(b), "-o", b / "loop" / "f.csv"), 2, ("loop",))


@case("read-only output folder", )
def _(b):
    ro = b / "ro"
    ro.mkdir()
    keep = earlier(ro / "f.csv")
    ro.chmod(0o555)
    return Spec(f(corpus(b), "-o", keep), 2, ("f.csv",), keep=(keep,))


@case("--workers 0")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.csv", "--workers", "0"), 2, ("--workers",))


# -------------------------------------------------------------------------------------- word lists


@case("corpus lexicons/ not used unless asked")
def _(b):
    d = corpus(b)
    lists(d / "lexicons", "rhetorical_markers.csv", "term,category\nhello,contrast\n")  # invalid: never read
    return Spec(f(d, "-o", b / "f.csv"), 0, ("NOT used", "--lexicons"))


@case("shipped metadiscourse/modals as user lists")
def _(b):
    w = b / "lists"
    w.mkdir()
    for name in ("metadiscourse.csv", "modals.csv", "cleaning_patterns.csv"):
        shutil.copyfile(ROOT / "lib" / "rhetoric" / "data" / name, w / name)
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", w), 0)


@case("unknown file in the word lists")
def _(b):
    w = lists(b / "lists", "actor.csv", "actor,alias,kind,note\nus,U.S.,name,x\n")
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", w), 2, ("replace no list", "actor.csv"))


@case("term .* in a word list")
def _(b):
    w = lists(b / "lists", "rhetorical_markers.csv", "term,category,reason\nbut,contrast,A.\n.*,contrast,Any.\n")
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", w), 2, ("rhetorical_markers.csv", "line 3", "'.*'"))


def _patterns(b: Path, pattern: str) -> Path:
    return lists(b / "lists", "cleaning_patterns.csv", 'kind,pattern,reason,source\nboilerplate,"^Ad$",Ad.,Web\n'
                 f'boilerplate,"{pattern}",Bad.,Test\n')


@case("invalid regex")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", _patterns(b, "^(unclosed")), 2,
                ("cleaning_patterns.csv", "line 3", "not a valid"))


@case("catastrophic regex ^(a+)+$")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", _patterns(b, "^(a+)+$")), 2,
                ("cleaning_patterns.csv", "line 3", "exponential"))


@case("back-reference regex")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", _patterns(b, r"^(x)\1")), 2,
                ("cleaning_patterns.csv", "line 3", "back-references"))


@case("slow regex past the screen: time limit")
def _(b):
    d = corpus(b, [TWO_DOCS[0], {"id": "long", "stance": "con", "text": "Intro.\n" + "a " * 20000 + "\nEnd."}])
    out = earlier(b / "f.csv")
    return Spec(f(d, "-o", out, "--lexicons", _patterns(b, "^(?:.*a){10}!x")), 2,
                ("cleaning_patterns.csv", "line 3", "took longer than", "document long"), keep=(out,))


# ------------------------------------------------------------------------- corpus strings as data


STRINGS = "<script>alert(1)</script> **bold** $\\input{x}$ \\textbf{y} & 50% _u_ #h"


@case("HTML/LaTeX/$ in string fields")
def _(b):
    docs = [{"id": "x<b>$a$", "stance": "pro<i>$\\beta$", "title": STRINGS, "text": "A sentence. Another one."},
            {"id": "y\\input{z}", "stance": "con&amp;", "title": "t", "text": "More text here. Fine."}]
    d = corpus(b, docs)
    (d / "study.md").write_text(f"# {STRINGS}\n\n{STRINGS}\n")
    return Spec(f(d, "-o", b / "f.csv"), 0,
                check=lambda: None if rows_of(b / "f.csv") == ["x<b>$a$", "y\\input{z}"] else "ids changed")


# ----------------------------------------------------------------------------------------- signals


def _long_input(b: Path) -> Path:
    text = " ".join(f"The U.S. may act on Iran in round {k}. China could help." for k in range(60))
    return jsonl(b / "long.jsonl", [{"id": f"l{k}", "stance": "s", "text": text} for k in range(3000)])


@case("SIGINT mid-run")
def _(b):
    out = earlier(b / "f.csv")
    return Spec(f(_long_input(b), "-o", out), 130, ("interrupted",), keep=(out,),
                signal_after=(signal.SIGINT, 6.0))


@case("SIGTERM mid-run")
def _(b):
    out = earlier(b / "f.csv")
    return Spec(f(_long_input(b), "-o", out), 143, ("interrupted",), keep=(out,),
                signal_after=(signal.SIGTERM, 6.0))


@case("SIGTERM mid-run, 2 workers")
def _(b):
    out = earlier(b / "f.csv")
    return Spec(f(_long_input(b), "-o", out, "--workers", "2"), 143, ("interrupted",), keep=(out,),
                signal_after=(signal.SIGTERM, 8.0))


# ---------------------------------------------------------------------------------- rhetoric run


def run_spec(args, code, fragments=(), **kw) -> Spec:
    return Spec(f(*args), code, fragments, command="run", **kw)


@case("run --only nonexistent")
def _(b):
    return run_spec(["--corpus", corpus(b), "--out", b / "out", "--only", "99-nothing"], 2, ("no notebook named",))


@case("run --lexicons without --out")
def _(b):
    return run_spec(["--lexicons", lists(b / "l", "tone_misreads.csv", "word,reason\nx,y\n")], 2, ("needs --out",))


@case("run --out equal to --lexicons")
def _(b):
    w = lists(b / "lists", "tone_misreads.csv", "word,reason\nunited,Names a country.\n")
    return run_spec(["--corpus", corpus(b), "--out", w, "--lexicons", w], 2, ("word-list folder",),
                    check=lambda: None if sorted(p.name for p in w.iterdir()) == ["tone_misreads.csv"] else "written")


@case("run --out/notebooks symlink into the project")
def _(b):
    out = b / "out"
    out.mkdir()
    (out / "notebooks").symlink_to(ROOT / "notebooks")
    return run_spec(["--corpus", corpus(b), "--out", out, "--only", "01-corpus"], 2, ("notebooks",))


@case("run --out/figures symlink into the project")
def _(b):
    out = b / "out"
    out.mkdir()
    (out / "figures").symlink_to(ROOT / "figures")
    return run_spec(["--corpus", corpus(b), "--out", out, "--only", "01-corpus"], 2, ("figures",))


@case("run corpus at OUT/figures")
def _(b):
    out = b / "out"
    d = corpus(out, name="figures")
    (d / "README.md").write_text("the corpus's readme\n")
    return run_spec(["--corpus", d, "--out", out, "--only", "01-corpus"], 2, ("corpus",),
                    keep=(d / "README.md", d / "metadata.csv"))


@case("run --out is the project root")
def _(b):
    return run_spec(["--corpus", corpus(b), "--out", ROOT, "--only", "01-corpus"], 2, ("project root",))


@case("run --out is a symlink loop")
def _(b):
    (b / "loop").symlink_to(b / "loop")
    return run_spec(["--corpus", corpus(b), "--out", b / "loop", "--only", "01-corpus"], 2, ("loop",))


@case("run metadata extra fields")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\na,a.txt,pro,EXTRA\nb,b.txt,con,MORE\n")
    return run_spec(["--corpus", d, "--out", b / "out", "--only", "01-corpus"], 2, ("line 2 has 4 fields",))


@case("run 01 on HTML/LaTeX/$ strings", slow=True)
def _(b):
    docs = [{"id": "x$\\input{x}$", "stance": "pro$a$", "title": STRINGS, "text": "A sentence here. Another one."},
            {"id": "y<script>", "stance": "con<b>", "title": "t", "text": "More text here. It is fine."}]
    d = corpus(b, docs)
    (d / "study.md").write_text(f"# {STRINGS}\n\n{STRINGS}\n")
    out = b / "out"
    return run_spec(["--corpus", d, "--out", out, "--only", "01-corpus"], 0, timeout=300,
                    check=lambda: None if (out / "notebooks" / "01-corpus.ipynb").is_file() else "no notebook")


def _previous_run(b: Path) -> tuple[Path, Path, list[Path]]:
    """A corpus and an --out holding a finished run of notebook 01 (the outputs a failed re-run must keep)."""
    d = corpus(b)
    out = b / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    subprocess.run([sys.executable, "-m", "rhetoric.cli", "run", "--corpus", str(d), "--out", str(out), "--only",
                    "01-corpus"], env=env, capture_output=True, timeout=300, check=True)
    return d, out, sorted(p for p in out.rglob("*") if p.is_file() and p.name not in ("run-state.json", *KEPT_HIDDEN))


@case("run SIGINT mid-notebook keeps the previous outputs", slow=True)
def _(b):
    d, out, previous = _previous_run(b)
    return run_spec(["--corpus", d, "--out", out, "--only", "01-corpus", "--force"], 130, ("interrupted",),
                    keep=tuple(previous), signal_after=(signal.SIGINT, 8.0), timeout=300)


@case("run SIGTERM mid-notebook keeps the previous outputs", slow=True)
def _(b):
    d, out, previous = _previous_run(b)
    return run_spec(["--corpus", d, "--out", out, "--only", "01-corpus", "--force"], 143, ("interrupted",),
                    keep=tuple(previous), signal_after=(signal.SIGTERM, 8.0), timeout=300)


# ======================================================================== round three (issue 37, 2026-12-07)
# Each class of the issue, one case or more per instance; where the one rule of each class lives is named.


def _group_signal(spec: Spec) -> Spec:
    """Deliver the case's signal to the child's whole process group, as Ctrl-C in a terminal does."""
    spec.group_signal = True
    return spec


# -- code execution (io/outputs._own_folder; run/shared_tables: Arrow data in a private mkdtemp folder)


@case("r3 run --out owned by another user")
def _(b):
    if os.geteuid() == 0:
        out = b / "theirs"
        out.mkdir()
        os.chown(out, 65534, 65534)
    else:
        out = Path(tempfile.gettempdir())  # the system's, not this user's
    return run_spec(["--corpus", corpus(b), "--out", out, "--only", "01-corpus"], 2, ("belongs to another user",))


@case("r3 no pickle is loaded anywhere in the library")
def _(b):
    def check():
        found = [str(p.relative_to(ROOT)) for p in (ROOT / "lib").rglob("*.py")
                 if "pickle.load" in p.read_text(encoding="utf-8")]
        return f"pickle.load in {', '.join(found)}" if found else None
    return run_spec(["--corpus", corpus(b), "--out", b / "out", "--only", "99-nothing"], 2, ("no notebook named",),
                    check=check)


# -- publishing files from outside the corpus (io/corpus.supplied_file, read_study)


@case("r3 study.md symlink to /etc/passwd")
def _(b):
    d = corpus(b)
    (d / "study.md").symlink_to("/etc/passwd")
    return run_spec(["--corpus", d, "--out", b / "out", "--only", "01-corpus"], 2, ("study.md", "symlink leading out"))


@case("r3 study.md not UTF-8")
def _(b):
    d = corpus(b)
    (d / "study.md").write_bytes(b"# Caf\xe9 study\n")
    return run_spec(["--corpus", d, "--out", b / "out", "--only", "01-corpus"], 2, ("study.md", "not UTF-8"),
                    check=lambda: None if not (b / "out" / "notebooks").exists() else "a notebook ran")


@case("r3 metadata.csv symlink out of the corpus")
def _(b):
    d = corpus(b)
    (b / "elsewhere.csv").write_bytes((d / "metadata.csv").read_bytes())
    (d / "metadata.csv").unlink()
    (d / "metadata.csv").symlink_to(b / "elsewhere.csv")
    return Spec(f(d, "-o", b / "f.csv"), 2, ("metadata.csv", "symlink leading out"))


@case("r3 word list symlink out of the lexicons folder")
def _(b):
    (b / "tm.csv").write_text("word,reason\nunited,Names a country.\n")
    (b / "lists").mkdir()
    (b / "lists" / "tone_misreads.csv").symlink_to(b / "tm.csv")
    return Spec(f(corpus(b), "-o", b / "f.csv", "--lexicons", b / "lists"), 2, ("tone_misreads.csv", "symlink"))


# -- data loss (run/staging.run_lock; io/outputs.check_output for every command; base/atomic_files.staged_folder)


@case("r3 second run into a locked --out")
def _(b):
    import fcntl

    out = b / "out"
    out.mkdir()
    held = os.open(out / ".rhetoric.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a live run holds it
    live = out / ".rhetoric-staging-01-corpus" / "figures"
    live.mkdir(parents=True)
    (live / "x.png").write_bytes(b"the live run's figure")

    def check():
        os.close(held)
        return None if (live / "x.png").is_file() else "the live run's staging folder was removed"
    return run_spec(["--corpus", corpus(b), "--out", out, "--only", "01-corpus"], 2, ("another rhetoric run",),
                    keep=(live / "x.png",), check=check)


@case("r3 audit -o into the lexicons folder")
def _(b):
    w = lists(b / "lists", "tone_misreads.csv", "word,reason\nunited,Names a country.\n")
    return Spec(f("hedges_per_1000", "--corpus", corpus(b), "--lexicons", w, "-o", w / "tone_misreads.csv"), 2,
                ("word",), command="audit", keep=(w / "tone_misreads.csv",))


@case("r3 kwic -o into the lexicons folder")
def _(b):
    w = lists(b / "lists", "tone_misreads.csv", "word,reason\nunited,Names a country.\n")
    return Spec(f("China", "--corpus", corpus(b), "--lexicons", w, "-o", w / "new.csv"), 2,
                ("inside the word-list folder",), command="kwic")


# -- injection (io/outputs.neutralise_formulas; io/corpus.NAME_CONTROLS)


FORMULA_DOCS = [{**TWO_DOCS[0], "id": '=HYPERLINK("http://x";"a")', "file": "a.txt", "stance": "+pro",
                 "title": "@SUM(1)"},
                {**TWO_DOCS[1], "id": "-b", "file": "b.txt", "stance": "@con", "title": "-t"}]


def _no_formula(path: Path) -> str | None:
    with path.open(newline="", encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not c.lstrip("+-").replace(".", "", 1)
           .replace("e", "", 1).lstrip("+-").isdigit()]
    return f"formula cells {bad[:3]}" if bad else None


@case("r3 audit sheet neutralises formula starts")
def _(b):
    sheet = b / "sheet.csv"
    return Spec(f("hedges_per_1000", "--corpus", corpus(b, FORMULA_DOCS), "-o", sheet, "--n", "10"), 0,
                command="audit", check=lambda: _no_formula(sheet))


@case("r3 kwic CSV neutralises formula starts")
def _(b):
    out = b / "k.csv"
    return Spec(f("China", "--corpus", corpus(b, FORMULA_DOCS), "-o", out), 0, command="kwic",
                check=lambda: _no_formula(out))


@case("r3 feature table CSV neutralises formula starts")
def _(b):
    out = b / "f.csv"
    return Spec(f(corpus(b, FORMULA_DOCS), "-o", out), 0, check=lambda: _no_formula(out))


@case("r3 C1 control in an id")
def _(b):
    return Spec(f(corpus(b, [{**TWO_DOCS[0], "id": "a\x9b31m", "file": "a.txt"}, TWO_DOCS[1]]), "-o", b / "f.csv"), 2,
                ("metadata.csv", "U+009B"))


@case("r3 bidi override in a group")
def _(b):
    return Spec(f(corpus(b, [{**TWO_DOCS[0], "stance": "pro\u202enoc"}, TWO_DOCS[1]]), "-o", b / "f.csv"), 2,
                ("metadata.csv", "U+202E"))


@case("r3 bidi isolate in a JSON Lines id")
def _(b):
    p = jsonl(b / "in.jsonl", [{"id": "a\u2066b", "stance": "s", "text": "It may rain."},
                               {"id": "c", "stance": "s", "text": "It may rain."}])
    return Spec(f(p, "-o", b / "f.csv"), 3, ("U+2066",))


# -- unbounded work (run/settings.CONSTRAINTS and MAX_GROUPS; analysis/audit.CONTEXT_CHARS; io/articles.MAX_BLANK_LINES;
#    io/corpus.read_metadata)


@case("r3 --workers above the ceiling")
def _(b):
    return Spec(f(corpus(b), "-o", b / "f.csv", "--workers", "12"), 2, ("--workers", "at most 8"))


@case("r3 --resamples 1e9")
def _(b):
    return run_spec(["--corpus", corpus(b), "--out", b / "out", "--resamples", "1000000000"], 2,
                    ("--resamples", "at most 100,000"), timeout=30)


@case("r3 kwic --width 1e8")
def _(b):
    return Spec(f("China", "--corpus", corpus(b), "--width", "100000000"), 2, ("--width", "at most 1,000"),
                command="kwic", timeout=30)


@case("r3 2,000 groups")
def _(b):
    docs = [{"id": f"d{i}", "stance": f"g{i}", "text": "It may rain. Talks failed."} for i in range(2000)]
    return run_spec(["--corpus", corpus(b, docs), "--out", b / "out"], 2, ("2,000 groups", "--groups"), timeout=60)


@case("r3 audit on a 1,000,000-character article")
def _(b):
    docs = [{"id": "big", "stance": "a", "text": ("it may perhaps rain and we might go " * 30000)[:999_000]},
            {"id": "s", "stance": "b", "text": "It may rain."}]
    sheet = b / "sheet.csv"
    return Spec(f("hedges_per_1000", "--corpus", corpus(b, docs), "-o", sheet), 0, command="audit", timeout=120,
                memory=3 * 2**30, check=lambda: None if sheet.is_file() else "no sheet")


@case("r3 gzip of 500 million blank lines")
def _(b):
    p = _gzip_bomb(b / "bomb.jsonl.gz", b"\n" * 2**20, 477)
    return Spec(f(p, "-o", b / "f.csv"), 3, ("blank lines",), timeout=30)


@case("r3 a million metadata rows naming one file")
def _(b):
    d = corpus(b)
    (d / "metadata.csv").write_text("id,file,stance\n" + "".join(f"d{i},a.txt,s\n" for i in range(1_000_000)))
    return Spec(f(d, "-o", b / "f.csv"), 2, ("listed more than once",), timeout=30)


# -- silently wrong (analysis/aggregate.design checked by Settings.validate; analysis/audit._one_row_per_hit and
#    _phrase)


@case("r3 one article per block")
def _(b):
    docs = [{**ARTICLES[k], "block": f"b{k}"} for k in range(4)]
    return run_spec(["--corpus", corpus(b, docs, columns=("id", "file", "stance", "block")), "--out", b / "out"], 2,
                    ("no block holds documents of two groups",))


def _coded_sheet(b: Path, rows: list[list]) -> Path:
    path = b / "coded.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["measure", "category", "group", "doc_id", "start", "end", "label"])
        w.writerows(rows)
    return path


HITS = [["m", "hedge", "a", "d1", 0, 3, "1"], ["m", "hedge", "b", "d2", 4, 9, "0"]]


@case("r3 audit --score duplicated rows")
def _(b):
    return Spec(f("--score", _coded_sheet(b, HITS + HITS)), 0, ("2 repeated row(s)",), command="audit")


@case("r3 audit --score conflicting labels")
def _(b):
    return Spec(f("--score", _coded_sheet(b, HITS + [["m", "hedge", "a", "d1", 0, 3, "0"]])), 2,
                ("lines 2, 4", "different labels"), command="audit")


def _kwic_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@case("r3 kwic 'U.S.' in the seeds")
def _(b):
    out = b / "k.csv"
    return Spec(f("U.S.", "--corpus", ROOT / "seeds", "-o", out), 0, command="kwic",
                check=lambda: None if _kwic_rows(out) > 0 else "nothing found")


@case("r3 kwic 'Iran’s' in the seeds")
def _(b):
    out = b / "k.csv"
    return Spec(f("Iran’s", "--corpus", ROOT / "seeds", "-o", out), 0, command="kwic",
                check=lambda: None if _kwic_rows(out) > 0 else "nothing found")


# -- crashes (run/settings.CONSTRAINTS; io/outputs.write_csv; run/features/workers._dask; cli.group_names)


@case("r3 audit --seed -1")
def _(b):
    return Spec(f("hedges_per_1000", "--corpus", corpus(b), "-o", b / "s.csv", "--seed", "-1"), 2, ("--seed",),
                command="audit")


@case("r3 Ctrl-C during features --engine dask")
def _(b):
    p = jsonl(b / "in.jsonl", [{**ARTICLES[k % 6], "id": f"a{k}"} for k in range(300)])
    return _group_signal(Spec(f(p, "-o", b / "f.csv", "--engine", "dask", "--workers", "2"), 130, ("interrupted",),
                              signal_after=(signal.SIGINT, 5.0), timeout=90))


@case("r3 --groups with a comma in a name")
def _(b):
    docs = [{**ARTICLES[k], "stance": ["Left, far", "Right"][k % 2]} for k in range(4)]
    return run_spec(["--corpus", corpus(b, docs), "--out", b / "out", "--groups", '"Left, far",Nope'], 2,
                    ("no group 'Nope'",))


# -------------------------------------------------------------------------------------------- runner


def _limits(cap: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return limit


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


#: Hidden files a run keeps on purpose: its lock (``run/staging.LOCK_FILE``), held while it runs.
KEPT_HIDDEN = (".rhetoric.lock",)


def _hidden(base: Path) -> set[str]:
    return {str(p.relative_to(base)) for p in base.rglob("*") if p.name.startswith(".") and p.name not in KEPT_HIDDEN}


def _writable(base: Path) -> None:
    for p in [base, *base.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)


def run_case(c: Case, status_before: str) -> tuple[str, str, list[str]]:
    """(expected, got, problems) of one case."""
    base = Path(tempfile.mkdtemp(prefix="rhetoric-fuzz-"))
    try:
        spec = c.build(base)
        expected = f"exit {spec.code}" + (" + " + "; ".join(spec.fragments) if spec.fragments else "")
        kept = {p: p.read_bytes() for p in spec.keep}
        hidden = _hidden(base)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"), PYTHONUNBUFFERED="1")
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "rhetoric.cli", spec.command, *spec.args,
                                 *(["--no-progress"] if spec.command == "features" else [])],
                                cwd=base, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_limits(spec.memory), start_new_session=True)
        try:
            if spec.signal_after:
                sig, delay = spec.signal_after
                try:
                    proc.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    if spec.group_signal:
                        os.killpg(proc.pid, sig)
                    else:
                        proc.send_signal(sig)
            out, err = proc.communicate(timeout=spec.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return expected, f"hang (killed after {spec.timeout:.0f} s)", ["hang"]
        seconds = time.perf_counter() - t0
        err_text = err.decode("utf-8", "replace")
        code = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
        lines = [ln for ln in err_text.splitlines() if ln.strip()]
        problems = []
        codes = spec.code if isinstance(spec.code, tuple) else (spec.code,)
        if code not in codes:
            problems.append(f"exit {code}")
        if "Traceback" in err_text or "Traceback" in out.decode("utf-8", "replace"):
            problems.append("traceback")
        if spec.code == 2:
            errors = [ln for ln in lines if ln.startswith(("rhetoric: error:", "rhetoric run:"))]
            if len(errors) != 1:
                problems.append(f"{len(errors)} error lines")
            target = errors[0] if errors else ""
        else:
            target = err_text + out.decode("utf-8", "replace")  # a report (audit --score) goes to stdout
        if spec.group_signal and len(lines) != 1:  # Ctrl-C: the command's one line, nothing from its workers
            problems.append(f"{len(lines)} lines on stderr")
        missing = [frag for frag in spec.fragments if frag not in target]
        if missing:
            problems.append("missing " + ", ".join(repr(m) for m in missing))
        changed = [p.name for p, data in kept.items() if not p.is_file() or p.read_bytes() != data]
        if changed:
            problems.append("changed " + ", ".join(changed[:3]))
        left = sorted(_hidden(base) - hidden)
        if left:
            problems.append("left " + ", ".join(left[:3]))
        if _git_status() != status_before:
            problems.append("committed tree changed")
        if spec.check is not None and code in codes:
            try:
                extra = spec.check()
            except Exception as exc:  # noqa: BLE001 - a check that cannot run is a failure of the case
                extra = f"check failed: {type(exc).__name__}: {exc}"
            if extra:
                problems.append(extra)
        shown = (errors[0] if spec.code == 2 and errors else lines[-1] if lines else "")
        shown = shown.replace(str(base), "$T").replace(str(ROOT), "$ROOT").removeprefix("rhetoric: error: ")
        if problems:
            problems.append("stderr: " + " | ".join(lines[-4:]).replace(str(base), "$T")[:600])
        return expected, f"exit {code} in {seconds:.1f} s: {shown}", problems
    finally:
        _writable(base)
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="leave out the cases that execute a notebook")
    ap.add_argument("-k", metavar="TEXT", help="only the cases whose name contains TEXT")
    args = ap.parse_args(argv)
    chosen = [c for c in CASES if not (args.quick and c.slow) and (not args.k or args.k.lower() in c.name.lower())]
    status_before = _git_status()
    if os.geteuid() == 0:
        print("note: running as root, so the read-only folder case cannot be refused by permissions", file=sys.stderr)
    rows = []
    for c in chosen:
        if c.name == "read-only output folder" and os.geteuid() == 0:
            rows.append((c.name, "exit 2", "skipped: root ignores permissions", "SKIP"))
            continue
        expected, got, problems = run_case(c, status_before)
        verdict = "PASS" if not problems else "FAIL: " + "; ".join(problems)
        rows.append((c.name, expected, got, verdict))
        print(f"{'PASS' if not problems else 'FAIL'}  {c.name}", file=sys.stderr, flush=True)
    widths = [min(max(len(r[i]) for r in rows), w) for i, w in enumerate((52, 56, 90))]
    print(f"\n{'case':{widths[0]}}  {'expected':{widths[1]}}  {'got':{widths[2]}}  result")
    for name, expected, got, verdict in rows:
        print(f"{name[:widths[0]]:{widths[0]}}  {expected[:widths[1]]:{widths[1]}}  {got[:widths[2]]:{widths[2]}}  "
              f"{verdict}")
    failed = sum(r[3].startswith("FAIL") for r in rows)
    skipped = sum(r[3] == "SKIP" for r in rows)
    print(f"\n{len(rows)} cases: {len(rows) - failed - skipped} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
