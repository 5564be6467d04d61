"""The status rule, written once and applied to every layer after they are built
(docs/merge-rules.md, "Indication status"):

``APPROVED`` only from the label of an FDA-approved application (NDA, ANDA, BLA) whose active
ingredients are exactly the drug's, or from a curated fact citing such a label. The curated layer
(its validator) and the label layer (its own rule: an application number and one substance) hold
to it when they are built. LabeledIn annotated the section 1 of 2012 DailyMed labels without
saying whether a label was of an approved application, of an unapproved marketed drug or of a
combination product, so its rows keep ``approved`` only when the other sources back them:

1. the regulatory tables list an approved (not tentative) NDA, ANDA or BLA product of exactly that
   ingredient alone; else the row is ``listed`` ("no approved application for this ingredient
   alone");
2. when current labels of the drug were read, at least one is of an approved application; else
   ``listed`` ("the current labels read are of products without an approved application");
3. when a complete reading of the drug's current indications exists (curated facts, read from
   the brand labels by a person, or a label of an NDA or BLA: a generic's label may carve out
   indications still under exclusivity), the row's condition is one of those uses or within two
   levels of one in the condition hierarchy; else ``listed`` ("not on the current label read"):
   a use the 2012 label carried that today's labels do not (gabapentin's restless legs syndrome
   is Horizant's, another active ingredient).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["apply"]

Layers = list[tuple[str, dict[str, Any]]]
_APPLICATION = re.compile(r"(?:NDA|ANDA|BLA)\d{6}\Z")
_NEAR = 2
"""How many levels apart in the condition hierarchy a 2012 use may be from a current one."""


def _approved_alone(layers: Layers) -> set[str]:
    found = set()
    for _, layer in layers:
        for record in layer["drugs"]:
            for product in record.get("products", []):
                if product.get("marketing_status") == "tentative":
                    continue
                if product.get("application_type") not in ("NDA", "ANDA", "BLA"):
                    continue
                if list(product.get("ingredients") or [record["id"]]) == [record["id"]]:
                    found.add(record["id"])
    return found


def _citations(value: Any) -> Iterable[str]:
    if isinstance(value, dict):
        if "doc" in value and isinstance(value["doc"], str):
            yield value["doc"]
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations(item)


def _label_status(layer: dict[str, Any]) -> dict[str, tuple[bool, bool]]:
    """Per drug of the label layer: whether one of its label documents (those its facts cite) is
    of an approved application, and whether one is of an NDA or BLA."""
    documents = layer.get("documents", {})
    out = {}
    for record in layer["drugs"]:
        applications = [documents.get(d, {}).get("application", "") for d in _citations(record)]
        approved = any(_APPLICATION.match(a) for a in applications)
        brand = any(_APPLICATION.match(a) and not a.startswith("ANDA") for a in applications)
        out[record["id"]] = (approved, brand)
    return out


def _parents(layers: Layers) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for _, layer in layers:
        for condition in layer.get("conditions", []):
            parents.setdefault(condition["id"], set()).update(condition.get("parents", ()))
    return parents


def _near(a: str, b: str, parents: dict[str, set[str]]) -> bool:
    """``a`` and ``b`` are the same condition or one is within two levels above the other."""

    def above(start: str) -> set[str]:
        found, frontier = {start}, {start}
        for _ in range(_NEAR):
            frontier = {p for c in frontier for p in parents.get(c, ())} - found
            found |= frontier
        return found

    return b in above(a) or a in above(b)


def apply(layers: Layers) -> list[str]:
    """Apply the rule to the LabeledIn layer in place; returns the report lines."""
    by_name = dict(layers)
    alone = _approved_alone(layers)
    labels = by_name.get("labels", {"drugs": []})
    has_approved_label = _label_status(labels)
    current: dict[str, set[str]] = {}
    complete: set[str] = {drug for drug, (_, brand) in has_approved_label.items() if brand}
    for name in ("curated", "labels"):
        for record in by_name.get(name, {"drugs": []})["drugs"]:
            for indication in record.get("indications", []):
                if indication["status"] == "approved":
                    current.setdefault(record["id"], set()).add(indication["condition"])
                    if name == "curated":
                        complete.add(record["id"])
    parents = _parents(layers)
    counts: Counter[str] = Counter()
    for record in by_name.get("labeledin", {"drugs": []})["drugs"]:
        drug = record["id"]
        for indication in record.get("indications", []):
            if indication["status"] != "approved":
                continue
            why = None
            if drug not in alone:
                why = "no approved application for this ingredient alone (Orange Book, Drugs@FDA)"
            elif drug in has_approved_label and not has_approved_label[drug][0]:
                why = "the current labels read are of products without an approved application"
            elif drug in complete and not any(
                _near(indication["condition"], use, parents) for use in current.get(drug, ())
            ):
                why = "not on the current label read"
            if why is None:
                counts["kept approved"] += 1
                continue
            counts[why] += 1
            indication["status"] = "listed"
            note = indication.get("note", "")
            indication["note"] = f"{note}; listed, not approved: {why}".lstrip("; ")
    return [f"status rule (LabeledIn rows): {dict(sorted(counts.items()))}"]
