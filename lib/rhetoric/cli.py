"""Command line: ``rhetoric features`` and ``rhetoric run`` (``rhetoric --help``, ``rhetoric --version``).

Exit status: 0 done; 2 bad input (a corpus, an input or output path, a scheduler address: one line on stderr
naming it and the problem, nothing written); 3 some articles failed (each named, the others' rows written; or
every article failed, and the earlier output is left as it was); 1 a notebook failed or a worker died. The
help texts are plain text (no reST markup), with each option's default shown.
"""
from __future__ import annotations

import argparse
import signal
import sys
import warnings
from pathlib import Path

EXIT_BAD_INPUT = 2
EXIT_ARTICLES_FAILED = 3


def _line(exc: BaseException) -> str:
    """An error as one line (a parser's message may span several)."""
    return " ".join(str(exc).split())


def _warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"rhetoric: warning: {_line(message)}", file=sys.stderr)


def _features(args) -> int:
    from rhetoric.run.stream import build_features, errors_path, printable

    stats = build_features(args.corpus, args.out, workers=args.workers, engine=args.engine,
                           scheduler=args.scheduler, chunk_size=args.chunk_size, progress=not args.no_progress,
                           lexicons=args.lexicons)
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
    raise Terminated("SIGTERM")


DESCRIPTION = """\
rhetoric: how opinion articles argue, measured sentence by sentence and traceable to the text.

  rhetoric run       execute the notebooks in order (the project's corpus, or yours with --corpus/--out)
  rhetoric features  write the per-sentence feature table of a corpus or a JSON Lines file

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
    from rhetoric.base.project import project_version

    return project_version()


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
                   help="the corpus's own word lists (default: the lexicons/ folder of a corpus directory)")
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
                   help="the corpus's own word lists (needs --out; default: the corpus's lexicons/ folder)")
    r.add_argument("--force", action="store_true", help="re-execute even notebooks whose inputs are unchanged")
    r.add_argument("--only", nargs="+", metavar="NAME",
                   help="run only these notebooks (file names or stems; default: all)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    import threading

    from rhetoric.base.errors import InputError

    main_thread = threading.current_thread() is threading.main_thread()
    # SIGTERM unwinds like Ctrl-C, so temporary files are removed (handlers can be set in the main thread only)
    previous_term = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        with warnings.catch_warnings():  # restores the filters and showwarning afterwards
            warnings.simplefilter("always")
            warnings.showwarning = _warning
            if args.command == "features":
                from rhetoric.run.stream import WorkerLost

                try:
                    return _features(args)
                except WorkerLost as exc:
                    print(f"rhetoric: error: {_line(exc)}", file=sys.stderr)
                    return 1
            from rhetoric.run.runner import Interrupted, RunError, run

            try:
                run(args.corpus, args.out, force=args.force, only=args.only, lexicons_dir=args.lexicons)
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
