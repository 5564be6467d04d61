"""The open-data backbone: coverage targets, licence layers, and sensible answers for common pairs."""

from __future__ import annotations

import pytest

import drugcompare as dc


def _layer_records(layer_id: str) -> list[dict[str, object]]:
    store = next(s for s in dc.default_catalog()._data.stores if s.info.id == layer_id)
    return [dict(record) for _id, record in store.raw_records()]


def test_coverage_targets(catalog: dc.Catalog) -> None:
    facts = catalog.facts()
    both = [d for d, f in facts.items() if f.adverse_effects and f.indications]
    with_mechanism = [d for d, f in facts.items() if f.mechanisms]
    assert len(both) >= 1000
    assert len(with_mechanism) >= 800


def test_almost_every_drugcentral_drug_carries_rxcui_or_unii(catalog: dc.Catalog) -> None:
    """The backbone's drugs (DrugCentral's) carry RxCUI or UNII; drugs only the regulatory tables
    know (biologics, allergens, combinations) may carry neither, but always their applications."""
    drugs = [d for d in catalog.all_drugs() if d.identifiers.drugcentral]
    with_ids = [d for d in drugs if d.identifiers.rxcui or d.identifiers.unii]
    assert len(with_ids) / len(drugs) >= 0.95
    unidentified = [
        d.id
        for d in catalog.all_drugs()
        if not (d.identifiers.items() or d.products or d.ingredients)
        and d.approval is not None
        and d.approval.fda_approved
    ]
    assert len(unidentified) / len(catalog) < 0.1


def test_every_market_withdrawal_of_chembl_and_ncats_is_on_its_drug(catalog: dc.Catalog) -> None:
    for layer_id in ("chembl", "ncats-withdrawn"):
        for record in _layer_records(layer_id):
            withdrawals = record.get("market_withdrawals", [])
            if not withdrawals:
                continue
            drug = catalog.by_id(str(record["id"]))
            on_drug = {(w.year, w.country, w.reason) for w in drug.market_withdrawals}
            for w in withdrawals:
                assert isinstance(w, dict)
                assert (w.get("year"), w.get("country"), w.get("reason")) in on_drug


def test_market_withdrawals_are_not_withdrawal_syndromes() -> None:
    rofecoxib = dc.lookup_drug("Vioxx")
    assert rofecoxib.market_withdrawals
    assert all(w.sources for w in rofecoxib.market_withdrawals)


def test_no_open_layer_marks_a_use_approved_unless_it_is_label_derived(catalog: dc.Catalog) -> None:
    bad = [
        (drug.id, indication.condition.name, layers)
        for drug in catalog.all_drugs()
        for indication in drug.indications_with(dc.IndicationStatus.APPROVED)
        if not (layers := {s.layer for s in indication.sources})
        <= {"curated", "labels", "labeledin"}
    ]
    assert bad == []


def test_leaving_out_sider_removes_every_sider_fact() -> None:
    catalog = dc.load_catalog(exclude_sources=("sider",))
    assert "sider" not in {layer.id for layer in catalog.layers}
    for drug in catalog.all_drugs()[:800]:
        for fact in (*drug.adverse_effects, *drug.indications):
            assert all(s.layer != "sider" for s in fact.sources), drug.id
    # Drugs that SIDER knows are still there, named by the other layers.
    assert catalog.lookup_drug("lisinopril").indications


def test_only_permissive_layers() -> None:
    permissive = {"CC0-1.0", "CC-BY-4.0", "public-domain", "Apache-2.0"}
    excluded = [
        layer.id
        for layer in dc.sources()
        if not (layer.license in permissive or layer.license.startswith("CC0-1.0"))
    ]
    assert set(excluded) == {"sider", "chembl"}, excluded
    catalog = dc.load_catalog(exclude_sources=excluded)
    drug = catalog.lookup_drug("atorvastatin")
    sources = {s.layer for fact in (*drug.indications, *drug.adverse_effects) for s in fact.sources}
    assert sources and not sources & {"sider", "chembl"}


@pytest.mark.parametrize(
    ("a", "b", "effect", "condition"),
    [
        ("lisinopril", "losartan", "Cough", "hypertension"),
        ("atorvastatin", "simvastatin", "Myalgia", "hypercholesterolemia"),
        ("sertraline", "fluoxetine", "Nausea", "obsessive-compulsive disorder"),
    ],
)
def test_common_pairs_give_sensible_sourced_answers(
    a: str, b: str, effect: str, condition: str
) -> None:
    comparison = dc.compare(a, b)
    terms = {s.term for s in comparison.shared_adverse_effects}
    assert effect in terms
    names = {o.condition.name.casefold() for o in comparison.overlapping_indications}
    assert any(condition in name for name in names), names
    for shared in comparison.shared_adverse_effects:
        for entry in shared.entries:
            assert entry.effect.sources


def test_sider_frequencies_keep_placebo_rows_apart() -> None:
    dizziness = next(
        e for e in dc.lookup_drug("pregabalin").adverse_effects if e.term == "Dizziness"
    )
    sider = [f for f in dizziness.frequencies if any(s.layer == "sider" for s in f.sources)]
    assert sider
    for freq in sider:
        if freq.placebo_upper is not None and freq.upper is not None:
            assert freq.placebo_lower is not None and freq.placebo_lower <= freq.placebo_upper


def test_similar_drugs_for_gabapentin_is_sensible() -> None:
    similar = [d.id for d, _ in dc.similar_drugs("gabapentin", by="indications", limit=10)]
    assert "pregabalin" in similar
    by_effects = dc.similar_drugs("gabapentin", limit=10)
    assert len(by_effects) == 10
    assert all(0 < score <= 1 for _, score in by_effects)


def test_raw_features_match_model_features(catalog: dc.Catalog) -> None:
    from drugcompare._compare.similarity import SIMILARITY_BASES, features

    facts = catalog.facts()
    for name in ("gabapentin", "lisinopril", "kratom", "valproate", "rofecoxib"):
        drug = catalog.lookup_drug(name)
        for basis in SIMILARITY_BASES:
            assert facts[drug.id].features(basis) == features(drug, basis), (name, basis)
