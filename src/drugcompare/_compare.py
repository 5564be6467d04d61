"""Comparisons: pure functions over drugs of a catalog, returning typed, immutable results."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._errors import InvalidArgumentError, InvalidArgumentTypeError
from ._models import (
    AdverseEffect,
    Condition,
    Drug,
    Frequency,
    Indication,
    IndicationStatus,
    WithdrawalRisk,
    WithdrawalSeverity,
)
from ._text import normalize

if TYPE_CHECKING:
    import pandas as pd

    from ._catalog import Catalog, DrugLike

__all__ = [
    "Comparison",
    "DrugEffect",
    "DrugIndications",
    "IndicationOverlap",
    "IndicationOverlaps",
    "SharedAdverseEffect",
    "SharedAdverseEffects",
    "SimilarDrugs",
    "SimilarityScore",
    "SimilarityScores",
    "WithdrawalRisks",
]

SimilarityBasis = Literal["adverse_effects", "indications", "mechanisms"]
SIMILARITY_BASES: tuple[SimilarityBasis, ...] = ("adverse_effects", "indications", "mechanisms")
SECTIONS = ("adverse_effects", "indications", "withdrawal", "similarity")


# --------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class DrugEffect:
    """One drug's report of an adverse effect."""

    drug: str
    drug_name: str
    effect: AdverseEffect

    @property
    def frequency(self) -> Frequency | None:
        return self.effect.frequency


@attrs.frozen(kw_only=True)
class SharedAdverseEffect:
    """An adverse effect that every compared drug lists, with each drug's frequencies."""

    term: str
    umls_cui: str | None
    entries: tuple[DrugEffect, ...]
    """One entry per drug, in the order the drugs were given."""

    def for_drug(self, drug: Drug | str) -> DrugEffect:
        drug_id = drug.id if isinstance(drug, Drug) else drug
        for entry in self.entries:
            if entry.drug == drug_id:
                return entry
        raise InvalidArgumentError(f"{drug_id!r} is not one of the compared drugs")

    @property
    def max_frequency(self) -> float | None:
        """The highest headline incidence among the drugs (None if no drug gives a figure)."""
        values = [
            e.frequency.value for e in self.entries if e.frequency and e.frequency.value is not None
        ]
        return max(values) if values else None

    def __str__(self) -> str:
        return str(SharedAdverseEffects((self,)))

    def _repr_html_(self) -> str:
        return SharedAdverseEffects((self,))._repr_html_()


@attrs.frozen(kw_only=True)
class DrugIndications:
    """The indications of one drug that fall under an overlapping condition."""

    drug: str
    drug_name: str
    indications: tuple[Indication, ...]

    @property
    def statuses(self) -> tuple[IndicationStatus, ...]:
        return tuple(dict.fromkeys(i.status for i in self.indications))

    @property
    def best_status(self) -> IndicationStatus:
        """The strongest status: approved > off-label > investigational > anecdotal."""
        return min(self.statuses, key=list(IndicationStatus).index)


@attrs.frozen(kw_only=True)
class IndicationOverlap:
    """A condition every compared drug is used for, directly or through a narrower condition."""

    condition: Condition
    match: Literal["exact", "hierarchy"]
    """``exact``: every drug is indicated for this very condition; ``hierarchy``: at least one
    drug is indicated for a narrower condition (e.g. focal epilepsy under epilepsy)."""
    entries: tuple[DrugIndications, ...]

    def __str__(self) -> str:
        return str(IndicationOverlaps((self,)))

    def _repr_html_(self) -> str:
        return IndicationOverlaps((self,))._repr_html_()


@attrs.frozen(kw_only=True)
class SimilarityScore:
    """Jaccard similarity of two drugs' adverse effects, indications or mechanisms."""

    drug_a: str
    drug_b: str
    by: str
    score: float
    shared: int
    """Number of shared items (effects, conditions or targets)."""

    def __str__(self) -> str:
        return str(SimilarityScores((self,)))

    def _repr_html_(self) -> str:
        return SimilarityScores((self,))._repr_html_()


# --------------------------------------------------------------------------- result collections


def _plain(items: Iterable[Any]) -> list[Any]:
    from ._convert import unstructure

    return [unstructure(item) for item in items]


def _json(data: Any, indent: int | None) -> str:
    import json

    return json.dumps(data, indent=indent, ensure_ascii=False)


class SharedAdverseEffects(tuple[SharedAdverseEffect, ...]):
    """What :func:`~drugcompare.shared_adverse_effects` returns: a tuple of
    :class:`SharedAdverseEffect` that renders as a table (``str()``, ``to_table()``, an HTML table
    in Jupyter) and exports with ``to_list()``, ``to_json()`` and ``to_dataframe()``."""

    __slots__ = ()

    def to_table(
        self, tablefmt: str = "simple", *, limit: int | None = 25, references: bool = True
    ) -> str:
        """One row per effect, one column per drug (tabulate's ``tablefmt``); ``limit`` caps the
        rows (None for all); ``references`` numbers the sources and lists them after the table."""
        from ._render import effects_text

        return effects_text(self, tablefmt=tablefmt, limit=limit, references=references)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import effects_html

        return effects_html(self)

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): one dict per effect, every figure with its sources."""
        return _plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return _json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per effect and drug (needs ``drugcompare[pandas]``);
        columns as in :meth:`Comparison.to_dataframe`."""
        from ._frame import effects_frame

        return effects_frame(self)


class IndicationOverlaps(tuple[IndicationOverlap, ...]):
    """What :func:`~drugcompare.overlapping_indications` returns: a tuple of
    :class:`IndicationOverlap` with the same rendering and export methods as
    :class:`SharedAdverseEffects`."""

    __slots__ = ()

    def to_table(self, tablefmt: str = "simple", *, references: bool = True) -> str:
        """One row per condition, one column per drug with each status and its sources."""
        from ._render import overlaps_text

        return overlaps_text(self, tablefmt=tablefmt, references=references)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import overlaps_html

        return overlaps_html(self)

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): one dict per condition, every indication with its sources."""
        return _plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return _json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per condition, drug and indication."""
        from ._frame import overlaps_frame

        return overlaps_frame(self)


class WithdrawalRisks(tuple[WithdrawalRisk, ...]):
    """What :func:`~drugcompare.withdrawal_risks` returns: a tuple of :class:`WithdrawalRisk`,
    most severe first, with the same rendering and export methods as
    :class:`SharedAdverseEffects`."""

    __slots__ = ()

    def to_table(self, tablefmt: str = "simple", *, references: bool = True) -> str:
        """One row per drug: severity, symptoms, onset and taper guidance."""
        from ._render import withdrawal_text

        return withdrawal_text(self, tablefmt=tablefmt, references=references)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import withdrawal_html

        return withdrawal_html(self)

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): one dict per drug."""
        return _plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return _json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per drug."""
        from ._frame import withdrawal_frame

        return withdrawal_frame(self)


class SimilarityScores(tuple[SimilarityScore, ...]):
    """The pairwise scores of a :class:`Comparison` (``Comparison.similarities``)."""

    __slots__ = ()

    def to_table(self, tablefmt: str = "simple") -> str:
        """One row per pair of drugs, one column per basis."""
        from ._render import similarity_text

        return similarity_text(self, tablefmt=tablefmt)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import similarity_html

        return similarity_html(self)

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): one dict per pair and basis."""
        return _plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return _json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per pair and basis."""
        from ._frame import similarity_frame

        return similarity_frame(self)


class SimilarDrugs(list[tuple[Drug, float]]):
    """What :func:`~drugcompare.similar_drugs` returns: a list of ``(Drug, score)`` pairs, best
    first, that renders as a ranked table and knows what it was computed for (``query``, ``by``)."""

    def __init__(self, items: Iterable[tuple[Drug, float]] = (), *, query: Drug, by: str) -> None:
        super().__init__(items)
        self.query = query
        """The drug the others were compared with."""
        self.by = by
        """The basis of the score: ``adverse_effects``, ``indications`` or ``mechanisms``."""

    @property
    def query_name(self) -> str:
        return self.query.name

    def to_table(self, tablefmt: str = "simple") -> str:
        """One row per drug: rank, name, brands and Jaccard score."""
        from ._render import similar_drugs_text

        return similar_drugs_text(self, tablefmt=tablefmt)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import similar_drugs_html

        return similar_drugs_html(self)

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): ``{"id", "name", "score"}`` per drug."""
        return [{"id": drug.id, "name": drug.name, "score": score} for drug, score in self]

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return _json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per drug (rank, id, name, score)."""
        from ._frame import similar_frame

        return similar_frame(self)


@attrs.frozen(kw_only=True)
class Comparison:
    """Everything :func:`compare` found, renderable as text, HTML or plain data."""

    drugs: tuple[Drug, ...]
    shared_adverse_effects: tuple[SharedAdverseEffect, ...] = attrs.field(
        converter=SharedAdverseEffects
    )
    """A :class:`SharedAdverseEffects`: every effect all the drugs list, most frequent first."""
    overlapping_indications: tuple[IndicationOverlap, ...] = attrs.field(
        converter=IndicationOverlaps
    )
    """An :class:`IndicationOverlaps`: the conditions every drug is used for."""
    withdrawal_risks: tuple[WithdrawalRisk, ...] = attrs.field(converter=WithdrawalRisks)
    """A :class:`WithdrawalRisks`: one entry per drug, most severe first."""
    similarities: tuple[SimilarityScore, ...] = attrs.field(converter=SimilarityScores)
    """A :class:`SimilarityScores`: Jaccard scores for every pair of drugs and every basis."""

    def to_table(
        self,
        tablefmt: str = "simple",
        *,
        sections: Iterable[str] | None = None,
        limit: int | None = 25,
        references: bool = True,
    ) -> str:
        """Render the comparison as text tables with tabulate's ``tablefmt``; ``sections`` picks
        among ``adverse_effects``, ``indications``, ``withdrawal``, ``similarity``; ``limit``
        caps the rows of the adverse-effect table (None for all); ``references`` marks each
        figure with ``[n]`` and lists the sources after the tables."""
        from ._render import comparison_text

        return comparison_text(
            self, tablefmt=tablefmt, sections=sections, limit=limit, references=references
        )

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        from ._render import comparison_html

        return comparison_html(self)

    def to_html(self, *, limit: int | None = 25) -> str:
        """The HTML report Jupyter shows (a self-contained fragment with its own style), with
        ``limit`` adverse-effect rows (None for all); write it to a file to share a comparison."""
        from ._render import comparison_html

        return comparison_html(self, limit)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready); drugs appear as ``{"id", "name"}``, every fact keeps its sources."""
        from ._convert import unstructure

        data: dict[str, Any] = unstructure(attrs.evolve(self, drugs=()))
        data["drugs"] = [{"id": d.id, "name": d.name} for d in self.drugs]
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string (what ``drugcompare compare --format json`` prints)."""
        return _json(self.to_dict(), indent)

    def to_dataframe(self, section: str = "adverse_effects") -> pd.DataFrame:
        """One section as a tidy pandas DataFrame (needs ``pip install 'drugcompare[pandas]'``).

        ``section`` is ``"adverse_effects"`` (one row per effect and drug: incidence and placebo
        bounds as fractions, label, population, source), ``"indications"`` (one row per condition,
        drug and indication: status, product, note, source), ``"withdrawal"`` (one row per drug)
        or ``"similarity"`` (one row per pair of drugs and basis)."""
        from ._frame import comparison_frame

        return comparison_frame(self, section)


# --------------------------------------------------------------------------- helpers


def parse_statuses(
    statuses: Iterable[IndicationStatus | str] | IndicationStatus | str | None,
) -> frozenset[IndicationStatus] | None:
    """Statuses given as enums or names (``"approved"``, ``"OFF_LABEL"``, ``"off-label"``)."""
    if statuses is None:
        return None
    if isinstance(statuses, (str, IndicationStatus)):
        statuses = (statuses,)
    if not isinstance(statuses, Iterable):
        raise InvalidArgumentTypeError(
            f"statuses must be a list of IndicationStatus values, not {type(statuses).__name__}"
        )
    out = set()
    for status in statuses:
        out.add(_parse_enum(IndicationStatus, status, "status"))
    return frozenset(out)


def _parse_enum(cls: type[enum.Enum], value: object, what: str) -> Any:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = normalize(value).replace(" ", "_")
        for member in cls:
            if key in (member.name.casefold(), str(member.value).casefold()):
                return member
        raise InvalidArgumentError(
            f"unknown {what} {value!r}; use one of: " + ", ".join(str(m.value) for m in cls)
        )
    raise InvalidArgumentTypeError(
        f"{what} must be a {cls.__name__} or its name, not {type(value).__name__}"
    )


def resolve_distinct(
    catalog: Catalog, drugs: Sequence[DrugLike], minimum: int, what: str
) -> tuple[Drug, ...]:
    if len(drugs) == 1 and isinstance(drugs[0], (list, tuple)):
        raise InvalidArgumentTypeError(
            f"{what}() takes drugs as separate arguments: use {what}(*drugs), not {what}(drugs)"
        )
    if len(drugs) < minimum:
        raise InvalidArgumentError(
            f"{what}() needs at least {minimum} drug{'s' if minimum > 1 else ''}, got {len(drugs)}"
        )
    resolved = catalog.resolve(drugs)
    seen: dict[str, int] = {}
    for position, drug in enumerate(resolved):
        if drug.id in seen:
            first = drugs[seen[drug.id]]
            again = drugs[position]
            shown = [d.name if isinstance(d, Drug) else repr(d) for d in (first, again)]
            raise InvalidArgumentError(
                f"{shown[0]} and {shown[1]} are the same drug ({drug.name}); "
                f"give {minimum if minimum > 1 else 'one or more'} different drugs"
            )
        seen[drug.id] = position
    return resolved


def _check_fraction(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentTypeError(
            f"{name} must be a number between 0 and 1, not {type(value).__name__}"
        )
    if not 0.0 <= value <= 1.0:
        raise InvalidArgumentError(
            f"{name} must be a fraction between 0 and 1 (5 % is 0.05), got {value!r}"
        )
    return float(value)


# --------------------------------------------------------------------------- comparisons


def shared_adverse_effects(
    catalog: Catalog, drugs: Sequence[DrugLike], min_frequency: float | None = None
) -> SharedAdverseEffects:
    threshold = _check_fraction(min_frequency, "min_frequency")
    resolved = resolve_distinct(catalog, drugs, 2, "shared_adverse_effects")
    return _shared_effects(resolved, threshold)


def _shared_effects(resolved: Sequence[Drug], threshold: float | None) -> SharedAdverseEffects:
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


def overlapping_indications(
    catalog: Catalog,
    drugs: Sequence[DrugLike],
    statuses: Iterable[IndicationStatus | str] | None = None,
) -> IndicationOverlaps:
    wanted = parse_statuses(statuses)
    resolved = resolve_distinct(catalog, drugs, 2, "overlapping_indications")
    return _overlaps(catalog, resolved, wanted)


def _overlaps(
    catalog: Catalog, resolved: Sequence[Drug], wanted: frozenset[IndicationStatus] | None
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
            for scope in (cid, *catalog.ancestors(cid)):
                cover.setdefault(scope, []).append(indication)
        covers.append(cover)
    direct = {i.condition.id for indications in per_drug for i in indications}
    candidates = [cid for cid in sorted(direct) if all(cid in cover for cover in covers)]
    # Report the most specific overlaps: a condition is dropped when a narrower condition is an
    # overlap too and gives every drug the same best status (cardiovascular disease is dropped for
    # hypertension when both drugs are approved for hypertension; hypertension is kept beside
    # "essential hypertension" when only the former is approved).
    order = list(IndicationStatus)

    def best(cover: dict[str, list[Indication]], cid: str) -> int:
        return min(order.index(i.status) for i in cover[cid])

    ancestors = {cid: catalog.ancestors(cid) for cid in candidates}
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
    status_order = list(IndicationStatus)
    results.sort(
        key=lambda o: (
            sorted(status_order.index(e.best_status) for e in o.entries),
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


def withdrawal_risks(catalog: Catalog, drugs: Sequence[DrugLike]) -> WithdrawalRisks:
    resolved = resolve_distinct(catalog, drugs, 1, "withdrawal_risks")
    return _withdrawal(resolved)


def _withdrawal(resolved: Sequence[Drug]) -> WithdrawalRisks:
    risks = [drug.withdrawal or unknown_withdrawal(drug) for drug in resolved]
    risks.sort(key=lambda r: (r.severity.rank, not r.boxed_warning, r.drug_name.casefold(), r.drug))
    return WithdrawalRisks(risks)


def features(drug: Drug, by: SimilarityBasis) -> frozenset[str]:
    if by == "adverse_effects":
        return frozenset(effect.key for effect in drug.adverse_effects)
    if by == "indications":
        return frozenset(i.condition.id for i in drug.indications)
    return frozenset(m.key for m in drug.mechanisms)


def check_basis(by: object) -> SimilarityBasis:
    if not isinstance(by, str):
        raise InvalidArgumentTypeError(f"by must be a string, not {type(by).__name__}")
    for basis in SIMILARITY_BASES:
        if by == basis:
            return basis
    raise InvalidArgumentError(f"unknown by={by!r}; use one of: {', '.join(SIMILARITY_BASES)}")


def jaccard(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared), shared


def similar_drugs(
    catalog: Catalog, drug: DrugLike, by: str = "adverse_effects", limit: int = 10
) -> SimilarDrugs:
    basis = check_basis(by)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidArgumentTypeError(f"limit must be an int, not {type(limit).__name__}")
    if limit < 1:
        raise InvalidArgumentError(f"limit must be at least 1, got {limit}")
    target = catalog.lookup_drug(drug)
    mine = features(target, basis)
    scored = []
    for other_id, facts in catalog.facts().items():
        if other_id == target.id:
            continue
        score, _ = jaccard(mine, facts.features(basis))
        if score > 0:
            scored.append((other_id, score))
    scored.sort(key=lambda pair: (-pair[1], catalog.name_of(pair[0]), pair[0]))
    return SimilarDrugs(
        [(catalog.by_id(other_id), score) for other_id, score in scored[:limit]],
        query=target,
        by=basis,
    )


def compare(catalog: Catalog, drugs: Sequence[DrugLike]) -> Comparison:
    resolved = resolve_distinct(catalog, drugs, 2, "compare")
    similarities = []
    for position, a in enumerate(resolved):
        for b in resolved[position + 1 :]:
            for basis in SIMILARITY_BASES:
                score, shared = jaccard(features(a, basis), features(b, basis))
                similarities.append(
                    SimilarityScore(drug_a=a.id, drug_b=b.id, by=basis, score=score, shared=shared)
                )
    return Comparison(
        drugs=resolved,
        shared_adverse_effects=_shared_effects(resolved, None),
        overlapping_indications=_overlaps(catalog, resolved, None),
        withdrawal_risks=_withdrawal(resolved),
        similarities=SimilarityScores(similarities),
    )
