"""Everything a comparison of two or more drugs found (:class:`Comparison`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .. import _convert, _display, _document
from .._errors import InvalidArgumentError
from ..model import Drug, WithdrawalRisk
from .collections import (
    IndicationOverlaps,
    SharedAdverseEffects,
    SimilarityScores,
    WithdrawalRisks,
    to_json,
)
from .results import IndicationOverlap, SharedAdverseEffect, SimilarityScore

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Comparison"]


def _pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in value)


@attrs.frozen(kw_only=True)
class Comparison:
    """Everything :func:`compare` found, renderable as text, HTML or plain data."""

    drugs: tuple[Drug, ...]
    shared_adverse_effects: tuple[SharedAdverseEffect, ...] = attrs.field(
        converter=SharedAdverseEffects
    )
    """A :class:`SharedAdverseEffects`: every effect all the drugs list, most frequent first."""
    overlapping_indications: tuple[IndicationOverlap, ...] = attrs.field(
        converter=IndicationOverlaps
    )
    """An :class:`IndicationOverlaps`: the conditions every drug is used for."""
    withdrawal_risks: tuple[WithdrawalRisk, ...] = attrs.field(converter=WithdrawalRisks)
    """A :class:`WithdrawalRisks`: one entry per drug, most severe first."""
    similarities: tuple[SimilarityScore, ...] = attrs.field(converter=SimilarityScores)
    """A :class:`SimilarityScores`: Jaccard scores for every pair of drugs and every basis."""
    as_of: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    """``(layer id, date)`` of every dated layer of the catalog: what the answer cannot know
    (approvals, labels and scheduling actions after those dates)."""

    def __repr__(self) -> str:
        return (
            f"<Comparison of {', '.join(d.id for d in self.drugs)}: "
            f"{len(self.shared_adverse_effects)} shared adverse effects, "
            f"{len(self.overlapping_indications)} overlapping indications, "
            f"{len(self.withdrawal_risks)} withdrawal risks>"
        )

    def to_table(
        self,
        tablefmt: str = "simple",
        *,
        sections: Iterable[str] | None = None,
        limit: int | None = 25,
        references: bool = True,
    ) -> str:
        """Render the comparison as text tables with tabulate's ``tablefmt``; ``sections`` picks
        among ``adverse_effects``, ``indications``, ``withdrawal``, ``similarity``; ``limit``
        caps the rows of the adverse-effect table (None for all); ``references`` marks each
        figure with ``[n]`` and lists the sources after the tables."""
        text: str = _display.call(
            "comparison_text",
            self,
            tablefmt=tablefmt,
            sections=sections,
            limit=limit,
            references=references,
        )
        return text

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        text: str = _display.call("comparison_html", self)
        return text

    def to_html(self, *, limit: int | None = 25) -> str:
        """The HTML report Jupyter shows (a self-contained fragment with its own style), with
        ``limit`` adverse-effect rows (None for all); write it to a file to share a comparison."""
        text: str = _display.call("comparison_html", self, limit=limit)
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready); drugs appear as ``{"id", "name"}``, every fact keeps its sources."""
        data: dict[str, Any] = _convert.unstructure(attrs.evolve(self, drugs=()))
        data["drugs"] = [{"id": d.id, "name": d.name} for d in self.drugs]
        return data

    def to_document(self) -> dict[str, Any]:
        """The comparison as a drugcompare JSON document (kind ``comparison``, see
        ``docs/json.md``): each source, figure and condition written once in a top-level table
        and referred to by key; per shared effect and overlapping condition, one entry per drug
        id. :meth:`from_document` reads it back."""
        data: dict[str, Any] = _convert.unstructure_compact(attrs.evolve(self, drugs=()))
        data.pop("drugs", None)
        effects = []
        for shared in data.get("shared_adverse_effects", ()):
            per_drug = {}
            for entry in shared.pop("entries"):
                effect = entry["effect"]
                for key in ("term", "umls_cui"):
                    if effect.get(key) == shared.get(key):
                        effect.pop(key, None)
                per_drug[entry["drug"]] = effect
            effects.append({**shared, "drugs": per_drug})
        overlaps = []
        for overlap in data.get("overlapping_indications", ()):
            per_drug = {e["drug"]: e.get("indications", []) for e in overlap.pop("entries")}
            overlaps.append({**overlap, "drugs": per_drug})
        body: dict[str, Any] = {"drugs": [{"id": d.id, "name": d.name} for d in self.drugs]}
        body.update(data)
        body["shared_adverse_effects"] = effects
        body["overlapping_indications"] = overlaps
        return _document.pack("comparison", body)

    @classmethod
    def from_document(cls, document: object, drugs: Iterable[Drug]) -> Comparison:
        """The comparison a :meth:`to_document` document describes; ``drugs`` are the drugs its
        ``drugs`` list names, in that order (:func:`drugcompare.comparison_from_json` looks them
        up in the catalog)."""
        _kind, body = _document.unpack(document, "comparison")
        found = tuple(drugs)
        names = {d.id: d.name for d in found}
        listed = [d.get("id") if isinstance(d, dict) else d for d in body.pop("drugs", ())]
        if listed != [d.id for d in found]:
            raise InvalidArgumentError(
                f"the document compares {listed}, not {[d.id for d in found]}"
            )
        try:
            for shared in body.get("shared_adverse_effects", ()):
                shared["entries"] = [
                    {
                        "drug": drug_id,
                        "drug_name": names[drug_id],
                        "effect": {
                            "term": shared["term"],
                            **({"umls_cui": shared["umls_cui"]} if "umls_cui" in shared else {}),
                            **effect,
                        },
                    }
                    for drug_id, effect in shared.pop("drugs").items()
                ]
            for overlap in body.get("overlapping_indications", ()):
                overlap["entries"] = [
                    {"drug": drug_id, "drug_name": names[drug_id], "indications": indications}
                    for drug_id, indications in overlap.pop("drugs").items()
                ]
        except KeyError as exc:
            raise InvalidArgumentError(
                f"malformed comparison document: {exc.args[0]!r} is not among its drugs, or a "
                "field of that name is missing"
            ) from None
        except (AttributeError, TypeError) as exc:
            raise InvalidArgumentError(f"malformed comparison document: {exc}") from None
        body["drugs"] = []
        made = _convert.structure(body, cls, file=None, record="comparison")
        return attrs.evolve(made, drugs=found)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_document` as a JSON string (what ``drugcompare compare --format json``
        prints); ``indent=None`` for the most compact form."""
        return to_json(self.to_document(), indent)

    def to_dataframe(self, section: str = "adverse_effects") -> pd.DataFrame:
        """One section as a tidy pandas DataFrame (needs ``pip install 'drugcompare[pandas]'``).

        ``section`` is ``"adverse_effects"`` (one row per effect and drug: incidence and placebo
        bounds as fractions, label, population, source), ``"indications"`` (one row per condition,
        drug and indication: status, product, note, source), ``"withdrawal"`` (one row per drug)
        or ``"similarity"`` (one row per pair of drugs and basis)."""
        frame: pd.DataFrame = _display.call("comparison_frame", self, section=section)
        return frame
