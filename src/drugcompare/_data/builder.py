"""Layer records -> models: one layer's drug records (parsed JSON: the packaged lines as read,
a user layer's records after the strict converter has checked them) become
:class:`~drugcompare.Drug` views with full :class:`~drugcompare.Source` objects, naming the file,
record and field on any error. The records' shape is :mod:`drugcompare._data.records`; reading the
dicts directly (not through the record classes) keeps a first comparison cheap."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

from .._errors import DatasetError
from .._trusted import structure
from ..model import (
    AdverseEffect,
    ApplicationType,
    Approval,
    BoxedWarning,
    Condition,
    DeaSchedule,
    DeaScheduling,
    Drug,
    DrugKind,
    Frequency,
    FrequencyOrigin,
    Identifiers,
    Indication,
    IndicationStatus,
    Limitation,
    MarketingStatus,
    MarketWithdrawal,
    Mechanism,
    Product,
    Source,
    WithdrawalRisk,
    WithdrawalSeverity,
)
from .citations import Citations, Record, unique_cites
from .format import ConditionRecord, LayerInfo

__all__ = ["Builder", "build_conditions"]

_H = TypeVar("_H")
_F = TypeVar("_F")
_E = TypeVar("_E")


def _enum(kind: Callable[[Any], _E], value: Any) -> _E | None:
    return None if value is None else kind(value)


class Builder:
    """Turns one layer's records into models, naming file, record and field on any error."""

    def __init__(
        self,
        info: LayerInfo,
        documents: Mapping[str, Record],
        file: str,
        resolve_condition: Callable[[str], Condition | None],
    ) -> None:
        self.info = info
        self.documents = documents
        self.file = file
        self.resolve_condition = resolve_condition
        self._citations = Citations(info, documents)
        self.record = "?"
        self._shared: dict[object, object] = {}
        self._figures: dict[tuple[Hashable, tuple[Source, ...]], Frequency] = {}
        self.field: object = "?"

    def fail(self, message: str, field: object) -> DatasetError:
        return DatasetError(message, file=self.file, record=self.record, field=str(field))

    def shared(self, obj: _H) -> _H:
        """One object for every equal value this layer builds (frozen models can be shared):
        a postmarketing SIDER row or a "frequent" range is the same for hundreds of drugs."""
        return self._shared.setdefault(obj, obj)  # type: ignore[return-value]

    def sources(self, cite: Iterable[Record], field: object) -> tuple[Source, ...]:
        """The sources ``cite`` names (the layer's default document when it names none)."""
        return self._citations.sources(cite, field, self.fail)

    def condition(self, condition_id: str, field: str) -> Condition:
        condition = self.resolve_condition(condition_id)
        if condition is None:
            raise self.fail(
                f"unknown condition {condition_id!r}; define it under 'conditions'", field
            )
        return condition

    def drug(self, record: Record, position: int) -> Drug:
        """One layer's view of a drug as a model."""
        self.record = record.get("id") or f"#{position}"
        self.field = "?"
        try:
            return self._drug(record)
        except DatasetError:
            raise
        except (ValueError, TypeError, KeyError) as exc:
            raise self.fail(str(exc), self.field) from None

    def _at(self, field: _F) -> _F:
        """Name the field being built (for error messages) and return it."""
        self.field = field
        return field

    def _drug(self, record: Record) -> Drug:
        get = record.get
        drug_id = record["id"]
        name = get("name") or drug_id
        withdrawal = get("withdrawal")
        withdrawals = [
            *((withdrawal,) if withdrawal is not None else ()),
            *get("withdrawal_risks", ()),
        ]
        mechanisms = tuple(self._mechanism(m, i) for i, m in enumerate(get("mechanisms", ())))
        indications = tuple(self._indication(r, i) for i, r in enumerate(get("indications", ())))
        effects = tuple(self._effect(e, i) for i, e in enumerate(get("adverse_effects", ())))
        risks = tuple(self._withdrawal(drug_id, name, w, i) for i, w in enumerate(withdrawals))
        dea = self._dea(get("dea"))
        boxed = tuple(self._boxed(b, i) for i, b in enumerate(get("boxed_warnings", ())))
        market = tuple(self._market(m, i) for i, m in enumerate(get("market_withdrawals", ())))
        approval = self._approval(get("approval"))
        products = tuple(self._product(drug_id, p, i) for i, p in enumerate(get("products", ())))
        limitations = tuple(self._limitation(x, i) for i, x in enumerate(get("limitations", ())))
        identity = self.sources(get("cite", ()), self._at("cite"))
        self._at("identifiers")
        identifiers = get("identifiers")
        self._at("id")
        return Drug(
            id=drug_id,
            name=name,
            brand_names=get("brand_names", ()),
            synonyms=get("synonyms", ()),
            kind=_enum(DrugKind, get("kind")) or DrugKind.UNKNOWN,
            identifiers=Identifiers() if not identifiers else structure(identifiers, Identifiers),
            atc_codes=get("atc_codes", ()),
            mechanisms=mechanisms,
            indications=indications,
            adverse_effects=effects,
            withdrawal_risks=risks,
            dea=dea,
            boxed_warnings=boxed,
            market_withdrawals=market,
            approval=approval,
            products=products,
            ingredients=get("ingredients", ()),
            limitations=limitations,
            notes=get("notes", ()),
            sources=identity,
        )

    def _mechanism(self, m: Record, i: int) -> Mechanism:
        get = m.get
        return Mechanism(
            target=get("target"),
            gene=get("gene"),
            action=get("action"),
            pharmacologic_class=get("pharmacologic_class"),
            description=get("description"),
            sources=self.sources(get("cite", ()), self._at(f"mechanisms[{i}]")),
        )

    def _indication(self, ind: Record, i: int) -> Indication:
        get = ind.get
        condition = self.condition(ind["condition"], self._at(f"indications[{i}].condition"))
        return Indication(
            condition=condition,
            status=IndicationStatus(ind["status"]),
            note=get("note"),
            product=get("product"),
            products=get("products", ()),
            population=get("population"),
            sources=self.sources(get("cite", ()), self._at(f"indications[{i}]")),
        )

    def _effect(self, ae: Record, i: int) -> AdverseEffect:
        field = self._at(f"adverse_effects[{i}]")
        figures = ae.get("frequencies", ())
        cite = ae.get("cite") or [c for f in figures for c in f.get("cite", ())]
        effect_sources = self.sources(unique_cites(cite), field)
        frequencies = []
        for j, f in enumerate(figures):
            # A figure without its own citation comes from the effect's sources.
            get = f.get
            here = self._at(_FigureField(i, j))
            own = get("cite")
            sources = self.sources(own, here) if own else effect_sources
            # The same figure (a SIDER "postmarketing" row, a common range) recurs across
            # effects: one model per distinct figure of the layer, built and checked once.
            known = (_figure_fields(f), sources)
            frequency = self._figures.get(known)
            if frequency is None:
                frequency = self.shared(
                    Frequency(
                        lower=get("lower"),
                        upper=get("upper"),
                        label=get("label"),
                        placebo_lower=get("placebo_lower"),
                        placebo_upper=get("placebo_upper"),
                        population=get("population"),
                        origin=_enum(FrequencyOrigin, get("origin")),
                        table=get("table"),
                        arm=get("arm"),
                        n=get("n"),
                        placebo_n=get("placebo_n"),
                        products=get("products", ()),
                        sources=sources,
                    )
                )
                self._figures[known] = frequency
            frequencies.append(frequency)
        self._at(field)
        return self.shared(
            AdverseEffect(
                term=ae["term"],
                umls_cui=ae.get("umls_cui"),
                frequencies=self.shared(tuple(frequencies)),
                sources=effect_sources,
            )
        )

    def _withdrawal(self, drug_id: str, name: str, w: Record, i: int) -> WithdrawalRisk:
        get = w.get
        return WithdrawalRisk(
            drug=drug_id,
            drug_name=name,
            severity=WithdrawalSeverity(w["severity"]),
            rule=get("rule"),
            symptoms=get("symptoms", ()),
            onset=get("onset"),
            taper=get("taper"),
            boxed_warning=get("boxed_warning", False),
            dependence=get("dependence"),
            note=get("note"),
            product=get("product"),
            products=get("products", ()),
            sources=self.sources(get("cite", ()), self._at(f"withdrawal_risks[{i}]")),
        )

    def _dea(self, dea: Record | None) -> DeaScheduling | None:
        if dea is None:
            return None
        get = dea.get
        return DeaScheduling(
            schedule=_enum(DeaSchedule, get("schedule")),
            code=get("code"),
            narcotic=get("narcotic"),
            as_of=get("as_of"),
            note=get("note"),
            sources=self.sources(get("cite", ()), self._at("dea")),
        )

    def _boxed(self, b: Record, i: int) -> BoxedWarning:
        get = b.get
        return BoxedWarning(
            topic=b["topic"],
            summary=get("summary"),
            product=get("product"),
            products=get("products", ()),
            sources=self.sources(get("cite", ()), self._at(f"boxed_warnings[{i}]")),
        )

    def _market(self, mw: Record, i: int) -> MarketWithdrawal:
        get = mw.get
        return MarketWithdrawal(
            year=get("year"),
            country=get("country"),
            reason=get("reason"),
            sources=self.sources(get("cite", ()), self._at(f"market_withdrawals[{i}]")),
        )

    def _approval(self, a: Record | None) -> Approval | None:
        if a is None:
            return None
        get = a.get
        return Approval(
            fda_approved=get("fda_approved"),
            first_approval_year=get("first_approval_year"),
            first_approval_date=get("first_approval_date"),
            application=get("application"),
            sponsor=get("sponsor"),
            first_product=get("first_product"),
            us_marketing_status=tuple(map(MarketingStatus, get("us_marketing_status", ()))),
            approved_eu=get("approved_eu"),
            approved_japan=get("approved_japan"),
            max_phase=get("max_phase"),
            sources=self.sources(get("cite", ()), self._at("approval")),
        )

    def _product(self, drug_id: str, p: Record, i: int) -> Product:
        get = p.get
        return self.shared(
            Product(
                name=p["name"],
                ingredients=get("ingredients") or (drug_id,),
                route=get("route"),
                dosage_form=get("dosage_form"),
                strengths=get("strengths", ()),
                application_type=_enum(ApplicationType, get("application_type")),
                application_number=get("application_number"),
                approval_date=get("approval_date"),
                marketing_status=_enum(MarketingStatus, get("marketing_status")),
                applicant=get("applicant"),
                reference_drug=get("reference_drug"),
                brand=get("brand", False),
                sources=self.sources(get("cite", ()), self._at(f"products[{i}]")),
            )
        )

    def _limitation(self, x: Record, i: int) -> Limitation:
        field = self._at(f"limitations[{i}]")
        get = x.get
        found = get("condition")
        condition = self.condition(found, field + ".condition") if found else None
        return Limitation(
            text=x["text"],
            condition=condition,
            product=get("product"),
            products=get("products", ()),
            sources=self.sources(get("cite", ()), self._at(field)),
        )


class _FigureField:
    """The path of a figure in a record, formatted only for an error message (a drug has
    thousands of figures and, almost always, no error)."""

    __slots__ = ("effect", "figure")

    def __init__(self, effect: int, figure: int) -> None:
        self.effect = effect
        self.figure = figure

    def __str__(self) -> str:
        return f"adverse_effects[{self.effect}].frequencies[{self.figure}]"


_FIGURE_FIELDS = (
    "lower",
    "upper",
    "label",
    "placebo_lower",
    "placebo_upper",
    "population",
    "origin",
    "table",
    "arm",
    "n",
    "placebo_n",
)


def _figure_fields(figure: Record) -> Hashable:
    """What makes two figure records the same figure (their citations aside)."""
    get = figure.get
    return (*(get(name) for name in _FIGURE_FIELDS), tuple(get("products", ())))


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
