"""DataFrames of comparison results and of a whole catalog (the ``pandas`` extra)."""

from __future__ import annotations

import sys

import pytest

pd = pytest.importorskip("pandas")

import drugcompare as dc  # noqa: E402
from drugcompare._render.catalog_frame import CATALOG_TABLES, catalog_frame  # noqa: E402

DRUGS = ("gabapentin", "pregabalin", "duloxetine")


@pytest.fixture(scope="module")
def comparison() -> dc.Comparison:
    return dc.compare(*DRUGS)


@pytest.fixture(scope="module")
def curated() -> dc.Catalog:
    """The curated layer alone: small enough to build every drug quickly."""
    keep = ("curated", "disease-ontology")
    return dc.load_catalog(exclude_sources=[s.id for s in dc.sources() if s.id not in keep])


def test_adverse_effects_frame_has_a_row_per_effect_and_drug(comparison: dc.Comparison) -> None:
    frame = comparison.to_dataframe()
    effects = comparison.shared_adverse_effects
    assert len(frame) == len(effects) * len(DRUGS)
    assert list(frame["drug"][:3]) == list(DRUGS)
    first = effects[0].entries[0]
    row = frame.iloc[0]
    assert row["term"] == effects[0].term
    assert first.frequency is not None
    assert row["incidence_lower"] == first.frequency.lower
    assert row["source"]
    assert frame["incidence_lower"].dropna().between(0, 1).all()
    assert frame["placebo_lower"].dropna().between(0, 1).all()


def test_every_section_has_its_frame(comparison: dc.Comparison) -> None:
    indications = comparison.to_dataframe("indications")
    assert isinstance(indications["status"].dtype, pd.CategoricalDtype)
    assert indications["status"].cat.ordered
    assert list(indications["status"].cat.categories) == [s.value for s in dc.IndicationStatus]
    assert set(indications["drug"]) == set(DRUGS)
    withdrawal = comparison.to_dataframe("withdrawal")
    assert list(withdrawal["drug"]) == [r.drug for r in comparison.withdrawal_risks]
    assert withdrawal["severity"].cat.ordered
    similarity = comparison.to_dataframe("similarity")
    assert len(similarity) == 3 * 3  # three pairs, three bases
    assert similarity["score"].between(0, 1).all()
    with pytest.raises(dc.InvalidArgumentError, match="unknown section 'prices'"):
        comparison.to_dataframe("prices")


def test_standalone_results_have_frames_too(comparison: dc.Comparison) -> None:
    effects = dc.shared_adverse_effects(*DRUGS)
    assert effects.to_dataframe().equals(comparison.to_dataframe("adverse_effects"))
    overlaps = dc.overlapping_indications(*DRUGS)
    assert overlaps.to_dataframe().equals(comparison.to_dataframe("indications"))
    risks = dc.withdrawal_risks(*DRUGS)
    assert risks.to_dataframe().equals(comparison.to_dataframe("withdrawal"))
    similar = dc.similar_drugs("pregabalin", by="mechanisms", limit=3).to_dataframe()
    assert list(similar.columns) == ["rank", "query", "by", "drug", "drug_name", "score"]
    assert list(similar["rank"]) == list(range(1, len(similar) + 1))


def test_catalog_drugs_table(curated: dc.Catalog) -> None:
    frame = catalog_frame(curated, "drugs")
    assert len(frame) == len(curated)
    assert frame["id"].is_unique
    row = frame.set_index("id").loc["pregabalin"]
    pregabalin = curated.lookup_drug("pregabalin")
    assert row["name"] == "pregabalin"
    assert row["dea_schedule"] == pregabalin.dea_schedule.label
    assert row["adverse_effects"] == len(pregabalin.adverse_effects)
    assert row["layers"].startswith("curated")
    assert str(frame["fda_approved"].dtype) == "boolean"


def test_catalog_long_tables(curated: dc.Catalog) -> None:
    drugs = curated.all_drugs()
    indications = catalog_frame(curated, "indications")
    assert len(indications) == sum(len(d.indications) for d in drugs)
    assert indications["status"].cat.ordered
    effects = catalog_frame(curated, "adverse_effects")
    assert len(effects) == sum(len(d.adverse_effects) for d in drugs)
    withdrawal = catalog_frame(curated, "withdrawal")
    assert set(withdrawal["drug"]) == {d.id for d in drugs if d.withdrawal is not None}
    assert set(CATALOG_TABLES) == {"drugs", "indications", "adverse_effects", "withdrawal"}


def test_catalog_table_names_are_checked(curated: dc.Catalog) -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown table 'prices'.*drugs"):
        catalog_frame(curated, "prices")
    with pytest.raises(dc.InvalidArgumentTypeError):
        catalog_frame(curated, 3)  # type: ignore[arg-type]


def test_missing_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, comparison: dc.Comparison
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'drugcompare\[pandas\]'"):
        comparison.to_dataframe()
    with pytest.raises(dc.MissingDependencyError):
        dc.withdrawal_risks("baclofen").to_dataframe()
