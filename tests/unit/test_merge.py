"""Merge rules (docs/merge-rules.md) on the tiny dataset."""

from __future__ import annotations

from drugcompare._catalog.core import CatalogData
from drugcompare._catalog.merge import _same_figures_once
from drugcompare.model import (
    DeaSchedule,
    Frequency,
    FrequencyOrigin,
    IndicationStatus,
    Source,
    WithdrawalSeverity,
)


def test_name_comes_from_the_highest_layer_and_other_names_become_synonyms(
    merged: CatalogData,
) -> None:
    alpha = merged.by_id("alpha")
    assert alpha.name == "alpha"
    assert "alpha old name" in alpha.synonyms
    assert alpha.brand_names == ("Alphix",)
    assert alpha.identifiers.rxcui == ("111",)


def test_an_effect_collects_every_layers_figures_and_the_placebo_one_is_the_headline(
    merged: CatalogData,
) -> None:
    effects = {e.term: e for e in merged.by_id("alpha").adverse_effects}
    dizziness = effects["Dizziness"]
    assert [f.lower for f in dizziness.frequencies] == [0.2, 0.08]
    assert dizziness.frequency is not None and dizziness.frequency.placebo_lower == 0.05
    assert {s.layer for s in dizziness.sources} == {"top", "mid"}
    assert dizziness.frequency_sources[0].id == "alphix-label"
    assert effects["Headache"].frequency is not None
    assert effects["Headache"].frequency.lower == 0.05


def test_indications_of_different_status_stay_apart(merged: CatalogData) -> None:
    alpha = merged.by_id("alpha")
    found = {(i.condition.id, i.status, i.product) for i in alpha.indications}
    assert found == {
        ("DOID:2", IndicationStatus.APPROVED, "Alphix XR"),
        ("DOID:2", IndicationStatus.LISTED, None),
    }


def test_withdrawal_and_schedule_come_from_the_highest_layer_that_has_them(
    merged: CatalogData,
) -> None:
    alpha = merged.by_id("alpha")
    assert alpha.withdrawal is not None
    assert alpha.withdrawal.severity is WithdrawalSeverity.HIGH
    assert alpha.dea_schedule is DeaSchedule.V
    assert merged.by_id("gamma").withdrawal is None


def test_a_drug_only_one_layer_knows_is_built_from_it(merged: CatalogData) -> None:
    gamma = merged.by_id("gamma")
    assert gamma.name == "gamma" and {s.layer for s in gamma.sources} == {"mid"}


def _figure(layer: str, table: str, value: float, placebo: float, set_id: str | None) -> Frequency:
    source = Source(id=f"{layer}-doc", title="Label", license="public", layer=layer, set_id=set_id)
    return Frequency(
        lower=value,
        upper=value,
        placebo_lower=placebo,
        placebo_upper=placebo,
        origin=FrequencyOrigin.LABEL_TABLE,
        table=table,
        sources=[source],
    )


def test_one_printed_figure_is_kept_once_with_both_sources() -> None:
    curated = _figure("curated", "Table 3", 0.28, 0.08, "set-1")
    same = _figure("labels", "TABLE 3. Adverse Reactions in Pooled Trials", 0.28, 0.08, "set-1")
    other_table = _figure("labels", "Table 4", 0.28, 0.08, "set-1")
    other_label = _figure("labels", "Table 3", 0.28, 0.08, "set-2")
    other_value = _figure("labels", "Table 3", 0.21, 0.08, "set-1")
    unknown_label = _figure("labels", "Table 3", 0.28, 0.08, None)
    kept = _same_figures_once(
        (curated,), (same, other_table, other_label, other_value, unknown_label)
    )
    assert kept[0].table == "Table 3" and [s.layer for s in kept[0].sources] == [
        "curated",
        "labels",
    ]
    assert kept[1:] == (other_table, other_label, other_value, unknown_label)
