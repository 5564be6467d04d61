"""Collections of drugs a lookup returns (a search, the whole catalog, the drugs for a
condition), with short reprs and table views like the comparison results'."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .. import _convert, _display, _document
from .._errors import InvalidArgumentError
from ..model import Condition, Drug, Indication, IndicationStatus
from .collections import to_json

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DrugList", "Drugs", "DrugsFor"]

REPR_ITEMS = 5


def _short(drugs: Iterable[Drug]) -> str:
    items = list(drugs)
    shown = ", ".join(d.id for d in items[:REPR_ITEMS])
    more = f", ... +{len(items) - REPR_ITEMS} more" if len(items) > REPR_ITEMS else ""
    return f"{len(items)}: [{shown}{more}]"


def _plain(drug: Drug) -> dict[str, Any]:
    return {"id": drug.id, "name": drug.name, "brand_names": list(drug.brand_names)}


class _Views:
    """Table, HTML, plain data and DataFrame views of a drug collection."""

    _view = "drugs"

    def to_table(self, tablefmt: str = "simple", *, limit: int | None = 25) -> str:
        """One row per drug (tabulate's ``tablefmt``); ``limit`` rows at most (None for all)."""
        text: str = _display.call(f"{self._view}_text", self, tablefmt=tablefmt, limit=limit)
        return text

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        text: str = _display.call(f"{self._view}_html", self)
        return text

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame, one row per drug (needs ``drugcompare[pandas]``)."""
        frame: pd.DataFrame = _display.call(f"{self._view}_frame", self)
        return frame

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as a JSON string."""
        return to_json(self.to_list(), indent)

    def to_list(self) -> list[dict[str, Any]]:  # pragma: no cover - overridden
        raise NotImplementedError


class DrugList(_Views, list[Drug]):
    """What :func:`~drugcompare.search_drugs` returns: the matching drugs, best first, as a list
    that shows as a table (``str()``, ``to_table()``, HTML in Jupyter)."""

    def __init__(self, items: Iterable[Drug] = (), *, query: str | None = None) -> None:
        super().__init__(items)
        self.query = query
        """The text that was searched for."""

    def __repr__(self) -> str:
        return f"DrugList({_short(self)})"

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data: ``{"id", "name", "brand_names"}`` per drug."""
        return [_plain(d) for d in self]


class Drugs(_Views, tuple[Drug, ...]):
    """A tuple of drugs (what :func:`~drugcompare.all_drugs` returns) that shows as a table."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_short(self)})"

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data: ``{"id", "name", "brand_names"}`` per drug."""
        return [_plain(d) for d in self]


class DrugsFor(Drugs):
    """What :func:`~drugcompare.drugs_for` returns: the drugs with an indication for a condition
    or a narrower one, sorted by name, each with the indications that put it there (``matches``),
    so a table can say which status, product and source each drug's use has."""

    _view = "drugs_for"
    condition: Condition
    """The condition asked for."""
    statuses: frozenset[IndicationStatus] | None
    """The statuses asked for (None: every status)."""
    matches: Mapping[str, tuple[Indication, ...]]
    """Per drug id: its indications for the condition or a narrower one (of the asked statuses)."""
    as_of: tuple[tuple[str, str], ...]
    """``(layer id, date)`` of the catalog's dated layers: later approvals are not known."""

    def __new__(
        cls,
        drugs: Iterable[Drug] = (),
        *,
        condition: Condition,
        statuses: Iterable[IndicationStatus] | None = None,
        matches: Mapping[str, tuple[Indication, ...]] | None = None,
        as_of: Iterable[tuple[str, str]] = (),
    ) -> DrugsFor:
        made = super().__new__(cls, drugs)
        made.condition = condition
        made.statuses = None if statuses is None else frozenset(statuses)
        made.matches = dict(matches or {})
        made.as_of = tuple(as_of)
        return made

    def __repr__(self) -> str:
        return f"DrugsFor({self.condition.name!r}, {_short(self)})"

    def to_list(self) -> list[dict[str, Any]]:
        """Plain data: per drug its id, name and the matching indications with their sources."""
        return [
            {
                **_plain(d),
                "indications": [_convert.unstructure(i) for i in self.matches.get(d.id, ())],
            }
            for d in self
        ]

    def to_document(self) -> dict[str, Any]:
        """A drugcompare JSON document (kind ``drugs_for``, ``docs/json.md``): the condition,
        the statuses asked for, the drugs, and per drug id the indications that put it there,
        each source and condition written once in a top-level table."""
        body: dict[str, Any] = {
            "condition": _convert.unstructure_compact(self.condition),
            "statuses": None if self.statuses is None else sorted(s.value for s in self.statuses),
            "drugs": [_plain(d) for d in self],
            "matches": {
                drug_id: [_convert.unstructure_compact(i) for i in indications]
                for drug_id, indications in self.matches.items()
            },
            "as_of": [list(pair) for pair in self.as_of],
        }
        return _document.pack("drugs_for", body)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_document` as a JSON string (``drugcompare for CONDITION --format json``)."""
        return to_json(self.to_document(), indent)

    @classmethod
    def from_document(cls, document: object, drugs: Iterable[Drug]) -> DrugsFor:
        """The result a :meth:`to_document` document describes; ``drugs`` are the drugs its
        ``drugs`` list names, in that order (:func:`drugcompare.from_json` looks them up)."""
        _kind, body = _document.unpack(document, "drugs_for")
        found = tuple(drugs)
        listed = [d.get("id") if isinstance(d, dict) else d for d in body.get("drugs", ())]
        if listed != [d.id for d in found]:
            raise InvalidArgumentError(f"the document lists {listed}, not {[d.id for d in found]}")
        try:
            condition = _convert.structure(
                body["condition"], Condition, file=None, record="condition"
            )
            statuses = body.get("statuses")
            matches = {
                drug_id: tuple(
                    _convert.structure(i, Indication, file=None, record=drug_id) for i in items
                )
                for drug_id, items in body.get("matches", {}).items()
            }
            return cls(
                found,
                condition=condition,
                statuses=None if statuses is None else [IndicationStatus(s) for s in statuses],
                matches=matches,
                as_of=[(a, b) for a, b in body.get("as_of", ())],
            )
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise InvalidArgumentError(f"malformed drugs_for document: {exc!r}") from None
