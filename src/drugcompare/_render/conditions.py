"""What a condition name means and where it sits (``drugcompare condition``): the condition
the name resolves to, its other names and cross-references, its broader and narrower
conditions, and how many drugs are indicated for it (or a narrower one) by status."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .._text import normalize
from ..model import Condition, IndicationStatus
from .common import as_of_lines, check_tablefmt, table

__all__ = ["condition_report"]


class _Catalog(Protocol):
    """What the report reads from a catalog (the public Catalog satisfies it)."""

    @property
    def conditions(self) -> Mapping[str, Condition]: ...

    @property
    def as_of(self) -> tuple[tuple[str, str], ...]: ...

    def descendants(self, condition_id: str) -> set[str]: ...

    def drugs_for(self, condition: Condition) -> Sequence[object]: ...


def _how(condition: Condition, query: str) -> str:
    key = normalize(query)
    for what, names in (
        ("its id or a cross-reference", (condition.id, *condition.xrefs)),
        ("its name", (condition.name,)),
        ("an alias", condition.aliases),
        ("a synonym", condition.synonyms),
    ):
        if any(key in (normalize(n), normalize(n.partition(":")[2])) for n in names):
            return what
    return "a name"


def condition_report(catalog: _Catalog, condition: Condition, query: str, fmt: str) -> str:
    """The report as text (any tabulate format) or JSON."""
    conditions = catalog.conditions
    parents = [conditions[p].name if p in conditions else p for p in condition.parents]
    narrower = sorted(
        (conditions[c].name for c in catalog.descendants(condition.id) if c in conditions),
        key=str.casefold,
    )
    result = catalog.drugs_for(condition)
    by_status: dict[str, list[str]] = {}
    matches = getattr(result, "matches", {})
    for drug in result:
        drug_id = getattr(drug, "id", "")
        statuses = {i.status for i in matches.get(drug_id, ())}
        best = min(statuses, key=lambda s: s.rank) if statuses else IndicationStatus.LISTED
        by_status.setdefault(best.label, []).append(getattr(drug, "name", drug_id))
    if fmt == "json":
        return json.dumps(
            {
                "query": query,
                "condition": {"id": condition.id, "name": condition.name},
                "matched_by": _how(condition, query),
                "aliases": list(condition.aliases),
                "synonyms": list(condition.synonyms),
                "xrefs": list(condition.xrefs),
                "broader": parents,
                "narrower": narrower,
                "drugs_by_strongest_status": by_status,
            },
            indent=2,
            ensure_ascii=False,
        )
    fmt = check_tablefmt(fmt)
    facts: list[list[Any]] = [
        ["Condition", f"{condition.name} ({condition.id})"],
        ["Matched by", f"{query!r} is {_how(condition, query)}"],
        ["Aliases", ", ".join(condition.aliases) or None],
        ["Synonyms", ", ".join(condition.synonyms[:10]) or None],
        ["Cross-references", ", ".join(condition.xrefs[:10]) or None],
        ["Broader", ", ".join(parents) or None],
        ["Narrower", _short(narrower)],
    ]
    lines = [table([f for f in facts if f[1]], ["", ""], "plain", [None, 90]), ""]
    rows: list[list[Any]] = [
        [
            status.label,
            len(by_status.get(status.label, ())),
            _short(by_status.get(status.label, [])),
        ]
        for status in IndicationStatus
    ]
    lines.append(f"Drugs indicated for it or a narrower condition: {len(result)}")
    lines.append(table(rows, ["Strongest status", "Drugs", "Examples"], fmt, [18, 6, 70]))
    lines.append(f"drugcompare for {query!r} --status approved   lists them with their sources")
    return "\n".join(lines + as_of_lines(catalog.as_of))


def _short(names: list[str], limit: int = 12) -> str | None:
    if not names:
        return None
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" ... (+{more} more)" if more > 0 else "")
