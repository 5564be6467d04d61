"""The packaged index: written by the build's writer, read back, it gives what merging at load
gives (drugs, names, keys, hierarchy, conditions)."""

from __future__ import annotations

from drugcompare._catalog.core import CatalogData


def test_index_round_trip_matches_the_merge(merged: CatalogData, indexed: CatalogData) -> None:
    assert {d: [v[:2] for v in vs] for d, vs in merged.views.items()} == {
        d: [v[:2] for v in vs] for d, vs in indexed.views.items()
    }
    assert dict(merged.names.names) == dict(indexed.names.names)
    assert sorted(merged.names.index.keys()) == sorted(indexed.names.index.keys())
    for key in merged.names.index.keys():  # noqa: SIM118 - a NameIndex, not a dict
        assert merged.names.index.get(key) == indexed.names.index.get(key), key
    assert dict(merged.conditions.parents) == dict(indexed.conditions.parents)
    assert dict(merged.conditions.conditions) == dict(indexed.conditions.conditions)


def test_drugs_read_through_the_index_equal_merged_ones(
    merged: CatalogData, indexed: CatalogData
) -> None:
    for drug_id in ("alpha", "beta", "gamma"):
        assert indexed.by_id(drug_id) == merged.by_id(drug_id)
