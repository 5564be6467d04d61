"""Which source states a drug's first US approval (date, year, application, sponsor, product).

Each regulatory source offers a candidate per drug: the Orange Book (its earliest product
approval date), MEDI (earliest Orange Book / Purple Book date), NCATS (the Drugs@FDA date of the
first application, to 2019) and the DEA actions table (an "FDA approved <brand> <date>" note on a
placement of the drug whose brand is one of the drug's products). The rule, written once:

1. A source that says the drug was approved before 1982 without a date (the Orange Book's
   "Approved Prior to Jan 1, 1982", MEDI's 19820101) rules out any candidate dated 1982 or later:
   such a candidate contradicts it and is dropped (counted), and no date is given unless another
   source dates the approval before 1982.
2. Among the remaining dated candidates the earliest wins (by year, then date); a tie goes to the
   candidate that names the application, then to the source of higher layer precedence (orange-book, drugsatfda, medi, ncats-approvals, dea).
   Earliest, because a later date is a later product (the first one left the Orange Book) or, for
   a drug the DEA scheduled on approval, the date the approval took effect after scheduling.
3. The winner's layer carries the first-approval fields (and only that layer), so the merged
   drug shows one consistent first approval with its source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

PRECEDENCE = ("orange-book", "drugsatfda", "medi", "ncats-approvals", "dea")


@dataclass(frozen=True)
class First:
    """One source's statement of a drug's first US approval."""

    layer: str
    date: str | None = None  # ISO date
    year: int | None = None
    pre_1982: bool = False
    application: str | None = None  # "NDA021723"
    sponsor: str | None = None
    product: str | None = None
    cite: tuple[tuple[str, str], ...] = ()  # (doc, section)

    @property
    def when(self) -> int | None:
        return self.year if self.year is not None else (int(self.date[:4]) if self.date else None)

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "first_approval_date": self.date,
            "first_approval_year": self.when,
            "application": self.application,
            "sponsor": self.sponsor,
            "first_product": self.product,
        }
        return {k: v for k, v in out.items() if v not in (None, "")}


@dataclass
class Decisions:
    """The winning candidate per drug, and counts of how the rule decided."""

    winners: dict[str, First] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def for_layer(self, layer: str) -> dict[str, First]:
        return {d: f for d, f in self.winners.items() if f.layer == layer}


def choose(candidates: Iterable[First], counts: Counter[str] | None = None) -> First | None:
    """The first approval the rule of the module docstring picks, or None."""
    counts = counts if counts is not None else Counter()
    found = list(candidates)
    before_1982 = any(c.pre_1982 for c in found)
    dated = [c for c in found if c.when is not None]
    if before_1982:
        kept = [c for c in dated if c.when is not None and c.when < 1982]
        if len(kept) < len(dated):
            counts["dated 1982 or later although a source says approved before 1982: dropped"] += (
                len(dated) - len(kept)
            )
        dated = kept
    if not dated:
        if before_1982:
            counts["approved before 1982, no source dates it: no date given"] += 1
        return None
    dated.sort(
        key=lambda c: (c.when, c.date or "9999", c.application is None, PRECEDENCE.index(c.layer))
    )
    counts[f"won by {dated[0].layer}"] += 1
    return dated[0]


def decide(candidates: dict[str, list[First]]) -> Decisions:
    decisions = Decisions()
    for drug_id in sorted(candidates):
        winner = choose(candidates[drug_id], decisions.counts)
        if winner is not None:
            decisions.winners[drug_id] = winner
    return decisions


def approval_record(
    fda_approved: bool | None,
    statuses: list[str],
    first: First | None,
    cite: list[dict[str, str]],
    **extra: Any,
) -> dict[str, Any] | None:
    """An ``approval`` record with only the known fields; None when nothing is known."""
    out: dict[str, Any] = {}
    if fda_approved is not None:
        out["fda_approved"] = fda_approved
    if first is not None:
        out.update(first.fields())
        cite = cite + [{"doc": doc, "section": section} for doc, section in first.cite]
    if statuses:
        out["us_marketing_status"] = statuses
    out.update({k: v for k, v in extra.items() if v is not None})
    if not out:
        return None
    out["cite"] = cite
    return out
