"""similarity_matrix: the same answer on the numpy and pure-Python paths, and the rules of Jaccard."""

from __future__ import annotations

import itertools

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
