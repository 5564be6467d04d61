"""The honest-answers rules (docs/merge-rules.md), each checked over every packaged drug: what
may be APPROVED, which figure is a headline, that placebo figures are never pooled, that a brand
names one drug, and the cases the rules were written for."""

from __future__ import annotations

import re

import pytest

import drugcompare as dc
from drugcompare.model import ApplicationType, FrequencyOrigin, MarketingStatus

APPROVING = {ApplicationType.NDA, ApplicationType.ANDA, ApplicationType.BLA}
APPLICATION = re.compile(r"(?:NDA|ANDA|BLA)\d{6}\Z")


@pytest.fixture(scope="module")
def drugs(catalog: dc.Catalog) -> list[dc.Drug]:
    return list(catalog.all_drugs())


def _approved_alone(drug: dc.Drug) -> bool:
    """An approved (not tentative) NDA, ANDA or BLA product of exactly this ingredient."""
    return any(
        p.application_type in APPROVING
        and p.marketing_status is not MarketingStatus.TENTATIVE
        and tuple(p.ingredients) == (drug.id,)
        for p in drug.products
    )


def test_an_approved_use_rests_on_an_approved_label_of_that_ingredient(
    drugs: list[dc.Drug],
) -> None:
    """A curated approval cites an FDA label; a label-layer approval cites a label with an
    approved application; a 2012 LabeledIn approval stands only for an ingredient with an
    approved product of its own (no combination, no unapproved or tentative product)."""
    bad = []
    checked = 0
    for drug in drugs:
        for indication in drug.indications_with(dc.IndicationStatus.APPROVED):
            checked += 1
            layers = {s.layer for s in indication.sources}
            curated_label = any(
                s.layer == "curated" and s.kind == "fda_label" for s in indication.sources
            )
            label = any(
                s.layer == "labels" and s.application and APPLICATION.match(s.application)
                for s in indication.sources
            )
            if "curated" in layers and not curated_label:
                bad.append((drug.id, indication.condition.name, "curated without a label"))
            elif "labels" in layers and not label:
                bad.append((drug.id, indication.condition.name, "label without application"))
            elif layers == {"labeledin"} and not _approved_alone(drug):
                bad.append((drug.id, indication.condition.name, "LabeledIn, no approved product"))
            elif not layers <= {"curated", "labels", "labeledin"}:
                bad.append((drug.id, indication.condition.name, sorted(layers)))
    assert checked > 2000
    assert bad == [], bad[:10]


def test_a_label_approves_only_the_drug_its_application_is_for(drugs: list[dc.Drug]) -> None:
    """A label-layer approval cites a label whose application is the drug's own: never one whose
    products are another drug's (a combination's label is filed under the combination, never
    under one ingredient). An application newer than the regulatory snapshots (Doptelet
    Sprinkle, 2025) is in no product table and is checked by its label's substance at build."""
    owners: dict[str, set[str]] = {}
    for drug in drugs:
        for product in drug.products:
            if product.application:
                owners.setdefault(product.application, set()).add(drug.id)
    bad = [
        (drug.id, i.condition.name, s.application, sorted(owners[s.application]))
        for drug in drugs
        for i in drug.indications_with(dc.IndicationStatus.APPROVED)
        for s in i.sources
        if s.layer == "labels" and s.application in owners and drug.id not in owners[s.application]
    ]
    assert bad == [], bad[:10]


def test_a_label_table_figure_is_the_headline_where_one_exists(drugs: list[dc.Drug]) -> None:
    bad = []
    for drug in drugs:
        for effect in drug.adverse_effects:
            origins = {f.origin for f in effect.frequencies}
            if FrequencyOrigin.LABEL_TABLE in origins:
                headline = effect.frequency
                if headline is None or headline.origin is not FrequencyOrigin.LABEL_TABLE:
                    bad.append((drug.id, effect.term))
    assert bad == [], bad[:10]


def test_placebo_figures_are_never_pooled_or_text_mined(drugs: list[dc.Drug]) -> None:
    """A placebo figure belongs to the same table row as its drug figure: text-mined (SIDER)
    rows carry none, and a range of placebo figures never stands for one row."""
    bad = []
    for drug in drugs:
        for effect in drug.adverse_effects:
            for f in effect.frequencies:
                if f.placebo_lower is None:
                    continue
                if f.origin is FrequencyOrigin.TEXT_MINED:
                    bad.append((drug.id, effect.term, "text-mined placebo"))
                elif f.placebo_lower != f.placebo_upper and f.lower == f.upper:
                    # A table row prints one figure per arm; a placebo range beside a single
                    # drug figure would be pooled from other rows (a row may print ranges for
                    # both arms, as paroxetine's Table 8 does).
                    bad.append((drug.id, effect.term, "placebo range"))
    assert bad == [], bad[:10]


def test_gabapentin_and_gabapentin_enacarbil_are_two_drugs() -> None:
    neurontin, horizant = dc.lookup_drug("Neurontin"), dc.lookup_drug("Horizant")
    assert (neurontin.id, horizant.id) == ("gabapentin", "gabapentin-enacarbil")
    comparison = dc.compare("Neurontin", "Horizant")
    assert [d.id for d in comparison.drugs] == ["gabapentin", "gabapentin-enacarbil"]

    def rls(drug: dc.Drug) -> set[dc.IndicationStatus]:
        return {i.status for i in drug.indications if i.condition.name == "restless legs syndrome"}

    assert dc.IndicationStatus.APPROVED not in rls(neurontin)
    assert dc.IndicationStatus.APPROVED in rls(horizant)
    assert "Horizant" not in neurontin.brand_names


def test_the_drugs_approved_for_seizures() -> None:
    found = {d.id for d in dc.drugs_for("seizures", statuses=["approved"])}
    expected = {
        "gabapentin",
        "pregabalin",
        "lamotrigine",
        "levetiracetam",
        "carbamazepine",
        "oxcarbazepine",
        "topiramate",
        "valproate",
    }
    assert expected <= found
    assert len(found) > len(expected)


@pytest.mark.parametrize(
    ("typed", "condition"),
    [
        ("GAD", "generalized anxiety disorder"),
        ("RLS", "restless legs syndrome"),
        ("MS", "multiple sclerosis"),
        ("alcohol use disorder", "alcohol use disorder"),
        ("seizures", "Seizures"),
    ],
)
def test_what_people_type_resolves(typed: str, condition: str) -> None:
    assert dc.lookup_condition(typed).name == condition
    assert dc.lookup_condition("spasticity").name.lower() == "muscle spasticity"


def test_every_answer_says_what_its_data_is_current_as_of() -> None:
    comparison = dc.compare("gabapentin", "pregabalin")
    layers = dict(comparison.as_of)
    assert layers["labels"] >= "2026" and layers["orange-book"] >= "2024"
    assert "Data as of" in str(comparison) and "Data as of" in comparison._repr_html_()
    found = dc.drugs_for("fibromyalgia")
    assert found.as_of == comparison.as_of
    assert "Data as of" in str(found) and "Data as of" in found._repr_html_()
