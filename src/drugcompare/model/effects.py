"""Adverse effects and how often they occur (:class:`AdverseEffect`, :class:`Frequency`), with the
one rule that picks an effect's headline figure and the one key that matches effects across
drugs (used by the models and by whole-catalog scans of raw records alike)."""

from __future__ import annotations

import attrs

from ._checks import (
    as_tuple,
    each_non_empty,
    fraction,
    has_sources,
    non_empty,
    optional_non_empty,
    patients,
    strings,
)
from .enums import FrequencyOrigin
from .source import Source

__all__ = ["AdverseEffect", "Frequency", "effect_key"]


def effect_key(term: str, umls_cui: str | None) -> str:
    """The key that matches an adverse effect across drugs: its UMLS CUI, else its folded term."""
    return umls_cui if umls_cui else "term:" + term.casefold()


@attrs.frozen(kw_only=True, cache_hash=True)
class Frequency:
    """How often an adverse effect occurred, as fractions (0.05 = 5 %): one figure from one table
    row, one sentence or one text-mined row, never pooled across them.

    ``lower``/``upper`` bound the incidence (equal for a single figure); ``label`` names a
    qualitative frequency such as ``"common"``, ``"warning"`` or ``"postmarketing"``. Placebo
    bounds are the placebo arm's figure in the same row of the same table, where the source
    gives one; ``table``, ``arm``, ``n`` and ``placebo_n`` say which table, column and patients.
    """

    lower: float | None = attrs.field(default=None, validator=fraction)
    upper: float | None = attrs.field(default=None, validator=fraction)
    label: str | None = attrs.field(default=None, validator=optional_non_empty)
    placebo_lower: float | None = attrs.field(default=None, validator=fraction)
    placebo_upper: float | None = attrs.field(default=None, validator=fraction)
    population: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The trials, table or population the figures come from."""
    origin: FrequencyOrigin | None = None
    """A label table row, label prose, a text-mined row ... (``None``: the source does not say)."""
    table: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The label table the row is in, e.g. ``"Table 3"``."""
    arm: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The table column of the incidence (the dose or product arm)."""
    n: int | None = attrs.field(default=None, validator=patients)
    """Patients in that arm."""
    placebo_n: int | None = attrs.field(default=None, validator=patients)
    """Patients in the placebo arm of the same table."""
    products: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """The products whose label carries the figure (empty: the drug's labels in general)."""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=as_tuple, repr=False)

    def __attrs_post_init__(self) -> None:
        for low, high, what in (
            (self.lower, self.upper, "incidence"),
            (self.placebo_lower, self.placebo_upper, "placebo incidence"),
        ):
            if (low is None) != (high is None):
                raise ValueError(f"{what} needs both a lower and an upper bound (or neither)")
            if low is not None and high is not None and low > high:
                raise ValueError(f"{what} lower bound {low} is above the upper bound {high}")
        if self.lower is None and self.label is None:
            raise ValueError("a frequency needs figures (lower/upper) or a label")
        if self.placebo_n is not None and self.placebo_lower is None:
            raise ValueError("a placebo arm size needs the placebo figure")

    @property
    def rank(self) -> int:
        """Where the figure stands for the headline (lower is better): its origin first (a label
        table, label prose, another document, a text-mined row), then whether it gives a placebo
        figure, a single figure, a range or only a word."""
        origin = (self.origin or FrequencyOrigin.OTHER).rank
        if self.lower is None:
            shape = 3
        elif self.placebo_lower is not None:
            shape = 0
        elif self.lower == self.upper:
            shape = 1
        else:
            shape = 2
        return origin * 4 + shape

    @property
    def value(self) -> float | None:
        """The incidence the source says is reached: ``lower`` (for a single figure, the figure).

        Used to sort effects and for ``min_frequency``; a range such as "1%-10%" or SIDER's
        "frequent" (1%-100%) counts as its lower bound, never as a midpoint it does not state.
        """
        return self.lower

    @property
    def placebo_value(self) -> float | None:
        return self.placebo_lower

    @property
    def is_point(self) -> bool:
        """True for a single figure (``lower == upper``)."""
        return self.lower is not None and self.lower == self.upper

    @property
    def has_placebo(self) -> bool:
        return self.placebo_lower is not None


@attrs.frozen(kw_only=True, cache_hash=True)
class AdverseEffect:
    """An adverse effect a drug's label or dataset lists, with every frequency reported for it."""

    term: str = attrs.field(validator=non_empty)
    """MedDRA preferred-term name where one is known, e.g. ``"Dizziness"``."""
    umls_cui: str | None = attrs.field(default=None, validator=optional_non_empty)
    frequencies: tuple[Frequency, ...] = attrs.field(default=(), converter=as_tuple)
    """Every reported frequency (one per table or dataset row), best-established first."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources)

    @property
    def key(self) -> str:
        """Matching key across drugs: the UMLS CUI, else the case-folded term."""
        return effect_key(self.term, self.umls_cui)

    _headline: Frequency | None = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_headline", headline(self.frequencies))

    @property
    def frequency(self) -> Frequency | None:
        """The headline frequency: the best-ranked figure (:attr:`Frequency.rank`: a label table
        row before label prose before another document before a text-mined row; within each, one
        with its placebo figure, then a single figure, a range, a word), the first in layer
        precedence among equals. A figure with figures always beats a bare word."""
        return self._headline

    @property
    def label_figures(self) -> tuple[Frequency, ...]:
        """Every figure from a label's adverse-reaction tables (one per table and arm)."""
        return tuple(
            f
            for f in self.frequencies
            if f.origin is FrequencyOrigin.LABEL_TABLE and f.value is not None
        )

    @property
    def frequency_sources(self) -> tuple[Source, ...]:
        """The sources of the headline figure: its own, else the effect's."""
        first = self._headline
        return first.sources if first is not None and first.sources else self.sources

    def __repr__(self) -> str:
        return f"<AdverseEffect {self.term!r}: {len(self.frequencies)} figure(s)>"


def headline(frequencies: tuple[Frequency, ...]) -> Frequency | None:
    """The headline figure of an effect (see :attr:`AdverseEffect.frequency`)."""
    if not frequencies:
        return None
    with_figures = [f for f in frequencies if f.value is not None] or list(frequencies)
    return min(with_figures, key=lambda f: f.rank)
