"""Text views of comparison results: tabulate tables with numbered source references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .._compare.collections import SimilarDrugs
from .._compare.comparison import Comparison
from .._compare.results import IndicationOverlap, SharedAdverseEffect, SimilarityScore
from .._compare.similarity import BASIS_TITLES, SCORE_TITLES
from ..model import AdverseEffect, Frequency, WithdrawalRisk
from .common import (
    SECTION_TITLES,
    Mark,
    References,
    check_limit,
    check_sections,
    check_tablefmt,
    effect_names,
    figure_context,
    finish,
    frequency_text,
    grouped,
    marker,
    scoped,
    similarity_pairs,
    table,
    with_mark,
)

__all__ = [
    "comparison_text",
    "effects_text",
    "overlaps_text",
    "similar_drugs_text",
    "similarity_text",
    "withdrawal_text",
]


def _effects_lines(
    effects: Sequence[SharedAdverseEffect],
    names: Sequence[str],
    fmt: str,
    limit: int | None,
    mark: Mark,
) -> list[str]:
    shown = effects if limit is None else effects[:limit]
    title = f"{SECTION_TITLES['adverse_effects']} ({len(effects)}"
    title += f", top {len(shown)} shown)" if len(shown) < len(effects) else ")"
    if not effects:
        return [title, "  none listed by every drug"]
    rows = [
        [s.term, *(_effect_cell(e.effect.frequency, e.effect, mark) for e in s.entries)]
        for s in shown
    ]
    headers = effect_names(effects, names)
    note = (
        "Each figure is one table row of a label (with the placebo figure of the same row), a "
        "sentence of a label, or a row text-mined from a label (SIDER), never pooled."
    )
    return [
        title,
        note,
        table(rows, ["Adverse effect", *headers], fmt, [24, *[34] * len(headers)]),
    ]


def _effect_cell(freq: Frequency | None, effect: AdverseEffect, mark: Mark) -> str:
    text = with_mark(frequency_text(freq), mark(effect.frequency_sources))
    context = figure_context(freq)
    others = len(effect.label_figures) - (1 if freq in effect.label_figures else 0)
    if others > 0:
        context = f"{context} (+{others} more table figures)" if context else None
    return f"{text}\n{context}" if context else text


def _overlaps_lines(
    overlaps: Sequence[IndicationOverlap], names: Sequence[str], fmt: str, mark: Mark
) -> list[str]:
    title = f"{SECTION_TITLES['indications']} ({len(overlaps)})"
    if not overlaps:
        return [title, "  no condition shared by every drug"]
    rows = []
    for overlap in overlaps:
        cells = []
        for entry in overlap.entries:
            groups = grouped(entry.indications)
            best = [g for g in groups if g.status is groups[0].status]
            lines = [
                with_mark(g.text(g.condition.id != overlap.condition.id), mark(g.sources))
                for g in best
            ]
            weaker = list(dict.fromkeys(g.status.label for g in groups[len(best) :]))
            if weaker:
                lines.append(f"also {', '.join(weaker)}")
            cells.append("\n".join(lines))
        rows.append([overlap.condition.name, *cells])
    headers = list(names) or [e.drug_name for e in overlaps[0].entries]
    return [title, table(rows, ["Condition", *headers], fmt, [24, *[34] * len(headers)])]


def _withdrawal_lines(risks: Sequence[WithdrawalRisk], fmt: str, mark: Mark) -> list[str]:
    rows = [
        [
            scoped(risk.drug_name, risk.scope),
            with_mark(
                risk.severity.label + (" (boxed)" if risk.boxed_warning else ""),
                mark(risk.sources),
            ),
            ", ".join(risk.symptoms) or None,
            risk.onset,
            risk.taper,
        ]
        for risk in risks
    ]
    return [
        SECTION_TITLES["withdrawal"],
        table(
            rows,
            ["Drug (products)", "Severity", "Symptoms", "Onset", "Taper guidance"],
            fmt,
            [26, 16, 36, 16, 36],
        ),
    ]


def _similarity_lines(
    scores: Sequence[SimilarityScore], names: Mapping[str, str], fmt: str
) -> list[str]:
    bases = list(dict.fromkeys(s.by for s in scores)) or list(BASIS_TITLES)
    rows = [
        [
            f"{names.get(a, a)} / {names.get(b, b)}",
            *(values.get(k) for k in bases),
        ]
        for (a, b), values in similarity_pairs(scores).items()
    ]
    return [
        SECTION_TITLES["similarity"],
        table(
            rows,
            ["Pair", *(BASIS_TITLES.get(k, k) for k in bases)],
            fmt,
            [40, *[None] * len(bases)],
            floatfmt=".2f",
        ),
    ]


def comparison_text(
    comparison: Comparison,
    *,
    tablefmt: str,
    sections: Iterable[str] | None,
    limit: int | None,
    references: bool = True,
) -> str:
    fmt = check_tablefmt(tablefmt)
    chosen = check_sections(sections)
    check_limit(limit, optional=True)
    names = [d.name for d in comparison.drugs]
    out = [f"Comparing {', '.join(names)}"]
    refs = References()
    mark = marker(refs, references)
    for section in chosen:
        out.append("")
        if section == "adverse_effects":
            out += _effects_lines(comparison.shared_adverse_effects, names, fmt, limit, mark)
        elif section == "indications":
            out += _overlaps_lines(comparison.overlapping_indications, names, fmt, mark)
        elif section == "withdrawal":
            out += _withdrawal_lines(comparison.withdrawal_risks, fmt, mark)
        elif section == "similarity":
            by_id = {d.id: d.name for d in comparison.drugs}
            out += _similarity_lines(comparison.similarities, by_id, fmt)
    return finish(out, refs, comparison.as_of)


def effects_text(
    effects: Sequence[SharedAdverseEffect],
    *,
    tablefmt: str = "simple",
    limit: int | None = 25,
    references: bool = True,
    names: Sequence[str] = (),
) -> str:
    """Text table of shared adverse effects (one column per drug), sources listed after it."""
    fmt = check_tablefmt(tablefmt)
    check_limit(limit, optional=True)
    refs = References()
    return finish(_effects_lines(effects, names, fmt, limit, marker(refs, references)), refs)


def overlaps_text(
    overlaps: Sequence[IndicationOverlap],
    *,
    tablefmt: str = "simple",
    references: bool = True,
    names: Sequence[str] = (),
) -> str:
    """Text table of overlapping indications (one column per drug)."""
    fmt = check_tablefmt(tablefmt)
    refs = References()
    return finish(_overlaps_lines(overlaps, names, fmt, marker(refs, references)), refs)


def withdrawal_text(
    risks: Sequence[WithdrawalRisk], *, tablefmt: str = "simple", references: bool = True
) -> str:
    """Text table of withdrawal risks, one row per drug."""
    fmt = check_tablefmt(tablefmt)
    refs = References()
    return finish(_withdrawal_lines(risks, fmt, marker(refs, references)), refs)


def similarity_text(scores: Sequence[SimilarityScore], *, tablefmt: str = "simple") -> str:
    """Text table of pairwise similarity scores, one row per pair."""
    return "\n".join(_similarity_lines(scores, {}, check_tablefmt(tablefmt)))


def similar_drugs_text(similar: SimilarDrugs, *, tablefmt: str = "simple") -> str:
    """Text table of the drugs most similar to one drug."""
    fmt = check_tablefmt(tablefmt)
    title = f"Drugs most similar to {similar.query_name} by {BASIS_TITLES[similar.by].lower()}"
    if not similar:
        return f"{title}\n  none shares anything with it"
    rows = [
        [rank, drug.name, ", ".join(drug.brand_names[:3]) or None, score]
        for rank, (drug, score) in enumerate(similar, 1)
    ]
    score = SCORE_TITLES.get(similar.by, "Score")
    ranked = table(rows, ["#", "Drug", "Brands", score], fmt, [None, 30, 40, None], ".2f")
    return f"{title}\n{ranked}"
