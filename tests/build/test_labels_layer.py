"""The labels layer assembled from hand-made fixtures with fake resolver and extractors, and a few
checks against the shipped label files (skipped without the raw data)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from tools.build.labels.adverse_tables import read_table
from tools.build.labels.layer import build
from tools.build.labels.openfda import label_from_record
from tools.build.labels.schedule import schedule_of
from tools.build.labels.spl import read_spl
from tools.build.labels.terms import Term, TermIndex
from tools.build.labels.withdrawal import withdrawal_of

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "raw"


@attrs.frozen
class FakeFinding:
    condition: str
    kind: str
    quote: str
    population: str | None = None
    products: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen
class FakeMention:
    term: Term
    quote: str
    section: str | None = None
    in_title: bool = False


class FakeAdverseText:
    def extract(self, text: str) -> Sequence[FakeMention]:
        return [FakeMention(Term("Fatigue", "C0015672"), "fatigue")] if "reactions" in text else []

    def warning_effects(self, subsections: Sequence[tuple[str, str, str]]) -> Sequence[FakeMention]:
        # A reaction the subsection's title names (kept) and one its text names (left out).
        return [
            FakeMention(Term("Bradycardia", None), t, f"{n} {title}", in_title=True)
            for n, title, t in subsections
            if "bradycardia" in t
        ] + [FakeMention(Term("Headache", None), t) for _n, _title, t in subsections]


def fake_indications(text: str, products: Sequence[str]) -> list[FakeFinding]:
    if "hypertension" in text:
        return [
            FakeFinding("DOID:10763", "indication", "indicated for the treatment of hypertension")
        ]
    if "obesity" in text:
        return [FakeFinding("DOID:9970", "indication", "Combo Relief is indicated for obesity.")]
    return []


def resolve(names: Sequence[str], unii: Sequence[str], rxcui: Sequence[str]) -> str | None:
    known = {"TESTOLAM": "testolam", "EXAMPLINE HYDROCHLORIDE": "exampline", "ALPHAMINE": "alphamine",
             "BETAZOLE": "betazole", "OLDRINE": "oldrine"}  # fmt: skip
    return next((known[n] for n in names if n in known), None)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    base = tmp_path / "fda_labels"
    for folder, name in (("spl_xml", "spl_small.xml"), ("openfda", "bulk.json"),
                         ("openfda_sections_medguard", "medguard_record.json")):  # fmt: skip
        (base / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / name, base / folder / name)
    return tmp_path


def _terms() -> TermIndex:
    names = ["somnolence", "drowsiness", "dizziness", "headache", "nausea", "fatigue"]
    return TermIndex(
        {n: Term("Somnolence" if n == "drowsiness" else n.capitalize(), None) for n in names}
    )


def test_layer_documents_and_facts(raw: Path) -> None:
    layer, report = build(raw, resolve, fake_indications, FakeAdverseText(), terms=_terms())
    assert layer["layer"]["id"] == "labels" and layer["layer"]["date"] == "2026-01-05"
    docs = layer["documents"]
    spl = docs["label-bbbbbbbb-0000-0000-0000-000000000002"]
    assert spl["url"].endswith("setid=bbbbbbbb-0000-0000-0000-000000000002")
    assert (spl["date"], spl["application"], spl["kind"]) == (
        "2026-01-05",
        "NDA012345",
        "fda_label",
    )
    assert spl["file"] == "fda_labels/spl_xml/spl_small.xml"
    medguard = docs["label-12121212-0000-0000-0000-000000000007"]
    assert "date" not in medguard and "fetched 2026-07-15" in medguard["version"]
    drugs = {d["id"]: d for d in layer["drugs"]}
    assert sorted(drugs) == ["alphamine-and-betazole", "exampline", "oldrine", "testolam"]
    testolam = drugs["testolam"]
    assert testolam["dea"]["schedule"] == "IV" and testolam["dea"]["as_of"] == "2026-01-05"
    assert [b["topic"] for b in testolam["boxed_warnings"]] == [
        "Dependence and withdrawal reactions",
        "Risks from concomitant use with opioids",
    ]
    (risk,) = testolam["withdrawal_risks"]
    assert (risk["severity"], risk["rule"], risk["boxed_warning"]) == ("life_threatening", 1, True)
    assert risk["product"] == "oral testolam (Testolam)"
    somnolence = next(e for e in testolam["adverse_effects"] if e["term"] == "Somnolence")
    (figure,) = somnolence["frequencies"]
    assert (figure["lower"], figure["placebo_lower"], figure["n"], figure["placebo_n"]) == (
        0.41,
        0.22,
        100,
        90,
    )
    assert figure["origin"] == "label_table" and figure["cite"][0]["quote"] == "Drowsiness 41 22 30"
    assert all(len(c["quote"]) < 200 for d in layer["drugs"] for k in ("boxed_warnings", "withdrawal_risks")
               for e in d.get(k, []) for c in e["cite"])  # fmt: skip
    assert any(line.startswith("  unmapped row label: 'Wobbly feeling'") for line in report)


def test_approval_status_combinations_and_text_effects(raw: Path) -> None:
    layer, _report = build(raw, resolve, fake_indications, FakeAdverseText(), terms=_terms())
    drugs = {d["id"]: d for d in layer["drugs"]}
    (approved,) = drugs["exampline"]["indications"]
    assert approved["status"] == "approved" and approved["products"] == ["Examplex XR"]
    assert drugs["exampline"]["brand_names"] == ["Examplex XR"]
    combo = drugs["alphamine-and-betazole"]
    assert combo["kind"] == "combination" and combo["ingredients"] == ["alphamine", "betazole"]
    assert combo["indications"][0]["status"] == "listed"  # a combination never makes APPROVED
    assert "indications" not in drugs.get("alphamine", {})
    labels = {
        f["label"]
        for e in drugs["exampline"]["adverse_effects"]
        for f in e["frequencies"]
        if "label" in f
    }
    assert labels == {"warning"}  # the table gave figures: no prose mentions
    warned = {
        e["term"]
        for e in drugs["exampline"]["adverse_effects"]
        if any(f.get("label") == "warning" for f in e["frequencies"])
    }
    assert warned == {"Bradycardia"}  # named by a subsection title; the text's Headache is not
    assert drugs["exampline"]["dea"]["schedule"] == "not_controlled"
    assert [w["severity"] for w in drugs["exampline"]["withdrawal_risks"]] == ["high"]


def test_layer_is_deterministic(raw: Path) -> None:
    first, _ = build(raw, resolve, terms=_terms())
    second, _ = build(raw, resolve, terms=_terms())
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


needs_raw = pytest.mark.skipif(not (RAW / "fda_labels").is_dir(), reason="raw data not present")


@needs_raw
def test_shipped_labels_gabapentin_pregabalin_tizanidine() -> None:
    terms = TermIndex.load(RAW)
    gabapentin = read_spl(next((RAW / "fda_labels" / "spl_xml").glob("gabapentin__*.xml")), RAW)
    figures = [
        f
        for s in gabapentin.walk()
        for t in s.tables
        for f in read_table(t, gabapentin.names, terms.lookup).figures
    ]
    got = {(f.term.name, f.n, f.value[0], f.placebo[0] if f.placebo else None) for f in figures}
    assert {
        ("Somnolence", 336, 0.21, 0.05),
        ("Dizziness", 336, 0.28, 0.08),
        ("Somnolence", 543, 0.19, 0.09),
    } <= got
    assert schedule_of(gabapentin).schedule == "not_controlled"  # type: ignore[union-attr]
    record = json.loads(
        (RAW / "fda_labels" / "openfda_pharmagraphrag" / "pregabalin.json").read_text()
    )
    pregabalin = label_from_record(record, "pregabalin.json")
    figures = [
        f
        for s in pregabalin.walk()
        for t in s.tables
        for f in read_table(t, pregabalin.names, terms.lookup).figures
    ]
    assert any(
        f.term.name == "Dizziness"
        and f.n == 979
        and f.value[0] == 0.21
        and f.placebo == (0.05, 0.05)
        for f in figures
    )
    tizanidine = read_spl(next((RAW / "fda_labels" / "spl_xml").glob("tizanidine__*.xml")), RAW)
    risk = withdrawal_of(tizanidine)
    assert risk is not None and risk.symptoms == (
        "rebound hypertension",
        "tachycardia",
        "hypertonia",
    )
