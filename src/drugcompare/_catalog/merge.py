"""The merge rules of docs/merge-rules.md: one drug's views from several layers become one drug,
and one condition's records from several layers become one condition. Nothing else lives here."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

import attrs

from .._text import normalize
from ..model import (
    AdverseEffect,
    Approval,
    Condition,
    Drug,
    DrugKind,
    Frequency,
    FrequencyOrigin,
    Identifiers,
    Indication,
    IndicationStatus,
    Mechanism,
    Product,
    Source,
)

__all__ = ["merge_conditions", "merge_drugs", "union"]


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
    about the same thing (an adverse effect with the same key, an indication for the same
    condition with the same status and product scope, a mechanism with the same key and action, a
    product with the same name, application, form, route and status) are merged keeping every
    source; facts that disagree (a different status for the same condition) are all kept.
    Withdrawal entries, the federal schedule and boxed warnings come from the highest layer that
    has any (it read the label those facts are in); approval fields from the first layer that
    states each.
    """
    if len(views) == 1:
        return views[0]
    named_views = [v for v, n in zip(views, named, strict=True) if n] or list(views)
    name = named_views[0].name
    name_key = normalized(name)
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
    return Drug(
        id=views[0].id,
        name=name,
        brand_names=union(*(v.brand_names for v in views)),
        synonyms=synonyms,
        kind=next((v.kind for v in views if v.kind is not DrugKind.UNKNOWN), DrugKind.UNKNOWN),
        identifiers=identifiers,
        atc_codes=union(*(v.atc_codes for v in views)),
        mechanisms=_mechanisms(views),
        indications=_indications(views),
        adverse_effects=_effects(views),
        withdrawal_risks=tuple(
            risk if risk.drug_name == name else attrs.evolve(risk, drug_name=name)
            for risk in next((v.withdrawal_risks for v in views if v.withdrawal_risks), ())
        ),
        dea=next((v.dea for v in views if v.dea is not None), None),
        boxed_warnings=next((v.boxed_warnings for v in views if v.boxed_warnings), ()),
        market_withdrawals=_unique(
            views, lambda v: v.market_withdrawals, lambda m: (m.year, m.country, m.reason)
        ),
        approval=_approval(views),
        products=_products(views),
        ingredients=next((v.ingredients for v in views if v.ingredients), ()),
        limitations=_unique(views, lambda v: v.limitations, lambda x: (normalize(x.text), x.scope)),
        notes=union(*(v.notes for v in views)),
        sources=_merge_sources(*(v.sources for v in views)),
    )


_F = TypeVar("_F")


def _unique(
    views: Sequence[Drug],
    facts: Callable[[Drug], Iterable[_F]],
    key: Callable[[_F], Hashable],
) -> tuple[_F, ...]:
    """Every layer's facts of one kind, the first of each key kept."""
    found: dict[Hashable, _F] = {}
    for view in views:
        for fact in facts(view):
            found.setdefault(key(fact), fact)
    return tuple(found.values())


def _effects(views: Sequence[Drug]) -> tuple[AdverseEffect, ...]:
    """One effect per key: every layer's figures (each printed figure once), the sources its
    figures cite first, then the others; built once per merged effect."""
    groups: dict[str, list[AdverseEffect]] = {}
    for view in views:
        for effect in view.adverse_effects:
            groups.setdefault(effect.key, []).append(effect)
    out = []
    for found in groups.values():
        first = found[0]
        frequencies = first.frequencies
        for other in found[1:]:
            frequencies = _same_figures_once(frequencies, other.frequencies)
        sources = _merge_sources(*(f.sources for f in frequencies), *(e.sources for e in found))
        if frequencies is first.frequencies and sources == first.sources:
            out.append(first)
        else:
            out.append(attrs.evolve(first, frequencies=frequencies, sources=sources))
    return tuple(out)


_TABLE_NUMBER = re.compile(r"(?i)\btable\s+(\d+[a-z]?)\b")


def _figure_key(frequency: Frequency) -> Hashable | None:
    """What makes two label-table figures one printed figure: the same label document (SPL set
    id), table number, incidence and placebo incidence. None where any of them is unknown."""
    found = _TABLE_NUMBER.search(frequency.table or "")
    set_ids = {s.set_id for s in frequency.sources}
    if frequency.origin is not FrequencyOrigin.LABEL_TABLE or found is None or None in set_ids:
        return None
    values = (frequency.lower, frequency.upper, frequency.placebo_lower, frequency.placebo_upper)
    return (frozenset(set_ids), found.group(1).upper(), values)


def _same_figures_once(
    kept: tuple[Frequency, ...], added: tuple[Frequency, ...]
) -> tuple[Frequency, ...]:
    """Rule "one printed figure once": a lower layer's label-table figure that is the same
    printed figure as one already kept (see :func:`_figure_key`; the curated layer and the
    label layer both read Table 3 of the same label) is not repeated: the kept figure, with its
    context, gains the other's sources."""
    out = list(kept)
    where = {k: i for i, f in enumerate(out) if (k := _figure_key(f)) is not None}
    for frequency in added:
        key = _figure_key(frequency)
        index = where.get(key) if key is not None else None
        if index is None:
            out.append(frequency)
            if key is not None:
                where[key] = len(out) - 1
        else:
            same = out[index]
            out[index] = attrs.evolve(same, sources=_merge_sources(same.sources, frequency.sources))
    return tuple(out)


def _indications(views: Sequence[Drug]) -> tuple[Indication, ...]:
    # One entry per condition, status and product scope: Gralise's approval for postherpetic
    # neuralgia stays apart from Neurontin's.
    found: dict[tuple[str, IndicationStatus, str | None], Indication] = {}
    for view in views:
        for indication in view.indications:
            key = (indication.condition.id, indication.status, indication.scope)
            seen = found.get(key)
            found[key] = (
                indication
                if seen is None
                else attrs.evolve(seen, sources=_merge_sources(seen.sources, indication.sources))
            )
    return tuple(found.values())


def _mechanisms(views: Sequence[Drug]) -> tuple[Mechanism, ...]:
    found: dict[tuple[str, str | None], Mechanism] = {}
    for view in views:
        for mechanism in view.mechanisms:
            key = (mechanism.key, mechanism.action)
            old = found.get(key)
            found[key] = (
                mechanism
                if old is None
                else attrs.evolve(
                    old,
                    pharmacologic_class=old.pharmacologic_class or mechanism.pharmacologic_class,
                    sources=_merge_sources(old.sources, mechanism.sources),
                )
            )
    return tuple(found.values())


def _products(views: Sequence[Drug]) -> tuple[Product, ...]:
    found: dict[tuple[object, ...], Product] = {}
    for view in views:
        for product in view.products:
            old = found.get(product.key)
            found[product.key] = (
                product
                if old is None
                else attrs.evolve(old, sources=_merge_sources(old.sources, product.sources))
            )
    return tuple(found.values())


_APPROVAL_FIELDS = tuple(f.name for f in attrs.fields(Approval) if f.name != "sources")


def _approval(views: Sequence[Drug]) -> Approval | None:
    """Each approval field from the first layer that states it; every layer's sources."""
    found = [v.approval for v in views if v.approval is not None]
    if len(found) <= 1:
        return found[0] if found else None
    values = {}
    for name in _APPROVAL_FIELDS:
        values[name] = next(
            (
                getattr(a, name)
                for a in found
                if getattr(a, name) is not None and getattr(a, name) != ()
            ),
            getattr(found[0], name),
        )
    return Approval(**values, sources=_merge_sources(*(a.sources for a in found)))


def merge_conditions(a: Condition, b: Condition) -> Condition:
    """``a`` with ``b``'s names, cross-references and parents added (``a``'s name wins)."""
    return attrs.evolve(
        a,
        synonyms=tuple(s for s in union(a.synonyms, b.synonyms, (b.name,)) if s != a.name),
        xrefs=union(a.xrefs, b.xrefs),
        parents=union(a.parents, b.parents),
        aliases=union(a.aliases, b.aliases),
    )
