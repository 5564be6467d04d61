"""Text views of one drug and one condition."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

from ..model import AdverseEffect, Condition, Drug
from .common import (
    IndicationGroup,
    References,
    check_tablefmt,
    figure_context,
    finish,
    frequency_text,
    grouped,
    table,
    with_mark,
)
from .facts import approval_text, products_rows, schedule_text, short_list

__all__ = ["condition_text", "drug_text", "effect_order"]


def drug_text(
    drug: Drug,
    tablefmt: str = "simple",
    limit: int | None = 15,
    as_of: Sequence[tuple[str, str]] = (),
) -> str:
    """Everything known about one drug as text tables: identity, approval, schedule, products,
    boxed warnings, mechanisms, indications (one row per condition), limitations, adverse
    effects (label-table figures first), withdrawal (one row per product group)."""
    fmt = check_tablefmt(tablefmt)
    lines = [drug.display_name if drug.brand_names else drug.name]
    facts: list[list[Any]] = [
        ["Id", drug.id],
        ["Kind", drug.kind.value.replace("_", " ")],
        ["Ingredients", ", ".join(drug.ingredients) or None],
        ["Brands", short_list(drug.brand_names, 10)],
        ["Synonyms", short_list(drug.synonyms, 8)],
        ["Identifiers", ", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()) or None],
        ["ATC", ", ".join(drug.atc_codes) or None],
        ["Approval", approval_text(drug.approval)],
        ["DEA schedule", schedule_text(drug.dea)],
    ]
    lines.append(table([f for f in facts if f[1]], ["", ""], "plain", [None, 90]))
    refs = References()
    if drug.boxed_warnings:
        lines += ["", "Boxed warnings"]
        rows = [
            [with_mark(b.topic, refs.mark(b.sources, 1)), b.scope, b.summary]
            for b in drug.boxed_warnings
        ]
        lines.append(table(rows, ["Topic", "Products", "Summary"], fmt, [32, 24, 60]))
    if drug.mechanisms:
        lines += ["", "Mechanisms"]
        rows = [
            [
                with_mark(m.target or m.description or "-", refs.mark(m.sources, 1)),
                m.gene,
                m.action,
                m.pharmacologic_class,
            ]
            for m in drug.mechanisms
        ]
        headers = ["Target (or what the source says)", "Gene", "Action", "Class"]
        lines.append(table(rows, headers, fmt, [48, 10, 12, 30]))
    if drug.indications:
        groups = grouped(drug.indications)
        best: dict[str, IndicationGroup] = {}
        weaker: dict[str, list[str]] = {}
        for group in groups:
            if group.condition.id not in best:
                best[group.condition.id] = group
            else:
                weaker.setdefault(group.condition.id, []).append(group.status.label)
        lines += ["", f"Indications ({len(best)} conditions, strongest evidence first)"]
        rows = [
            [
                g.condition.name,
                g.status.label + (f" (also {', '.join(weaker[cid])})" if cid in weaker else ""),
                "; ".join(g.scopes[:2]) or None,
                g.date,
                refs.mark(g.sources, 2),
            ]
            for cid, g in best.items()
        ]
        lines.append(
            table(
                rows, ["Condition", "Status", "Products", "Label", "Src"], fmt, [28, 22, 40, 10, 8]
            )
        )
    if drug.limitations:
        lines += ["", "Limitations of use (never indications)"]
        rows = [[with_mark(x.text, refs.mark(x.sources, 1)), x.scope] for x in drug.limitations]
        lines.append(table(rows, ["Statement", "Products"], fmt, [80, 30]))
    if drug.adverse_effects:
        effects = sorted(drug.adverse_effects, key=effect_order)
        shown = effects if limit is None else effects[:limit]
        lines += ["", f"Adverse effects ({len(effects)}, {len(shown)} shown, label tables first)"]
        rows = [
            [
                e.term,
                with_mark(frequency_text(e.frequency), refs.mark(e.frequency_sources, 1)),
                figure_context(e.frequency),
            ]
            for e in shown
        ]
        lines.append(table(rows, ["Adverse effect", "Incidence", "Where from"], fmt, [28, 30, 60]))
    for risk in drug.withdrawal_risks:
        lines += ["", "Stopping the drug" + (f": {risk.scope}" if risk.scope else "")]
        severity = risk.severity.label + (" (boxed warning)" if risk.boxed_warning else "")
        rows = [
            ["Severity", with_mark(severity, refs.mark(risk.sources, 2))],
            ["Symptoms", ", ".join(risk.symptoms) or None],
            ["Onset", risk.onset],
            ["Taper", risk.taper],
            ["Dependence", risk.dependence],
            ["Note", risk.note],
        ]
        lines.append(table([r for r in rows if r[1]], ["", ""], "plain", [None, 90]))
    if drug.products:
        rows = products_rows(drug, limit)
        lines += ["", f"Products ({len(drug.products)}, {len(rows)} shown, brands first)"]
        headers = ["Product", "Form, route", "Application", "Approved", "US status"]
        lines.append(table(rows, headers, fmt, [28, 36, 12, 10, 12]))
    if drug.market_withdrawals:
        lines += ["", "Market withdrawals"]
        market = [[m.year, m.country, m.reason] for m in drug.market_withdrawals]
        lines.append(table(market, ["Year", "Country", "Reason"], fmt, [None, 20, 60]))
    return finish(lines, refs, as_of)


def effect_order(effect: AdverseEffect) -> tuple[int, float]:
    """Label-table figures first, then by incidence (highest first)."""
    freq = effect.frequency
    origin = freq.origin.rank if freq is not None and freq.origin is not None else 2
    value = freq.value if freq is not None and freq.value is not None else -1.0
    return (0 if origin == 0 else 1, -value)


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
