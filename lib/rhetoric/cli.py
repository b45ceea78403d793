"""Command line: ``rhetoric features`` and ``rhetoric run``."""
from __future__ import annotations

import argparse
import sys
import warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rhetoric", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    f = sub.add_parser("features", help="write the per-sentence feature table of a corpus")
    f.add_argument("corpus", help="corpus directory: metadata.csv (id, file, stance, ...) plus the text files")
    f.add_argument("-o", "--out", required=True, help="output file (.csv)")

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
                from .features import features_command

                table = features_command(args.corpus, args.out)
                print(f"wrote {len(table)} sentences x {table.shape[1]} columns to {args.out}", file=sys.stderr)
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
