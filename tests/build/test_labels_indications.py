"""Indications and limitations read from section 1 of labels (tools/build/labels/indications.py),
on excerpts of openFDA label records (tests/build/fixtures/vocabulary/labels) and a small
vocabulary built from hand-made layers; one test reads a real record when the raw data is
present."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tools.build.conditions import unify_report
from tools.build.labels.indications import MAX_QUOTE, Finding, extract, segments
from tools.build.vocabulary import tables as tables_mod
from tools.build.vocabulary.index import Vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "vocabulary"
RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "raw"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    data = json.loads((FIXTURES / "layers.json").read_text(encoding="utf-8"))
    layers: list[tuple[str, dict[str, Any]]] = [(name, layer) for name, layer in data]
    tables = tables_mod.load(FIXTURES / "tables")
    unify_report(layers, tables)
    return Vocabulary.from_layers(layers, tables)


def _text(name: str) -> str:
    return (FIXTURES / "labels" / f"{name}.txt").read_text(encoding="utf-8").strip()


def _by_condition(findings: list[Finding]) -> dict[tuple[str, str], Finding]:
    return {(f.condition, f.kind): f for f in findings}


def _check_quotes(text: str, findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.quote and finding.quote in text
        assert len(finding.quote) <= MAX_QUOTE


def test_flattened_list_population_and_context(vocabulary: Vocabulary) -> None:
    text = _text("gabapentin")
    findings = extract(text, vocabulary, ["Gabapentin"])
    _check_quotes(text, findings)
    found = _by_condition(findings)
    assert set(found) == {("UMLS:C0032768", "indication"), ("DOID:2234", "indication")}
    phn, seizures = found[("UMLS:C0032768", "indication")], found[("DOID:2234", "indication")]
    assert phn.population == "adults"
    assert phn.quote.endswith("Management of postherpetic neuralgia in adults")
    # "with epilepsy" belongs to the population: epilepsy is context, not a finding.
    assert seizures.population == "adults and pediatric patients 3 years and older with epilepsy"
    assert seizures.note == "adjunctive therapy"
    assert seizures.products == ("Gabapentin",)
    # The list is cut before the repeated "Gabapentin Capsules, USP are indicated" sentence.
    assert "Gabapentin Capsules, USP are indicated for Postherpetic" not in seizures.quote


def test_limitations_elaborations_and_descriptions(vocabulary: Vocabulary) -> None:
    text = _text("baclofen")
    findings = extract(text, vocabulary)
    _check_quotes(text, findings)
    found = _by_condition(findings)
    indications = {c for c, kind in found if kind == "indication"}
    limitations = {c for c, kind in found if kind == "limitation"}
    assert indications == {"DC:spasticity-resulting-from-multiple-sclerosis"}
    assert limitations == {"DOID:0051061", "DOID:1969", "DOID:14330"}
    assert found[("DOID:1969", "limitation")].note == "has not been established"
    # A limitation is quoted as its whole sentence, not the words around one listed condition.
    stroke = found[("DOID:0051061", "limitation")].quote
    assert stroke == found[("DOID:14330", "limitation")].quote
    assert "stroke" in stroke and "Parkinson" in stroke and "not been established" in stroke
    # Never an indication for a condition only named in a limitation sentence.
    assert not indications & limitations


def test_qualified_node_population_and_note(vocabulary: Vocabulary) -> None:
    text = _text("pregabalin")
    findings = extract(text, vocabulary, ["Lyrica"])
    _check_quotes(text, findings)
    found = _by_condition(findings)
    sci = found[("DC:neuropathic-pain-associated-with-spinal-cord-injury", "indication")]
    assert sci.quote == "Management of neuropathic pain associated with spinal cord injury"
    focal = found[("DOID:2234", "indication")]
    assert focal.population == "patients 1 month of age and older"
    assert focal.note == "adjunctive therapy"
    assert focal.products == ("Lyrica",)  # the sentence names no product: all of them
    assert ("DOID:631", "indication") in found


def test_limitations_of_use_heading(vocabulary: Vocabulary) -> None:
    text = _text("omalizumab")
    findings = extract(text, vocabulary)
    _check_quotes(text, findings)
    found = _by_condition(findings)
    csu = found[("DOID:0080749", "indication")]
    assert csu.population == "adults and adolescents 12 years of age and older"
    assert ("DOID:9362", "limitation") in found
    assert ("DOID:1555", "limitation") in found
    assert ("DOID:1555", "indication") not in found


def test_products_named_by_the_sentence(vocabulary: Vocabulary) -> None:
    text = (
        "GRALISE is indicated for the management of postherpetic neuralgia. "
        "NEURONTIN is indicated as adjunctive therapy in the treatment of partial-onset "
        "seizures in adults."
    )
    findings = extract(text, vocabulary, ["Gralise", "Neurontin"])
    by = {f.condition: f.products for f in findings}
    assert by == {"UMLS:C0032768": ("Gralise",), "DOID:2234": ("Neurontin",)}


def test_segments_cut_lists_and_references() -> None:
    text = "X is indicated for: Management of pain (1) Treatment of fever • Relief of cough"
    pieces = [text[a:b].strip() for a, b, _limited in segments(text)]
    assert pieces == [
        "X is indicated for: Management of pain",
        "Treatment of fever",
        "Relief of cough",
    ]


def test_empty_text(vocabulary: Vocabulary) -> None:
    assert extract("", vocabulary) == []


@pytest.mark.skipif(not RAW.is_dir(), reason="raw data not present")
def test_real_openfda_record(vocabulary: Vocabulary) -> None:
    path = RAW / "fda_labels" / "openfda_sections_medguard" / "pregabalin.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    text = record["sections"]["indications_and_usage"]
    findings = extract(text, vocabulary, record["openfda_meta"].get("brand_name", []))
    _check_quotes(text, findings)
    found = {f.condition for f in findings if f.kind == "indication"}
    assert {
        "DC:neuropathic-pain-associated-with-spinal-cord-injury",
        "UMLS:C0032768",
        "DOID:2234",
        "DOID:631",
    } <= found


def test_conditions_that_are_not_uses_are_left_out(vocabulary: Vocabulary) -> None:
    """What the patients do not have, an outcome counted, or the drug's own risk is no use; the
    use the same sentence names is kept."""
    text = (
        "In patients without multiple sclerosis, the drug is indicated to reduce the risk of "
        "hospitalization for stroke. Because of the risk of seizures associated with its use, it "
        "is indicated for fibromyalgia."
    )
    names = {
        vocabulary.records[f.condition]["name"].casefold()
        for f in extract(text, vocabulary)
        if f.kind == "indication"
    }
    assert names == {"fibromyalgia"}, names
