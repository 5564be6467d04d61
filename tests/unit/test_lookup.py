"""Lookups by name, brand, synonym and identifier, suggestions and search on the tiny dataset."""

from __future__ import annotations

import pytest

from drugcompare import ConditionNotFoundError, DrugNotFoundError
from drugcompare._catalog.core import CatalogData


@pytest.mark.parametrize(
    ("query", "drug_id"),
    [
        ("alpha", "alpha"),
        ("ALPHIX", "alpha"),
        ("Alphix", "alpha"),
        ("alpha-old name", "alpha"),
        ("rxcui:111", "alpha"),
        ("Gammax", "gamma"),
        # "betix" is beta's brand and gamma's synonym: the brand wins.
        ("betix", "beta"),
    ],
)
def test_names_resolve(indexed: CatalogData, query: str, drug_id: str) -> None:
    assert indexed.lookup(query).id == drug_id


def test_unknown_names_suggest_the_closest(indexed: CatalogData) -> None:
    with pytest.raises(DrugNotFoundError) as info:
        indexed.lookup("alphex")
    assert info.value.suggestions[0] == "Alphix (alpha)"


def test_search_ranks_exact_then_prefix_then_substring(indexed: CatalogData) -> None:
    assert indexed.names.search("gamma", 5)[0] == "gamma"
    assert indexed.names.search("alph", 5) == ["alpha"]


def test_condition_hierarchy_and_lookups(indexed: CatalogData) -> None:
    conditions = indexed.conditions
    assert conditions.ancestors("DOID:4") == {"DOID:2": 1, "DOID:1": 2}
    assert conditions.descendants("DOID:1") == {"DOID:2", "DOID:3", "DOID:4"}
    assert conditions.lookup("first child").id == "DOID:2"
    assert conditions.lookup("C0000010").id == "DOID:2"
    with pytest.raises(ConditionNotFoundError):
        conditions.lookup("no such disease")


def test_drugs_for_walks_down_the_hierarchy(indexed: CatalogData) -> None:
    from drugcompare.model import IndicationStatus

    def ids(condition: str, statuses: frozenset[IndicationStatus] | None = None) -> list[str]:
        return [d.id for d in indexed.drugs_for(condition, statuses)]

    assert ids("disease root") == ["alpha", "beta"]
    assert ids("grandchild") == ["beta"]
    assert ids("grandchild", frozenset({IndicationStatus.APPROVED})) == []
