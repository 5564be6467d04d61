"""Performance benchmarks of drugcompare against what a user would write instead.

Run on demand (not part of the test suite)::

    pip install -e ".[bench]"          # pandas, scipy, numpy: the baselines
    python benchmarks/run.py           # prints a Markdown table of every target and ratio
    python benchmarks/run.py --quick   # fewer repetitions

Every timing is the median of repeated runs; whole-process timings start a fresh interpreter each
time. The raw sources for the pandas baselines are read from ../shared/data/raw (or
$DRUGCOMPARE_RAW). Results and method are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RAW = Path(os.environ.get("DRUGCOMPARE_RAW", REPO.parent / "shared" / "data" / "raw"))
BASELINES = Path(__file__).with_name("baselines.py")


def median_process(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` in a fresh interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(code: str) -> Any:
    """Run ``code`` in a fresh interpreter; it prints one JSON value as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    data: Any = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def median_call(function: Callable[[], object], number: int, repeat: int) -> float:
    """Median seconds per call."""
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


# Peak RSS of this process image (VmHWM); ru_maxrss would carry over the parent's peak on Linux.
RSS = (
    "rss = lambda: int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))"
    ".split()[1]) / 1024"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    rows: list[tuple[str, str, str, str, str]] = []
    results: dict[str, Any] = {}

    def row(target: str, ours: str, baseline: str, ratio: str, met: bool | None) -> None:
        """``met=None``: a figure measured without a target."""
        rows.append((target, ours, baseline, ratio, "-" if met is None else "yes" if met else "NO"))

    # 1. import
    deps = median_process("import attrs, cattrs, tabulate", runs)
    ours = median_process("import drugcompare", runs)
    bare = median_process("pass", runs)
    results["import"] = {"drugcompare": ours, "deps": deps, "python": bare}
    row(
        "1. `import drugcompare` <= `import attrs, cattrs, tabulate`",
        fmt(ours),
        fmt(deps),
        f"{deps / ours:.2f}x faster",
        ours <= deps,
    )

    # 2. first answer, whole process
    first = median_process("import drugcompare as dc; dc.compare('gabapentin', 'pregabalin')", runs)
    pandas_first = median_process(
        f"import runpy, sys; sys.argv = ['b', 'first-answer', {str(RAW)!r}]; "
        f"runpy.run_path({str(BASELINES)!r}, run_name='__main__')",
        max(3, runs // 3),
    )
    results["first_answer"] = {"drugcompare": first, "pandas": pandas_first}
    row(
        "2. first answer `compare('gabapentin', 'pregabalin')`, whole process < 150 ms, >= 6x pandas",
        fmt(first),
        fmt(pandas_first),
        f"{pandas_first / first:.1f}x faster",
        first < 0.15 and pandas_first / first >= 6,
    )

    # 3. warm calls
    import drugcompare as dc
    from drugcompare._compare.functions import compare_drugs

    catalog = dc.default_catalog()
    catalog.compare("gabapentin", "pregabalin")
    lookup = median_call(lambda: catalog.lookup_drug("Neurontin"), 20000, 5)
    row("3a. warm exact `lookup_drug` < 10 µs", fmt(lookup), "-", "-", lookup < 10e-6)
    start = time.perf_counter()
    catalog.suggest("neurotin")
    first_suggest = time.perf_counter() - start
    suggest = median_call(lambda: catalog.suggest("neurotin"), 20, 5)
    cold_typo = statistics.median(
        in_process(
            "import json, time, drugcompare as dc\n"
            "start = time.perf_counter()\n"
            "try:\n    dc.lookup_drug('neurotin')\nexcept dc.DrugNotFoundError:\n    pass\n"
            "print(json.dumps(time.perf_counter() - start))"
        )
        for _ in range(runs)
    )
    results["first_typo"] = cold_typo
    row(
        "3b. first 'did you mean' in a fresh process (after `import drugcompare`) < 20 ms",
        fmt(cold_typo),
        "-",
        "-",
        cold_typo < 0.02,
    )
    row(
        "3c. 'did you mean' with the catalog loaded < 20 ms",
        f"{fmt(suggest)} (first of the process: {fmt(first_suggest)})",
        "-",
        "-",
        suggest < 0.02,
    )
    warm = median_call(lambda: dc.compare("gabapentin", "pregabalin"), 2000, 5)
    pair = catalog.resolve(("gabapentin", "pregabalin"))
    hierarchy = catalog._data.conditions
    uncached = median_call(lambda: compare_drugs(pair, hierarchy), 20, 5)
    row(
        "3d. warm `compare` of two drugs < 1 ms",
        f"{fmt(warm)} (recomputed: {fmt(uncached)})",
        "-",
        "-",
        warm < 1e-3,
    )
    results["warm"] = {
        "lookup": lookup,
        "suggest": suggest,
        "compare": warm,
        "compare_uncached": uncached,
    }

    # 4. whole-catalog similarity
    import numpy  # noqa: F401 - imported before timing, like any numpy user

    catalog.facts()
    catalog.similarity_matrix()  # warm BLAS threads
    fast = median_call(lambda: catalog.similarity_matrix(), 1, 5)
    pure = median_call(lambda: catalog.similarity_matrix(accelerate=False), 1, 3)
    from baselines import feature_pairs, pandas_similarity, scipy_similarity  # type: ignore[import-not-found]

    pairs = feature_pairs(catalog)
    scipy_time = median_call(lambda: scipy_similarity(pairs), 1, 5)
    pandas_time = median_call(lambda: pandas_similarity(pairs), 1, 1 if args.quick else 2)
    n = len(catalog.similarity_matrix())
    results["similarity"] = {
        "drugs": n,
        "numpy": fast,
        "python": pure,
        "scipy": scipy_time,
        "pandas": pandas_time,
    }
    row(
        f"4a. `similarity_matrix()` ({n} drugs) >= 10x pandas self-merge",
        fmt(fast),
        fmt(pandas_time),
        f"{pandas_time / fast:.0f}x faster",
        pandas_time / fast >= 10,
    )
    row(
        "4b. ... within 2x of a scipy-sparse matrix product",
        fmt(fast),
        fmt(scipy_time),
        f"{fast / scipy_time:.2f}x the scipy time",
        fast <= 2 * scipy_time,
    )
    row("4c. ... pure Python (no numpy) < 2 s", fmt(pure), "-", "-", pure < 2)
    from similarity import measure as similarity_precision  # type: ignore[import-not-found]
    from similarity import speed as similarity_speed

    timed = similarity_speed(runs)
    results["similarity"].update(timed)
    cold_matrix = timed["similarity_matrix_cold"]
    row(
        "4d. ... cold (first call of a process, catalog loaded) within 2x of scipy",
        fmt(cold_matrix),
        fmt(scipy_time),
        f"{cold_matrix / scipy_time:.2f}x the scipy time",
        cold_matrix <= 2 * scipy_time,
    )
    row(
        "4e. `similar_drugs('gabapentin')` cold, first call of a process (catalog loaded); warm",
        f"{fmt(timed['similar_drugs_cold'])}; warm {fmt(timed['similar_drugs_warm'])}",
        "-",
        "-",
        None,
    )
    precision = similarity_precision(catalog)["variants"]
    results["similarity"]["precision_at_5"] = precision
    old = precision["adverse effects, Jaccard (the old default)"]
    for label, benchmark, fair in (
        ("ATC level-4", "ATC level 4", "combined without ATC"),
        ("target", "mechanism target", "combined without targets"),
    ):
        new_p = precision[fair][benchmark]["all"]["precision_at_5"]
        old_p = old[benchmark]["all"]["precision_at_5"]
        row(
            f"4f. similar_drugs {label} precision@5: {fair} beats the old default",
            f"{new_p:.3f} (full combined score: "
            f"{precision['combined (the new default)'][benchmark]['all']['precision_at_5']:.3f})",
            f"{old_p:.3f}",
            f"{new_p / old_p:.1f}x",
            new_p > old_p,
        )

    # 5. memory
    single = in_process(
        f"{RSS}; import json, drugcompare as dc; dc.compare('gabapentin', 'pregabalin'); "
        "print(json.dumps(rss()))"
    )
    every = in_process(
        f"{RSS}; import json, drugcompare as dc; drugs = dc.all_drugs(); print(json.dumps(rss()))"
    )
    results["memory_mb"] = {"single_comparison": single, "every_drug": every}
    row("5a. peak RSS after one comparison < 50 MB", f"{single:.0f} MB", "-", "-", single < 50)
    row("5b. peak RSS after touching every drug < 150 MB", f"{every:.0f} MB", "-", "-", every < 150)

    # 6. wheel size
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, str(REPO)],
            check=True,
            capture_output=True,
        )
        wheel = next(Path(out).glob("*.whl"))
        size = wheel.stat().st_size / 2**20
    results["wheel_mb"] = size
    row("6. wheel < 15 MB", f"{size:.1f} MB", "-", "-", size < 15)

    # scaling: cost of touching 25 / 50 / 100 % of the drugs, and of the matrix over them
    scaling = []
    ids = [d.id for d in dc.search_drugs("a", limit=1)]  # warm
    all_ids = list(catalog._data.views)
    for share in (0.25, 0.5, 1.0):
        count = int(len(all_ids) * share)
        touched = in_process(
            f"{RSS}; import json, time, drugcompare as dc; c = dc.default_catalog(); "
            f"ids = list(c._data.views)[:{count}]; t = time.perf_counter(); "
            "[c.by_id(i) for i in ids]; print(json.dumps([time.perf_counter() - t, rss()]))"
        )
        subset = list(catalog.similarity_matrix().ids)[: int(n * share)]
        matrix = median_call(lambda subset=subset: catalog.similarity_matrix(subset), 1, 3)
        scaling.append((share, count, touched[0], touched[1], len(subset), matrix))
    results["scaling"] = scaling
    del ids

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}\n"
    )
    print("| target | drugcompare | baseline | ratio | met |")
    print("|---|---|---|---|---|")
    for target, ours_text, base, ratio, met in rows:
        print(f"| {target} | {ours_text} | {base} | {ratio} | {met} |")
    print(
        "\n| share of drugs | drugs built | time to build them | peak RSS | matrix drugs | matrix time |"
    )
    print("|---|---|---|---|---|---|")
    for share, count, seconds, rss_mb, m, matrix_time in scaling:
        print(
            f"| {share:.0%} | {count} | {fmt(seconds)} | {rss_mb:.0f} MB | {m} | {fmt(matrix_time)} |"
        )
    return 0 if all(r[4] != "NO" for r in rows) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
