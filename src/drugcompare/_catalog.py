"""Loading the packaged layers, merging them by drug id, and the name indexes.

Nothing here runs at import: the default catalog is built on first use, once, under a lock.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

import attrs

from ._errors import (
    ConditionNotFoundError,
    DatasetError,
    DrugNotFoundError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
)
from ._models import (
    AdverseEffect,
    Approval,
    BoxedWarning,
    Condition,
    Drug,
    DrugKind,
    Identifiers,
    Indication,
    IndicationStatus,
    MarketWithdrawal,
    Mechanism,
    Source,
)
from ._records import LayerInfo, condition_from_dict, layer_info_from_dict
from ._store import LayerStore, PackagedStore, RecordStore, parse_layer
from ._text import IDENTIFIER, NAME, SYNONYM, FuzzyIndex, normalize


class _RawFacts:
    """The keys whole-catalog scans need, gathered from raw layer records."""

    __slots__ = ("_frozen", "adverse_effects", "indications", "mechanisms")

    def __init__(self) -> None:
        self.adverse_effects: set[str] = set()
        self.indications: set[tuple[str, IndicationStatus]] = set()
        self.mechanisms: set[str] = set()
        self._frozen: dict[str, frozenset[str]] = {}

    def features(self, by: str) -> frozenset[str]:
        """The same keys as ``_compare.features`` computes from a built drug."""
        found = self._frozen.get(by)
        if found is None:
            if by == "adverse_effects":
                found = frozenset(self.adverse_effects)
            elif by == "indications":
                found = frozenset(condition for condition, _ in self.indications)
            else:
                found = frozenset(self.mechanisms)
            self._frozen[by] = found
        return found

    def add(self, record: Mapping[str, Any]) -> None:
        for effect in record.get("adverse_effects", ()):
            self.adverse_effects.add(effect.get("umls_cui") or "term:" + effect["term"].casefold())
        for indication in record.get("indications", ()):
            self.indications.add((indication["condition"], IndicationStatus(indication["status"])))
        for mechanism in record.get("mechanisms", ()):
            self.mechanisms.add(
                Mechanism.key_of(
                    mechanism.get("gene"),
                    mechanism.get("target"),
                    mechanism.get("pharmacologic_class"),
                    mechanism.get("description"),
                )
            )


if TYPE_CHECKING:
    from ._compare import Comparison, IndicationOverlap, SharedAdverseEffect
    from ._models import WithdrawalRisk
    from ._similarity import SimilarityMatrix

__all__ = ["Catalog", "DrugLike", "Layer", "default_catalog", "load_catalog", "sources"]

DrugLike: TypeAlias = "Drug | str"
"""A drug, or any name, brand, synonym or identifier of one."""

Layer = LayerInfo
"""Description of one data layer: id, name, version, url, license, attribution."""

CURATED_LAYER = "curated"
INDEX_FILE = "index.tsv"
COMPARE_CACHE_SIZE = 128

MAX_QUERY_LENGTH = 500
"""Longer queries cannot be a drug name; they are rejected instead of matched."""


def check_query(query: object, what: str = "drug") -> str:
    """Validate a name query and return it normalised (raises a documented error otherwise)."""
    if isinstance(query, bytes):
        raise InvalidArgumentTypeError(
            f"a {what} name must be str, not bytes; decode it first (for example query.decode('utf-8'))"
        )
    if not isinstance(query, str):
        raise InvalidArgumentTypeError(
            f"a {what} must be given as a name or identifier (str)"
            + (" or a Drug" if what == "drug" else "")
            + f", not {type(query).__name__}"
        )
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidArgumentError(
            f"{what} query is {len(query):,} characters long; names are at most "
            f"{MAX_QUERY_LENGTH} characters"
        )
    key = normalize(query)
    if not key:
        raise InvalidArgumentError(f"empty {what} name {query!r}: give a name, brand or identifier")
    return key


def _merge_sources(*groups: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(source for group in groups for source in group))


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    """The strings of every group, first spelling of each normalised form kept, in order."""
    seen: dict[str, str] = {}
    for group in groups:
        for item in group:
            seen.setdefault(_normalized(item), item)
    return tuple(seen.values())


_normalized = functools.lru_cache(maxsize=1 << 17)(normalize)


def merge_drugs(views: Sequence[Drug], named: Sequence[bool]) -> Drug:
    """Merge one drug's views from several layers, highest precedence first.

    Identity fields come from the first layer that names the drug; collections are united; facts
    about the same thing (an adverse effect with the same key, an indication for the same condition
    with the same status, a mechanism with the same key and action) are merged keeping every source;
    facts that disagree (a different status for the same condition) are all kept.
    """
    if len(views) == 1:
        return views[0]
    named_views = [v for v, n in zip(views, named, strict=True) if n] or list(views)
    name = named_views[0].name
    name_key = _normalized(name)
    brands = _union(*(v.brand_names for v in views))
    synonyms = tuple(
        s
        for s in _union(*(v.synonyms for v in views), (v.name for v in named_views[1:]))
        if _normalized(s) != name_key
    )
    identifiers = Identifiers(
        **{
            field.name: _union(*(getattr(v.identifiers, field.name) for v in views))
            for field in attrs.fields(Identifiers)
        }
    )

    effects: dict[str, AdverseEffect] = {}
    for view in views:
        for effect in view.adverse_effects:
            known = effects.get(effect.key)
            if known is None:
                effects[effect.key] = effect
            else:
                effects[effect.key] = attrs.evolve(
                    known,
                    frequencies=known.frequencies + effect.frequencies,
                    sources=_merge_sources(known.sources, effect.sources),
                )

    # One entry per condition, status and product: Gralise's and Horizant's approvals for
    # postherpetic neuralgia stay apart from Neurontin's.
    indications: dict[tuple[str, IndicationStatus, str | None], Indication] = {}
    for view in views:
        for indication in view.indications:
            ikey = (indication.condition.id, indication.status, indication.product)
            seen = indications.get(ikey)
            indications[ikey] = (
                indication
                if seen is None
                else attrs.evolve(seen, sources=_merge_sources(seen.sources, indication.sources))
            )

    mechanisms: dict[tuple[str, str | None], Mechanism] = {}
    for view in views:
        for mechanism in view.mechanisms:
            mkey = (mechanism.key, mechanism.action)
            old = mechanisms.get(mkey)
            mechanisms[mkey] = (
                mechanism
                if old is None
                else attrs.evolve(
                    old,
                    pharmacologic_class=old.pharmacologic_class or mechanism.pharmacologic_class,
                    sources=_merge_sources(old.sources, mechanism.sources),
                )
            )

    approval: Approval | None = None
    for view in views:
        if view.approval is None:
            continue
        if approval is None:
            approval = view.approval
            continue
        approval = Approval(
            fda_approved=approval.fda_approved
            if approval.fda_approved is not None
            else view.approval.fda_approved,
            first_approval_year=approval.first_approval_year or view.approval.first_approval_year,
            max_phase=approval.max_phase
            if approval.max_phase is not None
            else view.approval.max_phase,
            sources=_merge_sources(approval.sources, view.approval.sources),
        )

    kind = next((v.kind for v in views if v.kind is not DrugKind.UNKNOWN), DrugKind.UNKNOWN)
    market: dict[tuple[int | None, str | None, str | None], MarketWithdrawal] = {}
    for view in views:
        for withdrawal in view.market_withdrawals:
            market.setdefault((withdrawal.year, withdrawal.country, withdrawal.reason), withdrawal)
    boxed: dict[tuple[str, str | None], BoxedWarning] = {}
    # The curated layer reads each current label's box, so it is authoritative on boxed warnings;
    # the open layers' generic flags (ChEMBL marks the parent molecule across formulations) are
    # only used for drugs nobody curated.
    curated = [v for v in views if any(s.layer == CURATED_LAYER for s in v.sources)]
    for view in curated or views:
        for warning in view.boxed_warnings:
            boxed.setdefault((normalize(warning.topic), warning.product), warning)

    return Drug(
        id=views[0].id,
        name=name,
        brand_names=brands,
        synonyms=synonyms,
        kind=kind,
        identifiers=identifiers,
        atc_codes=_union(*(v.atc_codes for v in views)),
        mechanisms=tuple(mechanisms.values()),
        indications=tuple(indications.values()),
        adverse_effects=tuple(effects.values()),
        withdrawal=next((v.withdrawal for v in views if v.withdrawal is not None), None),
        dea=next((v.dea for v in views if v.dea is not None), None),
        boxed_warnings=tuple(boxed.values()),
        market_withdrawals=tuple(market.values()),
        approval=approval,
        notes=_union(*(v.notes for v in views)),
        sources=_merge_sources(*(v.sources for v in views)),
    )


def _merge_conditions(a: Condition, b: Condition) -> Condition:
    return attrs.evolve(
        a,
        synonyms=tuple(s for s in _union(a.synonyms, b.synonyms, (b.name,)) if s != a.name),
        xrefs=_union(a.xrefs, b.xrefs),
        parents=_union(a.parents, b.parents),
    )


View = tuple[int, bool, "tuple[int, int] | None"]
"""How one layer knows a drug: the layer's position, whether it names the drug, and where the
drug's line is in the layer file (when the packaged index gives it)."""


class NameIndex(Protocol):
    """Normalised name key -> {drug id: (kind, original text)}."""

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None: ...

    def keys(self) -> Iterable[str]: ...

    def suggestible(self) -> Iterable[str]: ...


def _merge_name_entries(
    stores: Sequence[LayerStore],
) -> tuple[dict[str, tuple[View, ...]], dict[str, str], _DictIndex]:
    """Which layers know each drug, its name, and the merged name index, from each layer's keys.

    A drug exists when a loaded layer names it; its name is the highest layer's; a lower layer's
    own name for it is indexed as a synonym; each key keeps the best kind per drug.
    """
    views: dict[str, list[View]] = {}
    primary: dict[str, str] = {}
    for index, store in enumerate(stores):
        for drug_id, (name, _keys) in store.entries.items():
            views.setdefault(drug_id, []).append((index, name is not None, None))
            if name is not None and drug_id not in primary:
                primary[drug_id] = name
    merged_views = {
        drug_id: tuple(found) for drug_id, found in sorted(views.items()) if drug_id in primary
    }
    names = {drug_id: primary[drug_id] for drug_id in merged_views}
    index_ = _DictIndex()
    primary_keys = {drug_id: _normalized(name) for drug_id, name in names.items()}
    for store in stores:
        for drug_id, (_name, keys) in store.entries.items():
            primary_key = primary_keys.get(drug_id)
            if primary_key is None:
                continue
            for key, kind, text in keys:
                if kind == NAME and key != primary_key and text != drug_id:
                    kind = SYNONYM
                found = index_.get(key)
                if found is None:
                    index_[key] = {drug_id: (kind, text)}
                else:
                    old = found.get(drug_id)
                    if old is None or kind < old[0]:
                        found[drug_id] = (kind, text)
    return merged_views, names, index_


def merge_parents(stores: Sequence[LayerStore]) -> dict[str, tuple[str, ...]]:
    """Each condition's parents, united over every layer that defines it."""
    parents: dict[str, dict[str, None]] = {}
    for store in stores:
        for record in store.condition_records:
            found = parents.setdefault(record["id"], {})
            for parent in record.get("parents", ()):
                found[parent] = None
    return {cid: tuple(ups) for cid, ups in parents.items() if ups}


class _Section:
    """Sorted ``key<TAB>rest`` lines inside a bytes buffer, searched by bisection on the bytes
    themselves (UTF-8 sorts like the code points the build sorted), so loading costs nothing."""

    __slots__ = ("_data", "_end", "_lines", "_start")

    def __init__(self, data: bytes, start: int, end: int) -> None:
        self._data = data
        self._start = start
        self._end = end
        self._lines: list[str] | None = None

    def lower_bound(self, prefix: bytes) -> int:
        """Offset of the first line that is >= ``prefix``."""
        data, lo, hi = self._data, self._start, self._end
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            start = max(start, lo)
            stop = data.find(b"\n", start, self._end)
            stop = self._end if stop < 0 else stop
            if data[start:stop] < prefix:
                lo = stop + 1
            else:
                hi = start
        return lo

    def matching(self, key: str) -> Iterator[str]:
        """The rest of every line whose key is ``key``."""
        prefix = key.encode("utf-8") + b"\t"
        data = self._data
        position = self.lower_bound(prefix)
        while position < self._end and data.startswith(prefix, position):
            stop = data.find(b"\n", position, self._end)
            stop = self._end if stop < 0 else stop
            yield data[position + len(prefix) : stop].decode("utf-8")
            position = stop + 1

    def lines(self) -> list[str]:
        if self._lines is None:
            text = self._data[self._start : self._end].decode("utf-8")
            self._lines = text.split("\n") if text else []
        return self._lines

    def __len__(self) -> int:
        return len(self.lines())


class _SortedKeys:
    """The packaged merged name index: sorted ``key<TAB>drug id<TAB>kind<TAB>text`` lines."""

    def __init__(self, section: _Section) -> None:
        self._section = section
        self._keys: list[str] | None = None
        self._memo: dict[str, dict[str, tuple[int, str]] | None] = {}

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None:
        try:
            return self._memo[key]
        except KeyError:
            pass
        found: dict[str, tuple[int, str]] = {}
        for rest in self._section.matching(key):
            drug_id, kind, text = rest.split("\t")
            found[drug_id] = (int(kind), text)
        if len(self._memo) < 65536:  # names people look up again; bounded
            self._memo[key] = found or None
        return found or None

    def keys(self) -> Iterable[str]:
        if self._keys is None:
            self._keys = list(
                dict.fromkeys(line.partition("\t")[0] for line in self._section.lines())
            )
        return self._keys

    def suggestible(self) -> Iterable[str]:
        """Keys with at least one name, brand or synonym entry (not only identifiers)."""
        return dict.fromkeys(
            line.partition("\t")[0]
            for line in self._section.lines()
            if int(line.split("\t", 3)[2]) < IDENTIFIER
        )


class _DictIndex(dict[str, dict[str, tuple[int, str]]]):
    """The name index merged at load (filtered catalogs)."""

    def suggestible(self) -> Iterable[str]:
        return [
            key for key, found in self.items() if any(k < IDENTIFIER for k, _ in found.values())
        ]


_V = TypeVar("_V")


class _SortedTable(Mapping[str, _V]):
    """A read-only mapping over a sorted section: a lookup bisects and parses one line;
    iterating parses them all once."""

    def __init__(self, section: _Section, parse: Callable[[str], _V]) -> None:
        self._section = section
        self._parse = parse
        self._all: dict[str, _V] | None = None

    def _find(self, key: str) -> str | None:
        return next(self._section.matching(key), None)

    def __getitem__(self, key: str) -> _V:
        if self._all is not None:
            return self._all[key]
        rest = self._find(key) if isinstance(key, str) else None
        if rest is None:
            raise KeyError(key)
        return self._parse(rest)

    def __contains__(self, key: object) -> bool:
        if self._all is not None:
            return key in self._all
        return isinstance(key, str) and self._find(key) is not None

    def _materialize(self) -> dict[str, _V]:
        if self._all is None:
            table = {}
            for line in self._section.lines():
                key, _, rest = line.partition("\t")
                table[key] = self._parse(rest)
            self._all = table
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._materialize())

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

    def __init__(self, section: _Section, parse: Callable[[str], _V]) -> None:
        super().__init__(section, parse)
        self._cache: dict[str, _V] = {}

    def __getitem__(self, key: str) -> _V:
        found = self._cache.get(key)
        if found is None:
            found = self._cache.setdefault(key, super().__getitem__(key))
        return found


def _parse_condition(rest: str) -> Condition:
    return condition_from_dict(json.loads(rest))


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
        sections: dict[str, _Section] = {}
        position = 0
        while position < len(data):
            if not data.startswith(b"#", position):
                raise DatasetError("index.tsv: expected a section title", file=INDEX_FILE)
            title_end = data.index(b"\n", position)
            title = data[position + 1 : title_end].decode("ascii")
            start = title_end + 1
            following = data.find(b"\n#", title_end)
            end = len(data) if following < 0 else following + 1
            body_end = end - 1 if end > start and data[end - 1 : end] == b"\n" else end
            sections[title] = _Section(data, start, max(start, body_end))
            position = end
        empty = _Section(b"", 0, 0)
        drugs = sections.get("drugs", empty)
        return PackagedIndex(
            views=_SortedTable(drugs, _parse_views),
            names=_SortedTable(drugs, _parse_name),
            keys=_SortedKeys(sections.get("keys", empty)),
            parents=_SortedTable(sections.get("parents", empty), _parse_parents),
            conditions=_CachedTable(sections.get("conditions", empty), _parse_condition),
        )


def dump_index(catalog: Catalog) -> str:
    """The text of ``index.tsv`` for a catalog of every packaged layer (used by the build)."""

    def clean(text: str) -> str:
        return text.replace("\t", " ").replace("\n", " ")

    out = ["#drugs"]
    for drug_id, views in catalog._views.items():
        items = []
        for index, named, _span in views:
            store = catalog._stores[index]
            assert isinstance(store, PackagedStore)
            _name, offset, length = store._places()[drug_id]
            items.append(f"{index}{'*' if named else ''}:{offset}:{length}")
        out.append(f"{drug_id}\t{clean(catalog._names[drug_id])}\t{','.join(items)}")
    out.append("#keys")
    lines = []
    for key in catalog._name_index.keys():  # noqa: SIM118 - a NameIndex, not a dict
        for drug_id, (kind, text) in sorted((catalog._name_index.get(key) or {}).items()):
            lines.append(f"{key}\t{drug_id}\t{kind}\t{clean(text)}")
    out += sorted(lines)
    out.append("#parents")
    for cid, ups in sorted(catalog._parent_map().items()):
        out.append(f"{cid}\t{','.join(ups)}")
    out.append("#conditions")
    for cid in sorted(catalog.conditions):
        condition = catalog.conditions[cid]
        record: dict[str, Any] = {"id": condition.id, "name": condition.name}
        for field in ("synonyms", "xrefs", "parents"):
            if getattr(condition, field):
                record[field] = list(getattr(condition, field))
        out.append(f"{cid}\t{json.dumps(record, ensure_ascii=False, sort_keys=True)}")
    return "\n".join(out) + "\n"


class Catalog:
    """A set of drugs and conditions merged from data layers, with lookups and comparisons.

    Build one with :func:`load_catalog`; the module-level functions use the default catalog.
    A catalog never changes after it is built and is safe to share between threads.
    """

    def __init__(self, stores: Sequence[LayerStore], index: PackagedIndex | None = None) -> None:
        """``index`` is the build's merged index of exactly these stores (the default catalog);
        without it the name index is merged from each layer's keys."""
        self._stores = tuple(stores)
        self._drugs: dict[str, Drug] = {}
        self._materialize_lock = threading.Lock()
        self._parents: Mapping[str, tuple[str, ...]] | None = None
        self._views: Mapping[str, tuple[View, ...]]
        self._names: Mapping[str, str]
        self._condition_view: Mapping[str, Condition] | None = None
        if index is not None:
            self._views = index.views
            self._names = index.names
            self._name_index: NameIndex = index.keys
            self._parents = index.parents
            self._condition_view = index.conditions
        else:
            self._views, self._names, self._name_index = _merge_name_entries(stores)
        # Every layer's indications get the catalog's merged condition objects.
        for store in stores:
            if isinstance(store, PackagedStore):
                store.resolve_condition = self._resolve_condition

        self._lock = threading.Lock()
        self._comparisons: dict[tuple[object, ...], Comparison] = {}
        self._fuzzy: FuzzyIndex | None = None
        self._condition_fuzzy: FuzzyIndex | None = None
        self._facts: dict[str, _RawFacts] | None = None
        self._children: dict[str, list[str]] | None = None
        self._condition_index: dict[str, str] | None = None

    def _drug(self, drug_id: str) -> Drug:
        """The merged drug, built from its layers on first use and cached."""
        drug = self._drugs.get(drug_id)
        if drug is None:
            with self._materialize_lock:
                drug = self._drugs.get(drug_id)
                if drug is None:
                    views = []
                    named = []
                    for index, is_named, span in self._views[drug_id]:
                        view = self._stores[index].drug(drug_id, span)
                        if view is not None:
                            views.append(view)
                            named.append(is_named)
                    drug = merge_drugs(views, named)
                    self._drugs[drug_id] = drug
        return drug

    def _best(self, key: str) -> tuple[str, int, str] | None:
        """``(drug id, kind, text)`` of the best drug indexed under ``key``."""
        found = self._name_index.get(key)
        if not found:
            return None
        if len(found) == 1:
            ((drug_id, (kind, text)),) = found.items()
            return drug_id, kind, text
        drug_id, (kind, text) = min(found.items(), key=lambda item: (item[1][0], item[0]))
        return drug_id, kind, text

    def _resolve_condition(self, condition_id: str) -> Condition | None:
        return self.conditions.get(condition_id)

    def by_id(self, drug_id: str) -> Drug:
        """The drug with this exact id (``DrugNotFoundError`` if there is none)."""
        if drug_id not in self._views:
            raise DrugNotFoundError(drug_id, ())
        return self._drug(drug_id)

    def name_of(self, drug_id: str) -> str:
        """A drug's name without building the drug."""
        return self._names[drug_id]

    def facts(self) -> dict[str, _RawFacts]:
        """Per drug: adverse-effect keys, (condition, status) pairs and mechanism keys, read
        from the layers' records without building models (for whole-catalog scans)."""
        if self._facts is None:
            with self._lock:
                if self._facts is None:
                    collected: dict[str, _RawFacts] = {
                        drug_id: _RawFacts() for drug_id in self._views
                    }
                    for store in self._stores:
                        for drug_id, data in store.raw_records():
                            facts = collected.get(drug_id)
                            if facts is not None:
                                facts.add(data)
                    self._facts = collected
        return self._facts

    # ------------------------------------------------------------------ layers

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The layers this catalog was built from, highest precedence first."""
        return tuple(store.info for store in self._stores)

    def __len__(self) -> int:
        return len(self._views)

    def __iter__(self) -> Iterator[Drug]:
        return (self._drug(drug_id) for drug_id in self._views)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Drug):
            return item.id in self._views and self._drug(item.id) == item
        return isinstance(item, str) and self.get_drug(item) is not None

    def __repr__(self) -> str:
        return (
            f"<Catalog {len(self._views)} drugs, "
            f"layers {', '.join(store.info.id for store in self._stores)}>"
        )

    # ------------------------------------------------------------------ drugs

    def all_drugs(self) -> tuple[Drug, ...]:
        """Every drug, sorted by id (builds every drug's model: use for whole-catalog work)."""
        return tuple(self._drug(drug_id) for drug_id in self._views)

    def get_drug(self, query: DrugLike, default: Drug | None = None) -> Drug | None:
        """The drug a name, brand, synonym or identifier refers to, or ``default``."""
        if isinstance(query, Drug):
            return self._drug(query.id) if query.id in self._views else default
        best = self._best(check_query(query))
        return default if best is None else self._drug(best[0])

    def lookup_drug(self, query: DrugLike) -> Drug:
        """Like :meth:`get_drug`, but raises :class:`DrugNotFoundError` with suggestions."""
        drug = self.get_drug(query)
        if drug is not None:
            return drug
        if isinstance(query, Drug):
            raise DrugNotFoundError(query.id, ())
        raise DrugNotFoundError(query, self.suggest(query))

    def resolve(self, drugs: Iterable[DrugLike]) -> tuple[Drug, ...]:
        return tuple(self.lookup_drug(d) for d in drugs)

    def _fuzzy_index(self) -> FuzzyIndex:
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    # Names, brands and synonyms (not identifiers: DB00996 is typed exactly).
                    self._fuzzy = FuzzyIndex(self._name_index.suggestible())
        return self._fuzzy

    def _display(self, key: str) -> str:
        best = self._best(key)
        assert best is not None
        drug_id, kind, text = best
        name = self._names[drug_id]
        return name if kind == NAME else f"{text} ({name})"

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Close matches to ``query``, formatted like ``"Neurontin (gabapentin)"``."""
        key = check_query(query)
        out: list[str] = []
        seen: set[str] = set()
        for candidate, _score in self._fuzzy_index().best(key, limit=limit * 4):
            best = self._best(candidate)
            assert best is not None
            drug_id = best[0]
            if drug_id in seen:
                continue
            seen.add(drug_id)
            out.append(self._display(candidate))
            if len(out) == limit:
                break
        return tuple(out)

    def search_drugs(self, query: str, limit: int = 10) -> list[Drug]:
        """Drugs whose names match ``query``: exact, then prefix, then substring, then fuzzy
        matches; ties are broken by name, so the order is deterministic."""
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise InvalidArgumentTypeError(f"limit must be an int, not {type(limit).__name__}")
        if limit < 1:
            raise InvalidArgumentError(f"limit must be at least 1, got {limit}")
        key = check_query(query)
        best: dict[str, tuple[int, float, int]] = {}

        def offer(drug_id: str, rank: int, score: float, kind: int) -> None:
            candidate = (rank, -score, kind)
            if drug_id not in best or candidate < best[drug_id]:
                best[drug_id] = candidate

        for name_key in self._name_index.keys():  # noqa: SIM118 - a NameIndex, not a dict
            if name_key == key:
                rank = 0
            elif name_key.startswith(key):
                rank = 1
            elif f" {key}" in f" {name_key}":
                rank = 2
            elif key in name_key:
                rank = 3
            else:
                continue
            for drug_id, (kind, _text) in (self._name_index.get(name_key) or {}).items():
                offer(drug_id, rank, len(key) / len(name_key), kind)
        if len(best) < limit:
            for name_key, score in self._fuzzy_index().best(key, limit=limit * 3, cutoff=0.5):
                for drug_id, (kind, _text) in (self._name_index.get(name_key) or {}).items():
                    offer(drug_id, 4, score, kind)
        ranked = sorted(best, key=lambda d: (best[d], self._names[d], d))
        return [self._drug(d) for d in ranked[:limit]]

    # ------------------------------------------------------------------ conditions

    @property
    def conditions(self) -> Mapping[str, Condition]:
        """Every condition of the loaded layers by id (built on first access of each)."""
        if self._condition_view is None:
            with self._lock:
                if self._condition_view is None:
                    self._condition_view = _Conditions(self._stores)
        return self._condition_view

    def _parent_map(self) -> Mapping[str, tuple[str, ...]]:
        if self._parents is None:
            with self._lock:
                if self._parents is None:
                    self._parents = merge_parents(self._stores)
        return self._parents

    def _hierarchy(self) -> tuple[Mapping[str, tuple[str, ...]], dict[str, list[str]]]:
        parents = self._parent_map()
        if self._children is None:
            with self._lock:
                if self._children is None:
                    children: dict[str, list[str]] = {}
                    for child, ups in parents.items():
                        for parent in ups:
                            children.setdefault(parent, []).append(child)
                    self._children = children
        return parents, self._children

    def _conditions_by_name(self) -> dict[str, str]:
        if self._condition_index is None:
            with self._lock:
                if self._condition_index is None:
                    index_: dict[str, str] = {}
                    records = [r for store in self._stores for r in store.condition_records]
                    # Ontology names first, then the other layers' names, synonyms, xrefs.
                    records.sort(key=lambda r: (not str(r["id"]).startswith("DOID:"), r["id"]))
                    for record in records:
                        cid = record["id"]
                        for name in (
                            cid,
                            record["name"],
                            *record.get("synonyms", ()),
                            *record.get("xrefs", ()),
                        ):
                            index_.setdefault(normalize(name), cid)
                        for xref in (cid, *record.get("xrefs", ())):
                            _, _, local = xref.partition(":")
                            if local:
                                index_.setdefault(normalize(local), cid)
                    self._condition_index = index_
        return self._condition_index

    def get_condition(self, query: str | Condition) -> Condition | None:
        if isinstance(query, Condition):
            return self.conditions.get(query.id)
        key = check_query(query, "condition")
        condition_id = self._conditions_by_name().get(key)
        return self.conditions[condition_id] if condition_id else None

    def lookup_condition(self, query: str | Condition) -> Condition:
        """The condition a name, synonym, DOID or UMLS CUI refers to."""
        condition = self.get_condition(query)
        if condition is not None:
            return condition
        if isinstance(query, Condition):
            raise ConditionNotFoundError(query.id, ())
        by_name = self._conditions_by_name()
        if self._condition_fuzzy is None:
            with self._lock:
                if self._condition_fuzzy is None:
                    self._condition_fuzzy = FuzzyIndex(by_name)
        suggestions: list[str] = []
        for key, _ in self._condition_fuzzy.best(normalize(query), limit=8):
            name = self.conditions[by_name[key]].name
            if name not in suggestions:
                suggestions.append(name)
        raise ConditionNotFoundError(query, suggestions[:3])

    def ancestors(self, condition_id: str, max_depth: int | None = None) -> dict[str, int]:
        """Broader conditions of ``condition_id`` with their distance (1 = parent)."""
        parents = self._parent_map()
        found: dict[str, int] = {}
        frontier = [condition_id]
        depth = 0
        while frontier and (max_depth is None or depth < max_depth):
            depth += 1
            next_frontier = []
            for current in frontier:
                for parent in parents.get(current, ()):
                    if parent not in found and parent != condition_id:
                        found[parent] = depth
                        next_frontier.append(parent)
            frontier = next_frontier
        return found

    def descendants(self, condition_id: str) -> set[str]:
        """Narrower conditions of ``condition_id`` (all depths), not including itself."""
        _, children = self._hierarchy()
        found: set[str] = set()
        stack = [condition_id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found and child != condition_id:
                    found.add(child)
                    stack.append(child)
        return found

    def drugs_for(
        self,
        condition: str | Condition,
        statuses: Iterable[IndicationStatus | str] | None = None,
    ) -> tuple[Drug, ...]:
        """Drugs with an indication for ``condition`` or any narrower condition, sorted by name;
        ``statuses`` keeps only indications with those statuses."""
        from ._compare import parse_statuses

        target = self.lookup_condition(condition)
        wanted = parse_statuses(statuses)
        scope = self.descendants(target.id) | {target.id}
        found = [
            drug_id
            for drug_id, facts in self.facts().items()
            if any(
                cid in scope and (wanted is None or status in wanted)
                for cid, status in facts.indications
            )
        ]
        found.sort(key=lambda d: (self._names[d], d))
        return tuple(self._drug(d) for d in found)

    # ------------------------------------------------------------------ comparisons

    def shared_adverse_effects(
        self, *drugs: DrugLike, min_frequency: float | None = None
    ) -> tuple[SharedAdverseEffect, ...]:
        """See :func:`drugcompare.shared_adverse_effects`."""
        from ._compare import shared_adverse_effects

        return shared_adverse_effects(self, drugs, min_frequency)

    def overlapping_indications(
        self, *drugs: DrugLike, statuses: Iterable[IndicationStatus | str] | None = None
    ) -> tuple[IndicationOverlap, ...]:
        """See :func:`drugcompare.overlapping_indications`."""
        from ._compare import overlapping_indications

        return overlapping_indications(self, drugs, statuses)

    def withdrawal_risks(self, *drugs: DrugLike) -> tuple[WithdrawalRisk, ...]:
        """See :func:`drugcompare.withdrawal_risks`."""
        from ._compare import withdrawal_risks

        return withdrawal_risks(self, drugs)

    def compare(self, *drugs: DrugLike) -> Comparison:
        """See :func:`drugcompare.compare`. Results are immutable and memoized (the last
        ``COMPARE_CACHE_SIZE`` distinct calls), so repeating a comparison costs a dict lookup."""
        from ._compare import compare

        key = tuple(d.id if isinstance(d, Drug) else d for d in drugs)
        try:
            cached = self._comparisons.get(key)
        except TypeError:  # an unhashable argument: let compare() report it
            return compare(self, drugs)
        if cached is not None:
            return cached
        result = compare(self, drugs)
        with self._lock:
            self._comparisons[key] = result
            while len(self._comparisons) > COMPARE_CACHE_SIZE:
                self._comparisons.pop(next(iter(self._comparisons)))
        return result

    def to_dataframe(self, table: str = "drugs") -> Any:
        """A catalog-level pandas table: ``"drugs"``, ``"indications"``, ``"adverse_effects"`` or
        ``"withdrawal"`` (needs pandas: ``pip install 'drugcompare[pandas]'``)."""
        from ._frame import catalog_frame

        return catalog_frame(self, table)

    def similarity_matrix(
        self,
        drugs: Iterable[DrugLike] | None = None,
        by: str = "adverse_effects",
        *,
        accelerate: bool = True,
    ) -> SimilarityMatrix:
        """See :func:`drugcompare.similarity_matrix`."""
        from ._similarity import similarity_matrix

        return similarity_matrix(self, drugs, by, accelerate=accelerate)

    def similar_drugs(
        self, drug: DrugLike, by: str = "adverse_effects", limit: int = 10
    ) -> list[tuple[Drug, float]]:
        """See :func:`drugcompare.similar_drugs`."""
        from ._compare import similar_drugs

        return similar_drugs(self, drug, by, limit)


class _Conditions(Mapping[str, Condition]):
    """Read-only mapping of every loaded condition, each merged from its layers on first access:
    the ontology's name wins, the other layers' names become synonyms."""

    def __init__(self, stores: Sequence[LayerStore]) -> None:
        records: dict[str, list[Mapping[str, Any]]] = {}
        ordered = sorted(
            range(len(stores)), key=lambda i: (not stores[i].info.id.startswith("disease"), i)
        )
        for index in ordered:
            for record in stores[index].condition_records:
                records.setdefault(record["id"], []).append(record)
        self._records = records
        self._built: dict[str, Condition] = {}

    def __getitem__(self, key: str) -> Condition:
        condition = self._built.get(key)
        if condition is None:
            found = self._records[key]
            condition = condition_from_dict(found[0])
            for other in found[1:]:
                condition = _merge_conditions(condition, condition_from_dict(other))
            condition = self._built.setdefault(key, condition)
        return condition

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._records


# ---------------------------------------------------------------------- loading


def _data_dir() -> Any:
    from importlib import resources  # imported on first load, not at start-up

    return resources.files("drugcompare").joinpath("data")


def read_manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(_data_dir().joinpath("manifest.json").read_text("utf-8"))
    return manifest


def sources() -> tuple[Layer, ...]:
    """Every packaged data layer with its name, version, URL, licence and attribution,
    highest precedence first (reads only the small manifest)."""
    from ._convert import structure

    return tuple(
        structure(entry["layer"], LayerInfo, file="manifest.json", record=entry["layer"]["id"])
        for entry in read_manifest()["layers"]
    )


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _load_packaged(entry: Mapping[str, Any], verify: bool) -> PackagedStore:
    name = entry["file"]
    source = _data_dir().joinpath(name)
    if verify and _sha256(source.read_bytes()) != entry["sha256"]:
        raise DatasetError(
            "checksum mismatch: the packaged file differs from the one the build recorded; "
            "reinstall drugcompare",
            file=name,
        )
    return PackagedStore(source, name, layer_info_from_dict(entry["layer"]))


MAX_USER_LAYER_BYTES = 256 * 2**20
"""User datasets larger than this are refused (the packaged data is about 30 MB)."""


def _read_user_layer(path: str | os.PathLike[str]) -> tuple[Any, str]:
    file = os.fspath(path)
    try:
        size = os.path.getsize(file)
        if size > MAX_USER_LAYER_BYTES:
            raise DatasetError(
                f"the file is {size / 2**20:.0f} MiB; user datasets are limited to "
                f"{MAX_USER_LAYER_BYTES // 2**20} MiB",
                file=file,
            )
        with open(file, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise DatasetError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    try:
        return json.loads(raw), file
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"not valid JSON: {exc}", file=file) from None
    except RecursionError:
        raise DatasetError("JSON nested too deeply", file=file) from None


def load_catalog(
    exclude_sources: Iterable[str] = (),
    extra: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    *,
    verify: bool = False,
) -> Catalog:
    """Build a catalog from the packaged layers minus ``exclude_sources`` (layer ids, see
    :func:`sources`), plus the user datasets in ``extra`` (paths to layer JSON files, see
    docs/data-format.md), which take precedence over every packaged layer. ``verify`` checks each
    packaged file's checksum."""
    if isinstance(exclude_sources, str):
        exclude_sources = (exclude_sources,)
    if not isinstance(exclude_sources, Iterable) or isinstance(exclude_sources, (bytes, Mapping)):
        raise InvalidArgumentTypeError(
            "exclude_sources must be a list of layer ids such as ['sider'], not "
            f"{type(exclude_sources).__name__}"
        )
    excluded = set()
    for item in exclude_sources:
        if not isinstance(item, str):
            raise InvalidArgumentTypeError(
                f"exclude_sources must hold layer ids (str), not {type(item).__name__}"
            )
        excluded.add(item)
    manifest = read_manifest()
    known = {entry["layer"]["id"] for entry in manifest["layers"]}
    unknown = sorted(excluded - known)
    if unknown:
        raise InvalidArgumentError(
            f"unknown source layer(s) {', '.join(map(repr, unknown))}; "
            f"known layers: {', '.join(sorted(known))}"
        )
    user_data = []
    if extra is not None:
        if isinstance(extra, (str, os.PathLike)):
            paths = [extra]
        elif isinstance(extra, (list, tuple)):
            paths = list(extra)
        else:
            raise InvalidArgumentTypeError(
                f"extra must be a path or a list of paths, not {type(extra).__name__}"
            )
        for path in paths:
            if not isinstance(path, (str, os.PathLike)):
                raise InvalidArgumentTypeError(
                    f"extra must be a path or a list of paths, not {type(path).__name__}"
                )
            user_data.append(_read_user_layer(path))
    packaged = [
        _load_packaged(entry, verify)
        for entry in manifest["layers"]
        if entry["layer"]["id"] not in excluded
    ]

    def packaged_condition(condition_id: str) -> Condition | None:
        for store in packaged:
            condition = store.condition(condition_id)
            if condition is not None:
                return condition
        return None

    users: list[LayerStore] = []
    packaged_names = _packaged_index().names if user_data else {}
    for data, file in user_data:
        layer = parse_layer(data, file)
        if layer.layer.id in known or any(u.info.id == layer.layer.id for u in users):
            raise DatasetError(
                f"layer id {layer.layer.id!r} is already used by another layer; choose another",
                file=file,
                field="layer.id",
            )
        for record in layer.drugs:
            if record.id in packaged_names and not record.extends:
                raise DatasetError(
                    f"drug id {record.id!r} is already a packaged drug "
                    f'({packaged_names[record.id]}); set "extends": true to add facts to it, '
                    "or choose another id",
                    file=file,
                    record=record.id,
                    field="id",
                )
        users.append(RecordStore(layer, file, packaged_condition))
    index = None
    if not excluded:
        index = _packaged_index()
        if users:
            index = _overlay(index, users)
    return Catalog([*users, *packaged], index)


class _OverlayKeys:
    """The packaged name index with user layers' keys on top (user layers come first)."""

    def __init__(
        self,
        packaged: NameIndex,
        user: _DictIndex,
        renamed: Mapping[str, str],
    ) -> None:
        self._packaged = packaged
        self._user = user
        self._renamed = renamed  # drug id -> normalised key of the name a user layer gives it

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None:
        found = dict(self._packaged.get(key) or {})
        for drug_id, (kind, text) in list(found.items()):
            primary = self._renamed.get(drug_id)
            if primary is not None and kind == NAME and key != primary and text != drug_id:
                found[drug_id] = (SYNONYM, text)
        for drug_id, entry in (self._user.get(key) or {}).items():
            old = found.get(drug_id)
            if old is None or entry[0] < old[0]:
                found[drug_id] = entry
        return found or None

    def keys(self) -> Iterable[str]:
        return dict.fromkeys([*self._user.keys(), *self._packaged.keys()])

    def suggestible(self) -> Iterable[str]:
        return dict.fromkeys([*self._user.suggestible(), *self._packaged.suggestible()])


def _overlay(index: PackagedIndex, users: Sequence[LayerStore]) -> PackagedIndex:
    """The packaged index with user layers added in front (no per-layer keys are re-read)."""
    shift = len(users)
    _views, _names, user_keys = _merge_name_entries(users)
    # Drugs only a user layer knows must be named by it; extended drugs keep the packaged name
    # unless the user layer gives one.
    views: dict[str, tuple[View, ...]] = {}
    names: dict[str, str] = {}
    renamed: dict[str, str] = {}
    user_known: dict[str, list[View]] = {}
    for position, store in enumerate(users):
        for drug_id, (name, _keys) in store.entries.items():
            user_known.setdefault(drug_id, []).append((position, name is not None, None))
            if name is not None and drug_id not in names:
                names[drug_id] = name
    for drug_id, own in user_known.items():
        packaged_views = index.views.get(drug_id, ())
        shifted = tuple((i + shift, named, span) for i, named, span in packaged_views)
        if drug_id in names or packaged_views:
            views[drug_id] = (*own, *shifted)
        if drug_id in names and drug_id in index.names:
            renamed[drug_id] = _normalized(names[drug_id])
        elif drug_id not in names and drug_id in index.names:
            names[drug_id] = index.names[drug_id]
    return PackagedIndex(
        views=_Overlay(
            views, index.views, lambda v: tuple((i + shift, named, span) for i, named, span in v)
        ),
        names=_Overlay(names, index.names, lambda n: n),
        keys=_OverlayKeys(index.keys, user_keys, renamed),
        parents=_Overlay(
            merge_parents(users),
            index.parents,
            lambda ups: ups,
            merge=lambda mine, theirs: tuple(dict.fromkeys((*mine, *theirs))),
        ),
        conditions=_Overlay(
            dict(_Conditions(users).items()),
            index.conditions,
            lambda c: c,
            merge=lambda mine, theirs: _merge_conditions(theirs, mine),
        ),
    )


class _Overlay(Mapping[str, _V]):
    """A small dict of user values in front of a packaged mapping (values converted on read)."""

    def __init__(
        self,
        mine: Mapping[str, _V],
        theirs: Mapping[str, Any],
        convert: Callable[[Any], _V],
        merge: Callable[[_V, _V], _V] | None = None,
    ) -> None:
        self._mine = mine
        self._theirs = theirs
        self._convert = convert
        self._merge = merge
        self._cache: dict[str, _V] = {}

    def __getitem__(self, key: str) -> _V:
        found = self._cache.get(key)
        if found is not None:
            return found
        if key in self._mine:
            value = self._mine[key]
            if self._merge is not None and key in self._theirs:
                value = self._merge(value, self._convert(self._theirs[key]))
        else:
            value = self._convert(self._theirs[key])
        return self._cache.setdefault(key, value)

    def __contains__(self, key: object) -> bool:
        return key in self._mine or key in self._theirs

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._mine, *self._theirs}))

    def __len__(self) -> int:
        return len({*self._mine, *self._theirs})


def _packaged_index() -> PackagedIndex:
    """The build's merged index of every packaged layer (cheap: sections are found, not parsed)."""
    return PackagedIndex.parse(_data_dir().joinpath(INDEX_FILE).read_bytes())


_default: Catalog | None = None
_default_lock = threading.Lock()


def default_catalog() -> Catalog:
    """The catalog of every packaged layer, loaded on first use (once, thread-safely)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_catalog()
    return _default
