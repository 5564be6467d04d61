"""HTML views of comparison results (what Jupyter shows)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .._compare.collections import SimilarDrugs
from .._compare.comparison import Comparison
from .._compare.results import IndicationOverlap, SharedAdverseEffect, SimilarityScore
from .._compare.similarity import BASIS_TITLES, SCORE_TITLES
from ..model import (
    Drug,
    Frequency,
    Indication,
    IndicationStatus,
    WithdrawalRisk,
    WithdrawalSeverity,
)
from .common import (
    SECTION_TITLES,
    as_of_lines,
    check_limit,
    effect_names,
    figure_context,
    grouped,
    scoped,
    similarity_pairs,
    sources_text,
)
from .style import (
    APPROVAL_COLOURS,
    BOXED,
    NEUTRAL,
    SEVERITY_COLOURS,
    STATUS_COLOURS,
    badge,
    bar,
    esc,
    frequency_html,
    html_table,
    section,
    severity_badge,
    sources_html,
    wrap,
)

__all__ = [
    "as_of_html",
    "comparison_html",
    "context_html",
    "drug_badges",
    "effects_html",
    "groups_html",
    "overlaps_html",
    "similar_drugs_html",
    "similarity_html",
    "sorted_indications",
    "withdrawal_html",
]


def _effects_html(
    effects: Sequence[SharedAdverseEffect], names: Sequence[str], limit: int | None
) -> str:
    shown = effects if limit is None else effects[:limit]
    title = f"{SECTION_TITLES['adverse_effects']} ({len(effects)}"
    title += f", {len(shown)} most frequent shown)" if len(shown) < len(effects) else ")"
    if not effects:
        return section(title, '<p class="dc-note">None listed by every drug.</p>')
    note = (
        '<p class="dc-note">Incidence in the drug arm, then in the placebo arm of the same '
        "trials where the source gives one; ranges and words (frequent, infrequent) are the "
        "source's own. Hover a figure for its population, a source for its title.</p>"
    )
    table = html_table(
        ["Adverse effect", *effect_names(effects, names)],
        (
            [esc(s.term)]
            + [
                frequency_html(e.frequency)
                + context_html(e.frequency)
                + "<br>"
                + sources_html(
                    e.effect.frequency_sources,
                    1,
                    detail=False,
                )
                for e in s.entries
            ]
            for s in shown
        ),
    )
    return section(title, note + table)


def context_html(freq: Frequency | None) -> str:
    """Where a figure comes from (table, population, N, products), as a muted line."""
    context = figure_context(freq)
    return f'<br><span class="dc-muted">{esc(context)}</span>' if context else ""


def groups_html(indications: Iterable[Indication], condition_id: str | None = None) -> str:
    """A drug's indications as one line per status: the badge, the narrower condition (if not
    ``condition_id``), the product scopes, the label date and the sources."""
    items = []
    for group in grouped(indications):
        detail = []
        if group.condition.id != condition_id:
            detail.append(group.condition.name)
        if group.scopes:
            more = len(group.scopes) - 2
            detail.append("; ".join(group.scopes[:2]) + (f" (+{more} more)" if more > 0 else ""))
        if group.date:
            detail.append(f"label {group.date}")
        items.append(
            badge(group.status.label, STATUS_COLOURS[group.status])
            + (f" {esc('; '.join(detail))}" if detail else "")
            + " "
            + sources_html(group.sources, 1)
        )
    return "<br>".join(items)


def sorted_indications(indications: Iterable[Indication]) -> list[Indication]:
    order = list(IndicationStatus)
    return sorted(indications, key=lambda i: order.index(i.status))


def _overlaps_html(overlaps: Sequence[IndicationOverlap], names: Sequence[str]) -> str:
    title = f"{SECTION_TITLES['indications']} ({len(overlaps)})"
    if not overlaps:
        return section(title, '<p class="dc-note">No condition is shared by every drug.</p>')
    rows = [
        [esc(overlap.condition.name)]
        + [groups_html(entry.indications, overlap.condition.id) for entry in overlap.entries]
        for overlap in overlaps
    ]
    headers = list(names) or [e.drug_name for e in overlaps[0].entries]
    note = (
        '<p class="dc-note">approved: section 1 of a US FDA label; off-label: used outside the '
        "label with published evidence; listed: a database lists the use without saying a label "
        "carries it; investigational: in trials. Hover a status for its note.</p>"
    )
    return section(title, note + html_table(["Condition", *headers], rows))


def _withdrawal_html(risks: Sequence[WithdrawalRisk]) -> str:
    table = html_table(
        ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance", "Sources"],
        (
            [
                esc(scoped(r.drug_name, r.scope)),
                severity_badge(r),
                esc(", ".join(r.symptoms)) or esc(r.note),
                esc(r.onset),
                esc(r.taper),
                sources_html(r.sources),
            ]
            for r in risks
        ),
        optional=(2, 3, 4),
    )
    return section(SECTION_TITLES["withdrawal"], table)


def _similarity_html(scores: Sequence[SimilarityScore], names: Mapping[str, str]) -> str:
    bases = list(dict.fromkeys(s.by for s in scores)) or list(BASIS_TITLES)
    table = html_table(
        ["Pair", *(BASIS_TITLES.get(k, k) for k in bases)],
        (
            [esc(f"{names.get(a, a)} / {names.get(b, b)}")]
            + [bar(values[k]) if k in values else "-" for k in bases]
            for (a, b), values in similarity_pairs(scores).items()
        ),
    )
    return section(SECTION_TITLES["similarity"], table)


def approval_badge(drug: Drug) -> str:
    approval = drug.approval
    if approval is None:
        return badge("FDA approval unknown", APPROVAL_COLOURS[None])
    text = {True: "FDA approved", False: "not FDA approved", None: "FDA approval unknown"}[
        approval.fda_approved
    ]
    if approval.first_approval_year:
        text += f" {approval.first_approval_year}"
    return badge(text, APPROVAL_COLOURS[approval.fda_approved], sources_text(approval.sources))


def drug_badges(drug: Drug) -> str:
    badges = [approval_badge(drug)]
    schedule = drug.dea_schedule
    badges.append(
        badge(
            f"DEA {schedule.label}" if schedule else "DEA schedule unknown",
            NEUTRAL if schedule else APPROVAL_COLOURS[None],
        )
    )
    if drug.boxed_warnings:
        count = len(drug.boxed_warnings)
        badges.append(
            badge(
                f"{count} boxed warning{'s' if count > 1 else ''}",
                BOXED,
                "; ".join(b.topic for b in drug.boxed_warnings),
            )
        )
    if drug.market_withdrawals:
        badges.append(badge("market withdrawal", SEVERITY_COLOURS[WithdrawalSeverity.HIGH]))
    return " ".join(badges)


def comparison_html(comparison: Comparison, limit: int | None = 25) -> str:
    check_limit(limit, optional=True)
    names = [d.name for d in comparison.drugs]
    cards = "".join(
        '<div class="dc-drug">'
        f"<b>{esc(d.name)}</b>"
        + (
            f' <span class="dc-sub">{esc(", ".join(d.brand_names[:3]))}</span>'
            if d.brand_names
            else ""
        )
        + f"<br>{drug_badges(d)}</div>"
        for d in comparison.drugs
    )
    by_id = {d.id: d.name for d in comparison.drugs}
    return wrap(
        f"<h4>Comparing {esc(', '.join(names))}</h4>",
        f'<div class="dc-drugs">{cards}</div>',
        _effects_html(comparison.shared_adverse_effects, names, limit),
        _overlaps_html(comparison.overlapping_indications, names),
        _withdrawal_html(comparison.withdrawal_risks),
        _similarity_html(comparison.similarities, by_id),
        as_of_html(comparison.as_of),
    )


def as_of_html(as_of: Sequence[tuple[str, str]]) -> str:
    """The "data as of" line under a result: the date each layer is current as of."""
    lines = as_of_lines(as_of)
    return f'<p class="dc-note">{esc(lines[-1])}</p>' if lines else ""


def effects_html(
    effects: Sequence[SharedAdverseEffect], limit: int | None = 25, names: Sequence[str] = ()
) -> str:
    check_limit(limit, optional=True)
    return wrap(_effects_html(effects, names, limit))


def overlaps_html(overlaps: Sequence[IndicationOverlap], names: Sequence[str] = ()) -> str:
    return wrap(_overlaps_html(overlaps, names))


def withdrawal_html(risks: Sequence[WithdrawalRisk]) -> str:
    return wrap(_withdrawal_html(risks))


def similarity_html(scores: Sequence[SimilarityScore]) -> str:
    return wrap(_similarity_html(scores, {}))


def similar_drugs_html(similar: SimilarDrugs) -> str:
    title = f"Drugs most similar to {similar.query_name} by {BASIS_TITLES[similar.by].lower()}"
    if not similar:
        return wrap(section(title, '<p class="dc-note">None shares anything with it.</p>'))
    table = html_table(
        ["#", "Drug", "Brands", SCORE_TITLES.get(similar.by, "Score")],
        (
            [str(rank), esc(drug.name), esc(", ".join(drug.brand_names[:3])), bar(score)]
            for rank, (drug, score) in enumerate(similar, 1)
        ),
        numeric=(0,),
    )
    return wrap(section(title, table))
