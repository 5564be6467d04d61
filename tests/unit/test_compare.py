"""Comparisons on the tiny dataset, through the public Catalog (rich result collections)."""

from __future__ import annotations

import pytest

from drugcompare import InvalidArgumentError
from drugcompare._api.catalog import Catalog
from drugcompare._compare.collections import (
    IndicationOverlaps,
    SharedAdverseEffects,
    WithdrawalRisks,
)


def test_shared_effects_most_frequent_first(tiny: Catalog) -> None:
    shared = tiny.shared_adverse_effects("alpha", "beta")
    assert isinstance(shared, SharedAdverseEffects)
    assert [s.term for s in shared] == ["Headache", "Dizziness"]
    assert shared[1].for_drug("alpha").frequency is not None
    kept = tiny.shared_adverse_effects("alpha", "beta", min_frequency=0.1)
    assert [s.term for s in kept] == ["Dizziness"]


def test_overlaps_match_through_the_hierarchy(tiny: Catalog) -> None:
    overlaps = tiny.overlapping_indications("alpha", "beta")
    assert isinstance(overlaps, IndicationOverlaps)
    by_condition = {o.condition.id: o for o in overlaps}
    # alpha: DOID:2 (approved, listed); beta: DOID:3 (approved) and DOID:4 (under DOID:2).
    # Only conditions some drug is indicated for are candidates, so the root is not reported.
    assert set(by_condition) == {"DOID:2"}
    assert by_condition["DOID:2"].match == "hierarchy"
    beta = by_condition["DOID:2"].entries[1]
    assert [i.condition.id for i in beta.indications] == ["DOID:4"]


def test_withdrawal_most_severe_first(tiny: Catalog) -> None:
    risks = tiny.withdrawal_risks("beta", "gamma", "alpha")
    assert isinstance(risks, WithdrawalRisks)
    assert [r.drug for r in risks] == ["alpha", "beta", "gamma"]
    assert risks[2].severity.value == "unknown"


def test_the_same_drug_twice_is_an_error(tiny: Catalog) -> None:
    with pytest.raises(InvalidArgumentError, match="same drug"):
        tiny.compare("alpha", "Alphix")


def test_similar_drugs_share_mechanisms(tiny: Catalog) -> None:
    similar = tiny.similar_drugs("alpha", by="mechanisms")
    assert [d.id for d, _ in similar] == ["beta"]
