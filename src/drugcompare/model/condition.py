"""A disease or clinical condition (:class:`Condition`), keyed by a CURIE."""

from __future__ import annotations

import attrs

from .. import _display
from ._checks import each_non_empty, non_empty, strings

__all__ = ["Condition"]


@attrs.frozen(kw_only=True, cache_hash=True)
class Condition:
    """A disease or clinical condition, keyed by a CURIE (``DOID:631``, ``UMLS:C0026838``)."""

    id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    synonyms: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    xrefs: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """Cross-references as CURIEs: ``UMLS:C0016053``, ``MESH:D005356``, ``DOID:631`` ..."""
    parents: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """Ids of the broader conditions this one is a kind of (Disease Ontology ``subClassOf``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """Abbreviations and lay terms people type for it (``"GAD"``, ``"seizures"``), from the
    maintained alias table; a lookup prefers them to synonyms."""

    def __repr__(self) -> str:
        return f"<Condition {self.id} {self.name!r}>"

    def __str__(self) -> str:
        text: str = _display.call("condition_text", self)
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("condition_html", self)
        return text
