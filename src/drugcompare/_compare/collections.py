"""The collections the comparison functions return: tuples (and one list) of results that render
as tables (``str()``, ``to_table()``, an HTML table in Jupyter, through the render seam) and
export as plain data (``to_list()``, ``to_json()``) or DataFrames (``to_dataframe()``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from .. import _convert, _display, _document
from ..model import Drug, WithdrawalRisk
from .results import IndicationOverlap, SharedAdverseEffect, SimilarityScore

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "IndicationOverlaps",
    "SharedAdverseEffects",
    "SimilarDrugs",
    "SimilarityScores",
    "WithdrawalRisks",
    "to_json",
]

_T = TypeVar("_T")
REPR_ITEMS = 3
"""How many items a collection's ``repr`` names before it says how many more there are."""


def to_json(data: Any, indent: int | None) -> str:
    return _document.dumps(data, indent)


class _Results(tuple[_T, ...]):
    """A tuple of results with the shared export methods; subclasses name their views."""

    __slots__ = ()
    _view = ""

    def __repr__(self) -> str:
        shown = ", ".join(repr(item) for item in self[:REPR_ITEMS])
        more = f", ... +{len(self) - REPR_ITEMS} more" if len(self) > REPR_ITEMS else ""
        return f"{type(self).__name__}({len(self)}: [{shown}{more}])"

    def __str__(self) -> str:
        return self.to_table()

    def to_table(self, tablefmt: str = "simple") -> str:
        """The items as a text table (tabulate's ``tablefmt``)."""
        return self._text(tablefmt=tablefmt)

    def _text(self, **options: Any) -> str:
        text: str = _display.call(f"{self._view}_text", self, **options)
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call(f"{self._view}_html", self)
        return text

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): one dict per item, every fact with its sources."""
        return [_convert.unstructure(item) for item in self]

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return to_json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame (needs ``pip install 'drugcompare[pandas]'``); one row per item
        and drug (see :meth:`Comparison.to_dataframe` for the columns)."""
        frame: pd.DataFrame = _display.call(f"{self._view}_frame", self)
        return frame


class SharedAdverseEffects(_Results[SharedAdverseEffect]):
    """What :func:`~drugcompare.shared_adverse_effects` returns: a tuple of
    :class:`SharedAdverseEffect` that renders as a table (``str()``, ``to_table()``, an HTML table
    in Jupyter) and exports with ``to_list()``, ``to_json()`` and ``to_dataframe()``."""

    __slots__ = ()
    _view = "effects"

    def to_table(
        self, tablefmt: str = "simple", *, limit: int | None = 25, references: bool = True
    ) -> str:
        """One row per effect, one column per drug (tabulate's ``tablefmt``); ``limit`` caps the
        rows (None for all); ``references`` numbers the sources and lists them after the table."""
        return self._text(tablefmt=tablefmt, limit=limit, references=references)


class IndicationOverlaps(_Results[IndicationOverlap]):
    """What :func:`~drugcompare.overlapping_indications` returns: a tuple of
    :class:`IndicationOverlap` with the same rendering and export methods as
    :class:`SharedAdverseEffects`."""

    __slots__ = ()
    _view = "overlaps"

    def to_table(self, tablefmt: str = "simple", *, references: bool = True) -> str:
        """One row per condition, one column per drug with each status and its sources."""
        return self._text(tablefmt=tablefmt, references=references)


class WithdrawalRisks(_Results[WithdrawalRisk]):
    """What :func:`~drugcompare.withdrawal_risks` returns: a tuple of :class:`WithdrawalRisk`,
    most severe first, with the same rendering and export methods as
    :class:`SharedAdverseEffects`."""

    __slots__ = ()
    _view = "withdrawal"

    def to_table(self, tablefmt: str = "simple", *, references: bool = True) -> str:
        """One row per drug: severity, symptoms, onset and taper guidance."""
        return self._text(tablefmt=tablefmt, references=references)


class SimilarityScores(_Results[SimilarityScore]):
    """The pairwise scores of a :class:`Comparison` (``Comparison.similarities``)."""

    __slots__ = ()
    _view = "similarity"

    def to_table(self, tablefmt: str = "simple") -> str:
        """One row per pair of drugs, one column per basis."""
        return self._text(tablefmt=tablefmt)


class SimilarDrugs(list[tuple[Drug, float]]):
    """What :func:`~drugcompare.similar_drugs` returns: a list of ``(Drug, score)`` pairs, best
    first, that renders as a ranked table and knows what it was computed for (``query``, ``by``)."""

    def __init__(self, items: Iterable[tuple[Drug, float]] = (), *, query: Drug, by: str) -> None:
        super().__init__(items)
        self.query = query
        """The drug the others were compared with."""
        self.by = by
        """The basis of the score: ``combined`` (the weighted profile score) or one basis scored
        by Jaccard (``mechanisms``, ``classes``, ``atc``, ``indications``, ``adverse_effects``)."""

    @property
    def query_name(self) -> str:
        return self.query.name

    def __repr__(self) -> str:
        shown = ", ".join(f"{d.id} {s:.2f}" for d, s in self[:5])
        more = f", ... +{len(self) - 5} more" if len(self) > 5 else ""
        return f"SimilarDrugs(to {self.query.id} by {self.by}: [{shown}{more}])"

    def to_table(self, tablefmt: str = "simple") -> str:
        """One row per drug: rank, name, brands and score."""
        text: str = _display.call("similar_drugs_text", self, tablefmt=tablefmt)
        return text

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        text: str = _display.call("similar_drugs_html", self)
        return text

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data (JSON-ready): ``{"id", "name", "score"}`` per drug."""
        return [{"id": drug.id, "name": drug.name, "score": score} for drug, score in self]

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return to_json(self.to_list(), indent)

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per drug (rank, id, name, score)."""
        frame: pd.DataFrame = _display.call("similar_drugs_frame", self)
        return frame
