"""Command line: ``rhetoric features`` and ``rhetoric run``.

Exit status: 0 done; 2 bad input (a corpus, an input or output path, a scheduler address: one line on stderr
naming it and the problem, nothing written); 3 some articles failed (each named, the others' rows written; or
every article failed, and the earlier output is left as it was); 1 a notebook failed or a worker died.
"""
from __future__ import annotations

import argparse
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
    if not stats.failures:
        return 0
    for f_ in stats.failures[:10]:
        print(f"rhetoric: article {f_['id'] or '?'} (line {f_['line']}) skipped: {f_['problem']}", file=sys.stderr)
    if stats.written:
        print(f"rhetoric: {len(stats.failures)} article(s) failed; all are listed in {printable(errors)}; "
              "the other articles' rows were written", file=sys.stderr)
    else:
        print(f"rhetoric: no article could be processed ({len(stats.failures)} failed, all listed in "
              f"{printable(errors)}); {printable(args.out)} was not written (an earlier file there is left as "
              "it was)", file=sys.stderr)
    return EXIT_ARTICLES_FAILED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rhetoric", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    f = sub.add_parser("features", help="write the per-sentence feature table of a corpus")
    f.add_argument("corpus", help="corpus directory (metadata.csv + text files) or JSON Lines file (.jsonl or "
                                  ".jsonl.gz: one article a line with id, stance, text)")
    f.add_argument("-o", "--out", required=True, help="output file (.csv or .parquet); never an input, never "
                                                      "inside the corpus directory")
    f.add_argument("--workers", type=int, default=1, help="processes on this machine (default 1: serial)")
    f.add_argument("--engine", choices=["processes", "dask"], default="processes",
                   help="'dask' runs on a local Dask cluster of --workers processes")
    f.add_argument("--scheduler", help="address of an existing Dask scheduler (implies --engine dask)")
    f.add_argument("--chunk-size", type=int, default=32, help="articles per unit of work (default 32)")
    f.add_argument("--lexicons", metavar="DIR",
                   help="the corpus's own word lists (default: the lexicons/ folder of a corpus directory)")
    f.add_argument("--no-progress", action="store_true", help="no progress bar")

    r = sub.add_parser("run", help="execute every notebook in order, headless")
    r.add_argument("--corpus", help="run the sequence on this corpus directory (needs --out)")
    r.add_argument("--out", help="write executed notebooks and figures under this directory (not the project "
                                 "root, seeds/ or notebooks/)")
    r.add_argument("--lexicons", metavar="DIR", help="the corpus's own word lists (needs --out)")
    r.add_argument("--force", action="store_true", help="re-execute even notebooks whose inputs are unchanged")
    r.add_argument("--only", nargs="*", help="run only these notebooks (file names or stems)")
    r.add_argument("--groups", metavar="A,B,...", help="compare only these groups (values of the stance column), "
                                                     "in this order (default: every group, sorted; needs --out)")
    r.add_argument("--resamples", type=int, metavar="N", help="bootstrap and permutation resamples (default "
                                                               "10,000; needs --out)")

    args = parser.parse_args(argv)
    from rhetoric.base.errors import InputError

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
            from rhetoric.run.runner import RunError, run

            try:
                run(args.corpus, args.out, force=args.force, only=args.only, lexicons_dir=args.lexicons,
                    groups=args.groups, resamples=args.resamples)
            except RunError as exc:
                print(f"rhetoric run: {_line(exc)}", file=sys.stderr)
                return 1
            return 0
    except InputError as exc:
        print(f"rhetoric: error: {_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rhetoric: interrupted; nothing more was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
