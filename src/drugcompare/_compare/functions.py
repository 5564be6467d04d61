"""The comparisons themselves: pure functions of resolved drugs (and, for indications, a narrow
view of the condition hierarchy), returning the typed result collections."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Drug, Indication, IndicationStatus, WithdrawalRisk, WithdrawalSeverity
from .collections import IndicationOverlaps, SharedAdverseEffects, SimilarityScores, WithdrawalRisks
from .comparison import Comparison
from .results import (
    DrugEffect,
    DrugIndications,
    IndicationOverlap,
    SharedAdverseEffect,
    SimilarityScore,
)
from .similarity import SIMILARITY_BASES, features, jaccard

__all__ = [
    "Hierarchy",
    "check_drugs",
    "compare_drugs",
    "indication_overlaps",
    "require_distinct",
    "shared_effects",
    "unknown_withdrawal",
    "withdrawal",
]


class Hierarchy(Protocol):
    """What an indication comparison needs of the condition hierarchy."""

    def ancestors(self, condition_id: str) -> Mapping[str, int]:
        """The broader conditions of a condition (any depth), with their distance."""
        ...


def check_drugs(drugs: Sequence[object], minimum: int, what: str) -> None:
    """Drugs must be separate arguments, at least ``minimum`` of them."""
    if len(drugs) == 1 and isinstance(drugs[0], (list, tuple)):
        raise InvalidArgumentTypeError(
            f"{what}() takes drugs as separate arguments: use {what}(*drugs), not {what}(drugs)"
        )
    if len(drugs) < minimum:
        raise InvalidArgumentError(
            f"{what}() needs at least {minimum} drug{'s' if minimum > 1 else ''}, got {len(drugs)}"
        )


def require_distinct(given: Sequence[object], resolved: Sequence[Drug], minimum: int) -> None:
    """No drug twice (two names of one drug are one drug)."""
    seen: dict[str, int] = {}
    for position, drug in enumerate(resolved):
        if drug.id in seen:
            first = given[seen[drug.id]]
            again = given[position]
            shown = [d.name if isinstance(d, Drug) else repr(d) for d in (first, again)]
            raise InvalidArgumentError(
                f"{shown[0]} and {shown[1]} are the same drug ({drug.name}); "
                f"give {minimum if minimum > 1 else 'one or more'} different drugs"
            )
        seen[drug.id] = position


def shared_effects(resolved: Sequence[Drug], threshold: float | None) -> SharedAdverseEffects:
    by_drug = [{effect.key: effect for effect in drug.adverse_effects} for drug in resolved]
    common = set(by_drug[0]).intersection(*by_drug[1:])
    results = []
    for key in common:
        entries = tuple(
            DrugEffect(drug=drug.id, drug_name=drug.name, effect=effects[key])
            for drug, effects in zip(resolved, by_drug, strict=False)
        )
        if threshold is not None and not all(
            e.frequency is not None
            and e.frequency.value is not None
            and e.frequency.value >= threshold
            for e in entries
        ):
            continue
        first = entries[0].effect
        results.append(
            SharedAdverseEffect(term=first.term, umls_cui=first.umls_cui, entries=entries)
        )
    results.sort(
        key=lambda s: (
            -(s.max_frequency if s.max_frequency is not None else -1.0),
            s.term.casefold(),
        )
    )
    return SharedAdverseEffects(results)


def indication_overlaps(
    resolved: Sequence[Drug],
    wanted: frozenset[IndicationStatus] | None,
    hierarchy: Hierarchy,
) -> IndicationOverlaps:
    per_drug = [
        [i for i in drug.indications if wanted is None or i.status in wanted] for drug in resolved
    ]
    # Every condition a drug is indicated for, with its broader conditions, mapped to the
    # indications that support it.
    covers: list[dict[str, list[Indication]]] = []
    for indications in per_drug:
        cover: dict[str, list[Indication]] = {}
        for indication in indications:
            cid = indication.condition.id
            for scope in (cid, *hierarchy.ancestors(cid)):
                cover.setdefault(scope, []).append(indication)
        covers.append(cover)
    direct = {i.condition.id for indications in per_drug for i in indications}
    candidates = [cid for cid in sorted(direct) if all(cid in cover for cover in covers)]

    # Report the most specific overlaps: a condition is dropped when a narrower condition is an
    # overlap too and gives every drug the same best status (cardiovascular disease is dropped for
    # hypertension when both drugs are approved for hypertension; hypertension is kept beside
    # "essential hypertension" when only the former is approved).
    def best(cover: dict[str, list[Indication]], cid: str) -> int:
        return min(i.status.rank for i in cover[cid])

    ancestors = {cid: hierarchy.ancestors(cid) for cid in candidates}
    kept = [
        cid
        for cid in candidates
        if not any(
            other != cid
            and cid in ancestors[other]
            and all(best(cover, other) == best(cover, cid) for cover in covers)
            for other in candidates
        )
    ]
    # A narrower overlap whose indications all show, at no stronger status, under a broader
    # overlap that is kept adds nothing: "Muscle Spasticity of Cerebral Origin (listed)" under
    # "Muscle spasticity (approved)".
    kept = [
        cid
        for cid in kept
        if not any(
            other != cid
            and other in ancestors[cid]
            and all(best(cover, other) <= best(cover, cid) for cover in covers)
            for other in kept
        )
    ]
    results = []
    for cid in kept:
        # Every kept condition is one some drug is indicated for: use that indication's condition
        # (its layer names it as the catalog does) instead of loading every layer's conditions.
        condition = next(i.condition for ind in per_drug for i in ind if i.condition.id == cid)
        entries = tuple(
            DrugIndications(drug=drug.id, drug_name=drug.name, indications=tuple(cover[cid]))
            for drug, cover in zip(resolved, covers, strict=False)
        )
        exact = all(any(i.condition.id == cid for i in e.indications) for e in entries)
        results.append(
            IndicationOverlap(
                condition=condition, match="exact" if exact else "hierarchy", entries=entries
            )
        )
    results.sort(
        key=lambda o: (
            sorted(e.best_status.rank for e in o.entries),
            o.condition.name.casefold(),
        )
    )
    return IndicationOverlaps(results)


def unknown_withdrawal(drug: Drug) -> WithdrawalRisk:
    return WithdrawalRisk(
        drug=drug.id,
        drug_name=drug.name,
        severity=WithdrawalSeverity.UNKNOWN,
        note="No loaded source describes what happens when this drug is stopped.",
        sources=drug.sources,
    )


def withdrawal(resolved: Sequence[Drug]) -> WithdrawalRisks:
    """Every withdrawal entry of the drugs (one per drug, or one per product group where their
    labels differ), most severe first; a drug nobody describes gets an UNKNOWN entry."""
    risks = [
        risk for drug in resolved for risk in (drug.withdrawal_risks or (unknown_withdrawal(drug),))
    ]
    risks.sort(key=lambda r: (*r.order, r.drug_name.casefold(), r.drug, r.scope or ""))
    return WithdrawalRisks(risks)


def compare_drugs(
    resolved: Sequence[Drug], hierarchy: Hierarchy, as_of: Sequence[tuple[str, str]] = ()
) -> Comparison:
    """Every comparison of the drugs at once, with the pairwise similarity scores; ``as_of``
    dates the layers the answer comes from."""
    similarities = []
    for position, a in enumerate(resolved):
        for b in resolved[position + 1 :]:
            for basis in SIMILARITY_BASES:
                score, shared = jaccard(features(a, basis), features(b, basis))
                similarities.append(
                    SimilarityScore(drug_a=a.id, drug_b=b.id, by=basis, score=score, shared=shared)
                )
    return Comparison(
        drugs=tuple(resolved),
        shared_adverse_effects=shared_effects(resolved, None),
        overlapping_indications=indication_overlaps(resolved, None, hierarchy),
        withdrawal_risks=withdrawal(resolved),
        similarities=SimilarityScores(similarities),
        as_of=tuple(as_of),
    )
