"""Command line: ``rhetoric features``, ``rhetoric run``, ``rhetoric audit``, ``rhetoric kwic`` and ``rhetoric
target-tone`` (``rhetoric --help``, ``rhetoric --version``). Each command's options become its
:class:`~rhetoric.run.settings.Settings` (:func:`settings`), validated once when the command starts.

Exit status: 0 done; 2 bad input (a corpus, an input or output path, a scheduler address: one line on stderr
naming it and the problem, nothing written); 3 some articles failed (each named, the others' rows written; or
every article failed, and the earlier output is left as it was); 1 a notebook failed or a worker died. The
help texts are plain text (no reST markup), with each option's default shown.
"""
from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
import textwrap
import threading
import warnings
from pathlib import Path

from rhetoric.base.errors import InputError
from rhetoric.base.project import project_version

EXIT_BAD_INPUT = 2
EXIT_ARTICLES_FAILED = 3


def _line(exc: BaseException) -> str:
    """An error as one line (a parser's message may span several)."""
    return " ".join(str(exc).split())


def _warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"rhetoric: warning: {_line(message)}", file=sys.stderr)


def group_names(value: str) -> list[str]:
    """One ``--groups`` value as names: comma-separated, a name holding a comma in double quotes (CSV's rule:
    ``'"Left, far",Right'``)."""
    try:
        rows = list(csv.reader([value], skipinitialspace=True, strict=True))
    except csv.Error as exc:
        raise argparse.ArgumentTypeError(f"cannot be read as comma-separated names ({exc})") from None
    return [name.strip() for row in rows for name in row if name.strip()]


def settings(args: argparse.Namespace):
    """The command's :class:`~rhetoric.run.settings.Settings`, from its options (validated when the command starts)."""
    from rhetoric.run.settings import Settings  # loaded after parsing, for a command only (start-up time of --help)

    given = {name: getattr(args, name) for name in ("corpus", "lexicons", "groups", "resamples", "workers", "engine",
                                                    "scheduler", "chunk_size", "out", "force", "only", "n", "seed",
                                                    "width", "frames", "cluster", "drop_duplicates")
             if hasattr(args, name)}
    if given.get("groups") is not None:  # repeated --groups: their names in order
        given["groups"] = [name for names in given["groups"] for name in names]
    if hasattr(args, "no_progress"):
        given["progress"] = not args.no_progress
    if hasattr(args, "input"):  # target-tone's input: a JSON Lines file of mentions
        given["corpus"] = args.input
    return Settings(command=args.command, **given)


def _features(args) -> int:
    # the command's own modules, loaded after parsing (start-up time of --help and of the other commands)
    from rhetoric.io.outputs import errors_path
    from rhetoric.run.features.outputs import printable
    from rhetoric.run.features.stream import build_features

    stats = build_features(settings(args))
    errors = errors_path(Path(args.out))
    if stats.written:
        print(f"wrote {stats.sentences} sentences of {stats.articles} articles ({stats.words} words) to "
              f"{printable(args.out)} in {stats.seconds:.1f} s", file=sys.stderr)
    if not stats.failed:
        return 0
    for f_ in stats.failures[:10]:
        print(f"rhetoric: article {f_['id'] or '?'} (line {f_['line']}) skipped: {f_['problem']}", file=sys.stderr)
    if stats.written:
        print(f"rhetoric: {stats.failed} article(s) failed; all are listed in {printable(errors)}; "
              "the other articles' rows were written", file=sys.stderr)
    else:
        print(f"rhetoric: no article could be processed ({stats.failed} failed, all listed in "
              f"{printable(errors)}); {printable(args.out)} was not written (an earlier file there is left as "
              "it was)", file=sys.stderr)
    return EXIT_ARTICLES_FAILED


class Terminated(KeyboardInterrupt):
    """``SIGTERM`` (``kill``, ``timeout``): raised so that every ``finally`` and clean-up runs, as for Ctrl-C."""

    signum = 15


def _terminated(signum, frame):
    if _in_finalizer(frame):  # Python ignores an exception raised in a __del__: deliver the signal again, outside it
        threading.Timer(0.01, os.kill, (os.getpid(), signum)).start()
        return
    raise Terminated("SIGTERM")


def _in_finalizer(frame) -> bool:
    """Whether the handler interrupted a ``__del__`` (the garbage collector runs them anywhere, and an exception
    raised there is printed and dropped, so the command would go on as if no signal had come)."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


DESCRIPTION = """\
rhetoric: how opinion articles argue, measured sentence by sentence and traceable to the text.

  rhetoric run       execute the notebooks in order (the project's corpus, or yours with --corpus/--out)
  rhetoric features  write the per-sentence feature table of a corpus or a JSON Lines file
  rhetoric audit     draw a sample of a measure's hits to hand-code; score the coded sheet (precision)
  rhetoric kwic      every occurrence of a word, phrase or measure's hits in a corpus, in context
  rhetoric target-tone  the tone toward each mention of a JSON Lines file (id, text, start, end)

Run "rhetoric COMMAND --help" for a command's options and examples.
"""

EXIT_STATUS = """\
exit status: 0 done; 2 bad input (a corpus, an input or output path, a scheduler address: one line on stderr
naming it and the problem, nothing written); 3 some articles failed (each named, the others' rows written;
or every article failed, and the earlier output is left as it was); 1 a notebook failed or a worker died.
"""

FEATURES_DESCRIPTION = """\
Write the per-sentence feature table (one row per sentence: ids, character offsets into the raw file, the
text and every registered measure) of a corpus directory (metadata.csv and the text files it names) or of
a JSON Lines file (one article a line with id, stance and text; plain or .gz), streamed in chunks so that
memory stays bounded. Every engine writes the same rows in the same order.
"""

FEATURES_EXAMPLES = """\
examples:
  rhetoric features seeds -o features.csv
  rhetoric features articles.jsonl.gz -o features.parquet --workers 2
  rhetoric features articles.jsonl.gz -o features.parquet --engine dask --workers 2
  rhetoric features articles.jsonl.gz -o features.parquet --scheduler tcp://host:8786
  rhetoric features my-corpus -o features.csv --lexicons my-lists
  rhetoric features my-corpus -o features.csv --lexicons my-corpus/lexicons

"""

RUN_DESCRIPTION = """\
Execute the notebooks in order, headless. Without options: the project's own corpus (seeds/), outputs in
place (notebooks/, figures/, the README's generated blocks). With --corpus and --out: any corpus, outputs
under --out, the committed notebooks untouched. A notebook is re-executed only when its inputs (cells,
library, corpus, word lists, lock file) or its outputs changed.
"""

RUN_EXAMPLES = """\
examples:
  rhetoric run
  rhetoric run --only 02-framing 03-sentiment
  rhetoric run --corpus path/to/my-corpus --out path/to/results
  rhetoric run --corpus path/to/my-corpus --out path/to/results --lexicons path/to/my-lists

"""

AUDIT_DESCRIPTION = """\
Check an instrument on your own corpus. With MEASURE (a registered measure that counts hits, such as
hedges_per_1000, frame_security_share or proposal_per_1000; or target_tone, the tone toward each actor mention, coded
-1, 0 or 1 and scored for agreement: macro-F1 and per class): draw a seeded random sample of the measure's hits
on the corpus, stratified by group (the stance column; proportional, at least 5 per group where a group has
them), and write it as a sheet to hand-code: each hit with its document, group, sentence, character offsets,
the matched words and its sentence with the hit marked [[...]], and empty columns label (1 correct, 0 wrong)
and note. With --score: read a coded sheet and print precision with its Wilson 95% interval per category, per
group and overall (rows without a label are counted as not coded and left out). The hits are those the
measure counts (the instrument's own rules applied; the corpus's own word lists only with --lexicons).
"""

AUDIT_EXAMPLES = """\
examples:
  rhetoric audit hedges_per_1000 --corpus my-corpus -o hedges-sheet.csv
  rhetoric audit frame_security_share --corpus my-corpus --n 100 --seed 7 -o security-sheet.csv
  rhetoric audit --score hedges-sheet.csv

"""

KWIC_DESCRIPTION = """\
Keyword in context: every occurrence of a word or phrase in a corpus (case-insensitive, matched on word
tokens as the word lists are; a final * matches any ending: negotiat*), or every hit of a registered measure
(given by its name, such as proposal_per_1000), each with the words of its sentence either side. Printed as a
table, or written as CSV with -o.
"""

KWIC_EXAMPLES = """\
examples:
  rhetoric kwic sanctions --corpus my-corpus
  rhetoric kwic "according to" --corpus my-corpus --width 40
  rhetoric kwic proposal_per_1000 --corpus my-corpus -o proposals.csv

"""


TARGET_TONE_DESCRIPTION = """\
The tone toward each mention: negative (-1), neutral (0) or positive (1), as the target-tone instrument reads it in
the mention's sentence (not the tone of the sentence: "X slammed Y" is negative toward Y). Each input line is a JSON
object {"id", "text", "start", "end"}: start and end are the mention's character offsets in text (end exclusive).
The output has one row per scored line: id, tone, score (score: the probability margin P(positive) - P(negative),
in [-1, 1]). A line that cannot be scored (not JSON, a missing field, offsets outside the text or on whitespace, a
text over 100,000 characters) is named on stderr; the others are written and the exit status is 3. The instrument
was cross-validated against crowd coders on NewsMTSC (people in U.S. political news): see docs/target-tone.md.
"""

TARGET_TONE_EXAMPLES = """\
examples:
  rhetoric target-tone mentions.jsonl -o tones.csv
  (a line: {"id": "m1", "text": "Critics accused the mayor of lying.", "start": 16, "end": 25})

"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Each option's default shown after its help (unless it is None or False: an option that is off, or
    whose help says what happens without it); descriptions and examples kept as written."""

    def _get_help_string(self, action) -> str:
        text = action.help or ""
        if (action.option_strings and "%(default)" not in text and "default:" not in text
                and action.default not in (None, False, argparse.SUPPRESS)):
            text += " (default: %(default)s)"
        return text


def version() -> str:
    return project_version()


def _with_measures(format_help):
    """``format_help`` with the measures that can be audited inserted before the options."""
    def formatted() -> str:
        from rhetoric.analysis.audit import auditable  # the registry, read only when this help is shown

        names = textwrap.fill(", ".join(auditable()), width=110, initial_indent="  ", subsequent_indent="  ",
                              break_on_hyphens=False)
        text = format_help()
        head, sep, rest = text.partition("\npositional arguments:")
        return f"{head}\nmeasures with hits:\n{names}\n{sep}{rest}"
    return formatted


def parser() -> argparse.ArgumentParser:
    """The command line, with a description, the defaults and examples for every subcommand."""
    top = argparse.ArgumentParser(prog="rhetoric", description=DESCRIPTION, epilog=EXIT_STATUS,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    f = sub.add_parser("features", help="write the per-sentence feature table of a corpus",
                       description=FEATURES_DESCRIPTION, epilog=FEATURES_EXAMPLES + EXIT_STATUS,
                       formatter_class=_HelpFormatter)
    f.add_argument("corpus", help="corpus directory (metadata.csv + text files) or JSON Lines file (.jsonl or "
                                  ".jsonl.gz: one article a line with id, stance, text)")
    f.add_argument("-o", "--out", required=True, metavar="OUT",
                   help="output file (.csv or .parquet); never an input, never inside the corpus directory")
    f.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes on this machine (1: serial)")
    f.add_argument("--engine", choices=["processes", "dask"], default="processes",
                   help="dask runs on a local Dask cluster of --workers processes")
    f.add_argument("--scheduler", metavar="ADDRESS",
                   help="address of an existing Dask scheduler, such as tcp://host:8786 (implies --engine dask)")
    f.add_argument("--chunk-size", type=int, default=32, metavar="N", help="articles per unit of work")
    f.add_argument("--lexicons", metavar="DIR",
                   help="word lists replacing the project's (a corpus's own lexicons/ folder is used only when "
                        "given here: --lexicons CORPUS/lexicons; default: the project's lists)")
    f.add_argument("--frames", metavar="FAMILIES",
                   help="frame families measured: generic, policy, international, or all (default: generic,policy)")
    f.add_argument("--no-progress", action="store_true",
                   help="no progress (on a terminal a bar; otherwise a plain line now and then)")

    r = sub.add_parser("run", help="execute every notebook in order, headless",
                       description=RUN_DESCRIPTION, epilog=RUN_EXAMPLES + EXIT_STATUS,
                       formatter_class=_HelpFormatter)
    r.add_argument("--corpus", metavar="DIR",
                   help="run the sequence on this corpus directory (needs --out; default: seeds/)")
    r.add_argument("--out", metavar="DIR",
                   help="write executed notebooks and figures under this directory (not the project root, "
                        "seeds/ or notebooks/; default: in place)")
    r.add_argument("--lexicons", metavar="DIR",
                   help="word lists replacing the project's (needs --out; a corpus's own lexicons/ folder is "
                        "used only when given here; default: the project's lists)")
    r.add_argument("--force", action="store_true", help="re-execute even notebooks whose inputs are unchanged")
    r.add_argument("--only", nargs="+", metavar="NAME",
                   help="run only these notebooks (file names or stems; default: all)")
    r.add_argument("--groups", metavar="A,B,...", action="append", type=group_names,
                   help='compare only these groups (values of the stance column), in this order (default: every '
                        'group, sorted; needs --out); repeatable, and a name holding a comma is quoted as in CSV: '
                        '--groups \'"Left, far",Right\'')
    r.add_argument("--resamples", type=int, metavar="N", help="bootstrap and permutation resamples (default "
                                                               "10,000; needs --out)")
    r.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes computing the feature table, shared by the notebooks (default 1; the outputs "
                        "are the same whatever N)")
    r.add_argument("--frames", metavar="FAMILIES",
                   help="frame families measured, comma-separated: generic, policy, international, or all (default: "
                        "all three for seeds/, generic,policy for another corpus; needs --out)")
    r.add_argument("--cluster", metavar="COLUMN",
                   help="the metadata column whose values are the units of analysis (group labels permuted and "
                        "resampled by whole units); 'none': every article its own unit (default: the first of "
                        "cluster, outlet, source, publisher, site, domain whose values repeat and each hold one "
                        "group; needs --out)")
    r.add_argument("--drop-duplicates", action="store_true",
                   help="drop near-duplicate articles before measuring, keeping the first of each set (listed in "
                        "duplicates.csv; needs --out)")

    a = sub.add_parser("audit", help="sample a measure's hits to hand-code, or score a coded sheet",
                       description=AUDIT_DESCRIPTION, epilog=AUDIT_EXAMPLES + EXIT_STATUS,
                       formatter_class=_HelpFormatter)
    a.add_argument("measure", nargs="?", metavar="MEASURE",
                   help="a registered measure that counts hits (needs --corpus and -o; not with --score)")
    a.add_argument("--corpus", metavar="DIR", help="the corpus directory (metadata.csv + text files)")
    a.add_argument("--n", type=int, default=200, metavar="N", help="hits to draw (all, when there are fewer)")
    a.add_argument("--seed", type=int, default=1, metavar="S", help="random seed of the draw (the same seed, "
                                                                    "corpus and word lists give the same sheet)")
    a.add_argument("-o", "--out", metavar="SHEET",
                   help="the sheet to write (.csv; never an input, never inside the corpus or the word lists)")
    a.add_argument("--lexicons", metavar="DIR",
                   help="word lists replacing the project's (a corpus's own lexicons/ folder is used only when "
                        "given here; default: the project's lists)")
    a.add_argument("--score", metavar="SHEET", help="score this coded sheet instead of drawing one")
    a.format_help = _with_measures(a.format_help)  # the list is read from the registry only when help is shown

    k = sub.add_parser("kwic", help="a word, phrase or measure's hits in context",
                       description=KWIC_DESCRIPTION, epilog=KWIC_EXAMPLES + EXIT_STATUS,
                       formatter_class=_HelpFormatter)
    k.add_argument("term", metavar="TERM", help="a word or phrase, or a registered measure's name")
    k.add_argument("--corpus", metavar="DIR", required=True, help="the corpus directory")
    k.add_argument("--width", type=int, default=60, metavar="N", help="characters of context either side")
    k.add_argument("-o", "--out", metavar="OUT",
                   help="write the table as CSV (never inside the corpus or the word lists; default: print it)")
    k.add_argument("--lexicons", metavar="DIR",
                   help="word lists replacing the project's (a corpus's own lexicons/ folder is used only when "
                        "given here; default: the project's lists)")
    t = sub.add_parser("target-tone", help="the tone toward each mention of a JSON Lines file",
                       description=TARGET_TONE_DESCRIPTION, epilog=TARGET_TONE_EXAMPLES + EXIT_STATUS,
                       formatter_class=_HelpFormatter)
    t.add_argument("input", metavar="INPUT.jsonl", help="one mention a line: {\"id\", \"text\", \"start\", \"end\"}")
    t.add_argument("-o", "--out", required=True, metavar="OUT",
                   help="output file (.csv or .parquet): id, tone, score; never the input")
    return top


def _target_tone(args) -> int:
    # the command's own modules, loaded after parsing (start-up time of --help and of the other commands)
    from rhetoric.instruments.target_tone import score_file, write_scores

    given = settings(args).validate()  # the input opened once, the output by the one rule
    table, failed = score_file(given.source.path)
    for r in failed:
        print(f"rhetoric: line {r.line}{f' (id {r.id})' if r.id else ''} skipped: {r.problem}", file=sys.stderr)
    if table.empty and not failed:
        raise InputError(args.input, "holds no mention (one JSON object a line: id, text, start, end)")
    if table.empty:
        print(f"rhetoric: no line could be scored ({len(failed)} failed); {args.out} was not written (an earlier "
              "file there is left as it was)", file=sys.stderr)
        return EXIT_ARTICLES_FAILED
    write_scores(table, given.out)
    print(f"wrote the tone toward {len(table)} mention(s) to {args.out}"
          + (f"; {len(failed)} line(s) failed, each named above" if failed else ""), file=sys.stderr)
    return EXIT_ARTICLES_FAILED if failed else 0


def _audit(args) -> int:
    # the command's own modules, loaded after parsing (start-up time of --help and of the other commands)
    from rhetoric.analysis import audit
    from rhetoric.io.outputs import write_csv

    if args.score:
        if args.measure or args.corpus or args.out:
            raise InputError("--score", "takes only the coded sheet (no MEASURE, --corpus or -o)")
        sheet = audit.read_sheet(args.score)
        if audit.is_tone_sheet(sheet):  # tone toward mentions: agreement, not precision
            print(f"{args.score}: {int(sheet['coded'].sum())} of {len(sheet)} mentions coded; the instrument's tone "
                  "against the coder's label, 95% intervals over documents")
            print(audit.tone_agreement(sheet).round(3).to_string(index=False, na_rep="-"))
            return 0
        table = audit.score_sheet(sheet)
        not_coded = int((~sheet["coded"]).sum())
        repeated = sheet.attrs.get("duplicates", 0)
        print(f"{args.score}: {int(sheet['coded'].sum())} of {len(sheet)} hits coded"
              + (f" ({not_coded} not coded, left out)" if not_coded else "")
              + (f"; {repeated} repeated row(s) of a hit counted once" if repeated else ""))
        shown = table.assign(precision=table["precision"].map(lambda v: f"{v:.3f}"),
                             interval=[f"{lo:.3f}-{hi:.3f}" if hi == hi else "-"
                                       for lo, hi in zip(table["ci_low"], table["ci_high"])])
        shown = shown.rename(columns={"interval": "Wilson 95%"}).drop(columns=["ci_low", "ci_high"])
        print(shown.to_string(index=False))
        return 0
    if not args.measure:
        raise InputError("MEASURE", "give a measure to audit (or --score SHEET to score a coded sheet)")
    if not args.corpus or not args.out:
        raise InputError(args.measure, "needs --corpus DIR and -o SHEET.csv")
    audit.finder(args.measure)  # an unknown measure or one without hits: refused before the corpus is read
    given = settings(args).validate()
    corpus = given.source.corpus()
    with given.word_lists():  # the hits are those the measure counts with these lists
        if args.measure == audit.TONE_MEASURE:  # toward the actors a run would use on this corpus
            with audit.actor_list(corpus, given.lexicons):
                hits = audit.measure_hits(corpus, args.measure)
        else:
            hits = audit.measure_hits(corpus, args.measure)
    sheet = audit.draw_sheet(hits, given.n, given.seed)
    write_csv(sheet, given.out)
    groups = ", ".join(f"{g} {k}" for g, k in sheet["group"].value_counts().sort_index().items())
    how = "-1 negative, 0 neutral, 1 positive toward the marked mention; hide tone and score while coding" \
        if args.measure == audit.TONE_MEASURE else "1 correct, 0 wrong"
    print(f"wrote {len(sheet)} of {len(hits)} hits of {args.measure} ({groups or 'none'}) to {args.out}; "
          f"fill in label ({how}), then: rhetoric audit --score " + str(args.out), file=sys.stderr)
    return 0


def _kwic(args) -> int:
    # the command's own modules, loaded after parsing (start-up time of --help and of the other commands)
    from rhetoric.analysis import audit
    from rhetoric.io.outputs import write_csv

    if audit.is_measure(args.term):
        audit.finder(args.term)  # a measure without hits: refused before the corpus is read
    given = settings(args).validate()
    with given.word_lists():
        table = audit.kwic(given.source.corpus(), args.term, width=given.width)
    if args.out:
        write_csv(table, given.out)
        print(f"wrote {len(table)} occurrence(s) of {args.term} to {args.out}", file=sys.stderr)
    elif table.empty:
        print(f"no occurrence of {args.term} in {args.corpus}", file=sys.stderr)
    else:
        shown = table.assign(left=table["left"].str.rjust(args.width + 1))
        try:
            print(shown[["doc_id", "group", "left", "match", "right"]].to_string(index=False), flush=True)
        except BrokenPipeError:  # piped into head: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()
    # SIGTERM unwinds like Ctrl-C, so temporary files are removed (handlers can be set in the main thread only)
    previous_term = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        with warnings.catch_warnings():  # restores the filters and showwarning afterwards
            warnings.simplefilter("always")
            warnings.showwarning = _warning
            if args.command == "audit":
                return _audit(args)
            if args.command == "kwic":
                return _kwic(args)
            if args.command == "target-tone":
                return _target_tone(args)
            if args.command == "features":
                from rhetoric.run.features.workers import WorkerLost  # loaded after parsing (start-up time)

                try:
                    return _features(args)
                except WorkerLost as exc:
                    print(f"rhetoric: error: {_line(exc)}", file=sys.stderr)
                    return 1
            from rhetoric.run.runner import Interrupted, RunError, run  # loaded after parsing (start-up time)

            try:
                run(settings(args))
            except RunError as exc:
                print(f"rhetoric run: {_line(exc)}", file=sys.stderr)
                return 1
            except Interrupted as exc:
                print(f"rhetoric run: {_line(exc)}", file=sys.stderr)
                return 128 + exc.signum
            except OSError as exc:  # a read-only or full --out: no notebook's previous outputs were replaced
                where = exc.filename or args.out or "the project"
                print(f"rhetoric: error: {where}: cannot be written ({exc.strerror or exc}); the previous outputs "
                      "are kept as they were", file=sys.stderr)
                return EXIT_BAD_INPUT
            return 0
    except InputError as exc:
        print(f"rhetoric: error: {_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", 2)
        print("rhetoric: interrupted; nothing more was written (temporary files removed)", file=sys.stderr)
        return 128 + signum
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_term)


if __name__ == "__main__":
    sys.exit(main())
