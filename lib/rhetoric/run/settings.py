"""The settings of a command in one object, validated once, in one place.

Every command builds one :class:`Settings`: the command line for ``rhetoric run``, ``features``, ``audit``,
``kwic`` and ``target-tone`` (from their options), and :func:`rhetoric.run.notebook.start` from a notebook's
parameters. Its
:meth:`~Settings.validate` (scikit-learn's ``_parameter_constraints`` and ``_validate_params`` are the model) checks,
before anything is written and in this order:

1. each option against its entry of :data:`CONSTRAINTS`: the commands it belongs to, whether ``rhetoric run`` needs
   ``--out`` with it, and its constraint (a lower bound and a ceiling, the choices, the notebooks' names). **A
   ceiling for an option is one entry there** (``Interval(1, high=...)``): ``--workers`` (:data:`MAX_WORKERS`),
   ``--resamples`` (:data:`MAX_RESAMPLES`), ``kwic --width`` (:data:`MAX_WIDTH`), ``audit --n``
   (:data:`MAX_DRAWN`) and ``audit --seed`` (0 to :data:`MAX_SEED`), each stated in the README's "Ceilings";
2. the input, opened once (:class:`rhetoric.io.source.Source`: a corpus directory, or JSON Lines for
   ``features`` and ``target-tone``); a corpus's own ``lexicons/`` folder left unused is named in one warning;
3. the output, by the one rule of :func:`rhetoric.io.outputs.check_output`;
4. the corpus, loaded and checked as a whole (``run``, ``audit``, ``kwic`` and a notebook; ``features`` streams
   its input), and the groups asked for against its groups: at most :data:`MAX_GROUPS` compared (``run`` and a
   notebook);
5. the word lists (:func:`rhetoric.io.wordlists.check_lexicons`).

A bad setting is one :class:`~rhetoric.base.errors.InputError` naming the option (or path) and the problem; the
result is a new, validated object holding the opened input (:attr:`Settings.source`). A new option is a field of
:class:`Settings` and an entry of :data:`CONSTRAINTS` (as ``frames``, ``cluster`` and ``drop_duplicates`` are); a
check that needs the corpus goes in step 4 (the ``--cluster`` column: present, with values, each holding one group).

The word lists in force follow the settings: ``with settings.word_lists(): ...`` makes them the lists every
instrument reads inside the block and puts the previous ones back after it (as ``dask.config.set`` does);
:meth:`Settings.use_word_lists` makes them the lists in force for good (a notebook's kernel, a worker process).
Settings cross process boundaries (to the workers of ``--workers N``) as their values and the input's path.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from rhetoric.analysis.aggregate import design
from rhetoric.analysis.clusters import cluster_problem
from rhetoric.base.errors import CorpusWarning, InputError
from rhetoric.base.paths import SEEDS
from rhetoric.base.safety import real
from rhetoric.instruments import frames
from rhetoric.io.outputs import check_output, errors_path
from rhetoric.io.source import Source
from rhetoric.io.wordlists import active_directory, check_lexicons, listed_lexicons, unused_corpus_lists, use_lexicons
from rhetoric.run import plan

#: The commands that build settings (``notebook``: :func:`rhetoric.run.notebook.start` in a notebook's kernel).
COMMANDS = ("run", "features", "audit", "kwic", "target-tone", "notebook")
#: The commands whose input is a JSON Lines file or a corpus directory streamed (the others load a corpus whole).
STREAMED = ("features", "target-tone")
#: The engines of ``rhetoric features`` (``--engine``).
ENGINES = ("processes", "dask")
#: Articles per chunk of ``rhetoric features`` and of ``rhetoric run --workers N`` (``--chunk-size``).
CHUNK_ARTICLES = 32
#: The output file formats of each command writing a file.
FORMATS = {"features": (".csv", ".parquet"), "target-tone": (".csv", ".parquet"), "audit": (".csv",),
           "kwic": (".csv",)}
#: Ceilings (issue 37; each stated in the README's "Ceilings", checked before anything runs). Worker processes:
#: each holds the library and a chunk's tables, about 265 MB measured, so 8 take about 2 GB.
MAX_WORKERS = 8
#: Bootstrap and permutation resamples (the default is 10,000; the notebooks' memory grows with resamples x
#: documents).
MAX_RESAMPLES = 100_000
#: Characters of context either side of a kwic match (a sentence is shown, not a document).
MAX_WIDTH = 1_000
#: Hits drawn for one audit sheet (a sheet is coded by hand-checking each row).
MAX_DRAWN = 10_000
#: The largest seed numpy's generators take from ``audit --seed``.
MAX_SEED = 2**32 - 1
#: Groups compared in one run (the pairwise contrasts grow with its square: 20 groups, 190 pairs per measure).
MAX_GROUPS = 20
#: The problem of an option ``rhetoric run`` takes only with ``--out``.
NEEDS_OUT = ("needs --out: results for another corpus or other word lists go to their own directory, never over "
             "the committed notebooks")
#: ``--cluster none``: no clusters (every article its own unit), even where a column would be taken by default.
NO_CLUSTER = "none"


@dataclass(frozen=True)
class Interval:
    """A whole number from ``low`` to ``high`` (``None``: unbounded); ``note`` is said with a problem (else the value
    given)."""

    low: int | None = None
    high: int | None = None
    note: str = ""

    def problem(self, value) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"must be a whole number (got {value!r})"
        said = self.note or f"got {value}"
        if self.low is not None and value < self.low:
            return f"must be at least {self.low:,} ({said})"
        if self.high is not None and value > self.high:
            return f"must be at most {self.high:,} ({said})"
        return None


@dataclass(frozen=True)
class Choice:
    """One of ``choices``."""

    choices: tuple[str, ...]

    def problem(self, value) -> str | None:
        return None if value in self.choices else f"must be one of {', '.join(self.choices)} (got {value!r})"


@dataclass(frozen=True)
class Names:
    """Names each of which ``known()`` lists (by name or stem); the problem lists the stems."""

    known: Callable[[], list[Path]]
    what: str

    def problem(self, value) -> str | None:
        paths = self.known()
        names = {n for p in paths for n in (p.name, p.stem)}
        unknown = [name for name in value if name not in names]
        if unknown:
            return (f"no {self.what} named {', '.join(map(repr, unknown))} (the {self.what}s: "
                    f"{', '.join(p.stem for p in paths)})")
        return None


@dataclass(frozen=True)
class Families:
    """Frame families (:func:`rhetoric.instruments.frames.parse_families`: ``generic``, ``policy``,
    ``international``, or ``all``)."""

    def problem(self, value) -> str | None:
        try:
            frames.parse_families(value)
        except ValueError as exc:
            return str(exc)
        return None


@dataclass(frozen=True)
class Option:
    """An option of :class:`Settings`: its flag, the commands it belongs to, whether ``rhetoric run`` needs ``--out``
    with it, and its constraint (``None``: any value of its type)."""

    flag: str
    commands: tuple[str, ...]
    constraint: Interval | Choice | Names | Families | None = None
    needs_out: bool = False


#: Every option's constraint, in the order they are checked (see the module docstring).
CONSTRAINTS: dict[str, Option] = {
    "corpus": Option("--corpus", COMMANDS, needs_out=True),
    "lexicons": Option("--lexicons", COMMANDS, needs_out=True),
    "groups": Option("--groups", ("run", "notebook"), needs_out=True),
    "resamples": Option("--resamples", ("run",), Interval(100, MAX_RESAMPLES, note="default 10,000"),
                        needs_out=True),
    "workers": Option("--workers", ("run", "features", "notebook"), Interval(1, MAX_WORKERS)),
    "engine": Option("--engine", ("features",), Choice(ENGINES)),
    "scheduler": Option("--scheduler", ("features",)),
    "chunk_size": Option("--chunk-size", ("features", "notebook"), Interval(1)),
    "only": Option("--only", ("run",), Names(lambda: plan.notebook_paths(), "notebook")),
    "frames": Option("--frames", ("run", "features", "notebook"), Families(), needs_out=True),
    "cluster": Option("--cluster", ("run", "notebook"), needs_out=True),  # the column: checked with the corpus
    "drop_duplicates": Option("--drop-duplicates", ("run", "notebook"), needs_out=True),
    "n": Option("--n", ("audit",), Interval(1, MAX_DRAWN)),
    "seed": Option("--seed", ("audit",), Interval(0, MAX_SEED)),
    "width": Option("--width", ("kwic",), Interval(1, MAX_WIDTH)),
}


def _names(value) -> tuple[str, ...] | None:
    """A list setting (``"A,B"`` or a sequence) as a tuple of names, blanks dropped, each once; ``None`` unset."""
    if value is None:
        return None
    names = value.split(",") if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(str(n).strip() for n in names if str(n).strip()))


def _check_design(source: Source, groups: tuple[str, ...] | None) -> None:
    """The study's design as the notebooks will use it (:func:`rhetoric.analysis.aggregate.design`: blocks in which
    no label can move refused), checked before any notebook runs, not in each (issue 37: a ``block`` column of one
    article per block made every p exactly 1)."""
    docs = source.corpus().documents
    if "block" not in docs.columns or not (docs["block"] != "").any():
        return
    design(docs[["doc_id"]], dict(zip(docs["doc_id"], docs["stance"])), [],
           blocks=dict(zip(docs["doc_id"], docs["block"])), order=list(groups) if groups else None)


@dataclass(frozen=True)
class Settings:
    """What a command is asked to do (see the module docstring); :meth:`validate` before use."""

    command: str = "run"
    #: The input: a corpus directory (``features``: or a JSON Lines file); ``None``: the project's seeds.
    corpus: Path | None = None
    #: The folder of word lists replacing the project's (``None``: the project's lists).
    lexicons: Path | None = None
    #: The groups compared, in this order (``run --groups A,B``; ``None``: every group, sorted).
    groups: tuple[str, ...] | None = None
    #: Bootstrap and permutation resamples of the notebooks (``None``: the notebooks' own).
    resamples: int | None = None
    #: Processes computing the feature table.
    workers: int = 1
    engine: str = "processes"
    #: The address of a running Dask scheduler (``features``).
    scheduler: str | None = None
    chunk_size: int = CHUNK_ARTICLES
    #: Where the output goes: a file (``features``, ``audit``, ``kwic``) or a folder (``run``; ``None``: in place).
    out: Path | None = None
    force: bool = False
    #: The notebooks to run (names or stems; ``None``: all).
    only: tuple[str, ...] | None = None
    progress: bool = True
    #: Hits drawn (``audit``), its seed, and characters of context either side (``kwic``).
    n: int = 200
    seed: int = 1
    width: int = 60
    #: The frame families measured (``run --frames generic,policy``; ``None``: the study's default,
    #: :func:`rhetoric.instruments.frames.families_for`: all three for the seeds, generic and policy otherwise).
    frames: tuple[str, ...] | None = None
    #: The metadata column whose values are the units of analysis (``run --cluster outlet``; ``"none"``: every
    #: article its own unit; ``None``: :func:`rhetoric.analysis.clusters.default_cluster`, e.g. ``outlet`` when
    #: the corpus has it, its values repeat and each holds one group).
    cluster: str | None = None
    #: Near-duplicate articles (:mod:`rhetoric.language.duplicates`) dropped before measuring, one of each set kept.
    drop_duplicates: bool = False
    #: The input, opened: set by :meth:`validate` (``None``: not validated yet).
    source: Source | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.command not in COMMANDS:
            raise ValueError(f"unknown command {self.command!r} (one of {', '.join(COMMANDS)})")
        for name in ("corpus", "lexicons", "out"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        object.__setattr__(self, "groups", _names(self.groups))
        object.__setattr__(self, "only", _names(self.only))
        if self.frames is not None:
            named = _names(self.frames)
            object.__setattr__(self, "frames", named if len(named) != 1 or named[0] != "all" else frames.FAMILIES)
        if self.cluster is not None:
            object.__setattr__(self, "cluster", str(self.cluster).strip())

    @property
    def validated(self) -> bool:
        return self.source is not None

    def validate(self) -> Settings:
        """These settings checked (see the module docstring), as a new object holding the opened input; an
        :class:`~rhetoric.base.errors.InputError` naming the option and the problem otherwise. Writes nothing."""
        if self.validated:
            return self
        for name, option in CONSTRAINTS.items():
            value = getattr(self, name)
            if value is None or value is False or self.command not in option.commands:
                continue
            if option.needs_out and self.command == "run" and self.out is None:
                raise InputError(option.flag, NEEDS_OUT)
            problem = option.constraint.problem(value) if option.constraint is not None else None
            if problem:
                raise InputError(option.flag, problem)
        run = self.command == "run"
        corpus = self.corpus if self.corpus is not None else SEEDS
        source = Source.open(real(corpus) if run else corpus, jsonl=self.command in STREAMED)
        lexicons = self.lexicons
        if lexicons is not None and self.command != "notebook":
            lexicons = real(lexicons)
        if self.command != "notebook":  # a notebook's kernel stays silent: rhetoric run said it before
            note = unused_corpus_lists(source.path if source.is_corpus else None, lexicons)
            if note:
                warnings.warn(note, CorpusWarning, stacklevel=3)
        if self.out is not None and self.command != "notebook":
            check_output(self.out, source=source, lexicons=lexicons, folder=run, formats=FORMATS.get(self.command, ()),
                         companions=(errors_path(self.out),) if self.command == "features" else ())
        if self.command not in STREAMED:  # every corpus error before anything is written
            with warnings.catch_warnings():
                if self.command == "notebook":  # shown by `rhetoric run` before the notebooks start
                    warnings.simplefilter("ignore", CorpusWarning)
                source.corpus()
        if self.groups is not None:
            have = source.groups()
            unknown = [g for g in self.groups if g not in have]
            if unknown or not self.groups:
                raise InputError("--groups", f"no group {', '.join(map(repr, unknown)) or 'named'} in the corpus "
                                 f"(its groups: {', '.join(have)})")
        if self.cluster not in (None, NO_CLUSTER) and self.command in CONSTRAINTS["cluster"].commands:
            docs = source.corpus().documents
            problem = cluster_problem(docs[docs["stance"].isin(self.groups)] if self.groups else docs, self.cluster)
            if problem:
                raise InputError("--cluster", problem)
        if self.command in ("run", "notebook"):
            _check_design(source, self.groups)
            compared = self.groups if self.groups is not None else source.groups()
            if len(compared) > MAX_GROUPS:
                raise InputError("--groups" if self.groups is not None else source.path / "metadata.csv",
                                 f"{len(compared):,} groups to compare (the stance column), above the ceiling of "
                                 f"{MAX_GROUPS}: choose at most {MAX_GROUPS} with --groups")
        if lexicons is not None:
            check_lexicons(lexicons)  # a bad list is one clear error now, not a failing chunk or notebook later
        return replace(self, corpus=source.path, lexicons=lexicons, source=source)

    def use_word_lists(self) -> list[str]:
        """Make these settings' word lists the ones in force in this process, unless they already are (a worker
        keeps them from one chunk to the next); the names of the lists they replace."""
        if active_directory() == self.lexicons:
            return [p.name for p in listed_lexicons(self.lexicons)] if self.lexicons is not None else []
        return use_lexicons(self.lexicons)

    def use_frames(self) -> tuple[str, ...]:
        """Make these settings' frame families the ones measured in this process (a notebook's kernel, a worker:
        :func:`rhetoric.instruments.frames.set_families`; ``None`` leaves the families in force as they are);
        the families in force."""
        return frames.set_families(self.frames) if self.frames is not None else frames.families()

    @contextmanager
    def word_lists(self) -> Iterator[list[str]]:
        """These settings' word lists in force inside the block (the names they replace), the previous ones
        after it."""
        previous = active_directory()
        try:
            yield self.use_word_lists()
        finally:
            if active_directory() != previous:
                use_lexicons(previous)
