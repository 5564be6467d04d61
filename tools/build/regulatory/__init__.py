"""The regulatory layers (issue 12): Orange Book, Drugs@FDA, MEDI, NCATS approvals and the DEA
list, one layer per source, in precedence order.

Entry point: :func:`build_layers` (``(file name, layer dict)`` pairs and the report lines of the
measured joins). :func:`identity_for` gives other build modules the same ingredient -> drug id
rule (:class:`tools.build.regulatory.identity.Identity`): ``Identity.resolve(names, unii, rxcui)``
for one active ingredient and ``Identity.resolve_all([...])`` / ``Identity.ingredients("A; B")``
for an ingredient list (the single drug or the combination drug); ``Regulatory(raw,
hub).layers()`` builds the layers and keeps that identity (``.identity``) with the drugs it made.
Run ``python -m tools.build.regulatory`` to print the measurements. The rules are in
docs/regulatory.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..backbone.hub import Hub
from .build import Regulatory
from .identity import Identity
from .medi_read import hints

__all__ = ["LAYER_IDS", "Identity", "Regulatory", "build_layers", "identity_for"]

LAYER_IDS = ("orange-book", "drugsatfda", "medi", "ncats-approvals", "dea")


def identity_for(raw: Path, hub: Hub) -> Identity:
    """The identity resolver with MEDI's hints. Call it after :func:`build_layers` with the same
    hub: the drugs the regulatory build made (``Hub.extra_drug``) are then known by name and by
    the identifiers they took from MEDI; combination ids follow from their ingredients."""
    return Identity(hub, hints(raw))


def build_layers(raw: Path, hub: Hub) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The regulatory layers in precedence order and the report lines of their joins."""
    regulatory = Regulatory(raw, hub)
    layers = regulatory.layers()
    return [(layer_id, layers[layer_id]) for layer_id in LAYER_IDS], regulatory.report
