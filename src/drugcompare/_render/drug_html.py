"""HTML views of one drug and one condition."""

from __future__ import annotations

from ..model import Condition, Drug, Indication
from .common import grouped
from .drug_text import effect_order
from .facts import approval_text, products_rows, schedule_text, short_list
from .html import context_html, drug_badges, groups_html
from .style import (
    esc,
    frequency_html,
    html_table,
    section,
    severity_badge,
    sources_html,
    wrap,
)

__all__ = ["condition_html", "drug_html"]


def drug_html(drug: Drug, limit: int | None = 20) -> str:
    """Everything known about one drug, as the text view has it: identity, approval, schedule,
    boxed warnings, indications (one line per condition and status), limitations, adverse
    effects (label tables first, with where each figure comes from), withdrawal per product
    group, products, market withdrawals."""
    header = (
        f"<h4>{esc(drug.display_name)} "
        f'<span class="dc-sub">{esc(drug.id)} · {esc(drug.kind.value.replace("_", " "))}</span></h4>'
        f'<div class="dc-drugs">{drug_badges(drug)}</div>'
    )
    facts = [
        ("Ingredients", esc(", ".join(drug.ingredients))),
        ("Brands", esc(short_list(drug.brand_names, 10))),
        ("Synonyms", esc(short_list(drug.synonyms, 8))),
        ("Identifiers", esc(", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()))),
        ("ATC", esc(", ".join(drug.atc_codes))),
        ("Approval", esc(approval_text(drug.approval))),
        ("DEA schedule", esc(schedule_text(drug.dea))),
        (
            "Mechanisms",
            esc(
                "; ".join(
                    dict.fromkeys(
                        " ".join(
                            x
                            for x in (m.target or m.pharmacologic_class or m.description, m.action)
                            if x
                        )
                        for m in drug.mechanisms
                    )
                )
            ),
        ),
    ]
    parts = [header, html_table(["Field", "Value"], ([k, v] for k, v in facts if v))]
    if drug.boxed_warnings:
        rows = (
            [esc(b.topic), esc(b.scope), esc(b.summary), sources_html(b.sources, 2)]
            for b in drug.boxed_warnings
        )
        parts.append(
            section(
                "Boxed warnings",
                html_table(["Topic", "Products", "Summary", "Sources"], rows, optional=(1, 2)),
            )
        )
    if drug.indications:
        by_condition: dict[str, list[Indication]] = {}
        for group in grouped(drug.indications):
            by_condition.setdefault(group.condition.id, [])
        for indication in drug.indications:
            by_condition[indication.condition.id].append(indication)
        rows = (
            [esc(found[0].condition.name), groups_html(found, found[0].condition.id)]
            for found in by_condition.values()
        )
        parts.append(
            section(
                f"Indications ({len(by_condition)} conditions, strongest evidence first)",
                html_table(["Condition", "Status, products, label date and sources"], rows),
            )
        )
    if drug.limitations:
        rows = ([esc(x.text), esc(x.scope), sources_html(x.sources, 1)] for x in drug.limitations)
        parts.append(
            section(
                "Limitations of use (never indications)",
                html_table(["Statement", "Products", "Sources"], rows, optional=(1,)),
            )
        )
    if drug.adverse_effects:
        effects = sorted(drug.adverse_effects, key=effect_order)
        shown = effects if limit is None else effects[:limit]
        title = f"Adverse effects ({len(effects)}"
        title += f", {len(shown)} shown, label tables first)" if len(shown) < len(effects) else ")"
        rows = (
            [
                esc(e.term),
                frequency_html(e.frequency) + context_html(e.frequency),
                sources_html(e.frequency_sources, 1),
            ]
            for e in shown
        )
        parts.append(section(title, html_table(["Adverse effect", "Incidence", "Sources"], rows)))
    if drug.withdrawal_risks:
        rows = (
            [
                esc(w.scope or "all products"),
                severity_badge(w),
                esc(", ".join(w.symptoms)),
                esc(w.taper),
                esc(w.dependence),
                esc(w.note),
                sources_html(w.sources),
            ]
            for w in drug.withdrawal_risks
        )
        headers = ["Products", "Severity", "Symptoms", "Taper guidance", "Dependence", "Note"]
        parts.append(
            section(
                "Stopping the drug",
                html_table([*headers, "Sources"], rows, optional=(2, 3, 4, 5)),
            )
        )
    if drug.products:
        shown_products = products_rows(drug, limit)
        title = f"Products ({len(drug.products)}"
        title += (
            f", {len(shown_products)} shown, brands first)"
            if len(shown_products) < len(drug.products)
            else ")"
        )
        headers = ["Product", "Form, route", "Application", "Approved", "US status"]
        rows = ([esc(cell) for cell in row] for row in shown_products)
        parts.append(section(title, html_table(headers, rows)))
    if drug.market_withdrawals:
        parts.append(
            section(
                "Market withdrawals",
                html_table(
                    ["Year", "Country", "Reason", "Sources"],
                    (
                        [esc(m.year), esc(m.country), esc(m.reason), sources_html(m.sources, 2)]
                        for m in drug.market_withdrawals
                    ),
                ),
            )
        )
    return wrap(*parts)


def condition_html(condition: Condition) -> str:
    facts = [
        ("Id", esc(condition.id)),
        ("Synonyms", esc(", ".join(condition.synonyms))),
        ("Cross-references", esc(", ".join(condition.xrefs))),
        ("Broader conditions", esc(", ".join(condition.parents))),
    ]
    return wrap(
        f'<h4>{esc(condition.name)} <span class="dc-sub">condition</span></h4>',
        html_table(["Field", "Value"], ([k, v] for k, v in facts if v)),
    )
