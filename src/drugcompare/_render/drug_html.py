"""HTML views of one drug and one condition."""

from __future__ import annotations

from ..model import Condition, Drug
from .html import drug_badges, sorted_indications
from .style import (
    esc,
    frequency_html,
    html_table,
    section,
    severity_badge,
    sources_html,
    status_badge,
    wrap,
)

__all__ = ["condition_html", "drug_html"]


def drug_html(drug: Drug, limit: int | None = 20) -> str:
    header = (
        f"<h4>{esc(drug.display_name)} "
        f'<span class="dc-sub">{esc(drug.id)} · {esc(drug.kind.value.replace("_", " "))}</span></h4>'
        f'<div class="dc-drugs">{drug_badges(drug)}</div>'
    )
    synonyms = ", ".join(drug.synonyms[:8]) + (" ..." if len(drug.synonyms) > 8 else "")
    facts = [
        ("Brands", esc(", ".join(drug.brand_names))),
        ("Synonyms", esc(synonyms)),
        ("Identifiers", esc(", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()))),
        ("ATC", esc(", ".join(drug.atc_codes))),
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
        parts.append(
            section(
                "Boxed warnings",
                html_table(
                    ["Topic", "Product", "Summary", "Sources"],
                    (
                        [esc(b.topic), esc(b.product), esc(b.summary), sources_html(b.sources, 2)]
                        for b in drug.boxed_warnings
                    ),
                ),
            )
        )
    if drug.indications:
        parts.append(
            section(
                f"Indications ({len(drug.indications)}, strongest evidence first)",
                html_table(
                    ["Condition", "Status", "Product", "Note", "Sources"],
                    (
                        [
                            esc(i.condition.name),
                            status_badge(i.status),
                            esc(i.product),
                            esc(i.note),
                            sources_html(i.sources, 2),
                        ]
                        for i in sorted_indications(drug.indications)
                    ),
                    optional=(2, 3),
                ),
            )
        )
    if drug.withdrawal is not None:
        w = drug.withdrawal
        parts.append(
            section(
                "Stopping the drug",
                html_table(
                    ["Severity", "Symptoms", "Taper guidance", "Dependence", "Note", "Sources"],
                    [
                        [
                            severity_badge(w),
                            esc(", ".join(w.symptoms)),
                            esc(w.taper),
                            esc(w.dependence),
                            esc(w.note),
                            sources_html(w.sources),
                        ]
                    ],
                    optional=(1, 2, 3, 4),
                ),
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
        parts.append(
            section(
                f"Adverse effects ({len(effects)}"
                + (f", {len(shown)} most frequent shown)" if len(shown) < len(effects) else ")"),
                html_table(
                    ["Adverse effect", "Incidence", "Sources"],
                    (
                        [
                            esc(e.term),
                            frequency_html(e.frequency),
                            sources_html(
                                e.frequency_sources,
                                1,
                            ),
                        ]
                        for e in shown
                    ),
                ),
            )
        )
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
