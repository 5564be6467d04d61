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
    Limitation,
    MarketWithdrawal,
    Mechanism,
    Product,
    Source,
    WithdrawalRisk,
)
from .format import Citation, ConditionRecord, DocumentRecord, LayerInfo
from .records import (
    AdverseEffectRecord,
    ApprovalRecord,
    BoxedWarningRecord,
    DeaRecord,
    DrugRecord,
    IndicationRecord,
    LimitationRecord,
    MarketWithdrawalRecord,
    MechanismRecord,
    ProductRecord,
    WithdrawalRecord,
)

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
        self.field = "?"

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
                        set_id=document.set_id,
                        date=document.date,
                        application=document.application,
                        file=document.file,
                    )
                except (ValueError, TypeError) as exc:
                    raise self.fail(str(exc), f"{field}.cite[{position}]") from None
                self._sources[citation] = source
            out.append(source)
        return tuple(out)

    def condition(self, condition_id: str, field: str) -> Condition:
        condition = self.resolve_condition(condition_id)
        if condition is None:
            raise self.fail(
                f"unknown condition {condition_id!r}; define it under 'conditions'", field
            )
        return condition

    def drug(self, record: DrugRecord, position: int) -> Drug:
        """One layer's view of a drug as a model."""
        self.record = record.id or f"#{position}"
        self.field = "?"
        try:
            return self._drug(record)
        except DatasetError:
            raise
        except (ValueError, TypeError) as exc:
            raise self.fail(str(exc), self.field) from None

    def _at(self, field: str) -> str:
        """Name the field being built (for error messages) and return it."""
        self.field = field
        return field

    def _drug(self, record: DrugRecord) -> Drug:
        withdrawals = (
            *((record.withdrawal,) if record.withdrawal is not None else ()),
            *record.withdrawal_risks,
        )
        mechanisms = tuple(self._mechanism(m, i) for i, m in enumerate(record.mechanisms))
        indications = tuple(self._indication(r, i) for i, r in enumerate(record.indications))
        effects = tuple(self._effect(e, i) for i, e in enumerate(record.adverse_effects))
        risks = tuple(self._withdrawal(record, w, i) for i, w in enumerate(withdrawals))
        dea = self._dea(record.dea)
        boxed = tuple(self._boxed(b, i) for i, b in enumerate(record.boxed_warnings))
        market = tuple(self._market(m, i) for i, m in enumerate(record.market_withdrawals))
        approval = self._approval(record.approval)
        products = tuple(self._product(record, p, i) for i, p in enumerate(record.products))
        limitations = tuple(self._limitation(x, i) for i, x in enumerate(record.limitations))
        identity = self.sources(record.cite, self._at("cite"))
        self._at("id")
        return Drug(
            id=record.id,
            name=record.name or record.id,
            brand_names=record.brand_names,
            synonyms=record.synonyms,
            kind=record.kind or DrugKind.UNKNOWN,
            identifiers=record.identifiers,
            atc_codes=record.atc_codes,
            mechanisms=mechanisms,
            indications=indications,
            adverse_effects=effects,
            withdrawal_risks=risks,
            dea=dea,
            boxed_warnings=boxed,
            market_withdrawals=market,
            approval=approval,
            products=products,
            ingredients=record.ingredients,
            limitations=limitations,
            notes=record.notes,
            sources=identity,
        )

    def _mechanism(self, m: MechanismRecord, i: int) -> Mechanism:
        return Mechanism(
            target=m.target,
            gene=m.gene,
            action=m.action,
            pharmacologic_class=m.pharmacologic_class,
            description=m.description,
            sources=self.sources(m.cite, self._at(f"mechanisms[{i}]")),
        )

    def _indication(self, ind: IndicationRecord, i: int) -> Indication:
        condition = self.condition(ind.condition, self._at(f"indications[{i}].condition"))
        return Indication(
            condition=condition,
            status=ind.status,
            note=ind.note,
            product=ind.product,
            products=ind.products,
            population=ind.population,
            sources=self.sources(ind.cite, self._at(f"indications[{i}]")),
        )

    def _effect(self, ae: AdverseEffectRecord, i: int) -> AdverseEffect:
        field = self._at(f"adverse_effects[{i}]")
        cite = ae.cite or tuple(c for f in ae.frequencies for c in f.cite)
        effect_sources = self.sources(tuple(dict.fromkeys(cite)), field)
        frequencies = []
        for j, f in enumerate(ae.frequencies):
            # A figure without its own citation comes from the effect's sources.
            here = self._at(f"adverse_effects[{i}].frequencies[{j}]")
            frequencies.append(
                self.shared(
                    Frequency(
                        lower=f.lower,
                        upper=f.upper,
                        label=f.label,
                        placebo_lower=f.placebo_lower,
                        placebo_upper=f.placebo_upper,
                        population=f.population,
                        origin=f.origin,
                        table=f.table,
                        arm=f.arm,
                        n=f.n,
                        placebo_n=f.placebo_n,
                        products=f.products,
                        sources=self.sources(f.cite, here) if f.cite else effect_sources,
                    )
                )
            )
        self._at(field)
        return self.shared(
            AdverseEffect(
                term=ae.term,
                umls_cui=ae.umls_cui,
                frequencies=self.shared(tuple(frequencies)),
                sources=effect_sources,
            )
        )

    def _withdrawal(self, record: DrugRecord, w: WithdrawalRecord, i: int) -> WithdrawalRisk:
        return WithdrawalRisk(
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
            product=w.product,
            products=w.products,
            sources=self.sources(w.cite, self._at(f"withdrawal_risks[{i}]")),
        )

    def _dea(self, dea: DeaRecord | None) -> DeaScheduling | None:
        if dea is None:
            return None
        return DeaScheduling(
            schedule=dea.schedule,
            code=dea.code,
            narcotic=dea.narcotic,
            as_of=dea.as_of,
            note=dea.note,
            sources=self.sources(dea.cite, self._at("dea")),
        )

    def _boxed(self, b: BoxedWarningRecord, i: int) -> BoxedWarning:
        return BoxedWarning(
            topic=b.topic,
            summary=b.summary,
            product=b.product,
            products=b.products,
            sources=self.sources(b.cite, self._at(f"boxed_warnings[{i}]")),
        )

    def _market(self, mw: MarketWithdrawalRecord, i: int) -> MarketWithdrawal:
        return MarketWithdrawal(
            year=mw.year,
            country=mw.country,
            reason=mw.reason,
            sources=self.sources(mw.cite, self._at(f"market_withdrawals[{i}]")),
        )

    def _approval(self, a: ApprovalRecord | None) -> Approval | None:
        if a is None:
            return None
        return Approval(
            fda_approved=a.fda_approved,
            first_approval_year=a.first_approval_year,
            first_approval_date=a.first_approval_date,
            application=a.application,
            sponsor=a.sponsor,
            first_product=a.first_product,
            us_marketing_status=a.us_marketing_status,
            approved_eu=a.approved_eu,
            approved_japan=a.approved_japan,
            max_phase=a.max_phase,
            sources=self.sources(a.cite, self._at("approval")),
        )

    def _product(self, record: DrugRecord, p: ProductRecord, i: int) -> Product:
        return self.shared(
            Product(
                name=p.name,
                ingredients=p.ingredients or (record.id,),
                route=p.route,
                dosage_form=p.dosage_form,
                strengths=p.strengths,
                application_type=p.application_type,
                application_number=p.application_number,
                approval_date=p.approval_date,
                marketing_status=p.marketing_status,
                applicant=p.applicant,
                reference_drug=p.reference_drug,
                brand=p.brand,
                sources=self.sources(p.cite, self._at(f"products[{i}]")),
            )
        )

    def _limitation(self, x: LimitationRecord, i: int) -> Limitation:
        field = self._at(f"limitations[{i}]")
        condition = self.condition(x.condition, field + ".condition") if x.condition else None
        return Limitation(
            text=x.text,
            condition=condition,
            product=x.product,
            products=x.products,
            sources=self.sources(x.cite, self._at(field)),
        )


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
                aliases=record.aliases,
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
