"""SPL tables (the XHTML-like ``<table>`` of SPL XML, also inside openFDA ``*_table`` fields) as
:class:`~tools.build.labels.model.Table`: spans expanded, header rows found, packed rows unpacked.

Rules:
- ``colspan`` repeats a cell's text in every column it spans; ``rowspan`` repeats it downwards.
- Header rows are the ``<thead>`` rows plus the leading ``<tbody>`` rows that hold no figure in
  any column but the first (many labels put their column headers in the body).
- A body row whose cells hold several lines (``<br/>`` or paragraphs) with the same number of lines
  in every non-empty cell is "packed": it is unpacked into one row per line. A packed row whose
  cells disagree on their number of lines is kept as it is (and gives no figures downstream).
- Superscript footnote marks (``<sup>a</sup>``, ``*``, ``†``) are dropped from cells; the footnotes
  themselves are in ``<tfoot>``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .model import Table

__all__ = [
    "FIGURE",
    "clean",
    "element_text",
    "is_figure",
    "lines_of",
    "parse_html_table",
    "table_from_element",
]

_SPACE = re.compile(r"\s+")
_MARK = re.compile(r"^[\s*†‡§¶#a-hA-H\d,.]{1,5}$")
_BLOCKS = frozenset({"paragraph", "p", "item", "li", "list", "ul", "ol", "div", "tr"})
# A cell that holds a figure: "12", "12%", "2.3", "<1", "0 to 5", "6-15 %", "-", "—", "64 (16)".
FIGURE = re.compile(
    r"^(?:[<>≤≥]\s*)?\d+(?:[.,]\d+)?\s*%?(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?\s*%?)?"
    r"(?:\s*\(\s*[<>]?\d+(?:\.\d+)?\s*%?\s*\))?$"
)
_DASH = frozenset({"-", "—", "–", "--", "NA", "N/A", "na"})


def clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def element_text(element: Any, *, drop_marks: bool = False) -> str:
    """All text of an element, whitespace collapsed (footnote superscripts dropped if asked)."""
    return clean(" ".join(lines_of(element, drop_marks=drop_marks)))


def lines_of(element: Any, *, drop_marks: bool) -> list[str]:
    """The lines of a cell: ``<br/>`` ends a line (an empty line stays, for alignment), a block
    element (paragraph, list item) is a line of its own."""
    lines: list[str] = []
    current: list[str] = []

    def flush(keep_empty: bool) -> None:
        text = clean("".join(current))
        if text or keep_empty:
            lines.append(text)
        current.clear()

    def visit(node: Any) -> None:
        name = _local(node)
        if name == "br":
            flush(True)
        else:
            if name == "sup" and drop_marks and _MARK.match("".join(node.itertext()) or " "):
                pass
            else:
                block = name in _BLOCKS
                if block:
                    flush(False)
                if node.text and isinstance(node.tag, str):
                    current.append(node.text)
                for child in node:
                    visit(child)
                if block:
                    flush(False)
        if node.tail:
            current.append(node.tail)

    if element.text:
        current.append(element.text)
    for child in element:
        visit(child)
    flush(False)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def is_figure(cell: str) -> bool:
    return bool(FIGURE.match(cell.strip()))


def _grid(rows: list[Any]) -> list[list[list[str]]]:
    """Rows of cells (each a list of lines) with colspan and rowspan expanded."""
    grid: list[list[list[str]]] = []
    pending: dict[int, tuple[int, list[str]]] = {}  # column -> (rows left, lines)
    for tr in rows:
        out: list[list[str]] = []
        column = 0
        cells = [c for c in tr if _local(c) in ("td", "th")]
        index = 0
        while index < len(cells) or column in pending:
            if column in pending:
                left, lines = pending[column]
                out.append(lines)
                if left <= 1:
                    del pending[column]
                else:
                    pending[column] = (left - 1, lines)
                column += 1
                continue
            cell = cells[index]
            index += 1
            lines = lines_of(cell, drop_marks=True)
            span = _int(cell.get("colspan"))
            down = _int(cell.get("rowspan"))
            for _ in range(span):
                out.append(lines)
                if down > 1:
                    pending[column] = (down - 1, lines)
                column += 1
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([[] for _ in range(width - len(row))])
    return grid


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def _has_figures(row: list[list[str]]) -> bool:
    return any(is_figure(line) for cell in row[1:] for line in cell)


def _unpack(row: list[list[str]]) -> list[tuple[str, ...]]:
    filled = [cell for cell in row if cell]
    counts = {len(cell) for cell in filled}
    if len(filled) >= 2 and len(counts) == 1 and next(iter(counts)) > 1:
        size = next(iter(counts))
        return [tuple(cell[i] if cell else "" for cell in row) for i in range(size)]
    return [tuple(clean(" ".join(cell)) for cell in row)]


def table_from_element(table: Any, intro: str = "") -> Table:
    """A :class:`Table` from an SPL/HTML ``<table>`` element (namespaced or not)."""
    caption = ""
    head: list[Any] = []
    body: list[Any] = []
    foot: list[Any] = []
    for child in table:
        name = _local(child)
        if name == "caption":
            caption = element_text(child)
        elif name in ("thead", "tbody", "tfoot"):
            part = [r for r in child if _local(r) == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[name].extend(part)
        elif name == "tr":
            body.append(child)
    grid = _grid(head + body)
    header_count = len(head)
    while header_count < len(grid) and not _has_figures(grid[header_count]):
        # stop at the first row that names something with all other cells empty (a body-system
        # header row) once some column header has been seen
        if header_count >= 1 and grid[header_count][0] and not any(grid[header_count][1:]):
            break
        header_count += 1
    if header_count == len(grid):
        header_count = len(head)
    header = tuple(tuple(clean(" ".join(c)) for c in row) for row in grid[:header_count])
    rows: list[tuple[str, ...]] = []
    for row in grid[header_count:]:
        rows.extend(_unpack(row))
    footnotes = tuple(text for r in foot for text in [element_text(r)] if text)
    if not caption and re.match(r"(?i)table\s+\d+", intro):
        caption, intro = intro, ""  # a paragraph printed as the table's title
    return Table(caption=caption, header=header, rows=tuple(rows), footnotes=footnotes, intro=intro)


def parse_html_table(markup: str, intro: str = "") -> Table | None:
    """A table from openFDA ``*_table`` markup (SPL table XML without a namespace)."""
    try:
        element = etree.fromstring(markup.encode(), parser=etree.XMLParser(recover=True))
    except etree.XMLSyntaxError:
        return None
    if element is None:
        return None
    if _local(element) != "table":
        found = element.find(".//table")
        if found is None:
            return None
        element = found
    return table_from_element(element, intro)
