"""Records -> models: one layer's drug records become :class:`~drugcompare.Drug` views with full
:class:`~drugcompare.Source` objects, naming the file, record and field on any error."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from .._errors import DatasetError
from ..model import (
    AdverseEffect,
    Approval,
    BoxedWarning,
    Condition,
    DeaScheduling,
    Drug,
    DrugKind,
    Frequency,
    Indication,
    MarketWithdrawal,
    Mechanism,
    Source,
    WithdrawalRisk,
)
from .format import Citation, ConditionRecord, DocumentRecord, LayerInfo
from .records import DrugRecord

__all__ = ["Builder", "build_conditions"]

_H = TypeVar("_H")


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
