"""Plots of drug comparisons (needs the ``plot`` extra: ``pip install 'drugcompare[plot]'``).

Three pictures, each drawn with matplotlib on a new figure (or on the ``ax`` you pass) and
returned as its :class:`matplotlib.axes.Axes` (the figure is ``ax.figure``):

- :func:`incidence_bars`: how often each compared drug causes the adverse effects they share,
  next to the placebo arm of the same trials (grouped bars);
- :func:`similarity_heatmap`: pairwise Jaccard similarity of a set of drugs;
- :func:`effect_overlap`: how the drugs' adverse-effect lists overlap (an UpSet-style chart:
  one bar per combination of drugs, with a dot matrix naming the drugs).

Each function accepts drugs (names, brands, identifiers or :class:`~drugcompare.Drug` objects,
resolved in the default catalog unless ``catalog=`` is given) or a single
:class:`~drugcompare.Comparison`. matplotlib is imported only when a plot is drawn; without it
the functions raise :class:`~drugcompare.MissingDependencyError`. Not medical advice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._api.catalog import Catalog, DrugLike
from ._api.load import default_catalog
from ._catalog.args import check_fraction, check_limit
from ._compare.comparison import Comparison
from ._compare.functions import check_drugs, require_distinct, shared_effects
from ._compare.results import SharedAdverseEffect
from ._compare.similarity import BASIS_TITLES, check_basis, features, jaccard
from ._errors import InvalidArgumentTypeError, require
from .model import Drug

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["effect_overlap", "incidence_bars", "similarity_heatmap"]

#: Colours given to the compared drugs, in order (matplotlib's colour-blind-aware "tab10").
DRUG_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def _pyplot() -> Any:
    require("matplotlib", "plot", "plotting")
    import matplotlib.pyplot as plt

    return plt


def _colour(position: int) -> str:
    return DRUG_COLOURS[position % len(DRUG_COLOURS)]


def _new_axes(ax: Axes | None, width: float, height: float) -> Axes:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=(width, height))
    made: Axes = new
    return made


def _drugs(
    drugs: Sequence[DrugLike | Comparison], catalog: Catalog | None, what: str
) -> tuple[tuple[Drug, ...], Comparison | None]:
    if len(drugs) == 1 and isinstance(drugs[0], Comparison):
        return drugs[0].drugs, drugs[0]
    plain = [d for d in drugs if not isinstance(d, Comparison)]
    if len(plain) != len(drugs):
        raise InvalidArgumentTypeError(f"{what}() takes drugs or one Comparison, not both")
    check_drugs(plain, 2, what)
    resolved = (catalog or default_catalog()).resolve(plain)
    require_distinct(plain, resolved, 2)
    return resolved, None


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --------------------------------------------------------------------------- incidence bars


def _bar_rows(
    effects: Sequence[SharedAdverseEffect], limit: int
) -> list[tuple[str, list[tuple[float | None, float | None, float | None]]]]:
    """(term, [(drug incidence, placebo lower, placebo upper) per drug]) for effects with at
    least one single-figure incidence: effects with a figure for every drug first, then by the
    highest figure."""
    rows = []
    for shared in effects:
        values: list[tuple[float | None, float | None, float | None]] = []
        for entry in shared.entries:
            freq = entry.frequency
            if freq is None or not freq.is_point:
                values.append((None, None, None))
                continue
            values.append((freq.lower, freq.placebo_lower, freq.placebo_upper))
        points = [v[0] for v in values if v[0] is not None]
        if points:
            rows.append((shared.term, values, len(points), max(points)))
    rows.sort(key=lambda row: (-row[2], -row[3]))
    return [(term, values) for term, values, _, _ in rows[:limit]]


def incidence_bars(
    *drugs: DrugLike | Comparison,
    catalog: Catalog | None = None,
    limit: int = 10,
    min_frequency: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Grouped bars of the adverse effects every drug lists: for each drug, its incidence (solid)
    and the placebo arm of the same trials (hatched, lighter), highest incidence first.

    Only single figures are drawn (``21%``, not a range such as ``1%-10%`` or a word such as
    ``frequent``); a placebo range is drawn as a bar to its lower bound with a whisker to its
    upper bound; a drug without a single figure for an effect has no bar in that group. Effects
    with a figure for every drug come first, then by their highest figure.
    ``limit`` caps the number of effects, ``min_frequency`` (a fraction) keeps effects whose
    incidence reaches it for every drug, as in :func:`drugcompare.shared_adverse_effects`.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from drugcompare import plot
    >>> ax = plot.incidence_bars("gabapentin", "pregabalin", limit=5)
    >>> ax.get_xlabel()
    'Incidence (% of patients)'
    """
    check_limit(limit)
    threshold = check_fraction(min_frequency, "min_frequency")
    resolved, comparison = _drugs(drugs, catalog, "incidence_bars")
    if comparison is not None and threshold is None:
        effects: Sequence[SharedAdverseEffect] = comparison.shared_adverse_effects
    else:
        effects = shared_effects(resolved, threshold)
    rows = _bar_rows(effects, limit)
    n = len(resolved)
    ax = _new_axes(ax, 9.0, max(3.0, 0.24 * len(rows) * n * 1.6 + 1.6))
    from matplotlib.patches import Patch

    slot = 0.84 / n
    drug_h, placebo_h = slot * 0.52, slot * 0.34
    top = max((v for _, values in rows for d in values for v in d if v is not None), default=0.1)
    pad = top * 100 * 0.01
    for i, (_, values) in enumerate(rows):
        for j, (value, p_low, p_high) in enumerate(values):
            colour = _colour(j)
            start = i - 0.42 + j * slot
            y = start + drug_h / 2
            if value is None:
                ax.text(pad, y, "no single figure", va="center", fontsize=7, color="#888888")
            else:
                ax.barh(y, value * 100, height=drug_h, color=colour, edgecolor=colour)
                ax.text(value * 100 + pad, y, f"{value * 100:.3g}%", va="center", fontsize=7)
            if value is not None and p_low is not None and p_high is not None:
                y = start + drug_h + placebo_h / 2 + slot * 0.02
                ax.barh(
                    y,
                    p_low * 100,
                    height=placebo_h,
                    color=colour,
                    alpha=0.35,
                    hatch="////",
                    edgecolor=colour,
                    linewidth=0.5,
                )
                if p_high > p_low:
                    ax.errorbar(
                        p_low * 100,
                        y,
                        xerr=[[0.0], [(p_high - p_low) * 100]],
                        fmt="none",
                        ecolor=colour,
                        elinewidth=0.8,
                        capsize=2,
                    )
    ax.set_yticks(range(len(rows)), [term for term, _ in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, top * 100 * 1.18)
    ax.set_xlabel("Incidence (% of patients)")
    ax.xaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    _tidy(ax)
    names = ", ".join(d.name for d in resolved)
    ax.set_title(
        f"Adverse effects shared by {names}: drug vs placebo"
        if rows
        else f"No shared adverse effect of {names} has a single-figure incidence",
        fontsize=11,
        loc="left",
    )
    handles = [Patch(facecolor=_colour(j), label=d.name) for j, d in enumerate(resolved)]
    handles.append(
        Patch(facecolor="#dddddd", edgecolor="#777777", hatch="////", label="placebo, same trials")
    )
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
    )
    return ax


# --------------------------------------------------------------------------- similarity heatmap


def similarity_heatmap(
    *drugs: DrugLike | Comparison,
    by: str = "adverse_effects",
    catalog: Catalog | None = None,
    cmap: str = "Blues",
    ax: Axes | None = None,
) -> Axes:
    """A heatmap of the pairwise Jaccard similarity of two or more drugs' adverse effects,
    indications or mechanisms (``by``), with each score written in its cell.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from drugcompare import plot
    >>> ax = plot.similarity_heatmap("gabapentin", "pregabalin", "duloxetine", by="mechanisms")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['gabapentin', 'pregabalin', 'duloxetine']
    """
    basis = check_basis(by)
    resolved, comparison = _drugs(drugs, catalog, "similarity_heatmap")
    n = len(resolved)
    index = {d.id: k for k, d in enumerate(resolved)}
    matrix = [[1.0 if a == b else 0.0 for b in range(n)] for a in range(n)]
    if comparison is not None:
        for score in comparison.similarities:
            if score.by == basis:
                a, b = index[score.drug_a], index[score.drug_b]
                matrix[a][b] = matrix[b][a] = score.score
    else:
        sets = [features(d, basis) for d in resolved]
        for a in range(n):
            for b in range(a + 1, n):
                matrix[a][b] = matrix[b][a] = jaccard(sets[a], sets[b])[0]
    size = 1.6 + 0.75 * n
    ax = _new_axes(ax, size + 1.4, size)
    image = ax.imshow(matrix, cmap=cmap, vmin=0.0, vmax=1.0)
    names = [d.name for d in resolved]
    ax.set_xticks(range(n), names, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(n), names)
    for a in range(n):
        for b in range(n):
            value = matrix[a][b]
            ax.text(
                b,
                a,
                f"{value:.2f}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if value > 0.6 else "black",
            )
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="Jaccard similarity")
    ax.set_title(f"Similarity of {BASIS_TITLES[basis].lower()}", fontsize=11, loc="left")
    return ax


# --------------------------------------------------------------------------- overlap (UpSet)


def _listed(drug: Drug, threshold: float | None) -> set[str]:
    keys = set()
    for effect in drug.adverse_effects:
        if threshold is not None:
            freq = effect.frequency
            if freq is None or freq.value is None or freq.value < threshold:
                continue
        keys.add(effect.key)
    return keys


def effect_overlap(
    *drugs: DrugLike | Comparison,
    catalog: Catalog | None = None,
    min_frequency: float | None = None,
    limit: int = 15,
    ax: Axes | None = None,
) -> Axes:
    """How the drugs' adverse-effect lists overlap: one bar per combination of drugs (effects
    listed by exactly those drugs), largest first, with a dot matrix naming the drugs of each
    combination; the bar of effects every drug lists is drawn darker. ``min_frequency`` (a
    fraction) counts only effects a drug lists at that incidence or more; ``limit`` caps the
    number of combinations. The dot matrix is an inset of the returned axes.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from drugcompare import plot
    >>> ax = plot.effect_overlap("gabapentin", "pregabalin")
    >>> len(ax.patches)  # both, gabapentin only, pregabalin only
    3
    """
    check_limit(limit)
    threshold = check_fraction(min_frequency, "min_frequency")
    resolved, _ = _drugs(drugs, catalog, "effect_overlap")
    n = len(resolved)
    sets = [_listed(d, threshold) for d in resolved]
    counts: dict[tuple[bool, ...], int] = {}
    for key in set().union(*sets):
        member = tuple(key in s for s in sets)
        counts[member] = counts.get(member, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], [not m for m in item[0]]))[:limit]
    made = ax is None
    ax = _new_axes(ax, 9.0, max(2.6, 0.36 * len(rows) + 1.6))
    fig = ax.figure
    if made:
        left = 0.06 + 0.055 * n
        fig.subplots_adjust(left=left, right=0.96, top=0.80 if n > 2 else 0.84, bottom=0.16)
    bbox = ax.get_position()
    width = 0.05 * n / bbox.width
    matrix = ax.inset_axes((-width - 0.01, 0.0, width, 1.0), sharey=ax)
    everyone = tuple(True for _ in resolved)
    for r, (member, count) in enumerate(rows):
        ax.barh(r, count, color="#333333" if member == everyone else "#9e9e9e", height=0.6)
        ax.text(count, r, f" {count}", va="center", fontsize=8)
        present = [j for j, m in enumerate(member) if m]
        if len(present) > 1:
            matrix.plot([min(present), max(present)], [r, r], color="#333333", lw=1.5, zorder=1)
        for j, m in enumerate(member):
            matrix.scatter(
                j, r, s=55, zorder=2, color=_colour(j) if m else "#e0e0e0", edgecolors="none"
            )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.set_xlabel("Adverse effects listed by exactly these drugs")
    ax.xaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    _tidy(ax)
    matrix.set_xlim(-0.6, n - 0.4)
    matrix.set_xticks(range(n), [d.name for d in resolved], rotation=45, ha="left")
    matrix.xaxis.tick_top()
    for j, label in enumerate(matrix.get_xticklabels()):
        label.set_color(_colour(j))
    matrix.tick_params(axis="both", length=0, labelsize=8)
    matrix.tick_params(axis="y", left=False, labelleft=False)
    for spine in matrix.spines.values():
        spine.set_visible(False)
    matrix.set_facecolor("none")
    shown = f" at {threshold * 100:g}% or more" if threshold is not None else ""
    ax.set_title(f"Overlap of the adverse effects listed{shown}", fontsize=11, loc="left")
    return ax
