"""The condition of a curated indication or limitation: a Disease Ontology id, a UMLS CUI (named
as MedDRA names it) or a curated slug, with its parent in the ontology."""

from __future__ import annotations

from typing import Any

from .fields import Context, string
from .rules import CONDITION_ID


def condition(
    ctx: Context, where: str, entry: dict[str, Any], conditions: dict[str, dict[str, Any]]
) -> str | None:
    raw_id = entry.get("condition")
    name = string(ctx, where + ".condition_name", entry.get("condition_name"))
    if not isinstance(raw_id, str) or not CONDITION_ID.match(raw_id):
        ctx.error(
            where + ".condition", f"must be DOID:<n>, UMLS:C<7 digits> or DC:<slug>, got {raw_id!r}"
        )
        return None
    onto = ctx.ontology
    if raw_id.startswith("UMLS:") and raw_id[5:] in onto.umls_to_doid:
        condition_id = onto.umls_to_doid[raw_id[5:]]
    else:
        condition_id = raw_id
    if condition_id.startswith("DOID:"):
        if condition_id not in onto.names:
            ctx.error(where + ".condition", f"{condition_id} is not in the Disease Ontology")
            return None
        record = onto.condition(condition_id)
        if "parent" in entry and raw_id.startswith("DOID:"):
            # (A UMLS CUI that the ontology maps to a DOID takes the DOID's parents instead.)
            ctx.error(
                where + ".parent", "only UMLS:/DC: conditions take a parent; a DOID has its own"
            )
    else:
        parent = entry.get("parent")
        parents = []
        if parent is not None:
            if not isinstance(parent, str) or parent not in onto.names:
                ctx.error(
                    where + ".parent", f"must be a DOID of the Disease Ontology, got {parent!r}"
                )
            else:
                parents.append(parent)
        # A UMLS concept is named as MedDRA/SIDER name it ("Spinal cord injury"), not by one
        # curator's description of one indication ("... (spasticity)"), which stays in its note.
        official = ctx.terms.get(condition_id[5:]) if condition_id.startswith("UMLS:") else None
        record = {
            "id": condition_id,
            "name": official or name or condition_id,
            "parents": parents,
            "xrefs": [],
        }
        if condition_id.startswith("UMLS:"):
            record["xrefs"] = [condition_id]
    known = conditions.get(condition_id)
    if known is None:
        conditions[condition_id] = record
        known = record
    else:
        for parent in record["parents"]:
            if parent not in known["parents"]:
                known["parents"] = sorted([*known["parents"], parent])
    return condition_id
