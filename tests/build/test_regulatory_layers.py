"""The regulatory layers built from small excerpts of the raw files
(tests/build/fixtures/regulatory/raw): identity, products, brands, approval and DEA rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tools.build.backbone.hub import Hub
from tools.build.common import jsonl
from tools.build.regulatory import LAYER_IDS, build_layers, identity_for
from tools.build.regulatory.approval import First, choose

RAW = Path(__file__).parent / "fixtures" / "regulatory" / "raw"
Layers = dict[str, dict[str, dict[str, Any]]]


def _build() -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    return build_layers(RAW, Hub(RAW, {"drugs": []}))


@pytest.fixture(scope="module")
def built() -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    return _build()


@pytest.fixture(scope="module")
def layers(built: tuple[list[tuple[str, dict[str, Any]]], list[str]]) -> Layers:
    return {name: {d["id"]: d for d in layer["drugs"]} for name, layer in built[0]}


def _brand_owner(layers: Layers, brand: str) -> set[str]:
    return {
        drug_id
        for name in ("orange-book", "drugsatfda")
        for drug_id, drug in layers[name].items()
        if brand in drug.get("brand_names", [])
    }


def test_layers_in_precedence_order_with_dates(
    built: tuple[list[tuple[str, dict[str, Any]]], list[str]],
) -> None:
    assert tuple(name for name, _ in built[0]) == LAYER_IDS
    for _name, layer in built[0]:
        assert layer["format"] == 1
        assert len(layer["layer"]["date"]) == 10
        assert layer["layer"]["document"] in layer["documents"]
        ids = [d["id"] for d in layer["drugs"]]
        assert ids == sorted(ids)


def test_rebuild_is_byte_identical(
    built: tuple[list[tuple[str, dict[str, Any]]], list[str]],
) -> None:
    again, _report = _build()
    assert [jsonl(layer) for _n, layer in again] == [jsonl(layer) for _n, layer in built[0]]


def test_every_cite_names_a_document_of_its_layer(
    built: tuple[list[tuple[str, dict[str, Any]]], list[str]],
) -> None:
    def cites(value: Any) -> list[dict[str, Any]]:
        if isinstance(value, dict):
            found = list(value.get("cite", []))
            for key, inner in value.items():
                if key != "cite":
                    found += cites(inner)
            return found
        if isinstance(value, list):
            return [c for item in value for c in cites(item)]
        return []

    for _name, layer in built[0]:
        for drug in layer["drugs"]:
            for cite in cites(drug):
                assert cite["doc"] in layer["documents"], (drug["id"], cite)


@pytest.mark.parametrize(
    ("brand", "drug_id"),
    [
        ("Neurontin", "gabapentin"),
        ("Horizant", "gabapentin-enacarbil"),
        ("Lyrica", "pregabalin"),
        ("Mounjaro", "tirzepatide"),
        ("Zepbound", "tirzepatide"),
        ("Prozac", "fluoxetine"),
        ("Humira", "adalimumab"),
        ("Leqembi", "lecanemab"),
        ("Suboxone", "buprenorphine-and-naloxone"),
        ("Qsymia", "phentermine-and-topiramate"),
        ("Paxlovid", "nirmatrelvir-and-ritonavir"),
        ("Adderall XR", "amfetamine-and-dexamfetamine"),
        ("Haldol", "haloperidol"),
    ],
)
def test_brand_resolves_to_one_drug(layers: Layers, brand: str, drug_id: str) -> None:
    assert _brand_owner(layers, brand) == {drug_id}


def test_combination_owns_its_products_and_brand(layers: Layers) -> None:
    ob = layers["orange-book"]
    combo = ob["buprenorphine-and-naloxone"]
    assert combo["kind"] == "combination"
    assert combo["ingredients"] == ["buprenorphine", "naloxone"]
    assert combo["name"] == "buprenorphine and naloxone"
    assert all(p["ingredients"] == ["buprenorphine", "naloxone"] for p in combo["products"])
    # no single ingredient carries the combination's brand or products
    assert "buprenorphine" not in ob and "naloxone" not in ob
    assert "topiramate" not in ob


def test_adderall_salts_reduce_to_two_moieties(layers: Layers) -> None:
    adderall = layers["orange-book"]["amfetamine-and-dexamfetamine"]
    assert adderall["ingredients"] == ["amfetamine", "dexamfetamine"]
    names = {p["name"] for p in adderall["products"]}
    assert names == {"Adderall XR"}  # "ADDERALL XR 10" and "ADDERALL XR 20" fold together
    assert len(adderall["products"][0]["strengths"]) == 2


def test_new_drug_named_without_salt_with_verified_identifiers(layers: Layers) -> None:
    quviviq = layers["orange-book"]["daridorexant"]
    assert quviviq["name"] == "daridorexant"
    tirzepatide = layers["orange-book"]["tirzepatide"]
    assert tirzepatide["identifiers"]["unii"] == ["OYN3CCI6QE"]


def test_products_group_rows_and_keep_pre_1982_without_date(layers: Layers) -> None:
    mounjaro = [
        p for p in layers["orange-book"]["tirzepatide"]["products"] if p["name"] == "Mounjaro"
    ]
    assert len(mounjaro) == 1
    assert mounjaro[0]["approval_date"] == "2022-05-13"  # the autoinjector came first
    assert mounjaro[0]["application_type"] == "NDA"
    assert mounjaro[0]["application_number"] == "215866"
    haldol = layers["orange-book"]["haloperidol"]
    undated = [p for p in haldol["products"] if "approval_date" not in p]
    assert undated and all("1982" in p["cite"][0]["section"] for p in undated)


def test_generic_products_are_not_brands(layers: Layers) -> None:
    gabapentin = layers["orange-book"]["gabapentin"]
    generics = [p for p in gabapentin["products"] if not p["brand"]]
    assert generics and all(p["application_type"] == "ANDA" for p in generics)
    assert gabapentin["brand_names"] == ["Neurontin"]


def test_tentative_approval_is_not_an_approval(layers: Layers) -> None:
    tentative = [
        d
        for d in layers["drugsatfda"].values()
        if any(p["marketing_status"] == "tentative" for p in d["products"])
    ]
    assert tentative
    for drug in tentative:
        if all(p["marketing_status"] == "tentative" for p in drug["products"]):
            assert "fda_approved" not in drug["approval"]
            assert drug["approval"]["us_marketing_status"] == ["tentative"]


def test_first_approval_rule() -> None:
    ob = First(layer="orange-book", date="2016-05-12", application="NDA205836")
    ncats = First(layer="ncats-approvals", date="2016-02-18", application="NDA205836")
    assert choose([ob, ncats]) == ncats
    pre = First(layer="orange-book", pre_1982=True)
    late = First(layer="ncats-approvals", date="1990-01-01")
    assert choose([pre, late]) is None  # contradicts "approved before 1982"
    early = First(layer="ncats-approvals", date="1950-12-31")
    assert choose([pre, early]) == early
    same_day = First(layer="medi", date="2016-02-18")
    assert choose([same_day, ncats]) == ncats  # the candidate naming the application


def test_first_approval_fields_from_one_layer_only(layers: Layers) -> None:
    carriers = [
        name
        for name in LAYER_IDS
        if "first_approval_year" in layers[name].get("daridorexant", {}).get("approval", {})
    ]
    assert carriers == ["dea"]  # "FDA approved QUVIVIQ 2022-01-07" beats the OB's 2022-04-07
    approval = layers["dea"]["daridorexant"]["approval"]
    assert approval["first_approval_date"] == "2022-01-07"
    assert approval["first_product"] == "Quviviq"


@pytest.mark.parametrize(
    ("drug_id", "schedule"),
    [
        ("pregabalin", "V"),
        ("cenobamate", "V"),
        ("gabapentin", "not_controlled"),
        ("gabapentin-enacarbil", "not_controlled"),
        ("eszopiclone", "IV"),  # isomer of zopiclone
        ("armodafinil", "IV"),  # isomer of modafinil
        ("testosterone-cypionate", "III"),  # ester of testosterone
        ("sodium-oxybate", "III"),  # the entry that names Xyrem, not GHB's schedule I
        ("buprenorphine-and-naloxone", "III"),  # DEA lists Suboxone under buprenorphine
        ("amfetamine-and-dexamfetamine", "II"),  # DEA lists Adderall under amphetamine
        ("daridorexant", "IV"),  # later action
        ("zuranolone", "IV"),
        ("fenfluramine", "not_controlled"),  # removed from control in 2022
        ("nirmatrelvir-and-ritonavir", "not_controlled"),
    ],
)
def test_dea_schedule(layers: Layers, drug_id: str, schedule: str) -> None:
    assert layers["dea"][drug_id]["dea"]["schedule"] == schedule


def test_dea_facts_carry_code_date_and_source(layers: Layers) -> None:
    pregabalin = layers["dea"]["pregabalin"]["dea"]
    assert (pregabalin["code"], pregabalin["narcotic"], pregabalin["as_of"]) == (
        "2782",
        False,
        "2020-08-20",
    )
    assert "Pregabalin" in pregabalin["cite"][0]["section"]
    gabapentin = layers["dea"]["gabapentin"]["dea"]
    assert gabapentin["as_of"] == "2020-08-20" and "later actions" in gabapentin["note"]
    daridorexant = layers["dea"]["daridorexant"]["dea"]
    assert daridorexant["as_of"] == "2022-10-31"
    fenfluramine = layers["dea"]["fenfluramine"]["dea"]
    assert "proposed rule" in fenfluramine["note"]  # a proposal is a note, never a schedule


def test_unknown_combination_schedule_says_why(layers: Layers) -> None:
    qsymia = layers["dea"]["phentermine-and-topiramate"]["dea"]
    assert "schedule" not in qsymia
    assert "phentermine (IV)" in qsymia["note"]


def test_dronabinol_entries_disagree(layers: Layers) -> None:
    dronabinol = layers["dea"]["dronabinol"]["dea"]
    assert "schedule" not in dronabinol and "different schedules" in dronabinol["note"]


def test_kratom_alkaloids_make_no_drug(
    built: tuple[list[tuple[str, dict[str, Any]]], list[str]], layers: Layers
) -> None:
    assert not any("mitragynine" in drug_id for drug_id in layers["dea"])
    assert any("mitragynine" in line for line in built[1])


def test_medi_flags_and_ncats_verified_join(layers: Layers) -> None:
    pregabalin = layers["medi"]["pregabalin"]["approval"]
    assert pregabalin["approved_eu"] is True and pregabalin["approved_japan"] is True
    assert "N02BF02" in layers["medi"]["pregabalin"]["atc_codes"]
    assert "ncats-approvals" in {n for n in LAYER_IDS if "gabapentin" in layers[n]}
    assert "zolpidem" not in layers["ncats-approvals"]  # its UNII names no drug of the excerpt


def test_identity_resolver_for_other_modules() -> None:
    identity = identity_for(RAW, Hub(RAW, {"drugs": []}))
    assert identity.resolve(["Fluoxetine Hydrochloride"]) == "fluoxetine"
    assert identity.resolve(["gabapentin enacarbil"]) == "gabapentin-enacarbil"
    assert identity.resolve(["nothing-like-this"], unii=["6CW7F3G59X"]) == "gabapentin"
    assert identity.resolve_all([["buprenorphine HCl"], ["naloxone"]]) == (
        "buprenorphine-and-naloxone"
    )
    assert identity.ingredients("PHENTERMINE HYDROCHLORIDE; TOPIRAMATE") == (
        "phentermine-and-topiramate"
    )


def test_rebuild_on_the_same_hub_is_identical(
    built: tuple[list[tuple[str, dict[str, Any]]], list[str]],
) -> None:
    hub = Hub(RAW, {"drugs": []})
    first, _ = build_layers(RAW, hub)
    second, _ = build_layers(RAW, hub)
    assert [jsonl(layer) for _n, layer in second] == [jsonl(layer) for _n, layer in first]
    assert [jsonl(layer) for _n, layer in first] == [jsonl(layer) for _n, layer in built[0]]


def test_identity_after_the_build_knows_the_new_drugs() -> None:
    hub = Hub(RAW, {"drugs": []})
    build_layers(RAW, hub)
    identity = identity_for(RAW, hub)
    assert identity.resolve(["tirzepatide"]) == "tirzepatide"
    assert identity.resolve(["Daridorexant Hydrochloride"]) == "daridorexant"
    assert identity.resolve([], unii=["OYN3CCI6QE"]) == "tirzepatide"
