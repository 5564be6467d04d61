"""A product of a drug (:class:`Product`): a brand or generic product approved under one FDA
application, with its route, dosage form, strengths and marketing status."""

from __future__ import annotations

import attrs

from ._checks import as_tuple, each_non_empty, has_sources, non_empty, optional_non_empty, strings
from .enums import ApplicationType, MarketingStatus
from .source import Source

__all__ = ["Product"]


@attrs.frozen(kw_only=True, cache_hash=True)
class Product:
    """One product: the rows of one application with one trade name, form, route and status."""

    name: str = attrs.field(validator=non_empty)
    """The trade name as people write it (``"Neurontin"``), or the generic name of a generic."""
    ingredients: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=each_non_empty
    )
    """Drug ids of its active ingredients (one for a single-ingredient product)."""
    route: str | None = attrs.field(default=None, validator=optional_non_empty)
    dosage_form: str | None = attrs.field(default=None, validator=optional_non_empty)
    strengths: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=each_non_empty
    )
    application_type: ApplicationType | None = None
    application_number: str | None = attrs.field(default=None, validator=optional_non_empty)
    approval_date: str | None = attrs.field(default=None, validator=optional_non_empty)
    """``YYYY-MM-DD``; ``None`` when the source gives none (Orange Book: before 1982)."""
    marketing_status: MarketingStatus | None = None
    applicant: str | None = attrs.field(default=None, validator=optional_non_empty)
    reference_drug: bool | None = None
    """The FDA's reference listed drug for generics of it."""
    brand: bool = False
    """True when ``name`` is a brand, not the ingredient's generic name."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources, repr=False)

    @property
    def application(self) -> str | None:
        """``"NDA020235"``: the application type and number together."""
        if self.application_type is None or self.application_number is None:
            return self.application_number
        return f"{self.application_type.value}{self.application_number}"

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None, str | None]:
        """What makes two records the same product: name, application, form, route, status."""
        status = self.marketing_status.value if self.marketing_status else None
        return (self.name.casefold(), self.application, self.dosage_form, self.route, status)

    def __repr__(self) -> str:
        parts = [p for p in (self.dosage_form, self.route, self.application) if p]
        status = f", {self.marketing_status.label}" if self.marketing_status else ""
        return f"<Product {self.name} ({'; '.join(parts)}{status})>"
