"""Names of drugs: the merged name index of the loaded layers, best-match lookups, "did you mean"
suggestions and ranked search. One rule decides which drug a name means: the best kind of name
(generic name > brand > synonym > identifier), then the drug id."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence

from .._data.index import NameIndex, View
from .._data.store import LayerStore
from .._data.suggest import SuggestIndex
from .._once import once
from .._text import IDENTIFIER, NAME, SYNONYM, FuzzyIndex
from .merge import normalized

__all__ = ["DictIndex", "Names", "OverlayKeys", "merge_name_entries"]


def demoted(kind: int, key: str, primary_key: str, text: str, drug_id: str) -> int:
    """A layer's own name for a drug that another layer names differently is a synonym: the
    drug's name is the highest layer's (its id always stays a name)."""
    if kind == NAME and key != primary_key and text != drug_id:
        return SYNONYM
    return kind


def merge_name_entries(
    stores: Sequence[LayerStore],
) -> tuple[dict[str, tuple[View, ...]], dict[str, str], DictIndex]:
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
    index_ = DictIndex()
    primary_keys = {drug_id: normalized(name) for drug_id, name in names.items()}
    for store in stores:
        for drug_id, (_name, keys) in store.entries.items():
            primary_key = primary_keys.get(drug_id)
            if primary_key is None:
                continue
            for key, kind, text in keys:
                kind = demoted(kind, key, primary_key, text, drug_id)
                found = index_.get(key)
                if found is None:
                    index_[key] = {drug_id: (kind, text)}
                else:
                    old = found.get(drug_id)
                    if old is None or kind < old[0]:
                        found[drug_id] = (kind, text)
    return merged_views, names, index_


class DictIndex(dict[str, dict[str, tuple[int, str]]]):
    """The name index merged at load (filtered catalogs)."""

    def suggestible(self) -> Iterable[str]:
        return [
            key for key, found in self.items() if any(k < IDENTIFIER for k, _ in found.values())
        ]


class OverlayKeys:
    """The packaged name index with user layers' keys on top (user layers come first)."""

    def __init__(
        self,
        packaged: NameIndex,
        user: DictIndex,
        renamed: Mapping[str, str],
    ) -> None:
        self._packaged = packaged
        self._user = user
        self._renamed = renamed  # drug id -> normalised key of the name a user layer gives it

    def get(self, key: str, /) -> dict[str, tuple[int, str]] | None:
        found = dict(self._packaged.get(key) or {})
        for drug_id, (kind, text) in list(found.items()):
            primary = self._renamed.get(drug_id)
            if primary is not None:
                found[drug_id] = (demoted(kind, key, primary, text, drug_id), text)
        for drug_id, entry in (self._user.get(key) or {}).items():
            old = found.get(drug_id)
            if old is None or entry[0] < old[0]:
                found[drug_id] = entry
        return found or None

    def keys(self) -> Iterable[str]:
        return dict.fromkeys([*self._user.keys(), *self._packaged.keys()])

    def suggestible(self) -> Iterable[str]:
        return dict.fromkeys([*self._user.suggestible(), *self._packaged.suggestible()])


class Names:
    """Name lookups over a merged name index: the best drug for a key, suggestions, search."""

    def __init__(
        self,
        index: NameIndex,
        names: Mapping[str, str],
        packaged: SuggestIndex | None = None,
    ) -> None:
        self.index = index
        self.names = names
        """Drug id -> the drug's name."""
        self._packaged = packaged
        """The build's suggestion index of exactly this name index (the default catalog)."""
        self._lock = threading.Lock()

    def best(self, key: str) -> tuple[str, int, str] | None:
        """``(drug id, kind, text)`` of the best drug indexed under ``key``."""
        found = self.index.get(key)
        if not found:
            return None
        if len(found) == 1:
            ((drug_id, (kind, text)),) = found.items()
            return drug_id, kind, text
        drug_id, (kind, text) = min(found.items(), key=lambda item: (item[1][0], item[0]))
        return drug_id, kind, text

    @once
    def fuzzy(self) -> FuzzyIndex | SuggestIndex:
        """Trigram matcher over names, brands and synonyms (not identifiers: DB00996 is typed
        exactly)."""
        if self._packaged is not None:
            return self._packaged
        return FuzzyIndex(self.index.suggestible())

    def display(self, key: str) -> str:
        """``"Neurontin (gabapentin)"`` for a brand key, the name for a name key."""
        best = self.best(key)
        assert best is not None
        drug_id, kind, text = best
        name = self.names[drug_id]
        return name if kind == NAME else f"{text} ({name})"

    def suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        """Close matches to a normalised query, formatted like ``"Neurontin (gabapentin)"``;
        from the packaged suggestion index when the build made one for this index."""
        if self._packaged is not None:
            return self._packaged.suggest(key, limit)
        out: list[str] = []
        seen: set[str] = set()
        for candidate, _score in self.fuzzy.best(key, limit=limit * 4):
            best = self.best(candidate)
            assert best is not None
            if best[0] in seen:
                continue
            seen.add(best[0])
            out.append(self.display(candidate))
            if len(out) == limit:
                break
        return tuple(out)

    def search(self, key: str, limit: int) -> list[str]:
        """Ids of drugs whose names match a normalised query: exact, then prefix, then word
        start, then substring, then fuzzy matches; ties by name, then id."""
        best: dict[str, tuple[int, float, int]] = {}

        def offer(drug_id: str, rank: int, score: float, kind: int) -> None:
            candidate = (rank, -score, kind)
            if drug_id not in best or candidate < best[drug_id]:
                best[drug_id] = candidate

        for name_key in self.index.keys():  # noqa: SIM118 - a NameIndex, not a dict
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
            for drug_id, (kind, _text) in (self.index.get(name_key) or {}).items():
                offer(drug_id, rank, len(key) / len(name_key), kind)
        if len(best) < limit:
            for name_key, score in self.fuzzy.best(key, limit=limit * 3, cutoff=0.5):
                for drug_id, (kind, _text) in (self.index.get(name_key) or {}).items():
                    offer(drug_id, 4, score, kind)
        ranked = sorted(best, key=lambda d: (best[d], self.names[d], d))
        return ranked[:limit]
