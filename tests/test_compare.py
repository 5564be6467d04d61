"""Comparisons over the packaged data: expected label facts, and rules that hold for all inputs."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drugcompare as dc

CURATED = ["gabapentin", "pregabalin", "baclofen", "kratom", "modafinil"]


# ------------------------------------------------------------------ shared adverse effects


def test_gabapentinoids_share_dizziness_and_somnolence_with_placebo_rates() -> None:
    shared = {s.term: s for s in dc.shared_adverse_effects("gabapentin", "pregabalin")}
    assert {"Dizziness", "Somnolence", "Oedema peripheral"} <= set(shared)
    # Gralise Table 4 (10.9% vs 2.2%) and Lyrica Table 3 both give dizziness against placebo.
    for term in ("Dizziness",):
        for entry in shared[term].entries:
            freq = entry.frequency
            assert freq is not None and freq.value is not None and freq.has_placebo, (
                term,
                entry.drug,
            )
            assert freq.placebo_value is not None
            # The label tables list reactions more frequent on drug than on placebo.
            assert freq.value > freq.placebo_value
            assert any(s.layer == "curated" and s.quote for s in entry.effect.sources)


def test_shared_effects_are_sorted_most_frequent_first() -> None:
    shared = dc.shared_adverse_effects("gabapentin", "pregabalin")
    # A wide range such as SIDER's "frequent" (1%-100%) counts as its lower bound, so label
    # figures lead: dizziness is among the first.
    assert "Dizziness" in [s.term for s in shared[:3]]
    values = [s.max_frequency if s.max_frequency is not None else -1.0 for s in shared]
    assert values == sorted(values, reverse=True)


def test_min_frequency_keeps_only_effects_frequent_in_every_drug() -> None:
    threshold = 0.1
    shared = dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency=threshold)
    assert shared
    for item in shared:
        for entry in item.entries:
            assert entry.frequency is not None and entry.frequency.value is not None
            assert entry.frequency.value >= threshold
    assert len(shared) < len(dc.shared_adverse_effects("gabapentin", "pregabalin"))


@pytest.mark.parametrize("bad", [-0.1, 1.5, 5])
def test_min_frequency_outside_zero_one_is_an_error(bad: float) -> None:
    with pytest.raises(dc.InvalidArgumentError, match="fraction between 0 and 1"):
        dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency=bad)


# ------------------------------------------------------------------ indications


def test_baclofen_and_tizanidine_overlap_on_spasticity() -> None:
    overlaps = dc.overlapping_indications("baclofen", "tizanidine")
    by_name = {o.condition.name.casefold(): o for o in overlaps}
    spasticity = next(o for name, o in by_name.items() if "spastic" in name)
    for entry in spasticity.entries:
        assert dc.IndicationStatus.APPROVED in entry.statuses


def test_product_specific_approvals_keep_their_products_after_merging_layers() -> None:
    """Neurontin and Gralise are approved for postherpetic neuralgia; the approval names its
    products through every layer merge, and Horizant (gabapentin enacarbil, another active
    ingredient) lends gabapentin nothing."""
    drug = dc.lookup_drug("gabapentin")
    scoped = [
        i
        for i in drug.indications_with(dc.IndicationStatus.APPROVED)
        if "herpetic" in i.condition.name.casefold() and i.products
    ]
    assert scoped
    assert {"Neurontin", "Gralise"} <= {p for i in scoped for p in i.products}
    mentions = [
        text
        for i in drug.indications
        for text in (i.product or "", *i.products, i.note or "")
        if "horizant" in text.casefold()
    ]
    assert mentions == []


def test_qualified_conditions_fold_under_their_parent() -> None:
    """DrugCentral's "Muscle Spasticity of Spinal Origin" sits under muscle spasticity, so baclofen
    and tizanidine overlap once, on spasticity, at the approved status."""
    overlaps = dc.overlapping_indications("baclofen", "tizanidine")
    names = [o.condition.name.casefold() for o in overlaps]
    assert "muscle spasticity" in names
    assert not any("spinal origin" in name for name in names)


def test_pregabalin_gad_is_off_label_in_the_us() -> None:
    drug = dc.lookup_drug("pregabalin")
    gad = [i for i in drug.indications if i.condition.id == "DOID:14320"]
    assert gad
    assert all(i.status is not dc.IndicationStatus.APPROVED for i in gad)


def test_kratom_is_approved_for_nothing() -> None:
    kratom = dc.lookup_drug("kratom")
    assert kratom.kind is dc.DrugKind.BOTANICAL
    assert kratom.indications_with(dc.IndicationStatus.APPROVED) == ()
    assert kratom.indications  # the claimed uses are there, with their honest status
    assert kratom.approval is not None and kratom.approval.fda_approved is False


def test_gabapentin_fibromyalgia_is_not_approved_but_pregabalin_is() -> None:
    overlaps = dc.overlapping_indications("gabapentin", "pregabalin")
    fibro = next(o for o in overlaps if o.condition.id == "DOID:631")
    statuses = {e.drug: e.best_status for e in fibro.entries}
    assert statuses["pregabalin"] is dc.IndicationStatus.APPROVED
    assert statuses["gabapentin"] is not dc.IndicationStatus.APPROVED


def test_overlap_through_the_hierarchy() -> None:
    """A drug for focal (partial-onset) epilepsy overlaps one for epilepsy at 'epilepsy'."""
    overlaps = dc.overlapping_indications("gabapentin", "pregabalin", statuses=["approved"])
    ids = {o.condition.id for o in overlaps}
    assert "DOID:2234" in ids or "DOID:1826" in ids
    for overlap in overlaps:
        for entry in overlap.entries:
            assert entry.statuses == (dc.IndicationStatus.APPROVED,)


# ------------------------------------------------------------------ withdrawal


def test_withdrawal_ranks_intrathecal_baclofen_above_pregabalin() -> None:
    """Baclofen's products differ: intrathecal baclofen's boxed, life-threatening withdrawal is
    its own entry, scoped to those products, and oral baclofen's entries never carry its box."""
    risks = dc.withdrawal_risks("pregabalin", "baclofen")
    assert [r.drug for r in risks][-1] == "pregabalin"
    first = risks[0]
    assert first.drug == "baclofen" and first.boxed_warning
    assert first.severity is dc.WithdrawalSeverity.LIFE_THREATENING
    assert first.scope is not None and "intrathecal" in first.scope.casefold()
    oral = [r for r in risks if r.drug == "baclofen" and r is not first]
    assert oral and not any(r.boxed_warning for r in oral)
    assert all(r.scope and "intrathecal" not in r.scope.casefold() for r in oral)
    pregabalin = risks[-1]
    assert pregabalin.severity.rank > first.severity.rank
    assert pregabalin.taper


def test_withdrawal_risks_accepts_one_drug() -> None:
    (risk,) = dc.withdrawal_risks("modafinil")
    assert risk.drug == "modafinil"


def test_withdrawal_order_follows_the_documented_rule(catalog: dc.Catalog) -> None:
    drugs = [d for d in catalog.all_drugs() if d.withdrawal is not None]
    risks = catalog.withdrawal_risks(*drugs)
    keys = [(r.severity.rank, not r.boxed_warning) for r in risks]
    assert keys == sorted(keys)


# ------------------------------------------------------------------ errors


def test_fewer_than_two_drugs_is_an_error() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="at least 2 drugs, got 1"):
        dc.compare("gabapentin")
    with pytest.raises(ValueError, match="at least 2"):
        dc.shared_adverse_effects("gabapentin")
    with pytest.raises(dc.InvalidArgumentError, match="at least 1 drug, got 0"):
        dc.withdrawal_risks()


def test_the_same_drug_twice_is_an_error_that_says_so() -> None:
    with pytest.raises(
        dc.InvalidArgumentError, match=r"'gabapentin' and 'Neurontin' are the same drug"
    ):
        dc.compare("gabapentin", "Neurontin")


def test_a_list_instead_of_arguments_is_explained() -> None:
    with pytest.raises(dc.InvalidArgumentTypeError, match=r"compare\(\*drugs\)"):
        dc.compare(["gabapentin", "pregabalin"])  # type: ignore[arg-type]


def test_unknown_drug_in_a_comparison_suggests() -> None:
    with pytest.raises(dc.DrugNotFoundError, match="Lyrica"):
        dc.compare("gabapentin", "lyricaa")


# ------------------------------------------------------------------ properties

pairs = st.lists(st.sampled_from(CURATED), min_size=2, max_size=4, unique=True)


@settings(max_examples=30, deadline=None)
@given(pairs, st.randoms())
def test_comparisons_do_not_depend_on_argument_order(drugs: list[str], rnd: object) -> None:
    shuffled = list(drugs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = dc.shared_adverse_effects(*drugs)
    b = dc.shared_adverse_effects(*shuffled)
    assert [s.term for s in a] == [s.term for s in b]
    for x, y in zip(a, b, strict=True):
        assert {e.drug: e.effect for e in x.entries} == {e.drug: e.effect for e in y.entries}
    oa = dc.overlapping_indications(*drugs)
    ob = dc.overlapping_indications(*shuffled)
    assert [o.condition.id for o in oa] == [o.condition.id for o in ob]
    assert dc.withdrawal_risks(*drugs) == dc.withdrawal_risks(*shuffled)


@settings(max_examples=20, deadline=None)
@given(pairs)
def test_shared_effects_are_listed_by_every_drug(drugs: list[str]) -> None:
    resolved = [dc.lookup_drug(d) for d in drugs]
    for item in dc.shared_adverse_effects(*drugs):
        assert [e.drug for e in item.entries] == [d.id for d in resolved]
        for entry, drug in zip(item.entries, resolved, strict=True):
            assert entry.effect in drug.adverse_effects


@settings(max_examples=20, deadline=None)
@given(pairs)
def test_overlaps_are_covered_by_every_drug(drugs: list[str]) -> None:
    catalog = dc.default_catalog()
    for overlap in dc.overlapping_indications(*drugs):
        for entry in overlap.entries:
            assert entry.indications
            for indication in entry.indications:
                cid = indication.condition.id
                assert cid == overlap.condition.id or overlap.condition.id in catalog.ancestors(cid)


def test_similarity_is_symmetric_and_bounded() -> None:
    for a, b in itertools.combinations(CURATED, 2):
        ab = dc.compare(a, b).similarities
        ba = dc.compare(b, a).similarities
        assert {(s.by, s.score) for s in ab} == {(s.by, s.score) for s in ba}
        assert all(0.0 <= s.score <= 1.0 for s in ab)


def test_similar_drugs_ranks_pregabalin_near_gabapentin() -> None:
    similar = dc.similar_drugs("gabapentin", limit=5)
    assert similar
    assert all(drug.id != "gabapentin" for drug, _ in similar)
    scores = [score for _, score in similar]
    assert scores == sorted(scores, reverse=True)
    assert "pregabalin" in [d.id for d, _ in dc.similar_drugs("gabapentin", by="mechanisms")]


def test_similar_drugs_rejects_unknown_basis() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="combined, mechanisms, classes, atc"):
        dc.similar_drugs("gabapentin", by="colour")


# ------------------------------------------------------------------ compare


def test_compare_holds_every_section_and_renders() -> None:
    comparison = dc.compare("gabapentin", "pregabalin", "baclofen")
    assert [d.id for d in comparison.drugs] == ["gabapentin", "pregabalin", "baclofen"]
    assert {r.drug for r in comparison.withdrawal_risks} == {"gabapentin", "pregabalin", "baclofen"}
    assert len(comparison.similarities) == 3 * 3  # 3 pairs x 3 bases
    text = str(comparison)
    assert "Shared adverse effects" in text and "Withdrawal" in text
    data = comparison.to_dict()
    json.dumps(data)
    assert data["drugs"][0] == {"id": "gabapentin", "name": "gabapentin"}
    assert data["withdrawal_risks"][0]["sources"]
