"""Loading: lazy and once, layers left out, user datasets added, bad datasets reported precisely."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import drugcompare as dc
from drugcompare._api import load as api_load
from drugcompare._catalog.core import CatalogData
from drugcompare._data import files
from drugcompare._once import Lazy


def test_import_reads_no_data_and_defers_cattrs_and_tabulate() -> None:
    code = (
        "import sys, drugcompare;"
        "assert 'drugcompare._catalog.core' not in sys.modules, 'catalog imported';"
        "assert 'cattrs' not in sys.modules, 'cattrs imported';"
        "assert 'tabulate' not in sys.modules, 'tabulate imported';"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_default_catalog_loads_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = api_load.load_catalog

    def counting(*args: Any, **kwargs: Any) -> dc.Catalog:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(api_load, "_default", Lazy(counting))
    barrier = threading.Barrier(32)
    seen: list[dc.Catalog] = []

    def worker() -> None:
        barrier.wait()
        seen.append(api_load.default_catalog())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(seen) == 32 and all(c is seen[0] for c in seen)


def test_excluding_a_layer_removes_its_facts() -> None:
    catalog = dc.load_catalog(exclude_sources=("disease-ontology",))
    assert all(layer.id != "disease-ontology" for layer in catalog.layers)
    for drug in catalog.all_drugs():
        for indication in drug.indications:
            assert all(s.layer != "disease-ontology" for s in indication.sources)
    # The curated layer still names its own conditions.
    assert catalog.lookup_condition("fibromyalgia").id == "DOID:631"


def test_excluding_an_unknown_layer_is_an_error() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown source layer.*'sidr'"):
        dc.load_catalog(exclude_sources=["sidr"])


def test_verify_checks_every_checksum() -> None:
    assert len(dc.load_catalog(verify=True)) == len(dc.default_catalog())


def _user_layer(**drug: Any) -> dict[str, Any]:
    record = {
        "id": "examplumab",
        "name": "examplumab",
        "kind": "biologic",
        "brand_names": ["Examplix"],
        "indications": [{"condition": "DOID:631", "status": "investigational", "note": "phase 2"}],
        "adverse_effects": [
            {
                "term": "Dizziness",
                "umls_cui": "C0012833",
                "frequencies": [
                    {"lower": 0.12, "upper": 0.12, "placebo_lower": 0.05, "placebo_upper": 0.05}
                ],
            }
        ],
    }
    record.update(drug)
    return {
        "format": 1,
        "layer": {
            "id": "my-lab",
            "name": "My lab's notes",
            "version": "2026-11-01",
            "license": "CC-BY-4.0",
            "document": "trial",
        },
        "documents": {
            "trial": {"title": "Phase 2 trial report", "url": "https://example.org/trial"}
        },
        "drugs": [record],
    }


def write(tmp_path: Path, data: Any, name: str = "mine.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_a_user_dataset_adds_drugs_without_touching_the_default(tmp_path: Path) -> None:
    before = dc.default_catalog()
    catalog = dc.load_catalog(extra=write(tmp_path, _user_layer()))
    drug = catalog.lookup_drug("Examplix")
    assert drug.indications[0].condition.name == "fibromyalgia"
    assert drug.indications[0].status is dc.IndicationStatus.INVESTIGATIONAL
    assert catalog.layers[0].id == "my-lab"
    shared = catalog.shared_adverse_effects("examplumab", "pregabalin")
    assert "Dizziness" in {s.term for s in shared}
    assert dc.get_drug("examplumab") is None
    assert dc.default_catalog() is before


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (lambda d: d["drugs"][0].update(kind="mineral"), "$.kind", "mineral"),
        (lambda d: d["drugs"][0].update(colour="blue"), None, "colour"),
        (
            lambda d: d["drugs"][0]["adverse_effects"][0]["frequencies"][0].update(upper=1.2),
            "adverse_effects[0]",
            "between 0 and 1",
        ),
        (
            lambda d: d["drugs"][0]["adverse_effects"][0]["frequencies"][0].update(lower=0.5),
            "adverse_effects[0]",
            "above the upper",
        ),
        (
            lambda d: d["drugs"][0].update(brand_names="Examplix"),
            "$.brand_names",
            "list of strings",
        ),
        (lambda d: d["drugs"][0].update(name=7), "$.name", "expected a string"),
        (
            lambda d: d["drugs"][0]["indications"][0].update(condition="DOID:0"),
            "indications[0].condition",
            "unknown condition",
        ),
        (lambda d: d["layer"].pop("document"), "indications[0]", "no source"),
        (
            lambda d: d["drugs"][0]["indications"][0].update(cite=[{"doc": "nope"}]),
            "indications[0].cite[0].doc",
            "unknown document",
        ),
    ],
)
def test_bad_user_datasets_name_file_record_and_field(
    tmp_path: Path, mutate: Any, field: str | None, message: str
) -> None:
    data = _user_layer()
    mutate(data)
    path = write(tmp_path, data)
    with pytest.raises(dc.DatasetError) as info:
        dc.load_catalog(extra=path)
    error = info.value
    assert error.file == str(path)
    assert error.record == "examplumab"
    if field is not None:
        assert error.field is not None and field in error.field
    assert message in str(error)
    assert isinstance(error, ValueError)


def test_malformed_json_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(dc.DatasetError, match="not valid JSON") as info:
        dc.load_catalog(extra=write(tmp_path, "{not json"))
    assert info.value.file and info.value.file.endswith("mine.json")
    with pytest.raises(dc.DatasetError, match="cannot read"):
        dc.load_catalog(extra=tmp_path / "absent.json")
    with pytest.raises(dc.DatasetError, match="unsupported format"):
        dc.load_catalog(extra=write(tmp_path, {"format": 99}))


def test_a_user_layer_may_not_reuse_a_packaged_layer_id(tmp_path: Path) -> None:
    data = _user_layer()
    data["layer"]["id"] = "curated"
    with pytest.raises(dc.DatasetError, match="already used by another layer"):
        dc.load_catalog(extra=write(tmp_path, data))


def test_packaged_index_matches_the_merge_it_replaces() -> None:
    """The default catalog reads the build's merged index; merging the layers' own keys at load
    (what a filtered catalog does) must give the same drugs, names, keys and hierarchy."""
    default = dc.load_catalog()._data
    merged = CatalogData(list(default.stores))
    assert {d: [v[:2] for v in views] for d, views in default.views.items()} == {
        d: [v[:2] for v in views] for d, views in merged.views.items()
    }
    assert dict(default.conditions.conditions) == dict(merged.conditions.conditions)
    assert dict(default.names.names) == dict(merged.names.names)
    assert dict(default.conditions.parents) == dict(merged.conditions.parents)
    keys = list(merged.names.index.keys())
    assert sorted(keys) == sorted(default.names.index.keys())
    for key in keys[:: max(1, len(keys) // 2000)]:
        assert default.names.index.get(key) == merged.names.index.get(key), key


def test_reusing_a_packaged_id_needs_extends(tmp_path: Path) -> None:
    data = _user_layer(id="gabapentin", name=None, brand_names=[])
    with pytest.raises(dc.DatasetError, match='already a packaged drug.*"extends": true') as info:
        dc.load_catalog(extra=write(tmp_path, data))
    assert info.value.record == "gabapentin"
    assert info.value.field == "id"
    data["drugs"][0]["extends"] = True
    catalog = dc.load_catalog(extra=write(tmp_path, data))
    drug = catalog.lookup_drug("gabapentin")
    assert drug.name == "gabapentin"
    mine = [i for i in drug.indications if any(s.layer == "my-lab" for s in i.sources)]
    assert [(i.condition.id, i.status) for i in mine] == [
        ("DOID:631", dc.IndicationStatus.INVESTIGATIONAL)
    ]
    # The packaged facts are all still there, with their sources.
    packaged = dc.lookup_drug("gabapentin")
    for indication in packaged.indications:
        assert any(
            set(indication.sources) <= set(i.sources)
            for i in drug.indications
            if (i.condition.id, i.status) == (indication.condition.id, indication.status)
        )


def test_wrong_argument_types_for_load_catalog(tmp_path: Path) -> None:
    with pytest.raises(dc.InvalidArgumentTypeError, match="list of layer ids"):
        dc.load_catalog(exclude_sources=5)  # type: ignore[arg-type]
    with pytest.raises(dc.InvalidArgumentTypeError, match="path or a list of paths"):
        dc.load_catalog(extra=5)  # type: ignore[arg-type]
    with pytest.raises(dc.InvalidArgumentTypeError, match="layer ids"):
        dc.load_catalog(exclude_sources=[None])  # type: ignore[list-item]


def test_oversized_user_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_USER_LAYER_BYTES", 100)
    path = write(tmp_path, _user_layer())
    with pytest.raises(dc.DatasetError, match="limited to") as info:
        dc.load_catalog(extra=path)
    assert info.value.file == str(path)
