"""Text views of comparison results: tabulate tables with numbered source references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .._compare.collections import SimilarDrugs
from .._compare.comparison import Comparison
from .._compare.results import IndicationOverlap, SharedAdverseEffect, SimilarityScore
from .._compare.similarity import BASIS_TITLES
from ..model import WithdrawalRisk
from .common import (
    SECTION_TITLES,
    Mark,
    References,
    check_limit,
    check_sections,
    check_tablefmt,
    effect_names,
    finish,
    frequency_text,
    indication_text,
    marker,
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
        [
            s.term,
            *(
                with_mark(
                    frequency_text(e.frequency),
                    mark(e.effect.frequency_sources),
                )
                for e in s.entries
            ),
        ]
        for s in shown
    ]
    headers = effect_names(effects, names)
    return [title, table(rows, ["Adverse effect", *headers], fmt, [30, *[28] * len(headers)])]


def _overlaps_lines(
    overlaps: Sequence[IndicationOverlap], names: Sequence[str], fmt: str, mark: Mark
) -> list[str]:
    title = f"{SECTION_TITLES['indications']} ({len(overlaps)})"
    if not overlaps:
        return [title, "  no condition shared by every drug"]
    rows = []
    for overlap in overlaps:
        cells = [
            "; ".join(
                with_mark(
                    indication_text(i, i.condition.id != overlap.condition.id), mark(i.sources)
                )
                for i in entry.indications
            )
            for entry in overlap.entries
        ]
        rows.append([overlap.condition.name, *cells])
    headers = list(names) or [e.drug_name for e in overlaps[0].entries]
    return [title, table(rows, ["Condition", *headers], fmt, [28, *[30] * len(headers)])]


def _withdrawal_lines(risks: Sequence[WithdrawalRisk], fmt: str, mark: Mark) -> list[str]:
    rows = [
        [
            risk.drug_name,
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
            ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance"],
            fmt,
            [14, 16, 40, 20, 40],
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
    return finish(out, refs)


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
    ranked = table(rows, ["#", "Drug", "Brands", "Jaccard"], fmt, [None, 30, 40, None], ".2f")
    return f"{title}\n{ranked}"
