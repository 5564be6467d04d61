"""Where facts come from (:class:`Source`) and how a drug is identified elsewhere
(:class:`Identifiers`)."""

from __future__ import annotations

import attrs

from ._checks import non_empty, optional_non_empty, slug, strings

__all__ = ["Identifiers", "Source"]


@attrs.frozen(kw_only=True, cache_hash=True)
class Source:
    """Where a fact comes from: one document (and the place in it) or one dataset."""

    id: str = attrs.field(validator=non_empty)
    """Short key of the document or dataset, e.g. ``"neurontin-label"`` or ``"sider"``."""
    title: str = attrs.field(validator=non_empty)
    url: str | None = attrs.field(default=None, validator=optional_non_empty)
    license: str = attrs.field(validator=non_empty)
    section: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Section, table or record of the document that supports the fact."""
    quote: str | None = attrs.field(default=None, validator=optional_non_empty)
    """A short verbatim quote supporting the fact (curated facts)."""
    version: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Label revision, release or date of the document or dataset."""
    publisher: str | None = attrs.field(default=None, validator=optional_non_empty)
    kind: str | None = attrs.field(default=None, validator=optional_non_empty)
    """What the document is: ``fda_label``, ``cfr``, ``fda_statement``, ``guideline``, ``trial``,
    ``dataset`` ..."""
    layer: str = attrs.field(validator=slug)
    """The packaged (or user) layer the fact was loaded from, e.g. ``"curated"``."""
    set_id: str | None = attrs.field(default=None, validator=optional_non_empty)
    """For a label document: its DailyMed set id (the label across its versions)."""
    date: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The document's date (a label's effective date), ``YYYY-MM-DD`` or ``YYYY-MM``."""
    application: str | None = attrs.field(default=None, validator=optional_non_empty)
    """For a label document: the FDA application it belongs to, e.g. ``"NDA020235"``."""
    file: str | None = attrs.field(default=None, validator=optional_non_empty)
    """For a document read from the raw data set: its path there (e.g. a shipped label file)."""

    def __repr__(self) -> str:
        where = f", {self.section}" if self.section else ""
        return f"<Source {self.id}{where} ({self.layer})>"


@attrs.frozen(kw_only=True)
class Identifiers:
    """Cross-references of a drug; each field is a tuple because sources may list several."""

    rxcui: tuple[str, ...] = attrs.field(default=(), converter=strings)
    unii: tuple[str, ...] = attrs.field(default=(), converter=strings)
    drugbank: tuple[str, ...] = attrs.field(default=(), converter=strings)
    chembl: tuple[str, ...] = attrs.field(default=(), converter=strings)
    pubchem_cid: tuple[str, ...] = attrs.field(default=(), converter=strings)
    drugcentral: tuple[str, ...] = attrs.field(default=(), converter=strings)
    mesh: tuple[str, ...] = attrs.field(default=(), converter=strings)
    umls_cui: tuple[str, ...] = attrs.field(default=(), converter=strings)

    def items(self) -> tuple[tuple[str, str], ...]:
        """``(kind, value)`` pairs for every identifier, in field order."""
        return tuple(
            (field.name, value)
            for field in attrs.fields(Identifiers)
            for value in getattr(self, field.name)
        )
