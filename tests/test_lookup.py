"""Lookups by name, brand, synonym and identifier; suggestions; search ranking; conditions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drugcompare as dc


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gabapentin", "gabapentin"),
        ("Neurontin", "gabapentin"),
        ("GRALISE", "gabapentin"),
        ("Horizant", "gabapentin-enacarbil"),
        ("gabapentin enacarbil", "gabapentin-enacarbil"),  # its own ingredient in the backbone
        ("Lyrica", "pregabalin"),
        ("lyrica cr", "pregabalin"),
        ("Lyrica-CR", "pregabalin"),
        ("Gablofen", "baclofen"),
        ("Lioresal", "baclofen"),
        ("Ozobax", "baclofen"),
        ("Mitragyna speciosa", "kratom"),
        ("mitragynine", "kratom"),
        ("7-hydroxymitragynine", "kratom"),
        ("Provigil", "modafinil"),
        ("  pRoViGiL  ", "modafinil"),
    ],
)
def test_names_brands_and_synonyms_resolve(query: str, expected: str) -> None:
    assert dc.lookup_drug(query).id == expected


def test_accents_and_case_are_ignored() -> None:
    assert dc.lookup_drug("GABAPENTÍN").id == "gabapentin"
    assert dc.lookup_drug("Prégabaline".replace("ine", "in")).id == "pregabalin"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("DB00996", "gabapentin"),
        ("db00996", "gabapentin"),
        ("CHEMBL940", "gabapentin"),
        ("rxcui:25480", "gabapentin"),
        ("RxCUI 25480", "gabapentin"),
    ],
)
def test_identifiers_resolve(query: str, expected: str) -> None:
    assert dc.lookup_drug(query).id == expected


def test_every_identifier_of_a_curated_drug_resolves_to_it(catalog: dc.Catalog) -> None:
    drug = catalog.lookup_drug("pregabalin")
    assert drug.identifiers.items()
    for kind, value in drug.identifiers.items():
        prefix = {"pubchem_cid": "pubchem"}.get(kind, kind)
        assert catalog.lookup_drug(f"{prefix}:{value}") == drug


def test_drug_objects_pass_through() -> None:
    drug = dc.lookup_drug("gabapentin")
    assert dc.lookup_drug(drug) is drug
    assert dc.get_drug(drug) is drug


def test_get_drug_returns_the_default_for_unknown_names() -> None:
    assert dc.get_drug("no such drug at all") is None
    sentinel = dc.lookup_drug("gabapentin")
    assert dc.get_drug("no such drug at all", sentinel) is sentinel


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("neurotin", "Neurontin (gabapentin)"),
        ("lyricaa", "Lyrica (pregabalin)"),
        ("gabapenitn", "gabapentin"),
        ("baclophen", "baclofen"),
        ("modafinl", "modafinil"),
    ],
)
def test_unknown_names_suggest_close_matches(typo: str, suggestion: str) -> None:
    with pytest.raises(dc.DrugNotFoundError) as info:
        dc.lookup_drug(typo)
    assert info.value.query == typo
    assert info.value.suggestions[0] == suggestion
    assert f"did you mean {suggestion}" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_nothing_close_gives_no_suggestion_but_a_hint() -> None:
    with pytest.raises(dc.DrugNotFoundError) as info:
        dc.lookup_drug("qqqqqqqqqq")
    assert info.value.suggestions == ()
    assert "search_drugs()" in str(info.value)


def test_search_ranks_exact_then_prefix_then_fuzzy() -> None:
    assert dc.search_drugs("gabapentin")[0].id == "gabapentin"
    # "GABA" is a synonym of aminobutyric acid: the exact match comes first, then prefixes.
    names = [d.id for d in dc.search_drugs("gaba")]
    assert names[0] == "aminobutyric-acid"
    assert names.index("gabapentin") < names.index("pregabalin")
    assert dc.search_drugs("gabap")[0].id == "gabapentin"
    assert dc.search_drugs("lyric")[0].id == "pregabalin"
    assert dc.search_drugs("neurotin")[0].id == "gabapentin"


def test_search_is_deterministic_and_limited() -> None:
    first = dc.search_drugs("a", limit=5)
    assert len(first) == 5
    assert first == dc.search_drugs("a", limit=5)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_search_never_fails_on_text(query: str) -> None:
    try:
        found = dc.search_drugs(query, limit=3)
    except dc.InvalidArgumentError:
        assert not query.strip() or not any(ch.isalnum() for ch in query)
        return
    assert len(found) <= 3


def test_all_drugs_is_sorted_and_complete() -> None:
    drugs = dc.all_drugs()
    assert [d.id for d in drugs] == sorted(d.id for d in drugs)
    assert {"gabapentin", "pregabalin", "baclofen", "kratom", "modafinil"} <= {d.id for d in drugs}


def test_conditions_resolve_by_name_synonym_and_identifier() -> None:
    fibro = dc.lookup_condition("fibromyalgia")
    assert fibro.id == "DOID:631"
    assert dc.lookup_condition("DOID:631") == fibro
    assert dc.lookup_condition("Fibromyalgia ") == fibro
    assert dc.lookup_condition("C0016053") == fibro  # UMLS CUI cross-reference


def test_unknown_condition_suggests() -> None:
    with pytest.raises(dc.ConditionNotFoundError) as info:
        dc.lookup_condition("fibromyalga")
    assert "fibromyalgia" in info.value.suggestions
    assert isinstance(info.value, LookupError)


def test_drugs_for_includes_narrower_conditions_and_filters_by_status() -> None:
    epilepsy = {d.id for d in dc.drugs_for("epilepsy")}
    # Gabapentin is approved for partial-onset (focal) seizures, a kind of epilepsy.
    assert "gabapentin" in epilepsy
    approved_fibro = {d.id for d in dc.drugs_for("fibromyalgia", statuses=["approved"])}
    assert "pregabalin" in approved_fibro
    assert "gabapentin" not in approved_fibro
    any_fibro = {d.id for d in dc.drugs_for("fibromyalgia")}
    assert "gabapentin" in any_fibro


def test_drugs_for_rejects_unknown_status() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown status 'aproved'"):
        dc.drugs_for("fibromyalgia", statuses=["aproved"])
