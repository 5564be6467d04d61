"""Whole-catalog pandas tables (``Catalog.to_dataframe(table=...)``): drugs, indications,
adverse effects and withdrawal, one row per observation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Drug, IndicationStatus
from .frame import (
    FREQUENCY_COLUMNS,
    SEVERITIES,
    STATUSES,
    WITHDRAWAL_COLUMNS,
    Tidy,
    first_source,
    frequency_columns,
    pandas_module,
    to_frame,
    withdrawal_row,
)
from .list_frame import INDICATION_COLUMNS, indication_row

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CATALOG_TABLES", "catalog_frame", "catalog_rows"]

CATALOG_TABLES = ("drugs", "indications", "adverse_effects", "withdrawal")


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


def _indication_rows(drug: Drug) -> Iterable[dict[str, Any]]:
    return (indication_row(drug, indication, with_note=True) for indication in drug.indications)


_CATALOG_EFFECT_COLUMNS = [
    "drug",
    "drug_name",
    "term",
    "umls_cui",
    *FREQUENCY_COLUMNS,
    "source",
    "source_url",
    "layer",
]


def _effect_rows(drug: Drug) -> Iterable[dict[str, Any]]:
    for effect in drug.adverse_effects:
        freq = effect.frequency
        source, url, layer = first_source(effect.frequency_sources)
        yield {
            "drug": drug.id,
            "drug_name": drug.name,
            "term": effect.term,
            "umls_cui": effect.umls_cui,
            **frequency_columns(freq),
            "source": source,
            "source_url": url,
            "layer": layer,
        }


def catalog_rows(drugs: Iterable[Drug], table: str = "drugs") -> Tidy:
    """A whole-catalog table as tidy rows (see :func:`catalog_frame`)."""
    if not isinstance(table, str):
        raise InvalidArgumentTypeError(f"table must be a string, not {type(table).__name__}")
    if table not in CATALOG_TABLES:
        raise InvalidArgumentError(
            f"unknown table {table!r}; choose from: {', '.join(CATALOG_TABLES)}"
        )
    drugs = tuple(drugs)
    if table == "drugs":
        return Tidy(
            [_drug_row(d) for d in drugs], _DRUG_COLUMNS, {"withdrawal_severity": SEVERITIES}
        )
    if table == "indications":
        rows = [row for d in drugs for row in _indication_rows(d)]
        return Tidy(rows, INDICATION_COLUMNS, {"status": STATUSES})
    if table == "adverse_effects":
        return Tidy([row for d in drugs for row in _effect_rows(d)], _CATALOG_EFFECT_COLUMNS)
    risks = [withdrawal_row(r) for d in drugs for r in d.withdrawal_risks]
    return Tidy(risks, WITHDRAWAL_COLUMNS, {"severity": SEVERITIES})


def catalog_frame(drugs: Iterable[Drug], table: str = "drugs") -> pd.DataFrame:
    """A whole-catalog table (what ``Catalog.to_dataframe(table=...)`` returns).

    ``table`` is one of:

    - ``"drugs"``: one row per drug: names, kind, FDA approval, DEA schedule, withdrawal
      severity, counts of boxed warnings, indications, approved indications, adverse effects and
      mechanisms, main identifiers and the layers its facts come from;
    - ``"indications"``: one row per drug and indication (status as an ordered category);
    - ``"adverse_effects"``: one row per drug and adverse effect, with the headline frequency
      (incidence and placebo bounds as fractions);
    - ``"withdrawal"``: one row per withdrawal entry (a drug whose products differ has one per
      product group).

    Builds every drug of the catalog (seconds for the full default catalog).
    """
    if isinstance(table, str) and table in CATALOG_TABLES:
        pandas_module()
    return to_frame(catalog_rows(drugs, table))
