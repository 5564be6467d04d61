"""Tidy rows and pandas DataFrames of the drug lists: the drugs most similar to one, a search or
the whole catalog, the drugs for a condition (one row per drug and matching indication)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._compare.collections import SimilarDrugs
from .._compare.drugs import DrugsFor
from ..model import Drug, Indication
from .frame import STATUSES, Tidy, first_source, to_frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "INDICATION_COLUMNS",
    "drugs_for_frame",
    "drugs_for_rows",
    "drugs_frame",
    "drugs_rows",
    "indication_row",
    "similar_frame",
    "similar_rows",
]


def similar_rows(similar: SimilarDrugs) -> Tidy:
    """One row per similar drug, best first."""
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
    return Tidy(rows, ["rank", "query", "by", "drug", "drug_name", "score"])


def similar_frame(similar: SimilarDrugs) -> pd.DataFrame:
    """One row per similar drug, best first."""
    return to_frame(similar_rows(similar))


def drugs_rows(drugs: Sequence[Drug]) -> Tidy:
    """One row per drug: id, name, brands, kind, FDA approval, DEA schedule."""
    rows = [
        {
            "drug": d.id,
            "drug_name": d.name,
            "brand_names": "; ".join(d.brand_names) or None,
            "kind": d.kind.value,
            "fda_approved": d.approval.fda_approved if d.approval else None,
            "dea_schedule": d.dea_schedule.label if d.dea_schedule else None,
        }
        for d in drugs
    ]
    return Tidy(rows, ["drug", "drug_name", "brand_names", "kind", "fda_approved", "dea_schedule"])


def drugs_frame(drugs: Sequence[Drug]) -> pd.DataFrame:
    """One row per drug: id, name, brands, kind, FDA approval, DEA schedule."""
    return to_frame(drugs_rows(drugs))


INDICATION_COLUMNS = [
    "drug",
    "drug_name",
    "condition_id",
    "condition",
    "status",
    "products",
    "population",
    "note",
    "source",
    "source_url",
    "layer",
]
"""The columns of :func:`indication_row` (``note`` only ``with_note``)."""


def indication_row(drug: Drug, indication: Indication, *, with_note: bool) -> dict[str, Any]:
    """One drug's indication as a tidy row: condition, status, products, population (and note),
    its first source."""
    source, url, layer = first_source(indication.sources)
    row: dict[str, Any] = {
        "drug": drug.id,
        "drug_name": drug.name,
        "condition_id": indication.condition.id,
        "condition": indication.condition.name,
        "status": indication.status.value,
        "products": indication.scope,
        "population": indication.population,
    }
    if with_note:
        row["note"] = indication.note
    row.update(source=source, source_url=url, layer=layer)
    return row


def drugs_for_rows(result: DrugsFor) -> Tidy:
    """One row per drug and matching indication: status, condition, products, population,
    source (what put the drug in the answer)."""
    rows = [
        indication_row(drug, indication, with_note=False)
        for drug in result
        for indication in result.matches.get(drug.id, ())
    ]
    columns = [c for c in INDICATION_COLUMNS if c != "note"]
    return Tidy(rows, columns, {"status": STATUSES})


def drugs_for_frame(result: DrugsFor) -> pd.DataFrame:
    """One row per drug and matching indication: status, condition, products, population,
    source (what put the drug in the answer)."""
    return to_frame(drugs_for_rows(result))
