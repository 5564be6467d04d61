"""Each backbone source module on its excerpt of the raw data (tests/build/fixtures/raw)."""

from __future__ import annotations

from typing import Any

from tools.build import backbone, ontology
from tools.build.backbone import tables

from .conftest import drug

Layers = dict[str, dict[str, Any]]


def test_every_layer_is_built_in_precedence_order(layers: Layers) -> None:
    assert list(layers) == list(backbone.LAYER_IDS)
    for layer_id, layer in layers.items():
        assert layer["layer"]["id"] == layer_id
        assert layer["layer"]["license"]
        ids = [d["id"] for d in layer["drugs"]]
        assert ids == sorted(ids) and len(ids) == len(set(ids))


def test_drugcentral_is_the_identity_hub(layers: Layers) -> None:
    gabapentin = drug(layers["drugcentral"], "gabapentin")
    assert gabapentin["identifiers"]["rxcui"] == ["25480"]
    assert gabapentin["identifiers"]["unii"] == ["6CW7F3G59X"]
    assert gabapentin["identifiers"]["drugbank"] == ["DB00996"]
    # DrugBank DB01183 is given to naloxone and naloxegol: only the drug DrugBank names keeps it.
    holders = [
        d["id"]
        for d in layers["drugcentral"]["drugs"]
        if "DB01183" in d.get("identifiers", {}).get("drugbank", [])
    ]
    assert holders == ["naloxone"]
    assert drug(layers["drugcentral"], "valproic-acid")["name"] == "valproic acid"


def test_drugcentral_indications_are_listed_never_approved(layers: Layers) -> None:
    statuses = {
        i["status"] for d in layers["drugcentral"]["drugs"] for i in d.get("indications", [])
    }
    assert statuses == {"listed"}


def test_sider_maps_by_pubchem_and_keeps_fractions(layers: Layers) -> None:
    pregabalin = drug(layers["sider"], "pregabalin")
    figures = [
        f for e in pregabalin["adverse_effects"] for f in e.get("frequencies", []) if "lower" in f
    ]
    assert figures
    assert all(0 <= f["lower"] <= f["upper"] <= 1 for f in figures)
    # Postmarketing rows keep their word and no incidence.
    post = [
        f
        for e in pregabalin["adverse_effects"]
        for f in e.get("frequencies", [])
        if f.get("label") == "postmarketing"
    ]
    assert all("lower" not in f for f in post)


def test_labeledin_is_approved_and_cites_the_label(layers: Layers) -> None:
    indications = drug(layers["labeledin"], "gabapentin")["indications"]
    assert {i["status"] for i in indications} == {"approved"}
    assert all("SPL set id" in c["section"] for i in indications for c in i["cite"])


def test_pharmacotherapydb_and_chembl_statuses(layers: Layers) -> None:
    assert {
        i["status"] for d in layers["pharmacotherapydb"]["drugs"] for i in d.get("indications", [])
    } == {"listed"}
    chembl = {i["status"] for d in layers["chembl"]["drugs"] for i in d.get("indications", [])}
    assert chembl <= {"listed", "investigational"} and "listed" in chembl


def test_withdrawals_land_on_their_drug(layers: Layers) -> None:
    rofecoxib = drug(layers["ncats-withdrawn"], "rofecoxib")
    assert any(w.get("year") == 2004 for w in rofecoxib["market_withdrawals"])
    assert all(w["cite"] for w in rofecoxib["market_withdrawals"])
    assert "Vioxx" in rofecoxib["brand_names"]


def test_drugbank_vocabulary_adds_synonyms_only(layers: Layers) -> None:
    for record in layers["drugbank-vocabulary"]["drugs"]:
        assert set(record) <= {"id", "name", "synonyms", "identifiers", "cite"}
        assert all(len(s) <= 80 for s in record.get("synonyms", []))


def test_the_report_measures_every_join(report: list[str]) -> None:
    sources = {line.split(":", 1)[0] for line in report}
    assert sources >= {"drugcentral", "chembl", "sider", "labeledin", "pharmacotherapydb"}


def test_ontology_maps_a_cui_only_when_one_term_claims_it(onto: ontology.Ontology) -> None:
    assert onto.umls_to_doid
    claimed: dict[str, int] = {}
    for xrefs in onto.xrefs.values():
        for xref in xrefs:
            if xref.startswith("UMLS:"):
                claimed[xref[5:]] = claimed.get(xref[5:], 0) + 1
    assert all(claimed[cui] == 1 for cui in onto.umls_to_doid)


def test_capitalised_condition_names_are_shown_in_the_ontology_case() -> None:
    known = tables.casing(
        ["Niemann-Pick disease", "AIDS-related lymphoma", "Chagas disease", "abortion"],
        ["HIV infection", "Abortion, Spontaneous", "Fever"],
    )
    assert known == {
        "niemann": "Niemann",
        "pick": "Pick",
        "aids": "AIDS",
        "chagas": "Chagas",
        "hiv": "HIV",
    }
    assert tables.shown_case("ABORTION, SPONTANEOUS", known) == "abortion, spontaneous"
    assert tables.shown_case("HIV-ASSOCIATED FEVER", known) == "HIV-associated fever"
    assert (
        tables.shown_case("NIEMANN-PICK DISEASE, TYPE C", known) == "Niemann-Pick disease, type C"
    )
    assert (
        tables.shown_case("MUCOPOLYSACCHARIDOSIS TYPE IV", known) == "mucopolysaccharidosis type IV"
    )
    assert tables.shown_case("Post herpetic neuralgia", known) == "Post herpetic neuralgia"
    assert tables.shown_case("UMLS:C0553662", known) == "UMLS:C0553662"
