"""Loading a catalog's data: the packaged layers (minus those left out), users' datasets on top,
and the packaged merged index (with the user layers' names laid over it)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from .._data import files
from .._data.index import PackagedIndex, View
from .._data.store import LayerStore, RecordStore, parse_layer
from .._data.suggest import packaged_suggestions
from .._errors import DatasetError, InvalidArgumentError, InvalidArgumentTypeError
from ..model import Condition
from .conditions import LayerConditions, merge_parents
from .core import CatalogData
from .merge import merge_conditions, normalized
from .names import OverlayKeys, merge_name_entries

__all__ = ["load_data"]

_V = TypeVar("_V")


def load_data(
    exclude_sources: Iterable[str] = (),
    extra: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    *,
    verify: bool = False,
) -> CatalogData:
    """The data of a catalog: the packaged layers minus ``exclude_sources`` (layer ids), plus the
    user datasets in ``extra`` (paths to layer JSON files, see docs/data-format.md), which take
    precedence over every packaged layer. ``verify`` checks each packaged file's checksum."""
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
    manifest = files.read_manifest()
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
            user_data.append(files.read_user_layer(path))
    packaged = [
        files.open_packaged(entry, verify)
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
    packaged_names = files.packaged_index().names if user_data else {}
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
    suggestions = None
    if not excluded:
        index = files.packaged_index()
        if users:
            index = _overlay(index, users)
        else:
            suggestions = packaged_suggestions()
    return CatalogData(
        [*users, *packaged], index, suggestions, packaged_facts=not excluded and not users
    )


def _overlay(index: PackagedIndex, users: Sequence[LayerStore]) -> PackagedIndex:
    """The packaged index with user layers added in front (no per-layer keys are re-read)."""
    shift = len(users)
    _views, _names, user_keys = merge_name_entries(users)
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
            renamed[drug_id] = normalized(names[drug_id])
        elif drug_id not in names and drug_id in index.names:
            names[drug_id] = index.names[drug_id]
    return PackagedIndex(
        views=_Overlay(
            views, index.views, lambda v: tuple((i + shift, named, span) for i, named, span in v)
        ),
        names=_Overlay(names, index.names, lambda n: n),
        keys=OverlayKeys(index.keys, user_keys, renamed),
        parents=_Overlay(
            merge_parents(users),
            index.parents,
            lambda ups: ups,
            merge=lambda mine, theirs: tuple(dict.fromkeys((*mine, *theirs))),
        ),
        conditions=_Overlay(
            dict(LayerConditions(users).items()),
            index.conditions,
            lambda c: c,
            merge=lambda mine, theirs: merge_conditions(theirs, mine),
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
