"""pandas tables of comparison results (the optional ``pandas`` extra).

pandas is imported only when a table is asked for; without it the caller gets a
:class:`~drugcompare.MissingDependencyError` that names the extra to install. Tables are tidy (one
row per observation), figures stay fractions (0.05 = 5 %), and each row names its first source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._compare.comparison import Comparison
from .._compare.results import SECTIONS, IndicationOverlap, SharedAdverseEffect, SimilarityScore
from .._errors import InvalidArgumentError, InvalidArgumentTypeError, require
from ..model import (
    Frequency,
    IndicationStatus,
    Source,
    WithdrawalRisk,
    WithdrawalSeverity,
)
from .common import frequency_text, label_date

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FREQUENCY_COLUMNS",
    "SEVERITIES",
    "STATUSES",
    "WITHDRAWAL_COLUMNS",
    "comparison_frame",
    "effects_frame",
    "first_source",
    "frequency_columns",
    "make_frame",
    "overlaps_frame",
    "pandas_module",
    "similarity_frame",
    "withdrawal_frame",
    "withdrawal_row",
]


def pandas_module() -> Any:
    return require("pandas", "pandas", "a DataFrame")


STATUSES = [s.value for s in IndicationStatus]


SEVERITIES = [s.value for s in WithdrawalSeverity]


def first_source(sources: Sequence[Source]) -> tuple[str | None, str | None, str | None]:
    """The first source as (``"id section"``, url, layer)."""
    if not sources:
        return None, None, None
    first = sources[0]
    text = f"{first.id} {first.section}" if first.section else first.id
    return text, first.url, first.layer


@attrs.frozen
class Tidy:
    """A tidy table without pandas: rows (one dict per observation), column order, and the
    ordered categories of some columns; a DataFrame (:func:`to_frame`) or CSV comes from it."""

    rows: list[dict[str, Any]]
    columns: Sequence[str]
    categories: dict[str, list[str]] = attrs.Factory(dict)


_INTEGERS = ("rule", "first_approval_year", "max_phase", "n", "placebo_n")
_BOOLEANS = ("fda_approved",)


def make_frame(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    categories: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    pandas = pandas_module()
    frame: pd.DataFrame = pandas.DataFrame(list(rows), columns=list(columns))
    for column, values in (categories or {}).items():
        frame[column] = pandas.Categorical(frame[column], categories=values, ordered=True)
    for column in _INTEGERS:
        if column in frame.columns:
            frame[column] = frame[column].astype("Int64")
    for column in _BOOLEANS:
        if column in frame.columns:
            frame[column] = frame[column].astype("boolean")
    return frame


def to_frame(tidy: Tidy) -> pd.DataFrame:
    """A tidy table as a pandas DataFrame (needs ``drugcompare[pandas]``)."""
    return make_frame(tidy.rows, tidy.columns, tidy.categories)


FREQUENCY_COLUMNS = [
    "incidence_lower",
    "incidence_upper",
    "placebo_lower",
    "placebo_upper",
    "frequency_label",
    "origin",
    "table",
    "arm",
    "n",
    "placebo_n",
    "population",
    "products",
    "incidence_text",
]


def frequency_columns(freq: Frequency | None) -> dict[str, Any]:
    if freq is None:
        return dict.fromkeys(FREQUENCY_COLUMNS) | {"incidence_text": "listed"}
    return {
        "incidence_lower": freq.lower,
        "incidence_upper": freq.upper,
        "placebo_lower": freq.placebo_lower,
        "placebo_upper": freq.placebo_upper,
        "frequency_label": freq.label,
        "origin": freq.origin.value if freq.origin else None,
        "table": freq.table,
        "arm": freq.arm,
        "n": freq.n,
        "placebo_n": freq.placebo_n,
        "population": freq.population,
        "products": "; ".join(freq.products) or None,
        "incidence_text": frequency_text(freq),
    }


_EFFECT_COLUMNS = [
    "term",
    "umls_cui",
    "drug",
    "drug_name",
    *FREQUENCY_COLUMNS,
    "source",
    "source_url",
    "layer",
]


def effects_rows(effects: Sequence[SharedAdverseEffect]) -> Tidy:
    """One row per shared effect and drug, in the order of the results."""
    rows = []
    for shared in effects:
        for entry in shared.entries:
            freq = entry.frequency
            source, url, layer = first_source(entry.effect.frequency_sources)
            rows.append(
                {
                    "term": shared.term,
                    "umls_cui": shared.umls_cui,
                    "drug": entry.drug,
                    "drug_name": entry.drug_name,
                    **frequency_columns(freq),
                    "source": source,
                    "source_url": url,
                    "layer": layer,
                }
            )
    return Tidy(rows, _EFFECT_COLUMNS)


_OVERLAP_COLUMNS = [
    "condition_id",
    "condition",
    "match",
    "drug",
    "drug_name",
    "indicated_condition_id",
    "indicated_condition",
    "status",
    "products",
    "population",
    "note",
    "label_date",
    "source",
    "source_url",
    "layer",
]


def effects_frame(effects: Sequence[SharedAdverseEffect]) -> pd.DataFrame:
    """One row per shared effect and drug, in the order of the results."""
    return to_frame(effects_rows(effects))


def overlaps_rows(overlaps: Sequence[IndicationOverlap]) -> Tidy:
    """One row per overlapping condition, drug and supporting indication."""
    rows = []
    for overlap in overlaps:
        for entry in overlap.entries:
            for indication in entry.indications:
                source, url, layer = first_source(indication.sources)
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
                        "products": indication.scope,
                        "population": indication.population,
                        "note": indication.note,
                        "label_date": label_date(indication.sources),
                        "source": source,
                        "source_url": url,
                        "layer": layer,
                    }
                )
    return Tidy(rows, _OVERLAP_COLUMNS, {"status": STATUSES})


WITHDRAWAL_COLUMNS = [
    "drug",
    "drug_name",
    "products",
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


def overlaps_frame(overlaps: Sequence[IndicationOverlap]) -> pd.DataFrame:
    """One row per overlapping condition, drug and supporting indication."""
    return to_frame(overlaps_rows(overlaps))


def withdrawal_row(risk: WithdrawalRisk) -> dict[str, Any]:
    source, url, layer = first_source(risk.sources)
    return {
        "drug": risk.drug,
        "drug_name": risk.drug_name,
        "products": risk.scope,
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


def withdrawal_rows(risks: Sequence[WithdrawalRisk]) -> Tidy:
    """One row per drug, most severe first (the order of the results)."""
    return Tidy([withdrawal_row(r) for r in risks], WITHDRAWAL_COLUMNS, {"severity": SEVERITIES})


def withdrawal_frame(risks: Sequence[WithdrawalRisk]) -> pd.DataFrame:
    """One row per drug, most severe first (the order of the results)."""
    return to_frame(withdrawal_rows(risks))


def similarity_rows(scores: Sequence[SimilarityScore]) -> Tidy:
    """One row per pair of drugs and basis."""
    rows = [
        {"drug_a": s.drug_a, "drug_b": s.drug_b, "by": s.by, "score": s.score, "shared": s.shared}
        for s in scores
    ]
    return Tidy(rows, ["drug_a", "drug_b", "by", "score", "shared"])


def similarity_frame(scores: Sequence[SimilarityScore]) -> pd.DataFrame:
    """One row per pair of drugs and basis."""
    return to_frame(similarity_rows(scores))


def comparison_rows(comparison: Comparison, section: str = "adverse_effects") -> Tidy:
    """One section of a comparison as a tidy table."""
    if not isinstance(section, str):
        raise InvalidArgumentTypeError(f"section must be a string, not {type(section).__name__}")
    if section == "adverse_effects":
        return effects_rows(comparison.shared_adverse_effects)
    if section == "indications":
        return overlaps_rows(comparison.overlapping_indications)
    if section == "withdrawal":
        return withdrawal_rows(comparison.withdrawal_risks)
    if section == "similarity":
        return similarity_rows(comparison.similarities)
    raise InvalidArgumentError(f"unknown section {section!r}; choose from: {', '.join(SECTIONS)}")


def comparison_frame(comparison: Comparison, section: str = "adverse_effects") -> pd.DataFrame:
    """One section of a comparison as a tidy DataFrame (see ``Comparison.to_dataframe``)."""
    pandas_module()
    return to_frame(comparison_rows(comparison, section))
