"""Measure the label layer: ``python -m tools.build.labels [--raw DIR] [--out FILE]`` builds it
with the hub resolver and prints the report (``--out`` writes the layer JSON for inspection)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..common import dumps, raw_dir
from .layer import build
from .resolve import HubResolver


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    resolver = HubResolver(raw)
    layer, report = build(raw, resolver)
    for line in report:
        print(line)
    print(f"drugs the hub does not know (new ids): {len(resolver.created)}")
    for slug, name in sorted(resolver.created.items()):
        print(f"  new drug id {slug!r} from {name!r}")
    if args.out:
        Path(args.out).write_bytes(dumps(layer))


if __name__ == "__main__":
    main()
