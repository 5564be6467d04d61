"""The name rules of the regulatory build: salt forms, new-drug names, brand folding and the
brand/generic test (tools/build/regulatory/names.py, brands.py)."""

from __future__ import annotations

import pytest
from tools.build.regulatory.brands import base, display, fold, is_generic
from tools.build.regulatory.names import (
    candidates,
    comma_parts,
    is_qualifier,
    moiety_name,
    split_ingredients,
)


@pytest.mark.parametrize(
    ("text", "first", "also"),
    [
        ("GABAPENTIN ENACARBIL", "gabapentin enacarbil", None),
        ("FLUOXETINE HYDROCHLORIDE", "fluoxetine hydrochloride", "fluoxetine"),
        ("DEXAMETHASONE SODIUM PHOSPHATE", "dexamethasone sodium phosphate", "dexamethasone"),
        ("SODIUM NITROPRUSSIDE", "sodium nitroprusside", "nitroprusside"),
        ("ESTROGENS, CONJUGATED", "estrogens conjugated", "conjugated estrogens"),
        ("GRISEOFULVIN, MICROSIZE", "griseofulvin microsize", "griseofulvin"),
        ("LECANEMAB-IRMB", "lecanemab irmb", "lecanemab"),
        ("SAMIDORPHAN L-MALATE", "samidorphan l malate", "samidorphan"),
        ("TRAMETINIB DIMETHYL SULFOXIDE", "trametinib dimethyl sulfoxide", "trametinib"),
        ("MYCOPHENOLIC SODIUM", "mycophenolic sodium", "mycophenolic acid"),
        ("POTASSIUM CHLORIDE", "potassium chloride", None),
    ],
)
def test_candidates_whole_name_first_then_salt_forms(
    text: str, first: str, also: str | None
) -> None:
    found = candidates(text)
    assert found[0] == first
    if also is not None:
        assert also in found
    # never reduced to salt words alone
    assert "potassium" not in found and "sodium" not in found


def test_gabapentin_enacarbil_never_reduces_to_gabapentin() -> None:
    assert "gabapentin" not in candidates("GABAPENTIN ENACARBIL")


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("DARIDOREXANT HYDROCHLORIDE", None, "daridorexant"),
        ("CEFIDEROCOL SULFATE TOSYLATE", None, "cefiderocol"),
        ("BREMELANOTIDE ACETATE", None, "bremelanotide acetate"),  # ester kept without a label
        ("BREMELANOTIDE ACETATE", "Bremelanotide", "bremelanotide"),
        ("DIROXIMEL FUMARATE", "Diroximel fumarate", "diroximel fumarate"),
        ("GILTERITINIB FUMARATE", "Gilteritinib", "gilteritinib"),
        ("FERRIC AMMONIUM CITRATE", None, "ferric ammonium citrate"),
        ("DONANEMAB-AZBT", None, "donanemab"),
        ("SODIUM SUCCINATE", None, "sodium succinate"),
    ],
)
def test_moiety_name(text: str, label: str | None, name: str) -> None:
    assert moiety_name(text, label) == name


def test_split_and_comma_lists() -> None:
    assert split_ingredients("BUPRENORPHINE HYDROCHLORIDE; NALOXONE HYDROCHLORIDE") == [
        "BUPRENORPHINE HYDROCHLORIDE",
        "NALOXONE HYDROCHLORIDE",
    ]
    assert split_ingredients("TRISULFAPYRIMIDINES (SULFADIAZINE;SULFAMERAZINE)") == [
        "TRISULFAPYRIMIDINES"
    ]
    assert comma_parts("LAMIVUDINE, NEVIRAPINE, AND STAVUDINE") == [
        "LAMIVUDINE",
        "NEVIRAPINE",
        "STAVUDINE",
    ]
    assert is_qualifier("DIBASIC") and is_qualifier("C-14") and is_qualifier("MICROSIZE")
    assert not is_qualifier("TEZACAFTOR")


@pytest.mark.parametrize(
    ("trade", "brand"),
    [
        ("ADDERALL XR 10", "ADDERALL XR"),
        ("MOUNJARO (AUTOINJECTOR)", "MOUNJARO"),
        ("PAXLOVID (COPACKAGED)", "PAXLOVID"),
        ("NURTEC ODT", "NURTEC ODT"),
        ("DURAGESIC-75", "DURAGESIC"),
        ("8-MOP", "8-MOP"),
        ("HUMULIN R PEN", "HUMULIN R"),
        ("PHENAPHEN W/ CODEINE NO. 3", "PHENAPHEN W/ CODEINE"),
        ("AMINOSYN II 4.25% W/ ELECTROLYTES IN PLASTIC CONTAINER", "AMINOSYN II"),
    ],
)
def test_fold(trade: str, brand: str) -> None:
    assert fold(trade) == brand


def test_display_and_base() -> None:
    assert display("NURTEC ODT") == "Nurtec ODT"
    assert display("MS CONTIN") == "MS Contin"
    assert display("ORTHO-NOVUM") == "Ortho-Novum"
    assert display("CHILDREN'S ADVIL") == "Children's Advil"
    assert display("TYLENOL W/ CODEINE") == "Tylenol w/ Codeine"
    assert display("LIPOSYN II") == "Liposyn II"
    assert base("NURTEC ODT") == "NURTEC"
    assert base("ADVIL") == "ADVIL"


@pytest.mark.parametrize(
    ("trade", "ingredient", "generic"),
    [
        ("GABAPENTIN", "GABAPENTIN", True),
        ("FLUOXETINE", "FLUOXETINE HYDROCHLORIDE", True),
        ("CHILDREN'S IBUPROFEN", "IBUPROFEN", True),
        ("ABACAVIR AND LAMIVUDINE", "ABACAVIR SULFATE; LAMIVUDINE", True),
        ("POLYETHYLENE GLYCOL 3350", "POLYETHYLENE GLYCOL 3350", True),
        (
            "DEXTROAMP SACCHARATE, AMP ASPARTATE, DEXTROAMP SULFATE AND AMP SULFATE",
            "AMPHETAMINE ASPARTATE; AMPHETAMINE SULFATE; DEXTROAMPHETAMINE SACCHARATE; "
            "DEXTROAMPHETAMINE SULFATE",
            True,
        ),
        ("NEURONTIN", "GABAPENTIN", False),
        ("CHILDREN'S ADVIL", "IBUPROFEN", False),
        ("TYLENOL W/ CODEINE", "ACETAMINOPHEN; CODEINE PHOSPHATE", False),
        ("RADIOGARDASE (PRUSSIAN BLUE)", "PRUSSIAN BLUE", False),
    ],
)
def test_is_generic(trade: str, ingredient: str, generic: bool) -> None:
    assert is_generic(trade, ingredient) is generic


def test_generic_by_the_drugs_own_name() -> None:
    assert is_generic("PARACETAMOL", "ACETAMINOPHEN", ("paracetamol",))
    assert not is_generic("PARACETAMOL", "ACETAMINOPHEN")
