"""Plots (the ``plot`` extra), drawn headless with matplotlib's Agg backend."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import drugcompare as dc  # noqa: E402
from drugcompare import plot  # noqa: E402

DRUGS = ("gabapentin", "pregabalin", "duloxetine")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def comparison() -> dc.Comparison:
    return dc.compare(*DRUGS)


def _bar_widths(ax: Axes) -> list[float]:
    return [round(patch.get_width(), 6) for patch in ax.patches]


def test_incidence_bars_draw_drug_and_placebo_figures(comparison: dc.Comparison) -> None:
    ax = plot.incidence_bars(comparison, limit=6)
    assert isinstance(ax, Axes)
    terms = [label.get_text() for label in ax.get_yticklabels()]
    assert 0 < len(terms) <= 6
    # every drawn bar is a single figure (or a placebo lower bound) from the comparison, in %
    expected = set()
    for shared in comparison.shared_adverse_effects:
        if shared.term not in terms:
            continue
        for entry in shared.entries:
            freq = entry.frequency
            if freq is not None and freq.is_point:
                assert freq.lower is not None
                expected.add(round(freq.lower * 100, 6))
                if freq.placebo_lower is not None:
                    expected.add(round(freq.placebo_lower * 100, 6))
    assert set(_bar_widths(ax)) <= expected
    assert ax.get_xlabel() == "Incidence (% of patients)"
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [*DRUGS, "placebo, same trials"]


def test_incidence_bars_from_names_match_the_comparison(comparison: dc.Comparison) -> None:
    from_names = plot.incidence_bars(*DRUGS, limit=5)
    from_comparison = plot.incidence_bars(comparison, limit=5)
    assert _bar_widths(from_names) == _bar_widths(from_comparison)
    assert [t.get_text() for t in from_names.get_yticklabels()] == [
        t.get_text() for t in from_comparison.get_yticklabels()
    ]


def test_incidence_bars_draw_on_a_given_axes() -> None:
    fig, ax = plt.subplots()
    assert plot.incidence_bars("gabapentin", "pregabalin", limit=3, ax=ax) is ax
    assert fig.axes == [ax]


def test_incidence_bars_reject_bad_arguments() -> None:
    with pytest.raises(dc.InvalidArgumentError, match="limit"):
        plot.incidence_bars("gabapentin", "pregabalin", limit=0)
    with pytest.raises(dc.InvalidArgumentError, match="min_frequency"):
        plot.incidence_bars("gabapentin", "pregabalin", min_frequency=5)
    with pytest.raises(dc.InvalidArgumentError, match="at least 2"):
        plot.incidence_bars("gabapentin")
    with pytest.raises(dc.DrugNotFoundError):
        plot.incidence_bars("gabapentin", "neurotin")


def test_similarity_heatmap_shows_the_jaccard_scores(comparison: dc.Comparison) -> None:
    ax = plot.similarity_heatmap(comparison, by="mechanisms")
    matrix = ax.images[0].get_array()
    assert matrix.shape == (3, 3)
    scores = {
        (s.drug_a, s.drug_b): s.score for s in comparison.similarities if s.by == "mechanisms"
    }
    ids = [d.id for d in comparison.drugs]
    for (a, b), score in scores.items():
        assert matrix[ids.index(a), ids.index(b)] == pytest.approx(score)
        assert matrix[ids.index(b), ids.index(a)] == pytest.approx(score)
    assert [matrix[k, k] for k in range(3)] == [1.0, 1.0, 1.0]
    texts = {t.get_text() for t in ax.texts}
    assert {f"{score:.2f}" for score in scores.values()} <= texts


def test_similarity_heatmap_from_names_equals_from_comparison(comparison: dc.Comparison) -> None:
    for by in ("adverse_effects", "indications", "mechanisms"):
        a = plot.similarity_heatmap(*DRUGS, by=by).images[0].get_array()
        b = plot.similarity_heatmap(comparison, by=by).images[0].get_array()
        assert a.tolist() == b.tolist()
    with pytest.raises(dc.InvalidArgumentError, match="unknown by"):
        plot.similarity_heatmap(*DRUGS, by="colour")


def test_effect_overlap_counts_every_effect_once() -> None:
    ax = plot.effect_overlap("gabapentin", "pregabalin", limit=10)
    gabapentin = {e.key for e in dc.lookup_drug("gabapentin").adverse_effects}
    pregabalin = {e.key for e in dc.lookup_drug("pregabalin").adverse_effects}
    counts = sorted(round(p.get_width()) for p in ax.patches)
    assert counts == sorted(
        [len(gabapentin & pregabalin), len(gabapentin - pregabalin), len(pregabalin - gabapentin)]
    )
    assert sum(counts) == len(gabapentin | pregabalin)
    # the bar of effects both drugs list equals what shared_adverse_effects returns
    shared = len(dc.shared_adverse_effects("gabapentin", "pregabalin"))
    assert shared in counts
    (matrix,) = ax.child_axes
    assert [t.get_text() for t in matrix.get_xticklabels()] == ["gabapentin", "pregabalin"]


def test_effect_overlap_with_threshold_and_limit(comparison: dc.Comparison) -> None:
    everything = plot.effect_overlap(comparison)
    common = plot.effect_overlap(comparison, min_frequency=0.05, limit=3)
    assert len(common.patches) <= 3
    assert sum(p.get_width() for p in common.patches) < sum(
        p.get_width() for p in everything.patches
    )
    assert "5% or more" in common.get_title(loc="left")


def test_figures_render_to_png(comparison: dc.Comparison, tmp_path: object) -> None:
    import io

    for ax in (
        plot.incidence_bars(comparison),
        plot.similarity_heatmap(comparison),
        plot.effect_overlap(comparison),
    ):
        buffer = io.BytesIO()
        ax.figure.savefig(buffer, format="png", bbox_inches="tight")
        assert buffer.getvalue().startswith(b"\x89PNG")


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(dc.MissingDependencyError, match=r"pip install 'drugcompare\[plot\]'") as e:
        plot.incidence_bars("gabapentin", "pregabalin")
    assert isinstance(e.value, ModuleNotFoundError)
    assert isinstance(e.value, dc.DrugCompareError)
    assert e.value.name == "matplotlib"


def test_import_drugcompare_does_not_import_matplotlib_or_pandas() -> None:
    import subprocess

    code = (
        "import sys, drugcompare, drugcompare.plot;"
        "bad = [m for m in ('matplotlib', 'pandas', 'cattrs', 'tabulate') if m in sys.modules];"
        "print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "[]", result.stderr
