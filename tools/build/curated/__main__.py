"""``python -m tools.build.curated [--validate FILE ...] [--lenient]``: check curated files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common import raw_dir
from . import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--validate", nargs="+", type=Path, metavar="FILE", help="check these files only"
    )
    parser.add_argument("--raw", help="raw data folder (default ../shared/data/raw)")
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="while curating: skip the label-document rules ('fda_label' sources are FDA/NLM "
        "documents); the build always applies them",
    )
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    _layer, errors = build(raw, args.validate, strict=not args.lenient)
    for error in errors:
        print(error, file=sys.stderr)
    checked = len(args.validate) if args.validate else "all"
    print(f"{checked} file(s) checked, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
