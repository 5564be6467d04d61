"""The packaged merged index (``index.tsv``): its reader and its writer.

The build merges every packaged layer once and writes, in sorted sections, what a catalog needs
before it builds any drug: ``#drugs`` (id, name and where each layer holds the drug's line),
``#keys`` (normalised name key, drug id, kind, original text), ``#parents`` (condition -> broader
conditions) and ``#conditions`` (each condition merged across layers, as JSON). Loading finds the
sections without splitting them; lookups bisect the bytes. :func:`format_index` writes the file
from plain data (the build calls it); :meth:`PackagedIndex.parse` reads it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

import attrs

from ..model import Condition
from . import reader
from .format import INDEX_FILE
from .sections import Section, SortedKeys, find_sections

__all__ = ["NameIndex", "PackagedIndex", "View", "format_index"]


class NameIndex(Protocol):
    """Normalised name key -> {drug id: (kind, original text)}."""

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None: ...

    def keys(self) -> Iterable[str]: ...

    def suggestible(self) -> Iterable[str]: ...


View = tuple[int, bool, "tuple[int, int] | None"]
"""How one layer knows a drug: the layer's position, whether it names the drug, and where the
drug's line is in the layer file (when the packaged index gives it)."""


_V = TypeVar("_V")


class _SortedTable(Mapping[str, _V]):
    """A read-only mapping over a sorted section: a lookup bisects and parses one line;
    iterating gives the keys without parsing the values."""

    def __init__(self, section: Section, parse: Callable[[str], _V]) -> None:
        self._section = section
        self._parse = parse

    def _find(self, key: str) -> str | None:
        return next(self._section.matching(key), None)

    def __getitem__(self, key: str) -> _V:
        rest = self._find(key) if isinstance(key, str) else None
        if rest is None:
            raise KeyError(key)
        return self._parse(rest)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        # The keys only: iterating does not parse every value (whole-catalog scans need ids).
        return iter([line.partition("\t")[0] for line in self._section.lines()])

    def __len__(self) -> int:
        return len(self._section)


def _parse_views(rest: str) -> tuple[View, ...]:
    views: list[View] = []
    for item in rest.rpartition("\t")[2].split(","):
        layer, offset, length = item.split(":")
        views.append((int(layer.rstrip("*")), layer.endswith("*"), (int(offset), int(length))))
    return tuple(views)


class _CachedTable(_SortedTable[_V]):
    """A sorted table whose parsed values are kept, so every caller gets the same object."""

    def __init__(self, section: Section, parse: Callable[[str], _V]) -> None:
        super().__init__(section, parse)
        self._cache: dict[str, _V] = {}

    def __getitem__(self, key: str) -> _V:
        found = self._cache.get(key)
        if found is None:
            found = self._cache.setdefault(key, super().__getitem__(key))
        return found


def _parse_condition(rest: str) -> Condition:
    return reader.condition(json.loads(rest))


def _parse_name(rest: str) -> str:
    return rest.rpartition("\t")[0]


def _parse_parents(rest: str) -> tuple[str, ...]:
    return tuple(rest.split(","))


@attrs.frozen
class PackagedIndex:
    """The build's merged index of all packaged layers (file ``index.tsv``): sorted sections of
    drugs (``id, name, layers``), name keys and condition parents, read by bisection."""

    views: Mapping[str, tuple[View, ...]]
    names: Mapping[str, str]
    keys: NameIndex
    parents: Mapping[str, tuple[str, ...]]
    conditions: Mapping[str, Condition]

    @staticmethod
    def parse(data: bytes) -> PackagedIndex:
        """Find the sections (``#drugs``, ``#keys``, ``#parents``, ``#conditions``) without
        splitting them into lines."""
        sections = find_sections(data, INDEX_FILE)
        empty = Section(b"", 0, 0)
        drugs = sections.get("drugs", empty)
        return PackagedIndex(
            views=_SortedTable(drugs, _parse_views),
            names=_SortedTable(drugs, _parse_name),
            keys=SortedKeys(sections.get("keys", empty)),
            parents=_SortedTable(sections.get("parents", empty), _parse_parents),
            conditions=_CachedTable(sections.get("conditions", empty), _parse_condition),
        )


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def format_index(
    views: Mapping[str, Iterable[tuple[int, bool, tuple[int, int]]]],
    names: Mapping[str, str],
    keys: Mapping[str, Mapping[str, tuple[int, str]]],
    parents: Mapping[str, Iterable[str]],
    conditions: Mapping[str, Condition],
) -> str:
    """The text of ``index.tsv`` from plain data: per drug its name and ``(layer position, names
    it, (offset, length))`` views, the merged name keys, condition parents and merged conditions."""
    out = ["#drugs"]
    for drug_id in sorted(views):
        items = [
            f"{index}{'*' if named else ''}:{offset}:{length}"
            for index, named, (offset, length) in views[drug_id]
        ]
        out.append(f"{drug_id}\t{_clean(names[drug_id])}\t{','.join(items)}")
    out.append("#keys")
    out += sorted(
        f"{key}\t{drug_id}\t{kind}\t{_clean(text)}"
        for key, found in keys.items()
        for drug_id, (kind, text) in sorted(found.items())
    )
    out.append("#parents")
    for cid, ups in sorted(parents.items()):
        out.append(f"{cid}\t{','.join(ups)}")
    out.append("#conditions")
    for cid in sorted(conditions):
        condition = conditions[cid]
        record: dict[str, Any] = {"id": condition.id, "name": condition.name}
        for field in ("synonyms", "xrefs", "parents", "aliases"):
            if getattr(condition, field):
                record[field] = list(getattr(condition, field))
        out.append(f"{cid}\t{json.dumps(record, ensure_ascii=False, sort_keys=True)}")
    return "\n".join(out) + "\n"
