"""The typed, immutable data model.

Every class is an ``attrs`` frozen, keyword-only class; collections are tuples, so a model can be
hashed, shared between threads and never changes after it is built. Change one with
``attrs.evolve``. Validators reject impossible values when a model is built, whichever way it is
built (by hand, from the packaged data or from a user's dataset).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = [
    "AdverseEffect",
    "Approval",
    "BoxedWarning",
    "Condition",
    "DeaSchedule",
    "DeaScheduling",
    "Drug",
    "DrugKind",
    "Frequency",
    "Identifiers",
    "Indication",
    "IndicationStatus",
    "MarketWithdrawal",
    "Mechanism",
    "Source",
    "WithdrawalRisk",
    "WithdrawalSeverity",
]


class DrugKind(str, enum.Enum):
    """What kind of product an active ingredient is."""

    SMALL_MOLECULE = "small_molecule"
    BIOLOGIC = "biologic"
    PROTEIN = "protein"
    BOTANICAL = "botanical"
    MIXTURE = "mixture"
    OTHER = "other"
    UNKNOWN = "unknown"


class IndicationStatus(str, enum.Enum):
    """How well established a use is (see docs/curation.md for the exact rules).

    ``APPROVED`` means listed in section 1 of a US FDA label; nothing else is approved.
    ``LISTED`` means a structured database lists the use as an indication without saying whether a
    US label carries it (DrugCentral/FDB, ChEMBL phase 4, PharmacotherapyDB, SIDER text mining).
    The members are in order of strength of evidence, strongest first.
    """

    APPROVED = "approved"
    OFF_LABEL = "off_label"
    LISTED = "listed"
    INVESTIGATIONAL = "investigational"
    ANECDOTAL = "anecdotal"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")


class WithdrawalSeverity(str, enum.Enum):
    """Severity of stopping a drug, rated by the written rule in docs/curation.md."""

    LIFE_THREATENING = "life_threatening"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the most severe; the order ``withdrawal_risks()`` sorts by.

        ``UNKNOWN`` ranks after ``LOW`` and before ``NONE``: a risk nobody has described is not
        shown as less than one known to be absent.
        """
        return _SEVERITY_ORDER.index(self)

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")


_SEVERITY_ORDER = list(WithdrawalSeverity)


class DeaSchedule(str, enum.Enum):
    """US federal controlled-substance schedule (21 CFR 1308.11-1308.15)."""

    I = "I"  # noqa: E741 - the schedule's own name
    II = "II"
    III = "III"
    IV = "IV"
    V = "V"
    NOT_CONTROLLED = "not_controlled"

    @property
    def label(self) -> str:
        return "not controlled" if self is DeaSchedule.NOT_CONTROLLED else f"C-{self.value}"


# --------------------------------------------------------------------------- validators


def _non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def _optional_non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _non_empty(_inst, attribute, value)


def _fraction(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attribute.name} must be a number between 0 and 1, got {value!r}")
    if not 0.0 <= value <= 1.0:  # also rejects NaN
        raise ValueError(f"{attribute.name} must be a fraction between 0 and 1, got {value!r}")


def _has_sources(_inst: object, attribute: attrs.Attribute[Any], value: tuple[Source, ...]) -> None:
    if not value:
        raise ValueError(f"a fact needs at least one source ({attribute.name} is empty)")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of strings, got the string {value!r}")
    return tuple(value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence, got the string {value!r}")
    return tuple(value)


def _each_non_empty(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty strings, got {item!r}")


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(
            f"{attribute.name} must be a lowercase slug such as 'gabapentin' or 'valproic-acid', "
            f"got {value!r}"
        )


# --------------------------------------------------------------------------- models


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact comes from: one document (and the place in it) or one dataset."""

    id: str = attrs.field(validator=_non_empty)
    """Short key of the document or dataset, e.g. ``"neurontin-label"`` or ``"sider"``."""
    title: str = attrs.field(validator=_non_empty)
    url: str | None = attrs.field(default=None, validator=_optional_non_empty)
    license: str = attrs.field(validator=_non_empty)
    section: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """Section, table or record of the document that supports the fact."""
    quote: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """A short verbatim quote supporting the fact (curated facts)."""
    version: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """Label revision, release or date of the document or dataset."""
    publisher: str | None = attrs.field(default=None, validator=_optional_non_empty)
    kind: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """What the document is: ``fda_label``, ``cfr``, ``fda_statement``, ``guideline``, ``trial``,
    ``dataset`` ..."""
    layer: str = attrs.field(validator=_slug)
    """The packaged (or user) layer the fact was loaded from, e.g. ``"curated"``."""


@attrs.frozen(kw_only=True)
class Identifiers:
    """Cross-references of a drug; each field is a tuple because sources may list several."""

    rxcui: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    unii: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    drugbank: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    chembl: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    pubchem_cid: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    drugcentral: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    mesh: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    umls_cui: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def items(self) -> tuple[tuple[str, str], ...]:
        """``(kind, value)`` pairs for every identifier, in field order."""
        return tuple(
            (field.name, value)
            for field in attrs.fields(Identifiers)
            for value in getattr(self, field.name)
        )


@attrs.frozen(kw_only=True)
class Condition:
    """A disease or clinical condition, keyed by a CURIE (``DOID:631``, ``UMLS:C0026838``)."""

    id: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    synonyms: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    xrefs: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_each_non_empty)
    """Cross-references as CURIEs: ``UMLS:C0016053``, ``MESH:D005356``, ``DOID:631`` ..."""
    parents: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    """Ids of the broader conditions this one is a kind of (Disease Ontology ``subClassOf``)."""

    def __str__(self) -> str:
        from ._render import condition_text

        return condition_text(self)

    def _repr_html_(self) -> str:
        from ._render import condition_html

        return condition_html(self)


@attrs.frozen(kw_only=True)
class Frequency:
    """How often an adverse effect occurred, as fractions (0.05 = 5 %).

    ``lower``/``upper`` bound the incidence (equal for a single figure); ``label`` names a
    qualitative frequency such as ``"common"``, ``"serious"`` or ``"postmarketing"``. Placebo
    bounds are the incidence in the placebo arm of the same trials, where the source gives one.
    """

    lower: float | None = attrs.field(default=None, validator=_fraction)
    upper: float | None = attrs.field(default=None, validator=_fraction)
    label: str | None = attrs.field(default=None, validator=_optional_non_empty)
    placebo_lower: float | None = attrs.field(default=None, validator=_fraction)
    placebo_upper: float | None = attrs.field(default=None, validator=_fraction)
    population: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """The trials, table or population the figures come from."""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        for low, high, what in (
            (self.lower, self.upper, "incidence"),
            (self.placebo_lower, self.placebo_upper, "placebo incidence"),
        ):
            if (low is None) != (high is None):
                raise ValueError(f"{what} needs both a lower and an upper bound (or neither)")
            if low is not None and high is not None and low > high:
                raise ValueError(f"{what} lower bound {low} is above the upper bound {high}")
        if self.lower is None and self.label is None:
            raise ValueError("a frequency needs figures (lower/upper) or a label")

    @property
    def value(self) -> float | None:
        """The incidence the source says is reached: ``lower`` (for a single figure, the figure).

        Used to sort effects and for ``min_frequency``; a range such as "1%-10%" or SIDER's
        "frequent" (1%-100%) counts as its lower bound, never as a midpoint it does not state.
        """
        return self.lower

    @property
    def placebo_value(self) -> float | None:
        return self.placebo_lower

    @property
    def is_point(self) -> bool:
        """True for a single figure (``lower == upper``)."""
        return self.lower is not None and self.lower == self.upper

    @property
    def has_placebo(self) -> bool:
        return self.placebo_lower is not None


@attrs.frozen(kw_only=True)
class AdverseEffect:
    """An adverse effect a drug's label or dataset lists, with every frequency reported for it."""

    term: str = attrs.field(validator=_non_empty)
    """MedDRA preferred-term name where one is known, e.g. ``"Dizziness"``."""
    umls_cui: str | None = attrs.field(default=None, validator=_optional_non_empty)
    frequencies: tuple[Frequency, ...] = attrs.field(default=(), converter=_tuple)
    """Every reported frequency (one per table or dataset row), best-established first."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)

    @property
    def key(self) -> str:
        """Matching key across drugs: the UMLS CUI, else the case-folded term."""
        return self.umls_cui if self.umls_cui else "term:" + self.term.casefold()

    _headline: Frequency | None = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_headline", _headline(self.frequencies))

    @property
    def frequency(self) -> Frequency | None:
        """The headline frequency, in layer precedence order: the first figure with a placebo
        rate, else the first single figure, else the first range, else the first label."""
        return self._headline

    @property
    def frequency_sources(self) -> tuple[Source, ...]:
        """The sources of the headline figure: its own, else the effect's."""
        headline = self._headline
        return headline.sources if headline is not None and headline.sources else self.sources


def _headline(frequencies: tuple[Frequency, ...]) -> Frequency | None:
    with_figures = [f for f in frequencies if f.value is not None]
    for candidate in with_figures:
        if candidate.has_placebo:
            return candidate
    for candidate in with_figures:
        if candidate.is_point:
            return candidate
    if with_figures:
        return with_figures[0]
    return frequencies[0] if frequencies else None


@attrs.frozen(kw_only=True)
class Mechanism:
    """How a drug acts on one target (or, without a known target, its pharmacologic class)."""

    target: str | None = attrs.field(default=None, validator=_optional_non_empty)
    gene: str | None = attrs.field(default=None, validator=_optional_non_empty)
    action: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """``agonist``, ``antagonist``, ``inhibitor``, ``modulator`` ... (lowercase)."""
    pharmacologic_class: str | None = attrs.field(default=None, validator=_optional_non_empty)
    description: str | None = attrs.field(default=None, validator=_optional_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)

    def __attrs_post_init__(self) -> None:
        if self.target is None and self.pharmacologic_class is None and self.description is None:
            raise ValueError("a mechanism needs a target, a pharmacologic class or a description")

    @property
    def key(self) -> str:
        """Matching key across drugs: the gene symbol, else the target, else the class."""
        return Mechanism.key_of(self.gene, self.target, self.pharmacologic_class, self.description)

    @staticmethod
    def key_of(
        gene: str | None,
        target: str | None,
        pharmacologic_class: str | None,
        description: str | None,
    ) -> str:
        if gene:
            return "gene:" + gene.upper()
        if target:
            return "target:" + target.casefold()
        return "class:" + (pharmacologic_class or description or "").casefold()


@attrs.frozen(kw_only=True)
class Indication:
    """A use of a drug for a condition, with how well established it is."""

    condition: Condition
    status: IndicationStatus
    note: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """Population, line of therapy or caveat, as the source states it."""
    product: str | None = attrs.field(default=None, validator=_optional_non_empty)
    """The product or formulation the statement is limited to, if any (e.g. ``"Gralise"``)."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)


@attrs.frozen(kw_only=True)
class WithdrawalRisk:
    """What happens when a patient stops the drug: discontinuation/withdrawal and dependence."""

    drug: str = attrs.field(validator=_slug)
    """Id of the drug this describes."""
    drug_name: str = attrs.field(validator=_non_empty)
    severity: WithdrawalSeverity
    rule: int | None = None
    """Clause of the severity rule that applied (docs/curation.md), for curated records."""
    symptoms: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    onset: str | None = attrs.field(default=None, validator=_optional_non_empty)
    taper: str | None = attrs.field(default=None, validator=_optional_non_empty)
    boxed_warning: bool = False
    dependence: str | None = attrs.field(default=None, validator=_optional_non_empty)
    note: str | None = attrs.field(default=None, validator=_optional_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)

    def __str__(self) -> str:
        from ._render import withdrawal_text

        return withdrawal_text((self,))

    def _repr_html_(self) -> str:
        from ._render import withdrawal_html

        return withdrawal_html((self,))


@attrs.frozen(kw_only=True)
class BoxedWarning:
    """One topic of a boxed warning on a US label."""

    topic: str = attrs.field(validator=_non_empty)
    summary: str | None = attrs.field(default=None, validator=_optional_non_empty)
    product: str | None = attrs.field(default=None, validator=_optional_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)


@attrs.frozen(kw_only=True)
class MarketWithdrawal:
    """A withdrawal of the drug from a market (not a discontinuation syndrome)."""

    year: int | None = None
    country: str | None = attrs.field(default=None, validator=_optional_non_empty)
    reason: str | None = attrs.field(default=None, validator=_optional_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)


@attrs.frozen(kw_only=True)
class Approval:
    """Regulatory status of the ingredient."""

    fda_approved: bool | None = None
    """True if a US label exists, False if sources state it is not approved, None if unknown."""
    first_approval_year: int | None = None
    max_phase: int | None = None
    """Highest development phase reached (4 = approved somewhere), where a source gives it."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)


@attrs.frozen(kw_only=True)
class DeaScheduling:
    """The federal controlled-substance schedule with the source that states it."""

    schedule: DeaSchedule
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)


@attrs.frozen(kw_only=True)
class Drug:
    """One active ingredient with everything known about it, merged from every loaded layer."""

    id: str = attrs.field(validator=_slug)
    """Stable slug, e.g. ``"gabapentin"``."""
    name: str = attrs.field(validator=_non_empty)
    brand_names: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    synonyms: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    kind: DrugKind = DrugKind.UNKNOWN
    identifiers: Identifiers = attrs.field(factory=Identifiers)
    atc_codes: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_each_non_empty
    )
    mechanisms: tuple[Mechanism, ...] = attrs.field(default=(), converter=_tuple)
    indications: tuple[Indication, ...] = attrs.field(default=(), converter=_tuple)
    adverse_effects: tuple[AdverseEffect, ...] = attrs.field(default=(), converter=_tuple)
    withdrawal: WithdrawalRisk | None = None
    dea: DeaScheduling | None = None
    boxed_warnings: tuple[BoxedWarning, ...] = attrs.field(default=(), converter=_tuple)
    market_withdrawals: tuple[MarketWithdrawal, ...] = attrs.field(default=(), converter=_tuple)
    approval: Approval | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_each_non_empty)
    """Curators' caveats: what was looked for and not confirmed."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=_has_sources)
    """The layers and documents this drug's identity comes from."""

    @property
    def dea_schedule(self) -> DeaSchedule | None:
        """The federal schedule, or ``None`` when no loaded source states it."""
        return self.dea.schedule if self.dea is not None else None

    @property
    def display_name(self) -> str:
        """``"Neurontin (gabapentin)"`` style name: first brand, then the generic name."""
        return f"{self.brand_names[0]} ({self.name})" if self.brand_names else self.name

    def indications_with(self, *statuses: IndicationStatus) -> tuple[Indication, ...]:
        """The indications whose status is one of ``statuses`` (all of them if none given)."""
        if not statuses:
            return self.indications
        return tuple(i for i in self.indications if i.status in statuses)

    def __str__(self) -> str:
        from ._render import drug_text

        return drug_text(self)

    def _repr_html_(self) -> str:
        from ._render import drug_html

        return drug_html(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) through the library's converter."""
        from ._convert import unstructure

        result: dict[str, Any] = unstructure(self)
        return result
