"""Adverse effects and how often they occur (:class:`AdverseEffect`, :class:`Frequency`), with the
one rule that picks an effect's headline figure and the one key that matches effects across
drugs (used by the models and by whole-catalog scans of raw records alike)."""

from __future__ import annotations

import attrs

from ._checks import as_tuple, fraction, has_sources, non_empty, optional_non_empty
from .source import Source

__all__ = ["AdverseEffect", "Frequency", "effect_key"]


def effect_key(term: str, umls_cui: str | None) -> str:
    """The key that matches an adverse effect across drugs: its UMLS CUI, else its folded term."""
    return umls_cui if umls_cui else "term:" + term.casefold()


@attrs.frozen(kw_only=True)
class Frequency:
    """How often an adverse effect occurred, as fractions (0.05 = 5 %).

    ``lower``/``upper`` bound the incidence (equal for a single figure); ``label`` names a
    qualitative frequency such as ``"common"``, ``"serious"`` or ``"postmarketing"``. Placebo
    bounds are the incidence in the placebo arm of the same trials, where the source gives one.
    """

    lower: float | None = attrs.field(default=None, validator=fraction)
    upper: float | None = attrs.field(default=None, validator=fraction)
    label: str | None = attrs.field(default=None, validator=optional_non_empty)
    placebo_lower: float | None = attrs.field(default=None, validator=fraction)
    placebo_upper: float | None = attrs.field(default=None, validator=fraction)
    population: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The trials, table or population the figures come from."""
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


@attrs.frozen(kw_only=True)
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
        """The headline frequency, in layer precedence order: the first figure with a placebo
        rate, else the first single figure, else the first range, else the first label."""
        return self._headline

    @property
    def frequency_sources(self) -> tuple[Source, ...]:
        """The sources of the headline figure: its own, else the effect's."""
        first = self._headline
        return first.sources if first is not None and first.sources else self.sources

    def __repr__(self) -> str:
        return f"<AdverseEffect {self.term!r}: {len(self.frequencies)} figure(s)>"


def headline(frequencies: tuple[Frequency, ...]) -> Frequency | None:
    """The headline figure of an effect (see :attr:`AdverseEffect.frequency`)."""
    with_figures = [f for f in frequencies if f.value is not None]
    for candidate in with_figures:
        if candidate.has_placebo:
            return candidate
    for candidate in with_figures:
        if candidate.is_point:
            return candidate
    if with_figures:
        return with_figures[0]
    return frequencies[0] if frequencies else None
