"""Whole-catalog similarity: Jaccard over every pair of drugs, as an immutable
:class:`SimilarityMatrix`.

Without numpy, each drug's adverse effects (or indications, or mechanisms) become a bit set in a
Python integer and the intersection of two drugs is ``(a & b).bit_count()``. With numpy installed,
all intersections come from one matrix product of the drug x feature incidence matrix (BLAS).
"""

from __future__ import annotations

import array
from collections.abc import Sequence
from typing import Any

from .._errors import DrugNotFoundError, InvalidArgumentTypeError

__all__ = ["SimilarityMatrix", "jaccard_matrix"]


class SimilarityMatrix:
    """Jaccard similarity of every pair of the given drugs (1.0 on the diagonal).

    ``ids`` names the rows and columns; ``score(a, b)`` reads one value, ``most_similar(drug)``
    one row, ``to_numpy()`` / ``to_dataframe()`` the whole matrix (numpy / pandas needed).
    Immutable once built.
    """

    __slots__ = ("_position", "_values", "by", "ids")

    ids: tuple[str, ...]
    by: str
    _values: memoryview
    _position: dict[str, int]

    def __init__(self, ids: Sequence[str], by: str, values: array.array[float]) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "ids", tuple(ids))
        setattr_(self, "by", by)
        # A read-only view: nobody can change a score after the matrix is built.
        setattr_(self, "_values", memoryview(values).toreadonly())
        setattr_(self, "_position", {drug_id: i for i, drug_id in enumerate(self.ids)})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"SimilarityMatrix is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"SimilarityMatrix is immutable (cannot delete {name!r})")

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"<SimilarityMatrix {len(self.ids)}x{len(self.ids)} by {self.by}>"

    def _index(self, drug: object) -> int:
        drug_id = getattr(drug, "id", drug)
        if not isinstance(drug_id, str):
            raise InvalidArgumentTypeError(f"expected a drug id or Drug, not {type(drug).__name__}")
        try:
            return self._position[drug_id]
        except KeyError:
            raise DrugNotFoundError(drug_id, ()) from None

    def score(self, a: object, b: object) -> float:
        """The similarity of two drugs of the matrix (ids or ``Drug`` objects)."""
        return self._values[self._index(a) * len(self.ids) + self._index(b)]

    def row(self, drug: object) -> tuple[float, ...]:
        n = len(self.ids)
        start = self._index(drug) * n
        return tuple(self._values[start : start + n])

    def most_similar(self, drug: object, limit: int = 10) -> list[tuple[str, float]]:
        """The ``limit`` most similar other drugs, best first (ties by id)."""
        own = self._index(drug)
        pairs = [(self.ids[j], v) for j, v in enumerate(self.row(drug)) if j != own and v > 0]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        return pairs[:limit]

    def to_numpy(self) -> Any:
        """The matrix as an ``n x n`` numpy array (needs numpy)."""
        try:
            import numpy as np
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                "to_numpy() needs numpy: pip install numpy", name="numpy"
            ) from None
        n = len(self.ids)
        return np.frombuffer(self._values, dtype=np.float64).reshape(n, n).copy()

    def to_dataframe(self) -> Any:
        """The matrix as a pandas DataFrame indexed by drug id both ways (needs pandas)."""
        try:
            import pandas as pd
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                "to_dataframe() needs pandas: pip install 'drugcompare[pandas]'", name="pandas"
            ) from None
        return pd.DataFrame(self.to_numpy(), index=list(self.ids), columns=list(self.ids))


def _bitsets(feature_sets: Sequence[frozenset[str]]) -> tuple[list[int], list[int]]:
    positions: dict[str, int] = {}
    masks = []
    for features in feature_sets:
        mask = 0
        for feature in features:
            bit = positions.setdefault(feature, len(positions))
            mask |= 1 << bit
        masks.append(mask)
    return masks, [len(f) for f in feature_sets]


def _jaccard_python(masks: list[int], counts: list[int]) -> array.array[float]:
    n = len(masks)
    values = array.array("d", bytes(8 * n * n))
    for i in range(n):
        a, ca = masks[i], counts[i]
        values[i * n + i] = 1.0
        row = i * n
        for j in range(i + 1, n):
            shared = (a & masks[j]).bit_count()
            if shared:
                score = shared / (ca + counts[j] - shared)
                values[row + j] = score
                values[j * n + i] = score
    return values


def _jaccard_numpy(feature_sets: Sequence[frozenset[str]]) -> array.array[float] | None:
    """Intersections as one matrix product of the 0/1 incidence matrix (float32 is exact for
    counts far beyond any drug's), then Jaccard elementwise."""
    try:
        import numpy as np
    except ModuleNotFoundError:
        return None
    positions: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, features in enumerate(feature_sets):
        for feature in features:
            rows.append(row)
            columns.append(positions.setdefault(feature, len(positions)))
    n = len(feature_sets)
    incidence = np.zeros((n, max(1, len(positions))), dtype=np.float32)
    incidence[np.asarray(rows, dtype=np.intp), np.asarray(columns, dtype=np.intp)] = 1.0
    shared = (incidence @ incidence.T).astype(np.float64)
    counts = np.diagonal(shared).copy()
    union = counts[:, None] + counts[None, :] - shared
    result = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    np.fill_diagonal(result, 1.0)
    values = array.array("d")
    values.frombytes(np.ascontiguousarray(result, dtype=np.float64).tobytes())
    return values


def jaccard_matrix(
    ids: Sequence[str], feature_sets: Sequence[frozenset[str]], by: str, accelerate: bool = True
) -> SimilarityMatrix:
    """The matrix of the drugs ``ids`` with these feature sets (numpy if ``accelerate`` and
    installed, else pure Python)."""
    values = _jaccard_numpy(feature_sets) if accelerate else None
    if values is None:
        masks, counts = _bitsets(feature_sets)
        values = _jaccard_python(masks, counts)
    return SimilarityMatrix(ids, by, values)
