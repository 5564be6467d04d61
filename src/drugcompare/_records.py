"""The layer file format: what a packaged layer (or a user's dataset) holds on disk.

A layer is one JSON document::

    {"format": 1,
     "layer": {"id": "curated", "name": ..., "version": ..., "url": ..., "license": ...,
               "attribution": ..., "document": "<default document key, optional>"},
     "documents": {"<key>": {"title": ..., "url": ..., "version": ..., ...}},
     "conditions": [{"id": "DOID:631", "name": "fibromyalgia", ...}],
     "drugs": [{"id": "gabapentin", "name": "gabapentin", ...}]}

Facts cite documents by key (``{"doc": "neurontin-label", "section": "...", "quote": "..."}``), so
a document is written once however many facts it supports. A fact without ``cite`` cites the
layer's default document. The records mirror the public models; ``to_models`` turns them into
:mod:`drugcompare._models` objects with full :class:`~drugcompare.Source` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import attrs

from ._errors import DatasetError
from ._models import (
    AdverseEffect,
    Approval,
    BoxedWarning,
    Condition,
    DeaSchedule,
    DeaScheduling,
    Drug,
    DrugKind,
    Frequency,
    Identifiers,
    Indication,
    IndicationStatus,
    MarketWithdrawal,
    Mechanism,
    Source,
    WithdrawalRisk,
    WithdrawalSeverity,
)

FORMAT_VERSION = 1

_H = TypeVar("_H")


@attrs.frozen(kw_only=True)
class Citation:
    doc: str
    section: str | None = None
    quote: str | None = None


@attrs.frozen(kw_only=True)
class DocumentRecord:
    title: str
    url: str | None = None
    publisher: str | None = None
    version: str | None = None
    kind: str | None = None
    license: str | None = None


@attrs.frozen(kw_only=True)
class LayerInfo:
    id: str
    name: str
    version: str
    license: str
    url: str | None = None
    attribution: str | None = None
    description: str | None = None
    document: str | None = None
    """Key of the document cited by facts that carry no ``cite`` of their own."""


@attrs.frozen(kw_only=True)
class ConditionRecord:
    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FrequencyRecord:
    lower: float | None = None
    upper: float | None = None
    label: str | None = None
    placebo_lower: float | None = None
    placebo_upper: float | None = None
    population: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class AdverseEffectRecord:
    term: str
    umls_cui: str | None = None
    frequencies: tuple[FrequencyRecord, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MechanismRecord:
    target: str | None = None
    gene: str | None = None
    action: str | None = None
    pharmacologic_class: str | None = None
    description: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class IndicationRecord:
    condition: str
    status: IndicationStatus
    note: str | None = None
    product: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class WithdrawalRecord:
    severity: WithdrawalSeverity
    rule: int | None = None
    symptoms: tuple[str, ...] = ()
    onset: str | None = None
    taper: str | None = None
    boxed_warning: bool = False
    dependence: str | None = None
    note: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class BoxedWarningRecord:
    topic: str
    summary: str | None = None
    product: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MarketWithdrawalRecord:
    year: int | None = None
    country: str | None = None
    reason: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class ApprovalRecord:
    fda_approved: bool | None = None
    first_approval_year: int | None = None
    max_phase: int | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class DeaRecord:
    schedule: DeaSchedule
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class DrugRecord:
    """One layer's facts about one drug; every field but ``id`` may be left out."""

    id: str
    name: str | None = None
    brand_names: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    kind: DrugKind | None = None
    identifiers: Identifiers = attrs.Factory(Identifiers)
    atc_codes: tuple[str, ...] = ()
    mechanisms: tuple[MechanismRecord, ...] = ()
    indications: tuple[IndicationRecord, ...] = ()
    adverse_effects: tuple[AdverseEffectRecord, ...] = ()
    withdrawal: WithdrawalRecord | None = None
    dea: DeaRecord | None = None
    boxed_warnings: tuple[BoxedWarningRecord, ...] = ()
    market_withdrawals: tuple[MarketWithdrawalRecord, ...] = ()
    approval: ApprovalRecord | None = None
    notes: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()
    extends: bool = False
    """In a user layer: true to add facts to a packaged drug of the same id (without it, reusing
    a packaged id is an error, so that a typo cannot silently merge two drugs)."""


@attrs.frozen(kw_only=True)
class LayerFile:
    format: int
    layer: LayerInfo
    documents: dict[str, DocumentRecord] = attrs.Factory(dict)
    conditions: tuple[ConditionRecord, ...] = ()
    drugs: tuple[DrugRecord, ...] = ()


class Builder:
    """Turns one layer's records into models, naming file, record and field on any error."""

    def __init__(
        self,
        info: LayerInfo,
        documents: Mapping[str, DocumentRecord],
        file: str,
        resolve_condition: Callable[[str], Condition | None],
    ) -> None:
        self.info = info
        self.documents = documents
        self.file = file
        self.resolve_condition = resolve_condition
        self._sources: dict[Citation, Source] = {}
        self.record = "?"
        self._source_tuples: dict[tuple[Citation, ...], tuple[Source, ...]] = {}
        self._shared: dict[object, object] = {}

    def fail(self, message: str, field: str) -> DatasetError:
        return DatasetError(message, file=self.file, record=self.record, field=field)

    def shared(self, obj: _H) -> _H:
        """One object for every equal value this layer builds (frozen models can be shared):
        a postmarketing SIDER row or a "frequent" range is the same for hundreds of drugs."""
        return self._shared.setdefault(obj, obj)  # type: ignore[return-value]

    def sources(self, cite: tuple[Citation, ...], field: str) -> tuple[Source, ...]:
        cached = self._source_tuples.get(cite)
        if cached is not None:
            return cached
        result = self._build_sources(cite, field)
        self._source_tuples[cite] = result
        return result

    def _build_sources(self, cite: tuple[Citation, ...], field: str) -> tuple[Source, ...]:
        if not cite:
            if self.info.document is None:
                raise self.fail("the fact has no source: add a 'cite' entry", field)
            cite = (Citation(doc=self.info.document),)
        out = []
        for position, citation in enumerate(cite):
            source = self._sources.get(citation)
            if source is None:
                document = self.documents.get(citation.doc)
                if document is None:
                    raise self.fail(
                        f"cites unknown document {citation.doc!r}; add it under 'documents'",
                        f"{field}.cite[{position}].doc",
                    )
                try:
                    source = Source(
                        id=citation.doc,
                        title=document.title,
                        url=document.url,
                        license=document.license or self.info.license,
                        section=citation.section,
                        quote=citation.quote,
                        version=document.version,
                        publisher=document.publisher,
                        kind=document.kind,
                        layer=self.info.id,
                    )
                except (ValueError, TypeError) as exc:
                    raise self.fail(str(exc), f"{field}.cite[{position}]") from None
                self._sources[citation] = source
            out.append(source)
        return tuple(out)

    def drug(self, record: DrugRecord, position: int) -> Drug:
        self.record = record.id or f"#{position}"
        field = "?"
        try:
            field = "mechanisms"
            mechanisms = tuple(
                Mechanism(
                    target=m.target,
                    gene=m.gene,
                    action=m.action,
                    pharmacologic_class=m.pharmacologic_class,
                    description=m.description,
                    sources=self.sources(m.cite, field := f"mechanisms[{i}]"),
                )
                for i, m in enumerate(record.mechanisms)
            )
            indications = []
            for i, ind in enumerate(record.indications):
                field = f"indications[{i}].condition"
                condition = self.resolve_condition(ind.condition)
                if condition is None:
                    raise self.fail(
                        f"unknown condition {ind.condition!r}; define it under 'conditions'", field
                    )
                field = f"indications[{i}]"
                indications.append(
                    Indication(
                        condition=condition,
                        status=ind.status,
                        note=ind.note,
                        product=ind.product,
                        sources=self.sources(ind.cite, field),
                    )
                )
            effects = []
            for i, ae in enumerate(record.adverse_effects):
                field = f"adverse_effects[{i}]"
                field = f"adverse_effects[{i}]"
                cite = ae.cite or tuple(c for f in ae.frequencies for c in f.cite)
                effect_sources = self.sources(tuple(dict.fromkeys(cite)), field)
                frequencies = []
                for j, f in enumerate(ae.frequencies):
                    # A figure without its own citation comes from the effect's sources.
                    field = f"adverse_effects[{i}].frequencies[{j}]"
                    frequencies.append(
                        self.shared(
                            Frequency(
                                lower=f.lower,
                                upper=f.upper,
                                label=f.label,
                                placebo_lower=f.placebo_lower,
                                placebo_upper=f.placebo_upper,
                                population=f.population,
                                sources=self.sources(f.cite, field) if f.cite else effect_sources,
                            )
                        )
                    )
                field = f"adverse_effects[{i}]"
                effects.append(
                    self.shared(
                        AdverseEffect(
                            term=ae.term,
                            umls_cui=ae.umls_cui,
                            frequencies=self.shared(tuple(frequencies)),
                            sources=effect_sources,
                        )
                    )
                )
            withdrawal = None
            if record.withdrawal is not None:
                w = record.withdrawal
                field = "withdrawal"
                withdrawal = WithdrawalRisk(
                    drug=record.id,
                    drug_name=record.name or record.id,
                    severity=w.severity,
                    rule=w.rule,
                    symptoms=w.symptoms,
                    onset=w.onset,
                    taper=w.taper,
                    boxed_warning=w.boxed_warning,
                    dependence=w.dependence,
                    note=w.note,
                    sources=self.sources(w.cite, field),
                )
            dea = None
            if record.dea is not None:
                field = "dea"
                dea = DeaScheduling(
                    schedule=record.dea.schedule, sources=self.sources(record.dea.cite, field)
                )
            boxed = []
            for i, b in enumerate(record.boxed_warnings):
                field = f"boxed_warnings[{i}]"
                boxed.append(
                    BoxedWarning(
                        topic=b.topic,
                        summary=b.summary,
                        product=b.product,
                        sources=self.sources(b.cite, field),
                    )
                )
            withdrawals = []
            for i, mw in enumerate(record.market_withdrawals):
                field = f"market_withdrawals[{i}]"
                withdrawals.append(
                    MarketWithdrawal(
                        year=mw.year,
                        country=mw.country,
                        reason=mw.reason,
                        sources=self.sources(mw.cite, field),
                    )
                )
            approval = None
            if record.approval is not None:
                a = record.approval
                field = "approval"
                approval = Approval(
                    fda_approved=a.fda_approved,
                    first_approval_year=a.first_approval_year,
                    max_phase=a.max_phase,
                    sources=self.sources(a.cite, field),
                )
            field = "cite"
            identity = self.sources(record.cite, field)
            field = "id"
            return Drug(
                id=record.id,
                name=record.name or record.id,
                brand_names=record.brand_names,
                synonyms=record.synonyms,
                kind=record.kind or DrugKind.UNKNOWN,
                identifiers=record.identifiers,
                atc_codes=record.atc_codes,
                mechanisms=mechanisms,
                indications=tuple(indications),
                adverse_effects=tuple(effects),
                withdrawal=withdrawal,
                dea=dea,
                boxed_warnings=tuple(boxed),
                market_withdrawals=tuple(withdrawals),
                approval=approval,
                notes=record.notes,
                sources=identity,
            )
        except DatasetError:
            raise
        except (ValueError, TypeError) as exc:
            raise self.fail(str(exc), field) from None


def build_conditions(records: Iterable[ConditionRecord], file: str) -> dict[str, Condition]:
    """A layer's condition records as models, keyed by id."""
    conditions: dict[str, Condition] = {}
    for position, record in enumerate(records):
        try:
            condition = Condition(
                id=record.id,
                name=record.name,
                synonyms=record.synonyms,
                xrefs=record.xrefs,
                parents=record.parents,
            )
        except (ValueError, TypeError) as exc:
            raise DatasetError(
                str(exc),
                file=file,
                record=record.id or f"conditions[{position}]",
                field="conditions",
            ) from None
        if condition.id in conditions:
            raise DatasetError(
                f"condition {condition.id!r} is defined twice",
                file=file,
                record=condition.id,
                field="id",
            )
        conditions[condition.id] = condition
    return conditions


# ---------------------------------------------------------------------------- trusted fast path
#
# Packaged layers are validated when they are built (tools/build runs every record through
# cattrs and the models' validators), so reading them does not need cattrs: these functions
# turn their JSON dicts into records directly. The models' own validators still run.


def _cites(items: Iterable[Mapping[str, str]] | None) -> tuple[Citation, ...]:
    if not items:
        return ()
    return tuple(
        Citation(doc=c["doc"], section=c.get("section"), quote=c.get("quote")) for c in items
    )


def _strs(items: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(items) if items else ()


def identifiers_from_dict(data: Mapping[str, Iterable[str]] | None) -> Identifiers:
    if not data:
        return _NO_IDENTIFIERS
    return Identifiers(**{kind: tuple(values) for kind, values in data.items()})


_NO_IDENTIFIERS = Identifiers()


def record_from_dict(d: Mapping[str, object]) -> DrugRecord:
    """A packaged drug record from its JSON dict, without cattrs (trusted, build-validated data)."""
    g = d.get
    withdrawal = g("withdrawal")
    dea = g("dea")
    approval = g("approval")
    return DrugRecord(
        id=d["id"],  # type: ignore[arg-type]
        name=g("name"),  # type: ignore[arg-type]
        brand_names=_strs(g("brand_names")),  # type: ignore[arg-type]
        synonyms=_strs(g("synonyms")),  # type: ignore[arg-type]
        kind=DrugKind(g("kind")) if g("kind") else None,
        identifiers=identifiers_from_dict(g("identifiers")),  # type: ignore[arg-type]
        atc_codes=_strs(g("atc_codes")),  # type: ignore[arg-type]
        mechanisms=tuple(
            MechanismRecord(
                target=m.get("target"),
                gene=m.get("gene"),
                action=m.get("action"),
                pharmacologic_class=m.get("pharmacologic_class"),
                description=m.get("description"),
                cite=_cites(m.get("cite")),
            )
            for m in g("mechanisms") or ()  # type: ignore[attr-defined]
        ),
        indications=tuple(
            IndicationRecord(
                condition=i["condition"],
                status=IndicationStatus(i["status"]),
                note=i.get("note"),
                product=i.get("product"),
                cite=_cites(i.get("cite")),
            )
            for i in g("indications") or ()  # type: ignore[attr-defined]
        ),
        adverse_effects=tuple(
            AdverseEffectRecord(
                term=a["term"],
                umls_cui=a.get("umls_cui"),
                frequencies=tuple(
                    FrequencyRecord(
                        lower=f.get("lower"),
                        upper=f.get("upper"),
                        label=f.get("label"),
                        placebo_lower=f.get("placebo_lower"),
                        placebo_upper=f.get("placebo_upper"),
                        population=f.get("population"),
                        cite=_cites(f.get("cite")),
                    )
                    for f in a.get("frequencies") or ()
                ),
                cite=_cites(a.get("cite")),
            )
            for a in g("adverse_effects") or ()  # type: ignore[attr-defined]
        ),
        withdrawal=None
        if withdrawal is None
        else WithdrawalRecord(
            severity=WithdrawalSeverity(withdrawal["severity"]),  # type: ignore[index]
            rule=withdrawal.get("rule"),  # type: ignore[attr-defined]
            symptoms=_strs(withdrawal.get("symptoms")),  # type: ignore[attr-defined]
            onset=withdrawal.get("onset"),  # type: ignore[attr-defined]
            taper=withdrawal.get("taper"),  # type: ignore[attr-defined]
            boxed_warning=bool(withdrawal.get("boxed_warning", False)),  # type: ignore[attr-defined]
            dependence=withdrawal.get("dependence"),  # type: ignore[attr-defined]
            note=withdrawal.get("note"),  # type: ignore[attr-defined]
            cite=_cites(withdrawal.get("cite")),  # type: ignore[attr-defined]
        ),
        dea=None
        if dea is None
        else DeaRecord(
            schedule=DeaSchedule(dea["schedule"]),  # type: ignore[index]
            cite=_cites(dea.get("cite")),  # type: ignore[attr-defined]
        ),
        boxed_warnings=tuple(
            BoxedWarningRecord(
                topic=b["topic"],
                summary=b.get("summary"),
                product=b.get("product"),
                cite=_cites(b.get("cite")),
            )
            for b in g("boxed_warnings") or ()  # type: ignore[attr-defined]
        ),
        market_withdrawals=tuple(
            MarketWithdrawalRecord(
                year=m.get("year"),
                country=m.get("country"),
                reason=m.get("reason"),
                cite=_cites(m.get("cite")),
            )
            for m in g("market_withdrawals") or ()  # type: ignore[attr-defined]
        ),
        approval=None
        if approval is None
        else ApprovalRecord(
            fda_approved=approval.get("fda_approved"),  # type: ignore[attr-defined]
            first_approval_year=approval.get("first_approval_year"),  # type: ignore[attr-defined]
            max_phase=approval.get("max_phase"),  # type: ignore[attr-defined]
            cite=_cites(approval.get("cite")),  # type: ignore[attr-defined]
        ),
        notes=_strs(g("notes")),  # type: ignore[arg-type]
        cite=_cites(g("cite")),  # type: ignore[arg-type]
    )


def document_from_dict(d: Mapping[str, str]) -> DocumentRecord:
    return DocumentRecord(
        title=d["title"],
        url=d.get("url"),
        publisher=d.get("publisher"),
        version=d.get("version"),
        kind=d.get("kind"),
        license=d.get("license"),
    )


def layer_info_from_dict(d: Mapping[str, str]) -> LayerInfo:
    return LayerInfo(
        id=d["id"],
        name=d["name"],
        version=d["version"],
        license=d["license"],
        url=d.get("url"),
        attribution=d.get("attribution"),
        description=d.get("description"),
        document=d.get("document"),
    )


def condition_from_dict(d: Mapping[str, object]) -> Condition:
    return Condition(
        id=d["id"],  # type: ignore[arg-type]
        name=d["name"],  # type: ignore[arg-type]
        synonyms=_strs(d.get("synonyms")),  # type: ignore[arg-type]
        xrefs=_strs(d.get("xrefs")),  # type: ignore[arg-type]
        parents=_strs(d.get("parents")),  # type: ignore[arg-type]
    )
