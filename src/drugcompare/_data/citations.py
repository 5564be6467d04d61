"""A layer's citations as :class:`~drugcompare.Source` objects: a fact cites documents by key
(``{"doc": ..., "section": ..., "quote": ...}``), the layer's header holds each document once, and
each distinct citation becomes one shared ``Source`` (a label cited by thousands of figures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._errors import DatasetError
from ..model import Source
from .format import LayerInfo

__all__ = ["Citations", "CiteKey", "Record", "unique_cites"]

Record = Mapping[str, Any]
"""A record as parsed JSON."""
CiteKey = tuple[tuple[str, "str | None", "str | None"], ...]
Fail = Callable[[str, object], DatasetError]


def _cite_key(cite: Iterable[Record]) -> CiteKey:
    return tuple((c["doc"], c.get("section"), c.get("quote")) for c in cite)


class Citations:
    """The sources of one layer's citations, each built once."""

    def __init__(self, info: LayerInfo, documents: Mapping[str, Record]) -> None:
        self.info = info
        self.documents = documents
        self._sources: dict[tuple[str, str | None, str | None], Source] = {}
        self._source_tuples: dict[CiteKey, tuple[Source, ...]] = {}

    def sources(self, cite: Iterable[Record], field: object, fail: Fail) -> tuple[Source, ...]:
        """The sources ``cite`` names (``field`` and ``fail`` make the error of a bad one)."""
        key = _cite_key(cite)
        cached = self._source_tuples.get(key)
        if cached is not None:
            return cached
        result = self._build_sources(key, field, fail)
        self._source_tuples[key] = result
        return result

    def _build_sources(self, cite: CiteKey, field: object, fail: Fail) -> tuple[Source, ...]:
        if not cite:
            if self.info.document is None:
                raise fail("the fact has no source: add a 'cite' entry", field)
            cite = ((self.info.document, None, None),)
        out = []
        for position, citation in enumerate(cite):
            source = self._sources.get(citation)
            if source is None:
                doc, section, quote = citation
                document = self.documents.get(doc)
                if document is None:
                    raise fail(
                        f"cites unknown document {doc!r}; add it under 'documents'",
                        f"{field}.cite[{position}].doc",
                    )
                get = document.get
                try:
                    source = Source(
                        id=doc,
                        title=document["title"],
                        url=get("url"),
                        license=get("license") or self.info.license,
                        section=section,
                        quote=quote,
                        version=get("version"),
                        publisher=get("publisher"),
                        kind=get("kind"),
                        layer=self.info.id,
                        set_id=get("set_id"),
                        date=get("date"),
                        application=get("application"),
                        file=get("file"),
                    )
                except (ValueError, TypeError) as exc:
                    raise fail(str(exc), f"{field}.cite[{position}]") from None
                self._sources[citation] = source
            out.append(source)
        return tuple(out)


def unique_cites(cite: Iterable[Record]) -> list[Record]:
    """The citations once each, in order (an effect cites what its figures cite)."""
    seen: dict[tuple[str, str | None, str | None], Record] = {}
    for c in cite:
        seen.setdefault((c["doc"], c.get("section"), c.get("quote")), c)
    return list(seen.values())
