"""The ``drugcompare`` command (also ``python -m drugcompare``): argument parsing, output that
behaves in a terminal and in a pipe, and the exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._compare import SECTIONS
from ._errors import (
    ConditionNotFoundError,
    DatasetError,
    DrugCompareError,
    DrugNotFoundError,
    InvalidArgumentError,
)

SECTION_CHOICES = SECTIONS
TABLES = ("indications", "adverse_effects", "withdrawal", "drugs")
EXIT_OK, EXIT_NO_RESULT, EXIT_BAD_INPUT, EXIT_DATASET = 0, 1, 2, 3
EXIT_NOT_FOUND = EXIT_BAD_INPUT

EPILOG = """\
examples:
  drugcompare compare gabapentin pregabalin            every section, as text tables
  drugcompare compare Neurontin Horizant --sections adverse_effects --format github
  drugcompare compare gabapentin pregabalin --format json > comparison.json
  drugcompare compare gabapentin pregabalin --sections withdrawal --format csv
  drugcompare show baclofen                             everything known about one drug
  drugcompare for fibromyalgia --status approved        drugs for a condition
  drugcompare condition GAD                             what a condition name means
  drugcompare search lyric                              find drugs by part of a name
  drugcompare sources                                   the data layers and their licences

formats: any tabulate format (simple, github, grid, pipe, html ...), json or csv.
json: a drugcompare JSON document (docs/json.md), indented on a terminal, compact in a pipe.
colour: only on a terminal, never when NO_COLOR is set (--color always|never overrides).

exit codes:
  0  the answer was printed
  1  nothing matched (search, for)
  2  bad usage or input: an unknown drug, condition or option value
  3  a dataset file (--extra) cannot be used
Not medical advice: always check the current label."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugcompare",
        description="Compare drugs offline: shared adverse effects with label placebo figures, "
        "overlapping indications with their approval status and products, withdrawal risks. "
        "Every fact carries its source.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--exclude-source",
        action="append",
        default=[],
        metavar="LAYER",
        help="leave out a data layer (repeatable); 'drugcompare sources' lists them",
    )
    parser.add_argument(
        "--extra", action="append", default=[], metavar="FILE", help="add a user dataset"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour statuses and severities (auto: on a terminal without NO_COLOR)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--format", default="simple", metavar="FMT", help="tabulate format, json or csv"
        )
        return sub

    compare = command("compare", "compare two or more drugs")
    compare.add_argument("drugs", nargs="+", metavar="DRUG", help="names, brands or identifiers")
    compare.add_argument(
        "--sections",
        nargs="+",
        choices=SECTION_CHOICES,
        metavar="SECTION",
        help=f"sections to show (default all): {', '.join(SECTION_CHOICES)}",
    )
    compare.add_argument("--limit", type=int, default=25, help="adverse-effect rows (0 = all)")

    show = command("show", "everything known about one drug")
    show.add_argument("drug", metavar="DRUG")
    show.add_argument("--limit", type=int, default=15, help="rows per table (0 = all)")
    show.add_argument(
        "--table",
        choices=TABLES,
        default="indications",
        help="with --format csv: the table to write (default indications)",
    )

    search = command("search", "find drugs by (part of) a name")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10)

    condition = command("condition", "what a condition name means and where it sits")
    condition.add_argument("query", metavar="CONDITION")

    for_ = command("for", "drugs indicated for a condition (or a narrower one)")
    for_.add_argument("condition", metavar="CONDITION")
    for_.add_argument(
        "--status",
        nargs="+",
        metavar="STATUS",
        help="approved, off_label, listed, investigational, anecdotal (default all)",
    )
    for_.add_argument("--limit", type=int, default=0, help="rows (0 = all)")

    command("sources", "the data layers with their dates and licences")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        return _closed_pipe()
    except (DrugNotFoundError, ConditionNotFoundError, InvalidArgumentError) as exc:
        return _fail(exc, EXIT_BAD_INPUT)
    except DatasetError as exc:
        return _fail(exc, EXIT_DATASET)
    except DrugCompareError as exc:
        return _fail(exc, EXIT_BAD_INPUT)


def _fail(exc: Exception, code: int) -> int:
    print(f"drugcompare: {exc}", file=sys.stderr)
    return code


def _closed_pipe() -> int:
    """The reader went away (``drugcompare ... | head``): stop quietly, like ``git log``."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_OK


def _emit(text: str, colour: bool) -> None:
    if colour:
        from ._render.colour import colourize

        text = colourize(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def _indent() -> int | None:
    """JSON is indented for a person at a terminal and compact (no whitespace) in a pipe or a
    file, like ``gh``: ``| python -m json.tool`` or ``| jq`` indents it again."""
    return 2 if sys.stdout.isatty() else None


def _use_colour(choice: str, fmt: str) -> bool:
    if choice == "never" or fmt in ("json", "csv", "html", "unsafehtml", "tsv"):
        return False
    if choice == "always":
        return True
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _run(args: argparse.Namespace) -> int:
    if getattr(args, "limit", 0) < 0:
        raise InvalidArgumentError(f"--limit must be 0 (all rows) or more, got {args.limit}")
    if not (args.exclude_source or args.extra):
        _check_names(args)  # before anything heavy is imported: a typo answers at once

    from ._api.load import default_catalog, load_catalog, sources
    from ._render.common import check_tablefmt

    fmt: str = args.format
    if fmt not in ("json", "csv"):
        check_tablefmt(fmt)
    colour = _use_colour(args.color, fmt)
    if args.command == "sources":
        _emit(_sources(sources(), fmt), colour)
        return EXIT_OK
    catalog = (
        load_catalog(exclude_sources=args.exclude_source, extra=args.extra or None)
        if args.exclude_source or args.extra
        else default_catalog()
    )
    handler: Callable[[Any, argparse.Namespace, str], tuple[str, int]] = _HANDLERS[args.command]
    text, code = handler(catalog, args, fmt)
    if text:
        _emit(text, colour)
    return code


def _check_names(args: argparse.Namespace) -> None:
    """A drug name no packaged drug has fails at once, from the packaged indexes, before the
    catalog is loaded (the answer and its suggestions are the catalog's own)."""
    from ._data.suggest import quick_miss

    names = (
        args.drugs if args.command == "compare" else [args.drug] if args.command == "show" else []
    )
    for name in names:
        suggestions = quick_miss(name)
        if suggestions is not None:
            raise DrugNotFoundError(name, suggestions)


def _compare(catalog: Any, args: argparse.Namespace, fmt: str) -> tuple[str, int]:
    comparison = catalog.compare(*args.drugs)
    if fmt == "json":
        return comparison.to_json(_indent()), EXIT_OK
    if fmt == "csv":
        sections = list(dict.fromkeys(args.sections or ()))
        if len(sections) != 1:
            raise InvalidArgumentError(
                "--format csv writes one table: choose one of --sections "
                + ", ".join(SECTION_CHOICES)
            )
        from ._render.delimited import to_csv
        from ._render.frame import comparison_rows

        return to_csv(comparison_rows(comparison, sections[0])), EXIT_OK
    return comparison.to_table(fmt, sections=args.sections, limit=args.limit or None), EXIT_OK


def _show(catalog: Any, args: argparse.Namespace, fmt: str) -> tuple[str, int]:
    drug = catalog.lookup_drug(args.drug)
    if fmt == "json":
        return drug.to_json(_indent()), EXIT_OK
    if fmt == "csv":
        from ._render.catalog_frame import catalog_rows
        from ._render.delimited import to_csv

        return to_csv(catalog_rows([drug], args.table)), EXIT_OK
    from ._render.drug_text import drug_text

    return drug_text(drug, fmt, args.limit or None, catalog.as_of), EXIT_OK


def _search(catalog: Any, args: argparse.Namespace, fmt: str) -> tuple[str, int]:
    found = catalog.search_drugs(args.query, args.limit)
    if not found:
        print(f"drugcompare: no drug matches {args.query!r}", file=sys.stderr)
        return "", EXIT_NO_RESULT
    return _collection(found, fmt, None), EXIT_OK


def _condition(catalog: Any, args: argparse.Namespace, fmt: str) -> tuple[str, int]:
    from ._render.conditions import condition_report

    condition = catalog.lookup_condition(args.query)
    return condition_report(catalog, condition, args.query, fmt), EXIT_OK


def _for(catalog: Any, args: argparse.Namespace, fmt: str) -> tuple[str, int]:
    result = catalog.drugs_for(args.condition, args.status)
    code = EXIT_OK if result else EXIT_NO_RESULT
    return _collection(result, fmt, args.limit or None), code


def _collection(result: Any, fmt: str, limit: int | None) -> str:
    if fmt == "json":
        text: str = result.to_json(_indent())
        return text
    if fmt == "csv":
        from ._render.delimited import to_csv
        from ._render.list_frame import drugs_for_rows, drugs_rows

        rows = drugs_for_rows(result) if hasattr(result, "matches") else drugs_rows(result)
        return to_csv(rows)
    return str(result.to_table(fmt, limit=limit))


def _sources(layers: Any, fmt: str) -> str:
    from ._render.delimited import to_csv
    from ._render.frame import Tidy

    columns = ["id", "name", "date", "version", "license", "url"]
    rows = [{c: getattr(layer, c) for c in columns} for layer in layers]
    if fmt == "json":
        from ._document import dumps

        return dumps(rows, _indent())
    if fmt == "csv":
        return to_csv(Tidy(rows, columns))
    text: str = layers.to_table(fmt)
    return text


_HANDLERS: dict[str, Callable[[Any, argparse.Namespace, str], tuple[str, int]]] = {
    "compare": _compare,
    "show": _show,
    "search": _search,
    "condition": _condition,
    "for": _for,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
