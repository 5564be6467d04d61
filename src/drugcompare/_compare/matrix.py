"""Whole-catalog similarity: the score of every pair of drugs, as an immutable
:class:`SimilarityMatrix`.

Jaccard (a single basis): without numpy, each drug's features become a bit set in a Python integer
and the intersection of two drugs is ``(a & b).bit_count()``; with numpy, all intersections come
from one matrix product of the drug x feature incidence matrix (BLAS).

Combined (:mod:`~drugcompare._compare.scoring`): without numpy, one row of scores per drug from the
index's postings; with numpy, each basis's cosines come from the product of its unit TF-IDF rows
(BLAS) or, for a sparse basis, from the pairs of drugs that share each feature, whichever touches
fewer numbers; then the weighted sum and the division by the counted weights, elementwise.
"""

from __future__ import annotations

import array
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from .._errors import DrugNotFoundError, InvalidArgumentTypeError
from .scoring import SimilarityIndex
from .similarity import FEATURE_BASES, FeatureBasis

__all__ = ["SimilarityMatrix", "combined_matrix", "jaccard_matrix"]


class SimilarityMatrix:
    """The similarity of every pair of the given drugs by one basis (1.0 on the diagonal).

    ``ids`` names the rows and columns; ``score(a, b)`` reads one value, ``most_similar(drug)``
    one row, ``to_numpy()`` / ``to_dataframe()`` the whole matrix (numpy / pandas needed).
    Immutable once built.
    """

    __slots__ = ("_position", "_values", "by", "ids")

    ids: tuple[str, ...]
    by: str
    _values: memoryview
    _position: dict[str, int]

    def __init__(
        self, ids: Sequence[str], by: str, values: array.array[float] | memoryview[float]
    ) -> None:
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


def _jaccard_numpy(feature_sets: Sequence[frozenset[str]]) -> memoryview[float] | None:
    """Intersections as one matrix product of the 0/1 incidence matrix (float32 is exact for
    counts far beyond any drug's), then Jaccard elementwise. Features of one drug only add to its
    count, not to any intersection, so they are counted but left out of the product."""
    try:
        import numpy as np
    except ModuleNotFoundError:
        return None
    counts = Counter(chain.from_iterable(feature_sets))
    positions = {f: k for k, f in enumerate(f for f, df in counts.items() if df > 1)}
    rows: list[int] = []
    columns: list[int] = []
    for row, features in enumerate(feature_sets):
        shared_features = [positions[f] for f in features if f in positions]
        rows.extend([row] * len(shared_features))
        columns.extend(shared_features)
    n = len(feature_sets)
    incidence = np.zeros((n, max(1, len(positions))), dtype=np.float32)
    incidence[np.asarray(rows, dtype=np.intp), np.asarray(columns, dtype=np.intp)] = 1.0
    result = (incidence @ incidence.T).astype(np.float64)
    sizes = np.fromiter((len(f) for f in feature_sets), dtype=np.float64, count=n)
    union = sizes[:, None] + sizes[None, :]
    union -= result
    np.divide(result, union, out=result, where=union > 0)
    result[union <= 0] = 0.0
    np.fill_diagonal(result, 1.0)
    return _view(np, result)


def _view(np: Any, result: Any) -> memoryview[float]:
    """A flat float64 view of a square matrix (no copy)."""
    return memoryview(np.ascontiguousarray(result, dtype=np.float64)).cast("B").cast("d")


def jaccard_matrix(
    ids: Sequence[str], feature_sets: Sequence[frozenset[str]], by: str, accelerate: bool = True
) -> SimilarityMatrix:
    """The matrix of the drugs ``ids`` with these feature sets (numpy if ``accelerate`` and
    installed, else pure Python)."""
    values: array.array[float] | memoryview[float] | None = (
        _jaccard_numpy(feature_sets) if accelerate else None
    )
    if values is None:
        masks, counts = _bitsets(feature_sets)
        values = _jaccard_python(masks, counts)
    return SimilarityMatrix(ids, by, values)


def _combined_python(
    index: SimilarityIndex, positions: Sequence[int | None], bases: Sequence[FeatureBasis]
) -> array.array[float]:
    n = len(positions)
    values = array.array("d", bytes(8 * n * n))
    where = {p: k for k, p in enumerate(positions) if p is not None}
    for i, p in enumerate(positions):
        values[i * n + i] = 1.0
        if p is None:
            continue
        for other, score in index.scores(p, bases).items():
            j = where.get(other)
            if j is not None and j > i and score > 0:
                values[i * n + j] = score
                values[j * n + i] = score
    return values


def _combined_numpy(
    index: SimilarityIndex, positions: Sequence[int | None], bases: Sequence[FeatureBasis]
) -> memoryview[float] | None:
    try:
        import numpy as np
    except ModuleNotFoundError:
        return None
    n = len(positions)
    total = np.zeros((n, n))
    masks = np.zeros(n, dtype=np.intp)  # bit k: the drug has data for bases[k]
    for bit, basis in enumerate(bases):
        vectors = index.bases[basis]
        present = [k for k, p in enumerate(positions) if p is not None and vectors.present[p]]
        masks[present] |= 1 << bit
        rows = [k for k, p in enumerate(positions) if p is not None and vectors.features[p]]
        if rows:
            cosines = _cosines(np, [vectors.vector(positions[k]) for k in rows])  # type: ignore[arg-type]
            cosines *= index.weights[basis]
            total[np.ix_(rows, rows)] += cosines
            del cosines
    # The counted weight of a pair depends only on which bases each drug has: a table over
    # pairs of masks, read one block of rows at a time (no second n x n array).
    combos = np.arange(1 << len(bases))
    table = np.zeros((len(combos), len(combos)))
    for a in combos:
        for b in combos:
            table[a, b] = index.counted_by(
                [bool(a >> k & 1) for k in range(len(bases))],
                [bool(b >> k & 1) for k in range(len(bases))],
                bases,
            )
    for start in range(0, n, 512):
        block = total[start : start + 512]
        counted = table[masks[start : start + 512, None], masks[None, :]]
        np.divide(block, counted, out=block, where=counted > 0)
        block[counted <= 0] = 0.0
    np.fill_diagonal(total, 1.0)
    return _view(np, total)


def _cosines(np: Any, vectors: Sequence[Iterable[tuple[str, float]]]) -> Any:
    """Dot products of every pair of these unit vectors: one dense BLAS product, or, when fewer
    pairs of rows share a feature than the result has cells, a sum over those pairs."""
    m = len(vectors)
    columns: dict[str, list[tuple[int, float]]] = {}
    for row, vector in enumerate(vectors):
        for feature, weight in vector:
            columns.setdefault(feature, []).append((row, weight))
    if sum(len(c) ** 2 for c in columns.values()) > m * m:
        rows: list[int] = []
        at: list[int] = []
        weights: list[float] = []
        for column, entries in enumerate(columns.values()):
            for row, weight in entries:
                rows.append(row)
                at.append(column)
                weights.append(weight)
        dense = np.zeros((m, len(columns)))
        dense[np.asarray(rows, dtype=np.intp), np.asarray(at, dtype=np.intp)] = weights
        return dense @ dense.T
    cells = []
    products = []
    for entries in columns.values():
        held = np.asarray([row for row, _ in entries], dtype=np.intp)
        weight = np.asarray([w for _, w in entries])
        cells.append((held[:, None] * m + held[None, :]).ravel())
        products.append(np.outer(weight, weight).ravel())
    if not cells:
        return np.zeros((m, m))
    flat = np.bincount(np.concatenate(cells), np.concatenate(products), minlength=m * m)
    return flat.reshape(m, m)


def combined_matrix(
    index: SimilarityIndex,
    ids: Sequence[str],
    accelerate: bool = True,
    bases: Sequence[FeatureBasis] = FEATURE_BASES,
) -> SimilarityMatrix:
    """The combined score (over ``bases``) of every pair of the drugs ``ids`` (a drug the index
    does not know, having no feature, scores 0 with every other)."""
    positions = [index.position.get(drug_id) for drug_id in ids]
    values: array.array[float] | memoryview[float] | None = (
        _combined_numpy(index, positions, bases) if accelerate else None
    )
    if values is None:
        values = _combined_python(index, positions, bases)
    return SimilarityMatrix(ids, "combined", values)
