"""An indication is filed under the condition its own quote names, not a broader one.

The rule (every layer, every indication that quotes its source): the quotes are matched against
the vocabulary. When they do not name the indication's condition but name exactly one condition
that is narrower than it (a descendant), or a ``qualified.toml`` node that is ``about`` it, the
indication moves to that condition: pregabalin's "Neuropathic pain associated with spinal cord
injury" filed as "Neuralgia" moves to the spinal-cord-injury node, baclofen's "spasticity
resulting from multiple sclerosis" filed as "multiple sclerosis" moves to that node. Several
narrower candidates, or none, leave the indication where it is.
"""

from __future__ import annotations

from typing import Any

import attrs

from .index import Vocabulary
from .pool import Layers

__all__ = ["QuoteRefile", "refile_to_quoted"]


@attrs.frozen
class QuoteRefile:
    """In ``layer``, ``drug``'s indication moved from ``old`` to ``new`` because of ``quote``."""

    layer: str
    drug: str
    old: str
    new: str
    status: str
    quote: str


def refile_to_quoted(layers: Layers, vocabulary: Vocabulary) -> list[QuoteRefile]:
    """Apply the rule of the module docstring in place; returns the moves."""
    moves: list[QuoteRefile] = []
    for layer_name, layer in layers:
        conditions = {c["id"]: c for c in layer.get("conditions", [])}
        added = False
        for drug in layer.get("drugs", []):
            for indication in drug.get("indications", []):
                quotes = [c["quote"] for c in indication.get("cite", []) if c.get("quote")]
                if not quotes:
                    continue
                current = indication["condition"]
                found = {m.condition for q in quotes for m in vocabulary.match(q)}
                if current in found:
                    continue
                narrower = {
                    cid
                    for cid in found
                    if current in vocabulary.ancestors(cid)
                    or current in vocabulary.about.get(cid, ())
                }
                if len(narrower) != 1:
                    continue
                new = narrower.pop()
                indication["condition"] = new
                moves.append(
                    QuoteRefile(
                        layer_name, drug["id"], current, new, indication["status"], quotes[0]
                    )
                )
                for record in vocabulary.records_for([new]):
                    if record["id"] not in conditions:
                        conditions[record["id"]] = _copy(record)
                        added = True
        if added:
            layer["conditions"] = [conditions[k] for k in sorted(conditions)]
    return moves


def _copy(record: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in record.items()}
