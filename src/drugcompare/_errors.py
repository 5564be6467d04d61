"""The exceptions raised by drugcompare.

Every error a caller can provoke with bad input is one of these; all share the base
:class:`DrugCompareError`, and each also subclasses the built-in exception a caller would expect
(``LookupError``, ``ValueError`` or ``TypeError``), so ``except LookupError`` keeps working.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from types import ModuleType

__all__ = [
    "ConditionNotFoundError",
    "DatasetError",
    "DrugCompareError",
    "DrugNotFoundError",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "MissingDependencyError",
    "require",
]


class DrugCompareError(Exception):
    """Base class of every error raised by drugcompare."""


class InvalidArgumentError(DrugCompareError, ValueError):
    """An argument has the right type but an unusable value.

    Examples: an empty drug name, fewer than two distinct drugs for a comparison, an unknown
    ``tablefmt`` or ``by`` value, or an unknown status name.
    """


class InvalidArgumentTypeError(DrugCompareError, TypeError):
    """An argument has a type the function does not accept (for example ``None`` or ``42`` as a drug)."""


class _NotFoundError(DrugCompareError, LookupError):
    kind = "item"
    hint = ""

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no {self.kind} matches {query!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(self.suggestions) + "?"
        elif self.hint:
            message += f"; {self.hint}"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[_NotFoundError], tuple[str, tuple[str, ...]]]:
        # Rebuilt from its fields, so a pickled error (multiprocessing, joblib) comes back with
        # the same message, query and suggestions.
        return (type(self), (self.query, self.suggestions))


class DrugNotFoundError(_NotFoundError):
    """No drug matches the query.

    ``.query`` is the text that was looked up and ``.suggestions`` the closest names, formatted as
    ``"Neurontin (gabapentin)"``, best first (possibly empty).
    """

    kind = "drug"
    hint = "search_drugs() lists partial matches; names, brands, synonyms and identifiers all work"


class ConditionNotFoundError(_NotFoundError):
    """No condition matches the query (``.query`` and ``.suggestions`` as for drugs)."""

    kind = "condition"
    hint = "use a condition name, a synonym, a DOID such as 'DOID:631' or a UMLS CUI"


class DatasetError(DrugCompareError, ValueError):
    """A dataset file cannot be used.

    ``.file`` names the file, ``.record`` the record (drug id or position) and ``.field`` the field
    path inside it; any of them is ``None`` when the problem is not that specific.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.reason = message
        where = []
        if file is not None:
            where.append(f"file {file}")
        if record is not None:
            where.append(f"record {record}")
        if field is not None:
            where.append(f"field {field}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Callable[..., DatasetError], tuple[object, ...]]:
        return (_dataset_error, (type(self), self.reason, self.file, self.record, self.field))


def _dataset_error(
    cls: type[DatasetError], reason: str, file: str | None, record: str | None, field: str | None
) -> DatasetError:
    """Unpickle a :class:`DatasetError` (its fields are keyword-only)."""
    return cls(reason, file=file, record=record, field=field)


class MissingDependencyError(DrugCompareError, ModuleNotFoundError):
    """An optional dependency is not installed (also a :class:`ModuleNotFoundError`).

    The message names the extra that installs it, e.g. ``pip install 'drugcompare[plot]'``;
    ``.name`` is the missing module.
    """


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import the optional ``module`` or raise :class:`MissingDependencyError` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{what} needs {module}, which is not installed: pip install 'drugcompare[{extra}]'",
            name=module,
        ) from exc
