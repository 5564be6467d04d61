"""Comma-separated values of a tidy table (what ``--format csv`` writes): no pandas needed."""

from __future__ import annotations

import csv
import io
from typing import Any

from .frame import Tidy

__all__ = ["to_csv"]


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def to_csv(tidy: Tidy) -> str:
    """The rows under a header line of the columns (RFC 4180 quoting, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(tidy.columns)
    for row in tidy.rows:
        writer.writerow([_cell(row.get(column)) for column in tidy.columns])
    return out.getvalue()
