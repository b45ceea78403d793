"""Guards at the edges: where a run may write (compared after resolving symlinks), and which user regular
expressions may run (no catastrophic backtracking).

**Places.** Every place a run reads (the project's ``seeds/``, ``notebooks/``, ``figures/`` and root, a corpus,
a folder of word lists) and every place it writes (``--out``, and ``OUT/notebooks`` and ``OUT/figures``, which
may be symlinks leading elsewhere) is compared by what it resolves to, in both directions: no written place may
lie inside a read one, and no read one inside a written one (or be it). :func:`check_places` raises one
:class:`~rhetoric.base.errors.OutputError` naming the place and the conflict.

**Patterns.** A regular expression supplied with a corpus's word lists runs on every line of every article,
with Python's backtracking engine (the project's own patterns use look-ahead, which linear-time engines such
as RE2 do not support, and RE2's ``\\w`` is ASCII-only, so swapping engines would change what the shipped
patterns match). :func:`pattern_problem` therefore refuses, when the list is loaded, the constructions that
make backtracking exponential: a repetition of unbounded (or large) count around another repetition or an
alternation (``(a+)+``, ``(a|aa)*``), and back-references. What is left matches a line in time polynomial in
its length, but the degree can still be high (``^(?:.*a){10}$`` passes the screen and needs seconds on a line of
6,000 characters), so a user's pattern also runs with a time limit: :class:`TimedPattern` matches it with the
``regex`` engine (Python's syntax; a dependency of NLTK, pinned in ``requirements.lock``) and a limit of
:data:`PATTERN_SECONDS` per call, and a call over the limit is one :class:`PatternTimeout` naming the list's
file and line, the pattern and the document. The project's own patterns stay on ``re`` (their output is
unchanged; they are not user input).
"""
from __future__ import annotations

import re
from pathlib import Path
from re import _constants, _parser

import regex

from rhetoric.base import paths
from rhetoric.base.errors import CorpusError, OutputError

#: A repetition allowed to hold another repetition or an alternation only when its maximum is at most this.
MAX_NESTED_REPEAT = 10
#: The longest pattern accepted (characters).
MAX_PATTERN_CHARS = 2000
#: Seconds one match of a user's pattern on one line may take. The project's patterns need about 1 us a line
#: on news text (249,187 lines of the 10,000 benchmark articles: 0.2-0.5 s per pattern for all of them) and at
#: most 17 ms on the worst line measured for them (100,000 capital letters, longer than any line of the
#: benchmark, whose longest is 38,834 characters), so 1 s is about 60 times the worst legitimate case (room for
#: a loaded machine) while a runaway pattern stops within a second.
PATTERN_SECONDS = 1.0


def real(path: Path | str) -> Path:
    """``path`` with every symlink resolved (missing tails kept); a symlink loop is one clear error."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError) as exc:
        raise OutputError(path, f"cannot be resolved ({exc}): is there a symlink loop?") from None


def resolved(path: Path | str) -> Path:
    """``path`` with every symlink resolved, or, where it cannot be (a symlink loop), as it is named (absolute):
    for listing inputs, where the loop is reported by whoever reads the file."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def inside(a: Path, b: Path) -> bool:
    """``a`` is ``b`` or lies under it (both already resolved)."""
    return a == b or a.is_relative_to(b)


def check_places(writes: list[tuple[Path, str]], reads: list[tuple[Path | None, str]], shown: Path,
                 open_places: tuple[Path, ...] = ()) -> None:
    """Refuse when a place written (``(path, what)``) and a place read overlap, either way, after resolving.

    A read place in ``open_places`` (the project root) may hold written places below it (a run's output under
    ``ROOT/build``) as long as it is neither one of them nor inside one; its protected folders are listed
    separately.

    ``writes[0]`` is the output directory itself; the others are folders written into recursively. A read place
    may lie *beside* what is written in the output directory (``OUT/corpus`` next to ``OUT/notebooks``) only
    when it is not inside the output directory at all: any read place inside it is refused, so the run's own
    files (state, error logs) never land among inputs.
    """
    resolved_writes = [(real(p), what) for p, what in writes]
    resolved_reads = [(real(p), what, p in open_places) for p, what in reads if p is not None]
    for w, w_what in resolved_writes:
        for r, r_what, open_place in resolved_reads:
            if inside(w, r) and not (open_place and w != r):
                where = "is" if w == r else "is inside"
                via = "" if w_what == "--out" else f" (its {w_what} resolves to {w})"
                raise OutputError(shown, f"{where} {r_what}{via}: a run never writes into its inputs or the "
                                  "committed project; choose a directory of its own")
            if inside(r, w):
                via = "" if w_what == "--out" else f" (its {w_what}, resolved: {w})"
                raise OutputError(shown, f"contains {r_what} ({r}){via}: a run never writes where its inputs or "
                                  "the committed project are; choose a directory of its own")


def _nodes(parsed):
    """(op, argument) pairs of a parsed pattern, recursively, each with the repetition bound it sits in."""
    for op, arg in parsed:
        yield op, arg
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            yield from _nodes(arg[2])
        elif op is _constants.SUBPATTERN:
            yield from _nodes(arg[-1])
        elif op is _constants.BRANCH:
            for branch in arg[1]:
                yield from _nodes(branch)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            yield from _nodes(arg[1])
        elif op is _constants.ATOMIC_GROUP:
            yield from _nodes(arg)
        elif op is _constants.GROUPREF_EXISTS:
            yield from _nodes(arg[1])
            if arg[2] is not None:
                yield from _nodes(arg[2])


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` may not run on a corpus (invalid, or able to backtrack exponentially), or ``None``."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"the pattern is {len(pattern):,} characters long (at most {MAX_PATTERN_CHARS:,})"
    try:
        re.compile(pattern)
        regex.compile(pattern)  # the engine that runs it (TimedPattern)
        parsed = _parser.parse(pattern)
    except (re.error, regex.error, RecursionError, OverflowError) as exc:
        return f"not a valid regular expression ({exc})"
    for op, arg in _nodes(parsed):
        if op in (_constants.GROUPREF, _constants.GROUPREF_EXISTS):
            return "back-references are not allowed (they can make matching take exponential time)"
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[1] > MAX_NESTED_REPEAT:
            for inner, inner_arg in _nodes(arg[2]):
                nested = inner in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and inner_arg[1] > 1
                if nested or inner is _constants.BRANCH:
                    kind = "another repetition" if nested else "an alternation"
                    return (f"a repetition without a small bound ({{0,{MAX_NESTED_REPEAT}}} at most) around "
                            f"{kind} can make matching take exponential time (as '(a+)+' does); rewrite it "
                            "without the nesting")
    return None


class PatternTimeout(CorpusError):
    """A user's pattern took longer than :data:`PATTERN_SECONDS` on one line: names the list's file and line, the
    pattern and (once known, :meth:`on`) the document. The whole run stops (exit 2), nothing written."""

    def __init__(self, path: Path | str, problem: str, line: int = 0, pattern: str = ""):
        super().__init__(path, problem)
        self.line, self.pattern = line, pattern

    def __reduce__(self):
        return type(self), (self.path, self.problem, self.line, self.pattern)

    def on(self, document: str) -> PatternTimeout:
        """The same error naming the document it ran on."""
        return PatternTimeout(self.path, _timeout_problem(self.line, self.pattern, document), self.line,
                              self.pattern)


def _timeout_problem(line: int, pattern: str, document: str | None) -> str:
    shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
    on = f" on document {document}" if document is not None else ""
    return (f"line {line}, pattern '{shown}': pattern took longer than {PATTERN_SECONDS:g} s{on} (a time limit per "
            "line); simplify the pattern (fewer unbounded repetitions) or remove it; nothing was written")


class TimedPattern:
    """A user's regular expression, matched by the ``regex`` engine with a limit of :data:`PATTERN_SECONDS` per
    call; ``source`` and ``line`` (the list's file and line) name it when it runs over."""

    def __init__(self, pattern: str, source: Path | str, line: int):
        self.pattern, self.source, self.line = pattern, source, line
        self._match = regex.compile(pattern).match

    def match(self, text: str):
        try:
            return self._match(text, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise PatternTimeout(self.source, _timeout_problem(self.line, self.pattern, None), self.line,
                                 self.pattern) from None


def committed_place(out: Path | str) -> str | None:
    """The committed part of the project ``out`` would fall in, after resolving symlinks (``"seeds/"``,
    ``"notebooks/"``, ``"figures/"`` or ``"library"``), or ``None``: what a command's output may never write
    into (:func:`rhetoric.io.outputs.check_output`)."""
    for folder, what in ((paths.SEEDS, "seeds/"), (paths.NOTEBOOKS, "notebooks/"), (paths.FIGURES, "figures/"),
                         (paths.PACKAGE, "library")):
        if real(out).is_relative_to(real(folder)):
            return what
    return None
