"""Validators reject impossible values, whichever way a model is built."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import drugcompare as dc

SOURCE = dc.Source(id="label", title="A label", license="public record", layer="curated")


def test_frequency_outside_zero_one_is_rejected() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        dc.Frequency(lower=0.2, upper=1.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        dc.Frequency(lower=-0.1, upper=0.1)


def test_frequency_nan_is_rejected() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        dc.Frequency(lower=math.nan, upper=math.nan)


def test_frequency_lower_above_upper_is_rejected() -> None:
    with pytest.raises(ValueError, match="above the upper bound"):
        dc.Frequency(lower=0.3, upper=0.2)
    with pytest.raises(ValueError, match="placebo incidence lower bound"):
        dc.Frequency(lower=0.3, upper=0.3, placebo_lower=0.2, placebo_upper=0.1)


def test_frequency_needs_both_bounds_or_a_label() -> None:
    with pytest.raises(ValueError, match="both a lower and an upper"):
        dc.Frequency(lower=0.1)
    with pytest.raises(ValueError, match="figures .* or a label"):
        dc.Frequency()
    assert dc.Frequency(label="postmarketing").value is None


def test_fact_without_source_is_rejected() -> None:
    with pytest.raises(ValueError, match="at least one source"):
        dc.AdverseEffect(term="Dizziness", sources=())
    with pytest.raises(ValueError, match="at least one source"):
        dc.Mechanism(target="GABA-B receptor", sources=())


def test_empty_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        dc.Drug(id="x", name="  ", sources=(SOURCE,))
    with pytest.raises(ValueError, match="non-empty"):
        dc.Drug(id="x", name="x", brand_names=("",), sources=(SOURCE,))
    with pytest.raises(ValueError, match="lowercase slug"):
        dc.Drug(id="Not A Slug", name="x", sources=(SOURCE,))


def test_a_bare_string_is_not_a_list_of_names() -> None:
    with pytest.raises(TypeError, match="sequence of strings"):
        dc.Drug(id="x", name="x", brand_names="Neurontin", sources=(SOURCE,))  # type: ignore[arg-type]


def test_models_are_frozen() -> None:
    drug = dc.Drug(id="x", name="x", sources=(SOURCE,))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        drug.name = "y"  # type: ignore[misc]
    assert attrs.evolve(drug, name="y").name == "y"
    assert drug.name == "x"


def test_severity_order_puts_unknown_between_low_and_none() -> None:
    order = sorted(dc.WithdrawalSeverity, key=lambda s: s.rank)
    assert order == [
        dc.WithdrawalSeverity.LIFE_THREATENING,
        dc.WithdrawalSeverity.HIGH,
        dc.WithdrawalSeverity.MODERATE,
        dc.WithdrawalSeverity.LOW,
        dc.WithdrawalSeverity.UNKNOWN,
        dc.WithdrawalSeverity.NONE,
    ]


fractions = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(fractions, fractions)
def test_any_ordered_pair_of_fractions_is_a_valid_frequency(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    freq = dc.Frequency(lower=low, upper=high)
    # The value used for sorting and thresholds is what the source says is reached: the lower bound.
    assert freq.value == low
    assert freq.is_point is (low == high)


@given(st.floats(allow_nan=True, allow_infinity=True), fractions)
def test_frequency_rejects_every_value_outside_zero_one(bad: float, good: float) -> None:
    if 0.0 <= bad <= 1.0:
        return
    with pytest.raises(ValueError):
        dc.Frequency(lower=bad, upper=max(good, bad) if bad == bad else good)


def test_headline_frequency_prefers_placebo_controlled_figures() -> None:
    effect = dc.AdverseEffect(
        term="Dizziness",
        frequencies=(
            dc.Frequency(label="postmarketing"),
            dc.Frequency(lower=0.1, upper=0.1),
            dc.Frequency(lower=0.28, upper=0.28, placebo_lower=0.08, placebo_upper=0.08),
        ),
        sources=(SOURCE,),
    )
    assert effect.frequency is not None
    assert effect.frequency.upper == 0.28
    assert effect.key == "term:dizziness"
