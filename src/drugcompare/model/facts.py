"""The facts a drug carries besides its adverse effects: mechanisms, indications, withdrawal risk,
boxed warnings, market withdrawals, regulatory approval and federal schedule."""

from __future__ import annotations

import attrs

from .. import _display
from ._checks import (
    as_tuple,
    each_non_empty,
    has_sources,
    non_empty,
    optional_non_empty,
    slug,
    strings,
)
from .condition import Condition
from .enums import DeaSchedule, IndicationStatus, MarketingStatus, WithdrawalSeverity
from .source import Source

__all__ = [
    "Approval",
    "BoxedWarning",
    "DeaScheduling",
    "Indication",
    "Limitation",
    "MarketWithdrawal",
    "Mechanism",
    "WithdrawalRisk",
    "mechanism_key",
]


def mechanism_key(
    gene: str | None, target: str | None, pharmacologic_class: str | None, description: str | None
) -> str:
    """The key that matches mechanisms across drugs: the gene symbol, else the target, else the
    class (used by the models and by whole-catalog scans of raw records alike)."""
    if gene:
        return "gene:" + gene.upper()
    if target:
        return "target:" + target.casefold()
    return "class:" + (pharmacologic_class or description or "").casefold()


@attrs.frozen(kw_only=True)
class Mechanism:
    """How a drug acts on one target (or, without a known target, its pharmacologic class)."""

    target: str | None = attrs.field(default=None, validator=optional_non_empty)
    gene: str | None = attrs.field(default=None, validator=optional_non_empty)
    action: str | None = attrs.field(default=None, validator=optional_non_empty)
    """``agonist``, ``antagonist``, ``inhibitor``, ``modulator`` ... (lowercase)."""
    pharmacologic_class: str | None = attrs.field(default=None, validator=optional_non_empty)
    description: str | None = attrs.field(default=None, validator=optional_non_empty, repr=False)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.target is None and self.pharmacologic_class is None and self.description is None:
            raise ValueError("a mechanism needs a target, a pharmacologic class or a description")

    @property
    def key(self) -> str:
        """Matching key across drugs: the gene symbol, else the target, else the class."""
        return mechanism_key(self.gene, self.target, self.pharmacologic_class, self.description)

    key_of = staticmethod(mechanism_key)


@attrs.frozen(kw_only=True)
class Indication:
    """A use of a drug for a condition, with how well established it is."""

    condition: Condition
    status: IndicationStatus
    note: str | None = attrs.field(default=None, validator=optional_non_empty, repr=False)
    """Population, line of therapy or caveat, as the source states it."""
    product: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The product or formulation the statement is limited to, in words (e.g. ``"Gralise"``)."""
    products: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """The names of the products it holds for (empty: every product of the drug)."""
    population: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The population the label sentence names (``"adults"``, ``"pediatric patients 3 years
    and older"``)."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    @property
    def scope(self) -> str | None:
        """The products it holds for, in words (``None``: every product)."""
        return scope_text(self.product, self.products)

    def __repr__(self) -> str:
        scope = f" ({self.scope})" if self.scope else ""
        return f"<Indication {self.status.label}: {self.condition.name}{scope}>"


@attrs.frozen(kw_only=True)
class Limitation:
    """A "Limitations of Use" or "not indicated" statement of a label: never an indication."""

    text: str = attrs.field(validator=non_empty)
    condition: Condition | None = None
    """The condition it names, where one was recognised."""
    product: str | None = attrs.field(default=None, validator=optional_non_empty)
    products: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    @property
    def scope(self) -> str | None:
        return scope_text(self.product, self.products)

    def __repr__(self) -> str:
        return f"<Limitation {self.text[:60]!r}>"


@attrs.frozen(kw_only=True)
class WithdrawalRisk:
    """What happens when a patient stops the drug: discontinuation/withdrawal and dependence."""

    drug: str = attrs.field(validator=slug)
    """Id of the drug this describes."""
    drug_name: str = attrs.field(validator=non_empty)
    severity: WithdrawalSeverity
    rule: int | None = None
    """Clause of the severity rule that applied (docs/curation.md), for curated records."""
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    onset: str | None = attrs.field(default=None, validator=optional_non_empty)
    taper: str | None = attrs.field(default=None, validator=optional_non_empty)
    boxed_warning: bool = False
    dependence: str | None = attrs.field(default=None, validator=optional_non_empty)
    note: str | None = attrs.field(default=None, validator=optional_non_empty)
    product: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The products this entry covers, in words (``"intrathecal baclofen (Lioresal
    Intrathecal, Gablofen)"``); ``None`` when it covers every product."""
    products: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources)

    @property
    def scope(self) -> str | None:
        """The products this entry covers, in words (``None``: every product)."""
        return scope_text(self.product, self.products)

    @property
    def order(self) -> tuple[int, bool]:
        """Sort key, most severe first: severity, then a boxed warning before none."""
        return self.severity.rank, not self.boxed_warning

    def __repr__(self) -> str:
        boxed = ", boxed" if self.boxed_warning else ""
        scope = f" ({self.scope})" if self.scope else ""
        return f"<WithdrawalRisk {self.drug}{scope}: {self.severity.label}{boxed}>"

    def __str__(self) -> str:
        text: str = _display.call("withdrawal_text", (self,))
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("withdrawal_html", (self,))
        return text


@attrs.frozen(kw_only=True)
class BoxedWarning:
    """One topic of a boxed warning on a US label."""

    topic: str = attrs.field(validator=non_empty)
    summary: str | None = attrs.field(default=None, validator=optional_non_empty, repr=False)
    product: str | None = attrs.field(default=None, validator=optional_non_empty)
    products: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    @property
    def scope(self) -> str | None:
        """The products whose box it is, in words (``None``: every product)."""
        return scope_text(self.product, self.products)


@attrs.frozen(kw_only=True)
class MarketWithdrawal:
    """A withdrawal of the drug from a market (not a discontinuation syndrome)."""

    year: int | None = None
    country: str | None = attrs.field(default=None, validator=optional_non_empty)
    reason: str | None = attrs.field(default=None, validator=optional_non_empty)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)


@attrs.frozen(kw_only=True)
class Approval:
    """Regulatory status of the ingredient; every field is ``None`` where no source says."""

    fda_approved: bool | None = None
    """True if an FDA application (NDA, ANDA, BLA; not a tentative approval) for exactly this
    ingredient is approved, False if sources state it is not approved, None if unknown."""
    first_approval_year: int | None = None
    first_approval_date: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The first US approval, ``YYYY-MM-DD`` (``None`` for products approved before 1982, which
    the Orange Book does not date)."""
    application: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The application of the first approval, e.g. ``"NDA021723"``."""
    sponsor: str | None = attrs.field(default=None, validator=optional_non_empty)
    first_product: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The product (brand) of the first approval."""
    us_marketing_status: tuple[MarketingStatus, ...] = attrs.field(default=(), converter=as_tuple)
    """The statuses of its US products (prescription, OTC, discontinued) as of the source date."""
    approved_eu: bool | None = None
    approved_japan: bool | None = None
    max_phase: int | None = None
    """Highest development phase reached (4 = approved somewhere), where a source gives it."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)


@attrs.frozen(kw_only=True)
class DeaScheduling:
    """The federal controlled-substance schedule with the source that states it.

    ``schedule`` is ``None`` when a source looked and could not decide (a combination product
    whose own scheduling no DEA entry names): ``note`` says why."""

    schedule: DeaSchedule | None
    code: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The DEA Controlled Substances Code Number."""
    narcotic: bool | None = None
    """The DEA list's narcotic flag."""
    as_of: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The date the source states the schedule as of (``YYYY-MM-DD``): a drug on no list is not
    controlled *as of* that date."""
    note: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Pending actions, state scheduling and other caveats (never the federal value)."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.schedule is None and self.note is None:
            raise ValueError("an undecided schedule needs a note saying why")


def scope_text(product: str | None, products: tuple[str, ...]) -> str | None:
    """A fact's product scope in words: the curator's wording, else the product names."""
    if product:
        return product
    return ", ".join(products) if products else None
