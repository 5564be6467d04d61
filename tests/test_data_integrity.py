"""Integrity of every packaged record (run over the whole dataset, not a sample)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

import drugcompare as dc
from drugcompare._data.files import read_manifest

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _facts(drug: dc.Drug) -> list[Any]:
    facts: list[Any] = [*drug.mechanisms, *drug.indications, *drug.adverse_effects]
    facts += [*drug.boxed_warnings, *drug.market_withdrawals]
    facts += [f for f in (drug.withdrawal, drug.dea, drug.approval) if f is not None]
    return facts


def test_manifest_lists_every_packaged_file_with_its_licence_and_checksum() -> None:
    data = resources.files("drugcompare").joinpath("data")
    manifest = read_manifest()
    files = {entry["file"] for entry in manifest["layers"]}
    on_disk = {p.name for p in data.iterdir() if p.name.endswith(".jsonl")}
    assert files == on_disk
    for entry in manifest["layers"]:
        layer = entry["layer"]
        assert layer["license"].strip(), layer["id"]
        assert layer["name"].strip() and layer["version"].strip()
        raw = data.joinpath(entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], entry["file"]
        lines = raw.split(b"\n")
        assert json.loads(lines[0])["layer"] == layer
        assert len(json.loads(lines[1])) == entry["counts"]["conditions"]
        places = json.loads(lines[2])
        assert len(places) == entry["counts"]["drugs"] == len(json.loads(lines[3]))
        assert raw.count(b"\n") == 4 + len(places)


def test_sources_lists_every_layer_in_precedence_order() -> None:
    ids = [layer.id for layer in dc.sources()]
    assert ids == [
        "curated",
        "labels",
        "orange-book",
        "drugsatfda",
        "medi",
        "ncats-approvals",
        "dea",
        "labeledin",
        "sider",
        "pharmacotherapydb",
        "drugcentral",
        "chembl",
        "ncats-withdrawn",
        "drugbank-vocabulary",
        "disease-ontology",
        "condition-vocabulary",
    ]
    licences = {layer.id: layer.license for layer in dc.sources()}
    assert licences["sider"] == "CC-BY-NC-SA-4.0"
    assert licences["chembl"] == "CC-BY-SA-3.0"
    assert licences["drugcentral"] == "CC-BY-4.0"


def test_drug_ids_are_unique_slugs(catalog: dc.Catalog) -> None:
    ids = [drug.id for drug in catalog.all_drugs()]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)
    assert ids == sorted(ids)


def test_every_fact_has_a_source(catalog: dc.Catalog) -> None:
    bad = [drug.id for drug in catalog.all_drugs() if not drug.sources]
    bad += [
        (drug.id, repr(fact), repr(source))
        for drug in catalog.all_drugs()
        for fact in _facts(drug)
        for source in fact.sources or (None,)
        if source is None or not (source.title and source.license)
    ]
    assert bad == []


def test_every_frequency_is_a_fraction(catalog: dc.Catalog) -> None:
    bad = [
        (drug.id, effect.term, value)
        for drug in catalog.all_drugs()
        for effect in drug.adverse_effects
        for freq in effect.frequencies
        for value in (freq.lower, freq.upper, freq.placebo_lower, freq.placebo_upper)
        if value is not None and not 0.0 <= value <= 1.0
    ]
    assert bad == []


def test_every_condition_reference_resolves(catalog: dc.Catalog) -> None:
    conditions = catalog.conditions
    bad = [
        (condition.id, parent)
        for condition in conditions.values()
        for parent in condition.parents
        if parent not in conditions
    ]
    bad += [
        (drug.id, indication.condition.id)
        for drug in catalog.all_drugs()
        for indication in drug.indications
        if indication.condition.id not in conditions
    ]
    assert bad == []


def test_names_resolve_to_their_drug(catalog: dc.Catalog) -> None:
    """Every generic name and id finds its own drug; brand names shared by two drugs are listed."""
    bad = [
        (drug.id, drug.name)
        for drug in catalog.all_drugs()
        if catalog.lookup_drug(drug.id) != drug or catalog.lookup_drug(drug.name) != drug
    ]
    assert bad == []


def test_curated_brands_are_unambiguous(catalog: dc.Catalog) -> None:
    owners: Counter[str] = Counter()
    for drug in catalog.all_drugs():
        if any(s.layer == "curated" for s in drug.sources):
            for brand in {b.casefold() for b in drug.brand_names}:
                owners[brand] += 1
    assert [b for b, n in owners.items() if n > 1] == []


@pytest.fixture(scope="module")
def curated_drugs(catalog: dc.Catalog) -> list[dc.Drug]:
    drugs = [d for d in catalog.all_drugs() if any(s.layer == "curated" for s in d.sources)]
    assert drugs
    return drugs


def test_every_curated_fact_cites_a_url_section_and_quote(curated_drugs: list[dc.Drug]) -> None:
    bad = []
    for drug in curated_drugs:
        for fact in _facts(drug):
            curated = [s for s in fact.sources if s.layer == "curated"]
            for source in curated:
                if not (source.url and source.url.startswith(("https://", "http://"))):
                    bad.append((drug.id, "url", repr(source)))
                if not source.section:
                    bad.append((drug.id, "section", repr(fact)))
                if source.quote is not None and len(source.quote) > 200:
                    bad.append((drug.id, "quote", source.quote))
            if curated and not isinstance(fact, dc.Approval) and not any(s.quote for s in curated):
                bad.append((drug.id, "no quote", repr(fact)))
    assert bad == []


def test_no_curated_use_is_approved_without_a_label(curated_drugs: list[dc.Drug]) -> None:
    """APPROVED needs a US label: one citing document must be an FDA label, with its section."""
    approved = 0
    bad = []
    for drug in curated_drugs:
        for indication in drug.indications_with(dc.IndicationStatus.APPROVED):
            curated = [s for s in indication.sources if s.layer == "curated"]
            if curated:
                approved += 1
                if not any(s.kind == "fda_label" and s.section for s in curated):
                    bad.append((drug.id, indication.condition.name))
    assert approved > 0
    assert bad == []


def test_withdrawal_risk_belongs_to_its_drug(catalog: dc.Catalog) -> None:
    bad = [
        drug.id
        for drug in catalog.all_drugs()
        if drug.withdrawal is not None
        and (drug.withdrawal.drug != drug.id or drug.withdrawal.drug_name != drug.name)
    ]
    assert bad == []


def test_no_name_brand_or_synonym_names_two_drugs_at_the_same_rank(catalog: dc.Catalog) -> None:
    """Lookups are unambiguous: two drugs may share a key only at different kinds (a brand of
    one and a synonym of another), which the documented precedence resolves."""
    from drugcompare._text import IDENTIFIER

    clashes = []
    index = catalog._data.names.index
    for key in index.keys():  # noqa: SIM118 - a NameIndex, not a dict
        found = index.get(key) or {}
        kinds = sorted(kind for kind, _text in found.values())
        if len(kinds) > 1 and kinds[0] == kinds[1] and kinds[0] < IDENTIFIER:
            clashes.append((key, sorted(found)))
    assert clashes == []


def test_no_condition_name_is_written_in_capitals_only() -> None:
    """Rule 4a of docs/merge-rules.md over every packaged indication: a name of several words
    is never all capitals (acronyms alone, ``HIV``, may be)."""
    shouting = {
        i.condition.name
        for d in dc.all_drugs()
        for i in d.indications
        if i.condition.name.isupper()
        and ":" not in i.condition.name
        and sum(len(w) >= 4 for w in i.condition.name.split()) >= 2
    }
    assert not shouting, sorted(shouting)[:10]


FDA_OR_NLM = re.compile(r"(?:^|\.)(?:fda\.gov|nlm\.nih\.gov)\Z")
RAW_LABELS = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw" / "fda_labels"


def _curated_sources(drug: dc.Drug) -> set[dc.Source]:
    groups = [drug.sources, *(f.sources for f in _facts(drug))]
    groups += [f.sources for e in drug.adverse_effects for f in e.frequencies]
    groups += [x.sources for x in (*drug.withdrawal_risks, *drug.limitations, *drug.products)]
    return {s for group in groups for s in group if s.layer == "curated"}


def test_curated_label_sources_are_fda_or_nlm_documents(curated_drugs: list[dc.Drug]) -> None:
    """A source of kind ``fda_label`` is an FDA or NLM document (DailyMed, accessdata.fda.gov,
    openFDA), a DailyMed URL names the label's own set id, and mirrors say they are mirrors."""
    labels = {s for d in curated_drugs for s in _curated_sources(d) if s.kind == "fda_label"}
    assert len(labels) > 100
    hosts = [urlparse(s.url or "").hostname or "" for s in labels]
    official = sum(bool(FDA_OR_NLM.search(host)) for host in hosts)
    assert official / len(labels) >= 0.9, Counter(hosts).most_common(5)
    assert official == len(labels), [h for h in hosts if not FDA_OR_NLM.search(h)]
    for source in labels:
        found = parse_qs(urlparse(source.url or "").query).get("setid")
        if source.set_id and found:
            assert found[0] == source.set_id, source


@pytest.mark.skipif(not RAW_LABELS.is_dir(), reason="the raw label files are not beside the repo")
def test_every_curated_drug_with_a_shipped_label_cites_it(curated_drugs: list[dc.Drug]) -> None:
    shipped: dict[str, set[str]] = {}
    for path in RAW_LABELS.glob("*/*"):
        drug_id = path.name.split("__")[0].split(".")[0]
        shipped.setdefault(drug_id, set()).add(f"fda_labels/{path.parent.name}/{path.name}")
    checked = 0
    for drug in curated_drugs:
        files = shipped.get(drug.id)
        if files:
            checked += 1
            cited = {s.file for s in _curated_sources(drug) if s.file}
            assert cited & files, (drug.id, sorted(files))
    assert checked >= 40
