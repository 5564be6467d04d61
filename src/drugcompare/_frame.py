"""pandas tables of comparison results and of a whole catalog (the optional ``pandas`` extra).

pandas is imported only when a table is asked for; without it the caller gets a
:class:`MissingDependencyError` that names the extra to install. Tables are tidy (one row per
observation), figures stay fractions (0.05 = 5 %), and each row names its first source.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._errors import DrugCompareError, InvalidArgumentError, InvalidArgumentTypeError
from ._models import Drug, Frequency, IndicationStatus, Source, WithdrawalRisk, WithdrawalSeverity

if TYPE_CHECKING:
    import pandas as pd

    from ._catalog import Catalog
    from ._compare import (
        Comparison,
        IndicationOverlap,
        SharedAdverseEffect,
        SimilarDrugs,
        SimilarityScore,
    )

__all__ = ["CATALOG_TABLES", "COMPARISON_SECTIONS", "MissingDependencyError", "catalog_frame"]


class MissingDependencyError(DrugCompareError, ModuleNotFoundError):
    """An optional dependency is not installed (also a :class:`ModuleNotFoundError`).

    The message names the extra that installs it, e.g. ``pip install 'drugcompare[plot]'``;
    ``.name`` is the missing module.
    """


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependencyError` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{what} needs {module}, which is not installed: pip install 'drugcompare[{extra}]'",
            name=module,
        ) from exc


def _pandas() -> Any:
    return require("pandas", "pandas", "a DataFrame")


COMPARISON_SECTIONS = ("adverse_effects", "indications", "withdrawal", "similarity")
CATALOG_TABLES = ("drugs", "indications", "adverse_effects", "withdrawal")

_STATUSES = [s.value for s in IndicationStatus]
_SEVERITIES = [s.value for s in WithdrawalSeverity]


def _source(sources: Sequence[Source]) -> tuple[str | None, str | None, str | None]:
    """The first source as (``"id section"``, url, layer)."""
    if not sources:
        return None, None, None
    first = sources[0]
    text = f"{first.id} {first.section}" if first.section else first.id
    return text, first.url, first.layer


def _frame(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    categories: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame(list(rows), columns=list(columns))
    for column, values in (categories or {}).items():
        frame[column] = pandas.Categorical(frame[column], categories=values, ordered=True)
    return frame


_FREQUENCY_COLUMNS = [
    "incidence_lower",
    "incidence_upper",
    "placebo_lower",
    "placebo_upper",
    "frequency_label",
    "population",
    "incidence_text",
]


def _frequency(freq: Frequency | None) -> dict[str, Any]:
    from ._render import frequency_text

    if freq is None:
        return dict.fromkeys(_FREQUENCY_COLUMNS) | {"incidence_text": "listed"}
    return {
        "incidence_lower": freq.lower,
        "incidence_upper": freq.upper,
        "placebo_lower": freq.placebo_lower,
        "placebo_upper": freq.placebo_upper,
        "frequency_label": freq.label,
        "population": freq.population,
        "incidence_text": frequency_text(freq),
    }


# --------------------------------------------------------------------------- comparison results

_EFFECT_COLUMNS = [
    "term",
    "umls_cui",
    "drug",
    "drug_name",
    *_FREQUENCY_COLUMNS,
    "source",
    "source_url",
    "layer",
]


def effects_frame(effects: Sequence[SharedAdverseEffect]) -> pd.DataFrame:
    """One row per shared effect and drug, in the order of the results."""
    _pandas()
    rows = []
    for shared in effects:
        for entry in shared.entries:
            freq = entry.frequency
            source, url, layer = _source(entry.effect.frequency_sources)
            rows.append(
                {
                    "term": shared.term,
                    "umls_cui": shared.umls_cui,
                    "drug": entry.drug,
                    "drug_name": entry.drug_name,
                    **_frequency(freq),
                    "source": source,
                    "source_url": url,
                    "layer": layer,
                }
            )
    return _frame(rows, _EFFECT_COLUMNS)


_OVERLAP_COLUMNS = [
    "condition_id",
    "condition",
    "match",
    "drug",
    "drug_name",
    "indicated_condition_id",
    "indicated_condition",
    "status",
    "product",
    "note",
    "source",
    "source_url",
    "layer",
]


def overlaps_frame(overlaps: Sequence[IndicationOverlap]) -> pd.DataFrame:
    """One row per overlapping condition, drug and supporting indication."""
    _pandas()
    rows = []
    for overlap in overlaps:
        for entry in overlap.entries:
            for indication in entry.indications:
                source, url, layer = _source(indication.sources)
                rows.append(
                    {
                        "condition_id": overlap.condition.id,
                        "condition": overlap.condition.name,
                        "match": overlap.match,
                        "drug": entry.drug,
                        "drug_name": entry.drug_name,
                        "indicated_condition_id": indication.condition.id,
                        "indicated_condition": indication.condition.name,
                        "status": indication.status.value,
                        "product": indication.product,
                        "note": indication.note,
                        "source": source,
                        "source_url": url,
                        "layer": layer,
                    }
                )
    return _frame(rows, _OVERLAP_COLUMNS, {"status": _STATUSES})


_WITHDRAWAL_COLUMNS = [
    "drug",
    "drug_name",
    "severity",
    "boxed_warning",
    "rule",
    "symptoms",
    "onset",
    "taper",
    "dependence",
    "note",
    "source",
    "source_url",
    "layer",
]


def _withdrawal_row(risk: WithdrawalRisk) -> dict[str, Any]:
    source, url, layer = _source(risk.sources)
    return {
        "drug": risk.drug,
        "drug_name": risk.drug_name,
        "severity": risk.severity.value,
        "boxed_warning": risk.boxed_warning,
        "rule": risk.rule,
        "symptoms": "; ".join(risk.symptoms) or None,
        "onset": risk.onset,
        "taper": risk.taper,
        "dependence": risk.dependence,
        "note": risk.note,
        "source": source,
        "source_url": url,
        "layer": layer,
    }


def withdrawal_frame(risks: Sequence[WithdrawalRisk]) -> pd.DataFrame:
    """One row per drug, most severe first (the order of the results)."""
    _pandas()
    frame = _frame(
        (_withdrawal_row(r) for r in risks), _WITHDRAWAL_COLUMNS, {"severity": _SEVERITIES}
    )
    frame["rule"] = frame["rule"].astype("Int64")
    return frame


def similarity_frame(scores: Sequence[SimilarityScore]) -> pd.DataFrame:
    """One row per pair of drugs and basis."""
    _pandas()
    rows = [
        {"drug_a": s.drug_a, "drug_b": s.drug_b, "by": s.by, "score": s.score, "shared": s.shared}
        for s in scores
    ]
    return _frame(rows, ["drug_a", "drug_b", "by", "score", "shared"])


def similar_frame(similar: SimilarDrugs) -> pd.DataFrame:
    """One row per similar drug, best first."""
    _pandas()
    rows = [
        {
            "rank": rank,
            "query": similar.query.id,
            "by": similar.by,
            "drug": drug.id,
            "drug_name": drug.name,
            "score": score,
        }
        for rank, (drug, score) in enumerate(similar, 1)
    ]
    return _frame(rows, ["rank", "query", "by", "drug", "drug_name", "score"])


def comparison_frame(comparison: Comparison, section: str = "adverse_effects") -> pd.DataFrame:
    """One section of a comparison as a tidy DataFrame (see ``Comparison.to_dataframe``)."""
    if not isinstance(section, str):
        raise InvalidArgumentTypeError(f"section must be a string, not {type(section).__name__}")
    if section == "adverse_effects":
        return effects_frame(comparison.shared_adverse_effects)
    if section == "indications":
        return overlaps_frame(comparison.overlapping_indications)
    if section == "withdrawal":
        return withdrawal_frame(comparison.withdrawal_risks)
    if section == "similarity":
        return similarity_frame(comparison.similarities)
    raise InvalidArgumentError(
        f"unknown section {section!r}; choose from: {', '.join(COMPARISON_SECTIONS)}"
    )


# --------------------------------------------------------------------------- catalog tables

_DRUG_COLUMNS = [
    "id",
    "name",
    "brand_names",
    "kind",
    "fda_approved",
    "first_approval_year",
    "max_phase",
    "dea_schedule",
    "withdrawal_severity",
    "boxed_warnings",
    "market_withdrawn",
    "indications",
    "approved_indications",
    "adverse_effects",
    "mechanisms",
    "rxcui",
    "drugbank",
    "chembl",
    "unii",
    "atc_codes",
    "layers",
]


def _drug_row(drug: Drug) -> dict[str, Any]:
    approval = drug.approval
    ids = drug.identifiers
    layers: dict[str, None] = {}
    for facts in (
        drug.sources,
        *(i.sources for i in drug.indications),
        *(e.sources for e in drug.adverse_effects),
        *(m.sources for m in drug.mechanisms),
    ):
        for source in facts:
            layers.setdefault(source.layer)
    return {
        "id": drug.id,
        "name": drug.name,
        "brand_names": "; ".join(drug.brand_names) or None,
        "kind": drug.kind.value,
        "fda_approved": approval.fda_approved if approval else None,
        "first_approval_year": approval.first_approval_year if approval else None,
        "max_phase": approval.max_phase if approval else None,
        "dea_schedule": drug.dea_schedule.label if drug.dea_schedule else None,
        "withdrawal_severity": drug.withdrawal.severity.value if drug.withdrawal else None,
        "boxed_warnings": len(drug.boxed_warnings),
        "market_withdrawn": bool(drug.market_withdrawals),
        "indications": len({i.condition.id for i in drug.indications}),
        "approved_indications": len(
            {i.condition.id for i in drug.indications_with(IndicationStatus.APPROVED)}
        ),
        "adverse_effects": len(drug.adverse_effects),
        "mechanisms": len(drug.mechanisms),
        "rxcui": "; ".join(ids.rxcui) or None,
        "drugbank": "; ".join(ids.drugbank) or None,
        "chembl": "; ".join(ids.chembl) or None,
        "unii": "; ".join(ids.unii) or None,
        "atc_codes": "; ".join(drug.atc_codes) or None,
        "layers": "; ".join(layers),
    }


_INDICATION_COLUMNS = [
    "drug",
    "drug_name",
    "condition_id",
    "condition",
    "status",
    "product",
    "note",
    "source",
    "source_url",
    "layer",
]


def _indication_rows(drug: Drug) -> Iterable[dict[str, Any]]:
    for indication in drug.indications:
        source, url, layer = _source(indication.sources)
        yield {
            "drug": drug.id,
            "drug_name": drug.name,
            "condition_id": indication.condition.id,
            "condition": indication.condition.name,
            "status": indication.status.value,
            "product": indication.product,
            "note": indication.note,
            "source": source,
            "source_url": url,
            "layer": layer,
        }


_CATALOG_EFFECT_COLUMNS = [
    "drug",
    "drug_name",
    "term",
    "umls_cui",
    *_FREQUENCY_COLUMNS,
    "source",
    "source_url",
    "layer",
]


def _effect_rows(drug: Drug) -> Iterable[dict[str, Any]]:
    for effect in drug.adverse_effects:
        freq = effect.frequency
        source, url, layer = _source(effect.frequency_sources)
        yield {
            "drug": drug.id,
            "drug_name": drug.name,
            "term": effect.term,
            "umls_cui": effect.umls_cui,
            **_frequency(freq),
            "source": source,
            "source_url": url,
            "layer": layer,
        }


def catalog_frame(catalog: Catalog, table: str = "drugs") -> pd.DataFrame:
    """A whole-catalog table (what ``Catalog.to_dataframe(table=...)`` returns).

    ``table`` is one of:

    - ``"drugs"``: one row per drug: names, kind, FDA approval, DEA schedule, withdrawal
      severity, counts of boxed warnings, indications, approved indications, adverse effects and
      mechanisms, main identifiers and the layers its facts come from;
    - ``"indications"``: one row per drug and indication (status as an ordered category);
    - ``"adverse_effects"``: one row per drug and adverse effect, with the headline frequency
      (incidence and placebo bounds as fractions);
    - ``"withdrawal"``: one row per drug that has a withdrawal record.

    Builds every drug of the catalog (seconds for the full default catalog).
    """
    if not isinstance(table, str):
        raise InvalidArgumentTypeError(f"table must be a string, not {type(table).__name__}")
    if table not in CATALOG_TABLES:
        raise InvalidArgumentError(
            f"unknown table {table!r}; choose from: {', '.join(CATALOG_TABLES)}"
        )
    _pandas()
    drugs = catalog.all_drugs()
    if table == "drugs":
        frame = _frame(
            (_drug_row(d) for d in drugs), _DRUG_COLUMNS, {"withdrawal_severity": _SEVERITIES}
        )
        frame["fda_approved"] = frame["fda_approved"].astype("boolean")
        for column in ("first_approval_year", "max_phase"):
            frame[column] = frame[column].astype("Int64")
        return frame
    if table == "indications":
        rows = (row for d in drugs for row in _indication_rows(d))
        return _frame(rows, _INDICATION_COLUMNS, {"status": _STATUSES})
    if table == "adverse_effects":
        rows = (row for d in drugs for row in _effect_rows(d))
        return _frame(rows, _CATALOG_EFFECT_COLUMNS)
    risks = (_withdrawal_row(d.withdrawal) for d in drugs if d.withdrawal is not None)
    frame = _frame(risks, _WITHDRAWAL_COLUMNS, {"severity": _SEVERITIES})
    frame["rule"] = frame["rule"].astype("Int64")
    return frame
