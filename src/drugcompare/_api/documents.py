"""Reading a drugcompare JSON document back into the object it describes (``from_json``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._compare.comparison import Comparison
from .._compare.drugs import DrugsFor
from .._errors import InvalidArgumentError
from ..model import Drug

__all__ = ["read_document"]


def read_document(
    document: str | bytes | Mapping[str, Any], by_id: Callable[[str], Drug]
) -> Comparison | Drug | DrugsFor:
    """The comparison, drug or drugs-for result a document describes (see
    :meth:`drugcompare.Catalog.from_json`); ``by_id`` gives the catalog's drug of an id."""
    if isinstance(document, (str, bytes, bytearray)):
        import json

        try:
            data: object = json.loads(document)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidArgumentError(f"not JSON: {exc}") from None
    else:
        data = document
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind == "drug":
        return Drug.from_document(data)
    if kind in ("comparison", "drugs_for") and isinstance(data, dict):
        body = data.get("data")
        listed = body.get("drugs") if isinstance(body, dict) else None
        if not isinstance(listed, list):
            raise InvalidArgumentError(f'a {kind} document needs a "drugs" list')
        ids = [d.get("id") if isinstance(d, dict) else d for d in listed]
        drugs = []
        for drug_id in ids:
            if not isinstance(drug_id, str):
                raise InvalidArgumentError(f'the "drugs" of a {kind} document need string ids')
            drugs.append(by_id(drug_id))
        if kind == "comparison":
            return Comparison.from_document(data, drugs)
        return DrugsFor.from_document(data, drugs)
    # Anything else: let the document reader say what is wrong with it.
    return Drug.from_document(data)
