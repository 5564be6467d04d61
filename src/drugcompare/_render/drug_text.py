"""Text views of one drug and one condition."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from ..model import Condition, Drug
from .common import check_tablefmt, frequency_text, sources_text, table

__all__ = ["condition_text", "drug_text"]


def drug_text(drug: Drug, tablefmt: str = "simple", limit: int | None = 15) -> str:
    fmt = check_tablefmt(tablefmt)
    lines = [drug.display_name if drug.brand_names else drug.name]
    facts: list[list[Any]] = [
        ["Id", drug.id],
        ["Kind", drug.kind.value.replace("_", " ")],
        ["Brands", ", ".join(drug.brand_names) or None],
        [
            "Synonyms",
            ", ".join(drug.synonyms[:8]) + (" ..." if len(drug.synonyms) > 8 else "") or None,
        ],
        ["Identifiers", ", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()) or None],
        ["ATC", ", ".join(drug.atc_codes) or None],
        ["DEA schedule", drug.dea_schedule.label if drug.dea_schedule else "unknown"],
    ]
    if drug.approval is not None:
        approved = {True: "FDA approved", False: "not FDA approved", None: "FDA approval unknown"}[
            drug.approval.fda_approved
        ]
        if drug.approval.first_approval_year:
            approved += f" (first approval {drug.approval.first_approval_year})"
        facts.append(["Approval", approved])
    lines.append(tabulate(facts, tablefmt="plain", maxcolwidths=[None, 90]))
    if drug.boxed_warnings:
        lines += ["", "Boxed warnings"]
        rows = [[b.topic, b.product, b.summary] for b in drug.boxed_warnings]
        lines.append(table(rows, ["Topic", "Product", "Summary"], fmt, [30, 20, 60]))
    if drug.mechanisms:
        lines += ["", "Mechanisms"]
        rows = [[m.target, m.gene, m.action, m.pharmacologic_class] for m in drug.mechanisms]
        lines.append(table(rows, ["Target", "Gene", "Action", "Class"], fmt, [40, 10, 16, 30]))
    if drug.indications:
        lines += ["", "Indications"]
        rows = [
            [i.condition.name, i.status.label, i.product, i.note, sources_text(i.sources, 1)]
            for i in drug.indications
        ]
        lines.append(
            table(
                rows,
                ["Condition", "Status", "Product", "Note", "Source"],
                fmt,
                [28, 12, 16, 40, 30],
            )
        )
    if drug.adverse_effects:
        effects = sorted(
            drug.adverse_effects,
            key=lambda e: (
                -(e.frequency.value if e.frequency and e.frequency.value is not None else -1)
            ),
        )
        shown = effects if limit is None else effects[:limit]
        lines += ["", f"Adverse effects ({len(effects)}, {len(shown)} most frequent shown)"]
        rows = [
            [e.term, frequency_text(e.frequency), e.frequency.population if e.frequency else None]
            for e in shown
        ]
        lines.append(table(rows, ["Adverse effect", "Incidence", "Population"], fmt, [30, 28, 50]))
    if drug.withdrawal is not None:
        w = drug.withdrawal
        lines += ["", "Stopping the drug"]
        rows = [
            ["Severity", w.severity.label + (" (boxed warning)" if w.boxed_warning else "")],
            ["Symptoms", ", ".join(w.symptoms) or None],
            ["Onset", w.onset],
            ["Taper", w.taper],
            ["Dependence", w.dependence],
            ["Note", w.note],
        ]
        lines.append(tabulate([r for r in rows if r[1]], tablefmt="plain", maxcolwidths=[None, 90]))
    if drug.market_withdrawals:
        lines += ["", "Market withdrawals"]
        market = [[m.year, m.country, m.reason] for m in drug.market_withdrawals]
        lines.append(table(market, ["Year", "Country", "Reason"], fmt, [None, 20, 60]))
    return "\n".join(lines)


def condition_text(condition: Condition) -> str:
    facts = [
        ("Id", condition.id),
        ("Synonyms", ", ".join(condition.synonyms)),
        ("Cross-references", ", ".join(condition.xrefs)),
        ("Broader conditions", ", ".join(condition.parents)),
    ]
    rows = [[key, value] for key, value in facts if value]
    table = tabulate(rows, tablefmt="plain", maxcolwidths=[None, 90])
    return f"{condition.name}\n{table}"
