"""Command line: ``rhetoric features`` and ``rhetoric run``."""
from __future__ import annotations

import argparse
import sys
import warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rhetoric", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    f = sub.add_parser("features", help="write the per-sentence feature table of a corpus")
    f.add_argument("corpus", help="corpus directory (metadata.csv + text files) or JSON Lines file (.jsonl or "
                                  ".jsonl.gz: one article a line with id, stance, text)")
    f.add_argument("-o", "--out", required=True, help="output file (.csv or .parquet)")
    f.add_argument("--workers", type=int, default=1, help="processes on this machine (default 1: serial)")
    f.add_argument("--engine", choices=["processes", "dask"], default="processes",
                   help="'dask' runs on a local Dask cluster of --workers processes")
    f.add_argument("--scheduler", help="address of an existing Dask scheduler (implies --engine dask)")
    f.add_argument("--chunk-size", type=int, default=32, help="articles per unit of work (default 32)")
    f.add_argument("--no-progress", action="store_true", help="no progress bar")

    r = sub.add_parser("run", help="execute every notebook in order, headless")
    r.add_argument("--corpus", help="run the sequence on this corpus directory (needs --out)")
    r.add_argument("--out", help="write executed notebooks and figures under this directory")
    r.add_argument("--force", action="store_true", help="re-execute even notebooks whose inputs are unchanged")
    r.add_argument("--only", nargs="*", help="run only these notebooks (file names or stems)")

    args = parser.parse_args(argv)
    from .errors import CorpusError

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        try:
            if args.command == "features":
                from .scale import build_features

                stats = build_features(args.corpus, args.out, workers=args.workers, engine=args.engine,
                                       scheduler=args.scheduler, chunk_size=args.chunk_size,
                                       progress=not args.no_progress)
                print(f"wrote {stats.sentences} sentences of {stats.articles} articles ({stats.words} words) to "
                      f"{args.out} in {stats.seconds:.1f} s", file=sys.stderr)
                if stats.failures:
                    for f_ in stats.failures[:10]:
                        print(f"rhetoric: article {f_['id'] or '?'} (line {f_['line']}) skipped: {f_['problem']}",
                              file=sys.stderr)
                    print(f"rhetoric: {len(stats.failures)} article(s) failed; all are listed in "
                          f"{args.out}.errors.csv; the other articles' rows were written", file=sys.stderr)
                    return 3
            else:
                from .runner import RunError, run

                try:
                    run(args.corpus, args.out, force=args.force, only=args.only)
                except RunError as exc:
                    print(f"rhetoric run: {exc}", file=sys.stderr)
                    return 1
        except CorpusError as exc:
            print(f"rhetoric: error: {exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
