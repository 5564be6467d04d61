"""The ``drugcompare`` command (also ``python -m drugcompare``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ._compare.results import SECTIONS
from ._errors import DrugCompareError, DrugNotFoundError

SECTION_CHOICES = SECTIONS
EXIT_NOT_FOUND = 2
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugcompare",
        description="Compare drugs offline: shared adverse effects, overlapping indications, "
        "withdrawal risks. Every fact carries its source. Not medical advice.",
    )
    parser.add_argument(
        "--exclude-source",
        action="append",
        default=[],
        metavar="LAYER",
        help="leave out a data layer (repeatable); 'drugcompare sources' lists them",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="FILE",
        help="add a user dataset (layer JSON file); repeatable",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    compare = commands.add_parser("compare", help="compare two or more drugs")
    compare.add_argument("drugs", nargs="+", metavar="DRUG", help="names, brands or identifiers")
    compare.add_argument(
        "--sections",
        nargs="+",
        choices=SECTION_CHOICES,
        metavar="SECTION",
        help=f"sections to show (default all): {', '.join(SECTION_CHOICES)}",
    )
    compare.add_argument(
        "--format",
        default="simple",
        metavar="FMT",
        help="any tabulate format (simple, github, grid, html, ...) or 'json'",
    )
    compare.add_argument(
        "--limit", type=int, default=25, help="rows of the adverse-effect table (0 = all)"
    )

    show = commands.add_parser("show", help="everything known about one drug")
    show.add_argument("drug", metavar="DRUG")
    show.add_argument("--format", default="simple", metavar="FMT", help="tabulate format or 'json'")
    show.add_argument("--limit", type=int, default=15, help="adverse effects to list (0 = all)")

    search = commands.add_parser("search", help="find drugs by (part of a) name")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10)

    commands.add_parser("sources", help="list the data layers with their licences")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DrugNotFoundError as exc:
        print(f"drugcompare: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except DrugCompareError as exc:
        print(f"drugcompare: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from ._api.load import default_catalog, load_catalog, sources
    from ._convert import unstructure
    from ._render.common import check_tablefmt
    from ._render.drug_text import drug_text

    if args.command == "sources":
        rows = [
            [layer.id, layer.name, layer.version, layer.license, layer.url] for layer in sources()
        ]
        print(tabulate(rows, headers=["Layer", "Name", "Version", "Licence", "URL"]))
        return 0

    catalog = (
        load_catalog(exclude_sources=args.exclude_source, extra=args.extra or None)
        if args.exclude_source or args.extra
        else default_catalog()
    )
    if args.command == "compare":
        if args.format != "json":
            check_tablefmt(args.format)
        comparison = catalog.compare(*args.drugs)
        if args.format == "json":
            print(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
        else:
            print(
                comparison.to_table(args.format, sections=args.sections, limit=args.limit or None)
            )
        return 0
    if args.command == "show":
        if args.format != "json":
            check_tablefmt(args.format)
        drug = catalog.lookup_drug(args.drug)
        if args.format == "json":
            print(json.dumps(unstructure(drug), indent=2, ensure_ascii=False))
        else:
            print(drug_text(drug, args.format, args.limit or None, catalog.as_of))
        return 0
    if args.command == "search":
        found = catalog.search_drugs(args.query, args.limit)
        if not found:
            print(f"no drug matches {args.query!r}", file=sys.stderr)
            return EXIT_NOT_FOUND
        rows = [[d.id, d.name, ", ".join(d.brand_names[:4])] for d in found]
        print(tabulate(rows, headers=["Id", "Name", "Brands"]))
        return 0
    raise AssertionError(args.command)  # pragma: no cover - argparse restricts the choices


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
