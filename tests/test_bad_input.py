"""Hostile input to every public function: each gets a documented error with a useful message.

The table below calls every public function and method with bad arguments. A documented error is
a subclass of ``DrugCompareError`` (``DrugNotFoundError``/``ConditionNotFoundError`` are also
``LookupError``, ``InvalidArgumentError`` and ``DatasetError`` are ``ValueError``,
``InvalidArgumentTypeError`` is ``TypeError``). Nothing else may escape: no ``KeyError``,
``AttributeError`` or bare ``TypeError`` from inside, and no cattrs traceback.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drugcompare as dc
from drugcompare.cli import main

HUGE = "gabapentin" * 100_000  # 1 MB
NUL = "gaba\x00pentin"
CONTROL = "gaba\x07\x1bpentin"
LOOKALIKE = "gabapentіn"  # Cyrillic і
COMBINING = "gabapentin\u0301\u0301"
ZERO_WIDTH = "gaba\u200bpentin"

BAD_NAMES: list[tuple[str, object, type[Exception]]] = [
    ("None", None, dc.InvalidArgumentTypeError),
    ("int", 42, dc.InvalidArgumentTypeError),
    ("float", 4.2, dc.InvalidArgumentTypeError),
    ("bytes", b"gabapentin", dc.InvalidArgumentTypeError),
    ("list", ["gabapentin"], dc.InvalidArgumentTypeError),
    ("dict", {"id": "gabapentin"}, dc.InvalidArgumentTypeError),
    ("empty", "", dc.InvalidArgumentError),
    ("whitespace", " \t\n ", dc.InvalidArgumentError),
    ("punctuation only", "-- ??", dc.InvalidArgumentError),
    ("1 MB", HUGE, dc.InvalidArgumentError),
    ("NUL inside", NUL, dc.DrugNotFoundError),
    ("control characters", CONTROL, dc.DrugNotFoundError),
    ("unknown", "no such drug anywhere", dc.DrugNotFoundError),
]

# (what, call) for every public function and method that takes a drug name.
DRUG_TAKERS: list[tuple[str, Callable[[Any], object]]] = [
    ("lookup_drug", lambda q: dc.lookup_drug(q)),
    ("compare", lambda q: dc.compare("gabapentin", q)),
    ("shared_adverse_effects", lambda q: dc.shared_adverse_effects(q, "pregabalin")),
    ("overlapping_indications", lambda q: dc.overlapping_indications("pregabalin", q)),
    ("withdrawal_risks", lambda q: dc.withdrawal_risks(q)),
    ("similar_drugs", lambda q: dc.similar_drugs(q)),
    ("similarity_matrix", lambda q: dc.similarity_matrix([q], accelerate=False)),
    ("Catalog.lookup_drug", lambda q: dc.default_catalog().lookup_drug(q)),
    ("Catalog.compare", lambda q: dc.default_catalog().compare(q, "gabapentin")),
]


@pytest.mark.parametrize(("what", "call"), DRUG_TAKERS, ids=[w for w, _ in DRUG_TAKERS])
@pytest.mark.parametrize(("label", "query", "error"), BAD_NAMES, ids=[n[0] for n in BAD_NAMES])
def test_bad_drug_names(
    what: str, call: Callable[[Any], object], label: str, query: object, error: type[Exception]
) -> None:
    if what == "compare" and label == "list":
        error = dc.InvalidArgumentTypeError
    with pytest.raises(error) as info:
        call(query)
    assert isinstance(info.value, dc.DrugCompareError)
    message = str(info.value)
    assert message and len(message) < 2000  # never echoes a 1 MB input back
    assert "Traceback" not in message


@pytest.mark.parametrize(("label", "query", "error"), BAD_NAMES, ids=[n[0] for n in BAD_NAMES])
def test_get_drug_and_search(label: str, query: object, error: type[Exception]) -> None:
    if error is dc.DrugNotFoundError:
        assert dc.get_drug(query) is None  # type: ignore[arg-type]
        assert isinstance(dc.search_drugs(query), list)  # type: ignore[arg-type]
        return
    with pytest.raises(error):
        dc.get_drug(query)  # type: ignore[arg-type]
    with pytest.raises(error):
        dc.search_drugs(query)  # type: ignore[arg-type]


@pytest.mark.parametrize(("label", "query", "error"), BAD_NAMES, ids=[n[0] for n in BAD_NAMES])
def test_bad_condition_names(label: str, query: object, error: type[Exception]) -> None:
    expected = dc.ConditionNotFoundError if error is dc.DrugNotFoundError else error
    with pytest.raises(expected):
        dc.lookup_condition(query)  # type: ignore[arg-type]
    with pytest.raises(expected):
        dc.drugs_for(query)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [LOOKALIKE, COMBINING, ZERO_WIDTH, "GABAPENTIN", "Gabapentin "])
def test_lookalikes_marks_and_invisible_characters(text: str) -> None:
    """Accents, combining marks and zero-width characters fold away; a Cyrillic look-alike is a
    different letter, so it is not found, but the right name is suggested."""
    if text == LOOKALIKE:
        with pytest.raises(dc.DrugNotFoundError) as info:
            dc.lookup_drug(text)
        assert info.value.suggestions[0] == "gabapentin"
    else:
        assert dc.lookup_drug(text).id == "gabapentin"


BAD_CALLS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("compare: no drug", lambda: dc.compare(), dc.InvalidArgumentError, "at least 2"),
    ("compare: one drug", lambda: dc.compare("gabapentin"), dc.InvalidArgumentError, "at least 2"),
    (
        "compare: same drug twice",
        lambda: dc.compare("gabapentin", "Neurontin"),
        dc.InvalidArgumentError,
        "same drug",
    ),
    (
        "shared: same drug by id and brand",
        lambda: dc.shared_adverse_effects("DB00996", "Gralise"),
        dc.InvalidArgumentError,
        "same drug",
    ),
    ("withdrawal: none", lambda: dc.withdrawal_risks(), dc.InvalidArgumentError, "at least 1"),
    (
        "min_frequency string",
        lambda: dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency="5%"),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "number between 0 and 1",
    ),
    (
        "min_frequency percent",
        lambda: dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency=5),
        dc.InvalidArgumentError,
        "0.05",
    ),
    (
        "min_frequency NaN",
        lambda: dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency=float("nan")),
        dc.InvalidArgumentError,
        "between 0 and 1",
    ),
    (
        "unknown status",
        lambda: dc.overlapping_indications("gabapentin", "pregabalin", statuses=["aproved"]),
        dc.InvalidArgumentError,
        "approved",
    ),
    (
        "status of wrong type",
        lambda: dc.drugs_for("epilepsy", statuses=[1]),  # type: ignore[list-item]
        dc.InvalidArgumentTypeError,
        "IndicationStatus",
    ),
    (
        "statuses not a list",
        lambda: dc.drugs_for("epilepsy", statuses=1),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "list",
    ),
    (
        "similar_drugs unknown by",
        lambda: dc.similar_drugs("gabapentin", by="price"),
        dc.InvalidArgumentError,
        "adverse_effects",
    ),
    (
        "similar_drugs by None",
        lambda: dc.similar_drugs("gabapentin", by=None),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "string",
    ),
    (
        "similar_drugs limit 0",
        lambda: dc.similar_drugs("gabapentin", limit=0),
        dc.InvalidArgumentError,
        "at least 1",
    ),
    (
        "similar_drugs limit str",
        lambda: dc.similar_drugs("gabapentin", limit="3"),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "int",
    ),
    (
        "search limit -1",
        lambda: dc.search_drugs("gaba", limit=-1),
        dc.InvalidArgumentError,
        "at least 1",
    ),
    (
        "search limit True",
        lambda: dc.search_drugs("gaba", limit=True),
        dc.InvalidArgumentTypeError,
        "int",
    ),
    (
        "unknown tablefmt",
        lambda: dc.compare("gabapentin", "pregabalin").to_table(tablefmt="fancy"),
        dc.InvalidArgumentError,
        "unknown tablefmt",
    ),
    (
        "tablefmt None",
        lambda: dc.compare("gabapentin", "pregabalin").to_table(tablefmt=None),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "string",
    ),
    (
        "unknown section",
        lambda: dc.compare("gabapentin", "pregabalin").to_table(sections=["prices"]),
        dc.InvalidArgumentError,
        "section",
    ),
    (
        "sections of wrong type",
        lambda: dc.compare("gabapentin", "pregabalin").to_table(sections=5),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "section",
    ),
    (
        "exclude unknown layer",
        lambda: dc.load_catalog(exclude_sources=["sidr"]),
        dc.InvalidArgumentError,
        "known layers",
    ),
    (
        "extra of wrong type",
        lambda: dc.load_catalog(extra=3),  # type: ignore[arg-type]
        dc.InvalidArgumentTypeError,
        "path",
    ),
    (
        "matrix score of an absent drug",
        lambda: dc.similarity_matrix(["gabapentin", "pregabalin"], accelerate=False).score(
            "gabapentin", "baclofen"
        ),
        dc.DrugNotFoundError,
        "baclofen",
    ),
]


@pytest.mark.parametrize(
    ("label", "call", "error", "text"), BAD_CALLS, ids=[c[0] for c in BAD_CALLS]
)
def test_bad_arguments(
    label: str, call: Callable[[], object], error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=None) as info:
        call()
    assert isinstance(info.value, dc.DrugCompareError)
    assert text in str(info.value)


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "gabapentin"],
        ["compare", "gabapentin", "Neurontin"],
        ["compare", "gabapentin", "neurotin"],
        ["compare", "gabapentin", "pregabalin", "--format", "fancy"],
        ["compare", "gabapentin", ""],
        ["compare", "gabapentin", "\x00"],
        ["compare", "gabapentin", HUGE[:5000]],
        ["show", "   "],
        ["search", ""],
        ["--exclude-source", "nope", "show", "gabapentin"],
        ["for", "no such condition at all"],
        ["condition", ""],
        ["show", "gabapentin", "--limit", "-1"],
    ],
)
def test_cli_bad_input_exits_2_with_a_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("drugcompare: ")
    assert "Traceback" not in err


def test_cli_unusable_dataset_file_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--extra", "/nonexistent/file.json", "show", "gabapentin"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("drugcompare: ") and "cannot read the file" in err
    assert "Traceback" not in err


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.binary(max_size=20), st.integers(), st.none()))
def test_any_input_gives_an_answer_or_a_documented_error(query: object) -> None:
    for call in (dc.get_drug, dc.search_drugs, dc.lookup_condition):
        with contextlib.suppress(dc.DrugCompareError):
            call(query)  # type: ignore[operator]


@pytest.mark.parametrize(
    "make",
    [
        lambda: dc.lookup_drug("neurotin"),
        lambda: dc.lookup_condition("no such condition at all"),
        lambda: dc.load_catalog(extra=["/nonexistent/file.json"]),
        lambda: dc.compare("gabapentin"),
        lambda: dc.similar_drugs("gabapentin", by="mechanism"),  # type: ignore[arg-type]
    ],
)
def test_errors_pickle_to_the_same_message_and_fields(make: Callable[[], object]) -> None:
    with pytest.raises(dc.DrugCompareError) as info:
        make()
    error = info.value
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.args == error.args
    assert vars(back) == vars(error)


def test_every_public_type_is_exported() -> None:
    layers = dc.sources()
    assert all(isinstance(layer, dc.LayerInfo) for layer in layers)
    assert dc.Layer is dc.LayerInfo
    for name in dc.__all__:
        assert getattr(dc, name) is not None
