"""The packaged suggestion index (suggest.tsv, suggest.bin) against the catalog's own name index:
the same known names, the same suggestions as matching in memory, and a miss answered without
loading the catalog."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

import drugcompare as dc
from drugcompare._catalog.names import Names
from drugcompare._data import files
from drugcompare._data.suggest import packaged_suggestions, quick_miss


@pytest.fixture(scope="module")
def in_memory() -> Names:
    index = files.packaged_index()
    return Names(index.keys, index.names)  # no packaged suggestions: trigrams built in memory


def test_every_key_of_the_name_index_is_known() -> None:
    index = files.packaged_index()
    packaged = packaged_suggestions()
    keys = list(index.keys.keys())
    assert len(keys) > 50_000
    unknown = [key for key in keys if not packaged.known(key)]
    assert not unknown, unknown[:10]
    assert not packaged.known("neurotin") and not packaged.known("zzzz qqqq")


def test_packaged_suggestions_equal_in_memory_ones(in_memory: Names) -> None:
    packaged = packaged_suggestions()
    keys = sorted(in_memory.index.suggestible())
    rng = random.Random(20261206)
    typos = ["neurotin", "lyrika", "asprin", "xanex", "zoloftt", "gabapentn", "baclophen"]
    for key in rng.sample(keys, 300):
        if len(key) > 4:
            cut = rng.randrange(len(key))
            typos.append(key[:cut] + key[cut + 1 :])
    for typo in typos:
        assert packaged.suggest(typo) == in_memory.suggest(typo), typo
        assert packaged.best(typo, 10, 0.5) == in_memory.fuzzy.best(typo, 10, 0.5), typo


def test_a_miss_gives_the_catalogs_own_error() -> None:
    assert quick_miss("gabapentin") is None and quick_miss("DB00996") is None
    assert quick_miss("   ") is None and quick_miss(42) is None  # the catalog reports those
    suggestions = quick_miss("neurotin")
    assert suggestions is not None and suggestions[0] == "Neurontin (gabapentin)"
    with pytest.raises(dc.DrugNotFoundError) as info:
        dc.default_catalog().lookup_drug("neurotin")
    assert info.value.suggestions == suggestions


def test_a_miss_does_not_load_the_catalog() -> None:
    code = (
        "import sys, drugcompare as dc\n"
        "try:\n    dc.lookup_drug('neurotin')\nexcept dc.DrugNotFoundError as e:\n    print(e)\n"
        "print(dc.get_drug('lyrika'))\n"
        "print(any(m.startswith(('attr', 'drugcompare.model', 'drugcompare._catalog')) "
        "for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert "did you mean Neurontin (gabapentin)" in lines[0]
    assert lines[1:] == ["None", "False"]


def test_the_packaged_facts_table_is_the_scan_of_the_packaged_layers() -> None:
    """facts.tsv (read by the default catalog) equals a fresh scan of every layer record."""
    from drugcompare._catalog.facts import FEATURE_KINDS, collect_facts

    data = dc.default_catalog()._data
    packaged = collect_facts(data.stores, data.views, packaged=True)
    scanned = collect_facts(data.stores, data.views)
    assert len(packaged) == len(scanned) > 5000
    for kind in FEATURE_KINDS:
        differ = [d for d in scanned if packaged[d].features(kind) != scanned[d].features(kind)]
        assert not differ, (kind, differ[:5])
    statuses = [d for d in scanned if packaged[d].indications != scanned[d].indications]
    assert not statuses, statuses[:5]
