"""similarity_matrix: the same answer on the numpy and pure-Python paths, and the rules of Jaccard."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import drugcompare as dc

SAMPLE = [
    "gabapentin",
    "pregabalin",
    "duloxetine",
    "baclofen",
    "tizanidine",
    "lisinopril",
    "kratom",
]


@pytest.fixture(scope="module")
def full() -> dc.SimilarityMatrix:
    return dc.similarity_matrix(accelerate=False)


def test_every_drug_with_adverse_effects_is_in_the_matrix(full: dc.SimilarityMatrix) -> None:
    facts = dc.default_catalog().facts()
    expected = {d for d, f in facts.items() if f.adverse_effects}
    assert set(full.ids) == expected
    assert len(full) >= 1000


def test_numpy_and_python_paths_agree(full: dc.SimilarityMatrix) -> None:
    pytest.importorskip("numpy")
    fast = dc.similarity_matrix()
    assert fast.ids == full.ids
    for a, b in itertools.product(full.ids[::37], full.ids[::29]):
        assert fast.score(a, b) == pytest.approx(full.score(a, b), abs=1e-12)


@pytest.mark.parametrize("by", ["adverse_effects", "indications", "mechanisms"])
def test_symmetric_bounded_and_one_on_the_diagonal(by: str) -> None:
    matrix = dc.similarity_matrix(SAMPLE, by=by, accelerate=False)
    assert matrix.ids == tuple(dc.lookup_drug(d).id for d in SAMPLE)
    for a, b in itertools.product(matrix.ids, repeat=2):
        assert 0.0 <= matrix.score(a, b) <= 1.0
        assert matrix.score(a, b) == matrix.score(b, a)
    assert all(matrix.score(a, a) == 1.0 for a in matrix.ids)


def test_matrix_agrees_with_pairwise_scores() -> None:
    matrix = dc.similarity_matrix(SAMPLE, accelerate=False)
    comparison = dc.compare("gabapentin", "pregabalin")
    pairwise = next(s for s in comparison.similarities if s.by == "adverse_effects")
    assert matrix.score("gabapentin", "pregabalin") == pytest.approx(pairwise.score)


def test_most_similar_matches_similar_drugs(full: dc.SimilarityMatrix) -> None:
    from_matrix = [drug_id for drug_id, _ in full.most_similar("gabapentin", 5)]
    from_function = [
        drug.id for drug, _ in dc.similar_drugs("gabapentin", by="adverse_effects", limit=5)
    ]
    assert from_matrix == from_function


def test_bad_input() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown by"):
        dc.similarity_matrix(by="price")
    with pytest.raises(dc.InvalidArgumentTypeError, match="not a single string"):
        dc.similarity_matrix("gabapentin")
    with pytest.raises(dc.DrugNotFoundError):
        dc.similarity_matrix(["gabapentin", "neurotin"])
    matrix = dc.similarity_matrix(["gabapentin", "pregabalin"], accelerate=False)
    with pytest.raises(dc.DrugNotFoundError):
        matrix.score("gabapentin", "baclofen")


# ------------------------------------------------------------------ the combined default

SSRIS = {"fluoxetine", "paroxetine", "citalopram", "escitalopram", "fluvoxamine"}


def test_the_default_basis_is_combined() -> None:
    similar = dc.similar_drugs("gabapentin", limit=3)
    assert similar.by == "combined"
    scores = [score for _, score in similar]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_gabapentin_ranks_pregabalin_and_gabapentin_enacarbil_first() -> None:
    top = [drug.id for drug, _ in dc.similar_drugs("gabapentin", limit=5)]
    assert set(top[:2]) == {"pregabalin", "gabapentin-enacarbil"}, top


def test_sertraline_returns_ssris_first() -> None:
    top = [drug.id for drug, _ in dc.similar_drugs("sertraline", limit=5)]
    assert set(top) == SSRIS, top


def test_combined_matrix_paths_agree_and_match_similar_drugs() -> None:
    pytest.importorskip("numpy")
    fast = dc.similarity_matrix(SAMPLE, by="combined")
    slow = dc.similarity_matrix(SAMPLE, by="combined", accelerate=False)
    assert fast.by == slow.by == "combined"
    for a, b in itertools.product(fast.ids, repeat=2):
        assert fast.score(a, b) == pytest.approx(slow.score(a, b), abs=1e-12)
        assert slow.score(a, b) == slow.score(b, a)
        assert 0.0 <= slow.score(a, b) <= 1.0
    assert all(slow.score(a, a) == 1.0 for a in slow.ids)
    ranked = {d.id: s for d, s in dc.similar_drugs("gabapentin", limit=500)}
    checked = [other for other in slow.ids if other in ranked]
    assert "pregabalin" in checked and len(checked) >= 3
    for other in slow.ids[1:]:  # the first is gabapentin itself
        assert slow.score("gabapentin", other) == pytest.approx(ranked.get(other, 0.0), abs=1e-12)


def test_raw_features_match_model_features_for_every_basis() -> None:
    from drugcompare._compare.similarity import FEATURE_BASES, features

    facts = dc.default_catalog().facts()
    for name in ("gabapentin", "sertraline", "lisinopril", "kratom", "valproate"):
        drug = dc.lookup_drug(name)
        for basis in FEATURE_BASES:
            assert facts[drug.id].features(basis) == features(drug, basis), (name, basis)
    assert "atc4:N03AX" in facts["gabapentin"].features("atc")
    assert "gene:SLC6A4" in facts["sertraline"].features("mechanisms")
    assert not any(k.startswith("class:") for k in facts["sertraline"].features("mechanisms"))


def test_each_layer_record_is_read_once_whatever_the_order_of_kinds() -> None:
    from drugcompare._catalog.facts import collect_facts

    catalog = dc.default_catalog()
    ids = ["gabapentin", "sertraline", "kratom", "lisinopril"]
    kinds = ["adverse_effects", "indications", "mechanisms", "classes", "atc"]
    one = collect_facts(catalog._data.stores, ids)
    other = collect_facts(catalog._data.stores, ids)
    first = {(d, k): one[d].features(k) for k in kinds for d in ids}
    second = {(d, k): other[d].features(k) for k in reversed(kinds) for d in ids}
    assert first == second
    assert all(first[("gabapentin", k)] for k in kinds)


def test_only_the_listed_bases_are_accepted() -> None:
    from drugcompare._compare.similarity import ALL_BASES, check_basis

    assert check_basis("combined", ALL_BASES) == "combined"
    # compare() and the heatmap score the Jaccard bases only: "combined" is refused there
    with pytest.raises(dc.InvalidArgumentError, match="unknown by"):
        check_basis("combined")
    with pytest.raises(dc.InvalidArgumentError, match="unknown by"):
        dc.similar_drugs("gabapentin", by="mechanism")  # type: ignore[arg-type]
    assert dc.similar_drugs("gabapentin", by="atc", limit=1)[0][0].id == "gabapentin-enacarbil"


# ------------------------------------------------------------------ the score on hand-made sets


def test_atc_keys_are_levels_three_to_five() -> None:
    from drugcompare._catalog.facts import atc_keys

    assert atc_keys("N03AX12") == ("atc3:N03A", "atc4:N03AX", "atc5:N03AX12")
    assert atc_keys("c02aa") == ("atc3:C02A", "atc4:C02AA")
    assert atc_keys("N03") == ()


def test_a_rare_shared_feature_counts_more_than_a_common_one() -> None:
    from drugcompare._compare.scoring import BasisVectors

    # "common" is on 3 of 5 drugs, "rare" on 2, "everywhere" on all (weighs nothing)
    sets = [
        frozenset({"rare", "common", "everywhere"}),
        frozenset({"rare", "x", "everywhere"}),
        frozenset({"common", "y", "everywhere"}),
        frozenset({"common", "everywhere"}),
        frozenset({"everywhere"}),
    ]
    vectors = BasisVectors(sets)
    cosines = vectors.cosines(0)
    assert cosines[0] == pytest.approx(1.0)
    assert cosines[1] > cosines[2] > 0
    assert 4 not in cosines  # shares only the ubiquitous feature
    assert vectors.present == [True] * 5
    assert "everywhere" not in vectors.postings


def test_a_basis_one_drug_lacks_counts_half_and_one_neither_has_not_at_all() -> None:
    from drugcompare._compare.scoring import BASIS_WEIGHTS, MISSING_WEIGHT, SimilarityIndex
    from drugcompare._compare.similarity import FEATURE_BASES

    empty: frozenset[str] = frozenset()
    sets = {basis: [empty, empty, empty] for basis in FEATURE_BASES}
    sets["mechanisms"] = [frozenset({"gene:A"}), frozenset({"gene:A"}), frozenset({"gene:B"})]
    sets["atc"] = [frozenset({"atc5:X"}), empty, frozenset({"atc5:Y"})]
    index = SimilarityIndex(["a", "b", "c"], sets)
    w = BASIS_WEIGHTS
    # a and b: the same target (cosine 1); ATC only for a (counts MISSING_WEIGHT of its weight)
    expected = w["mechanisms"] / (w["mechanisms"] + MISSING_WEIGHT * w["atc"])
    assert index.scores(0)[1] == pytest.approx(expected)
    assert index.rank("a", 5, str) == [("b", pytest.approx(expected))]
    assert index.rank("c", 5, str) == []


def test_a_user_layer_drug_gets_neighbours_from_its_own_facts(tmp_path: Path) -> None:
    layer = {
        "format": 1,
        "layer": {
            "id": "my-lab",
            "name": "My lab's notes",
            "version": "2026-11-01",
            "license": "CC-BY-4.0",
            "document": "notes",
        },
        "documents": {"notes": {"title": "Lab notes", "url": "https://example.org/notes"}},
        "drugs": [
            {
                "id": "examploxetine",
                "name": "examploxetine",
                "atc_codes": ["N06AB99"],
                "mechanisms": [
                    {
                        "gene": "SLC6A4",
                        "target": "Sodium-dependent serotonin transporter",
                        "action": "inhibitor",
                        "pharmacologic_class": "Serotonin Reuptake Inhibitor [EPC]",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(layer), encoding="utf-8")
    catalog = dc.load_catalog(extra=path)
    top = {drug.id for drug, _ in catalog.similar_drugs("examploxetine", limit=5)}
    assert len(top & SSRIS) >= 4, top
    assert catalog.facts()["examploxetine"].features("atc") == {
        "atc3:N06A",
        "atc4:N06AB",
        "atc5:N06AB99",
    }
