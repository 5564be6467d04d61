"""Adverse-reaction table rows -> figures: one figure per (table, drug arm) for each row term, with
the placebo figure of the SAME ROW only.

Rules (each tested in tests/build/test_labels_tables.py):
- Tables read: those of section 6 whose caption (or, without one, introducing paragraph) names
  adverse reactions/events/experiences, side effects or incidence; not tables of reactions leading
  to discontinuation or dose reduction, discontinuation-emergent (withdrawal) symptoms, laboratory
  values, vital signs, weight change or mean score changes.
- Columns: a column's header is its header cells from top to bottom. A column naming "placebo" is
  a placebo arm; a column naming the drug (its generic, substance or brand name, or an
  abbreviation the table defines for it) or only a dose ("300 mg/day") is a drug arm; any other
  column (an active comparator, "n" count columns) gives no figure. ``n`` is the "N=336" count of
  the header.
- Pairing: a drug arm's placebo is the table's only placebo column; with several, the placebo
  column sharing the longest run of header cells with it (same indication group); in a table
  recovered from flat text, the placebo closing (or opening) its group of drug arms. No unique
  placebo column: the figure is given without placebo.
- Rows: a row whose data cells are all empty is a body-system header, not a term; "Any adverse
  reaction"/"total" rows are not terms; a row giving patient counts ("n (males) 1,446 1,042",
  "Men only (N=1316)") sets the counts (and a subgroup) for the rows below. A cell "<1%", "-",
  "—" or empty is not a figure (no frequency for that arm; no placebo figure for its pair).
  Figures above 100 are not percentages and are dropped.
- Terms: the row label with footnote marks removed is looked up in the MedDRA term index; failing
  that, without a parenthesised qualifier; in a flattened table, without a leading body-system
  heading; with a footnote sentence printed after the label, the label before it. A label no
  candidate maps is reported, never guessed.
- Population: the indication group of the column when the header has one, else what the caption
  names after "Trials/Studies in/for/of", else the "patients with ..." phrase of the introducing
  paragraph, plus the subgroup of a counts row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .model import Table
from .row_terms import term_candidates

__all__ = ["TableFigure", "TableResult", "is_adverse_table", "read_table"]

_ADVERSE = re.compile(r"adverse|treatment[- ]emergent|incidence|side effects|reactions", re.I)
_EXCLUDE = re.compile(
    r"discontinu|dose reduction|withdrawal|laboratory|vital sign|weight (?:gain|loss|change)"
    r"|mean change|ASEX|interaction|pharmacokinetic|abnormalit(?:y|ies) in|shift",
    re.I,
)
_COUNT = re.compile(r"\b[Nn]\s*(?:\([^)]*\)\s*)?=\s*(\d[\d,]*)")
_BARE_COUNT = re.compile(r"^\(?\s*(?:[Nn]\s*=\s*)?(\d[\d,]*)\s*\)?$")
_VALUE = re.compile(
    r"^(\d+(?:\.\d+)?)\s*%?(?:\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)\s*%?)?(?:\s*\((\d+(?:\.\d+)?)%?\))?$"
)
_CELL_MARKS = re.compile(r"(?:\s*[*†‡§¶#]+|\s+[a-e](?:,\s*[a-e])*)$")  # never a digit: "0 to 5"
_TOTAL = re.compile(r"^(?:any|all|total|at least one|patients with (?:any|at least))\b", re.I)
_DOSE_WORD = re.compile(
    r"^(?:\d[\d.,/]*|mg|mg/d|mg/day|mg/kg|mg/kg/day|mcg|g|daily|day|bid|tid|qd|once|twice|to|"
    r"[<≤]?\d.*|dose|doses|%|\(%\)|n|n=\S*|\(n|=|\d+\)|all|pooled|combined|total)$",
    re.I,
)
_GROUP_SKIP = re.compile(r"placebo|^%$|^\(?n\s*=|^n$|mg|^\d", re.I)


@attrs.frozen
class TableFigure:
    """One row term's figure in one drug arm, with its same-row placebo figure."""

    label: str
    term: Any
    arm: str
    value: tuple[float, float]
    n: int | None
    placebo: tuple[float, float] | None
    placebo_n: int | None
    population: str | None
    table: str
    quote: str


@attrs.frozen
class TableResult:
    figures: tuple[TableFigure, ...]
    unmapped: tuple[str, ...]
    skipped: str | None = None
    """Why the table gave nothing (not an incidence table, no drug arm ...)."""


def is_adverse_table(table: Table) -> bool:
    title = table.caption or table.intro
    return bool(title and _ADVERSE.search(title) and not _EXCLUDE.search(title))


def _number(text: str) -> int | None:
    match = _COUNT.search(text) or _BARE_COUNT.match(text.strip())
    if not match:
        return None
    value = int(match.group(1).replace(",", ""))
    return value if value > 0 else None


def _value(cell: str) -> tuple[float, float] | None:
    cell = _CELL_MARKS.sub("", cell.strip()).strip()
    match = _VALUE.match(cell)
    if not match:
        return None
    if match.group(3) is not None:  # "64 (16)": a count and its percentage
        low = high = float(match.group(3))
    else:
        low = float(match.group(1))
        high = float(match.group(2)) if match.group(2) else low
    if high > 100 or low > high:
        return None
    return round(low / 100, 6), round(high / 100, 6)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w%<≤=./-]+", text.lower()) if w]


def _columns(table: Table) -> list[list[str]]:
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)
    paths: list[list[str]] = []
    for column in range(1, width):
        path: list[str] = []
        for row in table.header:
            cell = row[column] if column < len(row) else ""
            if cell and (not path or path[-1] != cell):
                path.append(cell)
        paths.append(path)
    return paths


def _arm_text(path: Sequence[str]) -> str:
    return re.sub(r"(?:\s*%)+$", "", " ".join(path)).strip()


def _kind(path: Sequence[str], names: frozenset[str]) -> str:
    text = _arm_text(path).lower()
    if not text:
        return "other"
    if "placebo" in text:
        return "placebo"
    words = _words(text)
    if any(w in names for w in words) or any(w.rstrip("*") in names for w in words):
        return "drug"
    dose = re.sub(r"[(\[]?\s*\bn\s*(?:\([^)]*\)\s*)?=\s*[\d,]+\s*[)\]]?", " ", text)
    if words and all(_DOSE_WORD.match(w) for w in words) and re.search(r"\d", dose):
        return "drug"  # a dose column ("300 mg/day"); a bare count "(N=43)" names nothing
    return "other"


def _pairs(paths: list[list[str]], kinds: list[str], flattened: bool) -> dict[int, int | None]:
    placebos = [i for i, k in enumerate(kinds) if k == "placebo"]
    drugs = [i for i, k in enumerate(kinds) if k == "drug"]
    if len(placebos) <= 1:
        return dict.fromkeys(drugs, placebos[0] if placebos else None)
    pairs: dict[int, int | None] = {}
    if not flattened:
        for d in drugs:
            scores = {p: _shared(paths[d], paths[p]) for p in placebos}
            best = max(scores.values())
            winners = [p for p, s in scores.items() if s == best]
            pairs[d] = winners[0] if best > 0 and len(winners) == 1 else None
        return pairs
    closing = all(i + 1 < len(kinds) for i in drugs) and kinds[-1] == "placebo"
    opening = kinds[0] == "placebo"
    for d in drugs:
        if closing:
            pairs[d] = next(p for p in placebos if p > d)
        elif opening:
            pairs[d] = max(p for p in placebos if p < d)
        else:
            pairs[d] = None
    return pairs


def _shared(a: Sequence[str], b: Sequence[str]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _group(path: Sequence[str], shared: int) -> str | None:
    """The indication group a column header names above its arm name, if any."""
    for cell in path[: max(shared, 0)]:
        if not _GROUP_SKIP.search(cell):
            return cell
    return None


_POPULATION_END = re.compile(
    r"\s+(?=(?:Adverse|The|Includes|Including|Reactions|Events|Percent|Percentage|Body System|"
    r"System Organ|Preferred|MedDRA|n=|\*)\b)|\s+[a-e](?:,[a-e])*(?=\s|$)|[*†‡]|\.\s"
)


def _population(table: Table) -> str | None:
    caption = re.sub(r"^(?:TABLE|Table)\s+\d+\s*[.:]?\s*", "", table.caption).strip()
    match = re.search(
        r"(?:Trials?|Stud(?:y|ies))\*?\s+(?:in|for|of)\s+(?:the\s+)?(?:Treatment\s+of\s+)?(.+)$",
        caption,
    )
    if match:
        text = _POPULATION_END.split(match.group(1), maxsplit=1)[0].strip(" .,")
        if text.count(")") > text.count("("):
            text = text.rstrip(")").strip()
        if text:
            return text
    match = re.search(
        r"\bpatients\s+(?:with|aged?|ages?|>|<|≥|\d)[^.;]*?"
        r"(?=\s+participating|\s+who\b|\s+treated|\s+in\s+(?:placebo|controlled|clinical|the)|[,.;]|$)",
        table.intro,
    )
    if match:
        return match.group(0).strip()
    return None


def read_table(
    table: Table,
    drug_names: Sequence[str],
    lookup: Callable[[str], Any],
) -> TableResult:
    """The figures of one adverse-reaction table (``lookup``: text -> MedDRA term or None)."""
    if not is_adverse_table(table):
        return TableResult((), (), "not an adverse-reaction incidence table")
    names = frozenset(
        w for n in drug_names for w in _words(n) if len(w) > 3 and not w.isdigit()
    ) | frozenset(table.aliases)
    names |= {
        m.group(1).lower()
        for note in (*table.footnotes, table.caption)
        for m in re.finditer(r"\b([A-Z]{2,6})\s*[:=]\s*([A-Za-z-]+)", note)
        if m.group(2).lower() in names
    }
    paths = _columns(table)
    kinds = [_kind(p, names) for p in paths]
    pairs = _pairs(paths, kinds, table.flattened)
    if not pairs:
        return TableResult((), (), "no column names the drug")
    counts = [_number(_arm_text(p)) for p in paths]
    base_population = _population(table)
    caption = table.caption or table.intro
    title = caption if len(caption) < 200 else caption[:197].rsplit(" ", 1)[0]
    subgroup: str | None = None
    figures: list[TableFigure] = []
    unmapped: list[str] = []
    for index, row in enumerate(table.rows):
        label = row[0].strip() if row else ""
        cells = list(row[1:]) + [""] * (len(paths) - len(row) + 1)
        if not any(c.strip() for c in cells):
            continue  # a body-system heading
        numbers = [_number(c) if c.strip() else None for c in cells]
        if (
            label.lower().startswith(("n ", "n(", "n=")) or "(n" in " ".join(cells).lower()
        ) and all((n is not None) == bool(c.strip()) for n, c in zip(numbers, cells, strict=False)):
            counts = [n if n is not None else counts[i] for i, n in enumerate(numbers)]
            inner = re.search(r"\(([^)]*)\)", label)
            subgroup = (inner.group(1) if inner else label).strip() or None
            continue
        if not label or _TOTAL.match(label):
            continue
        term = None
        for candidate in term_candidates(label, table.flattened):
            term = lookup(candidate)
            if term is not None:
                break
        values = [_value(c) for c in cells]
        if not any(values[d] for d in pairs):
            continue
        if term is None:
            unmapped.append(label)
            continue
        quote = table.row_quotes[index] if table.flattened else " ".join(c for c in row if c)
        if len(quote) >= 200:
            quote = quote[:197].rsplit(" ", 1)[0]
        for drug, placebo in sorted(pairs.items()):
            value = values[drug]
            if value is None:
                continue
            group = _group(
                paths[drug],
                _shared(paths[drug], paths[placebo])
                if placebo is not None
                else len(paths[drug]) - 1,
            )
            population = group or base_population
            if subgroup:
                population = f"{population}, {subgroup}" if population else subgroup
            figures.append(
                TableFigure(
                    label=label,
                    term=term,
                    arm=_arm_text(paths[drug]),
                    value=value,
                    n=counts[drug],
                    placebo=values[placebo] if placebo is not None else None,
                    placebo_n=counts[placebo] if placebo is not None and values[placebo] else None,
                    population=population,
                    table=title,
                    quote=quote,
                )
            )
    return TableResult(tuple(figures), tuple(unmapped))
