"""The condition vocabulary rules (tools/build/vocabulary, tools/build/conditions.py) on small
hand-made layers and tables (tests/build/fixtures/vocabulary), plus a few checks of the real
tables and ontology when the raw data is present."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tools.build.conditions import LAYER_ID, unify_report
from tools.build.vocabulary import tables as tables_mod
from tools.build.vocabulary.check import resolve
from tools.build.vocabulary.hierarchy import KnownNames, rule_parent
from tools.build.vocabulary.index import Vocabulary
from tools.build.vocabulary.names import name_key
from tools.build.vocabulary.pool import Pool

FIXTURES = Path(__file__).parent / "fixtures" / "vocabulary"
RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "raw"
Layers = list[tuple[str, dict[str, Any]]]


def fixture_layers() -> Layers:
    data = json.loads((FIXTURES / "layers.json").read_text(encoding="utf-8"))
    return [(name, layer) for name, layer in data]


@pytest.fixture(scope="module")
def tables() -> tables_mod.Tables:
    return tables_mod.load(FIXTURES / "tables")


@pytest.fixture(scope="module")
def unified(tables: tables_mod.Tables) -> tuple[Layers, Any]:
    layers = fixture_layers()
    report = unify_report(layers, tables)
    return layers, report


def _layer(layers: Layers, name: str) -> dict[str, Any]:
    return next(layer for layer_name, layer in layers if layer_name == name)


def _condition(layer: dict[str, Any], cid: str) -> dict[str, Any] | None:
    return next((c for c in layer["conditions"] if c["id"] == cid), None)


def _indications(layer: dict[str, Any], drug: str) -> list[str]:
    record = next(d for d in layer["drugs"] if d["id"] == drug)
    return [i["condition"] for i in record.get("indications", [])]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Epilepsy, Temporal Lobe", "temporal lobe epilepsy"),
        ("DIABETIC NEUROPATHIES", "diabetic neuropathy"),
        ("Alzheimer's disease", "alzheimer disease"),
        ("Hot flushes", "hot flush"),
        ("Stress Disorders, Post-Traumatic", "post traumatic stress disorder"),
        ("Abscesses", "abscess"),
        ("Herpes", "herpe"),  # consistent on both sides, never compared with "herpe" wording
    ],
)
def test_name_key_folds_mesh_inversion_and_plurals(name: str, key: str) -> None:
    assert name_key(name) == key


def test_tables_load_and_reject_bad_rows(tmp_path: Path, tables: tables_mod.Tables) -> None:
    assert [a.term for a in tables.aliases] == [
        "MS",
        "spasticity",
        "neuropathic pain",
        "partial-onset seizures",
    ]
    assert tables.node_ids()["DRUGCENTRAL:muscle-spasticity-due-to-multiple-sclerosis"].id == (
        "DC:spasticity-resulting-from-multiple-sclerosis"
    )
    assert tables.version.startswith("sha256:")
    (tmp_path / "aliases.toml").write_text(
        '[[alias]]\nterm = "X"\ncondition = "not an id"\nkind = "term"\nwhy = "w"\n'
        '[[alias]]\nterm = "x"\ncondition = "DOID:1"\nkind = "nickname"\n',
        encoding="utf-8",
    )
    with pytest.raises(tables_mod.TableError) as error:
        tables_mod.load(tmp_path)
    message = str(error.value)
    assert "not a condition id" in message
    assert "kind must be one of" in message
    assert "'why' must be a non-empty string" in message
    assert "already an alias of" in message


def test_multi_claimant_cross_reference_picks_the_term_of_the_same_name(
    unified: tuple[Layers, Any],
) -> None:
    layers, report = unified
    # MeSH D003929 is on three DO terms; "DIABETIC NEUROPATHIES" names diabetic neuropathy.
    assert report.alias["MESH:D003929"] == "DOID:9743"
    assert _indications(_layer(layers, "chembl"), "duloxetine") == ["DOID:9743"]
    merged = _condition(_layer(layers, "chembl"), "DOID:9743")
    assert merged is not None and "MESH:D003929" in merged["xrefs"]
    # Two Disease Ontology terms are never merged.
    assert "DOID:11503" not in report.alias and "DOID:12785" not in report.alias


def test_same_mesh_heading_merges_labeledin_and_chembl(unified: tuple[Layers, Any]) -> None:
    layers, report = unified
    assert report.alias["UMLS:C0001973"] == "DOID:1574"
    assert _indications(_layer(layers, "labeledin"), "naltrexone") == ["DOID:1574"]
    # MeSH "SEIZURES" (ChEMBL) and LabeledIn's "Seizures" are one concept, kept as UMLS.
    assert report.alias["MESH:D012640"] == "UMLS:C0036572"


def test_source_name_that_is_another_do_term_is_refiled(unified: tuple[Layers, Any]) -> None:
    layers, report = unified
    assert _indications(_layer(layers, "labeledin"), "amitriptyline") == ["DOID:1596"]
    moved = [r for r in report.refiles if r.layer == "labeledin" and r.old == "DOID:1595"]
    assert moved and moved[0].new == "DOID:1596" and moved[0].indications == 1


def test_qualified_node_absorbs_same_as_and_quote_refiles_the_approval(
    unified: tuple[Layers, Any],
) -> None:
    layers, report = unified
    node = "DC:spasticity-resulting-from-multiple-sclerosis"
    assert _indications(_layer(layers, "drugcentral"), "baclofen")[0] == node
    record = _condition(_layer(layers, "drugcentral"), node)
    assert record is not None and record["parents"] == ["UMLS:C0026838"]
    # Pregabalin's SCI approval was filed as plain Neuralgia; its quote names the node.
    sci = "DC:neuropathic-pain-associated-with-spinal-cord-injury"
    curated = _layer(layers, "curated")
    assert _indications(curated, "pregabalin") == [sci, "UMLS:C0032768"]
    assert _condition(curated, sci) is not None
    assert [(q.old, q.new) for q in report.quoted] == [("UMLS:C0027796", sci)]


def test_vocabulary_layer_carries_aliases_nodes_and_table_edges(
    unified: tuple[Layers, Any],
) -> None:
    layers, report = unified
    assert layers[-1][0] == LAYER_ID and layers[-1][1]["drugs"] == []
    vocab = {c["id"]: c for c in layers[-1][1]["conditions"]}
    assert vocab["DOID:2377"]["aliases"] == ["MS"]
    assert vocab["UMLS:C0026838"]["aliases"] == ["spasticity"]
    assert vocab["DOID:1826"]["parents"] == ["UMLS:C0036572"]
    assert "DC:neuropathic-pain-associated-with-spinal-cord-injury" in vocab
    # The Disease Ontology layer keeps the ontology's own parents.
    epilepsy = _condition(_layer(layers, "disease-ontology"), "DOID:1826")
    assert epilepsy is not None and epilepsy["parents"] == ["DOID:936"]
    assert report.missing == []


def test_rule_parents(unified: tuple[Layers, Any]) -> None:
    layers, report = unified
    pool = Pool(layers)
    assert pool.parents["UMLS:C0004604"] == {"UMLS:C0030193"}  # Back Pain -> Pain (head noun)
    assert pool.parents["DRUGCENTRAL:muscle-spasticity-of-spinal-origin"] == {"UMLS:C0026838"}
    assert pool.parents["DRUGCENTRAL:osteoarthritis-prevention"] == {"DOID:8398"}
    assert pool.parents["DRUGCENTRAL:rare-syndrome"] == set()  # "syndrome" is generic
    assert all(not child.startswith("DOID:") for child, *_ in report.parents if _[1] != "table")
    # A query for seizures reaches epilepsy's drugs through the table edge.
    assert "DOID:2234" in pool.descendants("UMLS:C0036572")


def test_rule_parent_reads_the_head_not_the_qualifier(unified: tuple[Layers, Any]) -> None:
    layers, _report = unified
    pool = Pool(layers)
    known = KnownNames(pool, tables_mod.load(FIXTURES / "tables"), {})
    assert rule_parent("Prevention of Pain with Back Pain", known, set()) == (
        "UMLS:C0030193",
        "qualified",
    )
    assert rule_parent("Atelectasis due to Back Pain", known, set()) is None
    assert rule_parent("Pain, Intractable", known, set()) == ("UMLS:C0030193", "head")
    assert rule_parent("Chronic Pain", known, {"UMLS:C0030193"}) is None


def test_resolve_order_id_name_alias_synonym(unified: tuple[Layers, Any]) -> None:
    layers, _report = unified
    pool = Pool(layers)
    assert resolve("MESH:D003929", pool) == "DOID:9743"
    assert resolve("C0001973", pool) == "DOID:1574"
    assert resolve("seizures", pool) == "UMLS:C0036572"
    assert resolve("MS", pool) == "DOID:2377"
    assert resolve("spasticity", pool) == "UMLS:C0026838"
    assert resolve("alcoholism", pool) == "DOID:1574"  # a synonym
    assert resolve("no such thing", pool) is None


def test_unify_is_deterministic(tables: tables_mod.Tables) -> None:
    first, second = fixture_layers(), copy.deepcopy(fixture_layers())
    unify_report(first, tables)
    unify_report(second, tables)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_vocabulary_match_is_longest_and_skips_abbreviations(
    unified: tuple[Layers, Any], tables: tables_mod.Tables
) -> None:
    layers, _report = unified
    vocabulary = Vocabulary.from_layers(layers, tables)
    text = "neuropathic pain associated with spinal cord injury; MS; Back Pain Research Society; Back Pain"
    found = [(text[m.start : m.end], m.condition) for m in vocabulary.match(text)]
    assert found == [
        (
            "neuropathic pain associated with spinal cord injury",
            "DC:neuropathic-pain-associated-with-spinal-cord-injury",
        ),
        ("Back Pain", "UMLS:C0004604"),
    ]
    records = vocabulary.records_for(["DC:neuropathic-pain-associated-with-spinal-cord-injury"])
    assert [r["id"] for r in records] == [
        "DC:neuropathic-pain-associated-with-spinal-cord-injury",
        "UMLS:C0027796",
    ]


@pytest.mark.skipif(not RAW.is_dir(), reason="raw data not present")
def test_real_tables_and_ontology_corrections() -> None:
    from tools.build import ontology

    real = tables_mod.load()
    assert {"GAD", "RLS", "MS", "OSA", "PTSD", "ADHD", "AUD", "OUD", "FM", "DPN", "PHN"} <= {
        a.term for a in real.aliases
    }
    onto = ontology.load(RAW, real)
    assert "MESH:D012640" not in onto.xrefs["DOID:11832"]
    assert onto.parents["DOID:0050704"] == ["DOID:0050701"]
    assert onto.umls_to_doid["C0238111"] == "DOID:0050561"
