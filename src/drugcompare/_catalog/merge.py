"""The merge rules of docs/merge-rules.md: one drug's views from several layers become one drug,
and one condition's records from several layers become one condition. Nothing else lives here."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import attrs

from .._text import normalize
from ..model import (
    AdverseEffect,
    Approval,
    BoxedWarning,
    Condition,
    Drug,
    DrugKind,
    Identifiers,
    Indication,
    IndicationStatus,
    MarketWithdrawal,
    Mechanism,
    Source,
)

__all__ = ["CURATED_LAYER", "merge_conditions", "merge_drugs", "union"]

CURATED_LAYER = "curated"


def _merge_sources(*groups: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(source for group in groups for source in group))


def union(*groups: Iterable[str]) -> tuple[str, ...]:
    """The strings of every group, first spelling of each normalised form kept, in order."""
    seen: dict[str, str] = {}
    for group in groups:
        for item in group:
            seen.setdefault(normalized(item), item)
    return tuple(seen.values())


normalized = functools.lru_cache(maxsize=1 << 17)(normalize)
"""``normalize`` with a cache (names repeat across layers and drugs)."""


def merge_drugs(views: Sequence[Drug], named: Sequence[bool]) -> Drug:
    """Merge one drug's views from several layers, highest precedence first.

    Identity fields come from the first layer that names the drug; collections are united; facts
    about the same thing (an adverse effect with the same key, an indication for the same condition
    with the same status, a mechanism with the same key and action) are merged keeping every source;
    facts that disagree (a different status for the same condition) are all kept.
    """
    if len(views) == 1:
        return views[0]
    named_views = [v for v, n in zip(views, named, strict=True) if n] or list(views)
    name = named_views[0].name
    name_key = normalized(name)
    brands = union(*(v.brand_names for v in views))
    synonyms = tuple(
        s
        for s in union(*(v.synonyms for v in views), (v.name for v in named_views[1:]))
        if normalized(s) != name_key
    )
    identifiers = Identifiers(
        **{
            field.name: union(*(getattr(v.identifiers, field.name) for v in views))
            for field in attrs.fields(Identifiers)
        }
    )

    effects: dict[str, AdverseEffect] = {}
    for view in views:
        for effect in view.adverse_effects:
            known = effects.get(effect.key)
            if known is None:
                effects[effect.key] = effect
            else:
                effects[effect.key] = attrs.evolve(
                    known,
                    frequencies=known.frequencies + effect.frequencies,
                    sources=_merge_sources(known.sources, effect.sources),
                )

    # One entry per condition, status and product: Gralise's and Horizant's approvals for
    # postherpetic neuralgia stay apart from Neurontin's.
    indications: dict[tuple[str, IndicationStatus, str | None], Indication] = {}
    for view in views:
        for indication in view.indications:
            ikey = (indication.condition.id, indication.status, indication.product)
            seen = indications.get(ikey)
            indications[ikey] = (
                indication
                if seen is None
                else attrs.evolve(seen, sources=_merge_sources(seen.sources, indication.sources))
            )

    mechanisms: dict[tuple[str, str | None], Mechanism] = {}
    for view in views:
        for mechanism in view.mechanisms:
            mkey = (mechanism.key, mechanism.action)
            old = mechanisms.get(mkey)
            mechanisms[mkey] = (
                mechanism
                if old is None
                else attrs.evolve(
                    old,
                    pharmacologic_class=old.pharmacologic_class or mechanism.pharmacologic_class,
                    sources=_merge_sources(old.sources, mechanism.sources),
                )
            )

    approval: Approval | None = None
    for view in views:
        if view.approval is None:
            continue
        if approval is None:
            approval = view.approval
            continue
        approval = Approval(
            fda_approved=approval.fda_approved
            if approval.fda_approved is not None
            else view.approval.fda_approved,
            first_approval_year=approval.first_approval_year or view.approval.first_approval_year,
            max_phase=approval.max_phase
            if approval.max_phase is not None
            else view.approval.max_phase,
            sources=_merge_sources(approval.sources, view.approval.sources),
        )

    kind = next((v.kind for v in views if v.kind is not DrugKind.UNKNOWN), DrugKind.UNKNOWN)
    market: dict[tuple[int | None, str | None, str | None], MarketWithdrawal] = {}
    for view in views:
        for withdrawal in view.market_withdrawals:
            market.setdefault((withdrawal.year, withdrawal.country, withdrawal.reason), withdrawal)
    boxed: dict[tuple[str, str | None], BoxedWarning] = {}
    # The curated layer reads each current label's box, so it is authoritative on boxed warnings;
    # the open layers' generic flags (ChEMBL marks the parent molecule across formulations) are
    # only used for drugs nobody curated.
    curated = [v for v in views if any(s.layer == CURATED_LAYER for s in v.sources)]
    for view in curated or views:
        for warning in view.boxed_warnings:
            boxed.setdefault((normalize(warning.topic), warning.product), warning)

    return Drug(
        id=views[0].id,
        name=name,
        brand_names=brands,
        synonyms=synonyms,
        kind=kind,
        identifiers=identifiers,
        atc_codes=union(*(v.atc_codes for v in views)),
        mechanisms=tuple(mechanisms.values()),
        indications=tuple(indications.values()),
        adverse_effects=tuple(effects.values()),
        withdrawal=next((v.withdrawal for v in views if v.withdrawal is not None), None),
        dea=next((v.dea for v in views if v.dea is not None), None),
        boxed_warnings=tuple(boxed.values()),
        market_withdrawals=tuple(market.values()),
        approval=approval,
        notes=union(*(v.notes for v in views)),
        sources=_merge_sources(*(v.sources for v in views)),
    )


def merge_conditions(a: Condition, b: Condition) -> Condition:
    """``a`` with ``b``'s names, cross-references and parents added (``a``'s name wins)."""
    return attrs.evolve(
        a,
        synonyms=tuple(s for s in union(a.synonyms, b.synonyms, (b.name,)) if s != a.name),
        xrefs=union(a.xrefs, b.xrefs),
        parents=union(a.parents, b.parents),
    )
