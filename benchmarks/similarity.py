"""How well similar_drugs() matches clinical intuition: precision@5 against ATC and targets.

Run on demand (needs numpy; not part of the test suite)::

    python benchmarks/similarity.py            # Markdown tables
    python benchmarks/similarity.py --json     # the raw figures
    python benchmarks/similarity.py --sensitivity   # also alternatives to the method's choices
    python benchmarks/similarity.py --speed [--src OTHER/src]   # cold and warm timings

For every drug with an ATC level-4 code (``N03AX``), the share of its top-5 neighbours that share
one of its level-4 codes; for every drug with a mechanism target, the share that share one of its
targets. A drug with fewer than five neighbours counts the empty places as misses. Neighbours are
ranked exactly as ``similar_drugs(drug, by=..., limit=5)`` ranks them (score, then name, then id),
over the whole catalog; the script checks this on a sample of drugs.

Leave-out rule: a score that uses ATC codes is not a fair judge of ATC precision (a drug's own
ATC code makes its ATC neighbours), nor one that uses targets of target precision. So the combined
score is also scored without its ATC component and without its target component; the headline
figure of each benchmark is the combined score without the component the benchmark checks.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

TOP = 5

# label -> (basis, bases of the combined score left in); single bases are Jaccard
VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "adverse effects, Jaccard (the old default)": ("adverse_effects", ()),
    "combined (the new default)": ("combined", ()),
    "combined without ATC": (
        "combined",
        ("mechanisms", "classes", "indications", "adverse_effects"),
    ),
    "combined without targets": ("combined", ("classes", "atc", "indications", "adverse_effects")),
    "combined without targets and classes": ("combined", ("atc", "indications", "adverse_effects")),
    "mechanisms (targets), Jaccard": ("mechanisms", ()),
    "classes, Jaccard": ("classes", ()),
    "ATC, Jaccard": ("atc", ()),
    "indications, Jaccard": ("indications", ()),
}


def _top(ids: Sequence[str], scores: Any, name_of: Callable[[str], str], own: str) -> list[str]:
    """The top-5 ids of one row of scores, in similar_drugs() order."""
    import numpy as np

    values = np.round(scores, 12)
    candidates = np.flatnonzero(values > 0)
    if len(candidates) > 3 * TOP:
        cut = np.partition(values[candidates], -TOP - 1)[-TOP - 1]  # the drug itself is one
        candidates = candidates[values[candidates] >= cut]
    ranked = sorted(
        ((-values[k], name_of(ids[k]), ids[k]) for k in candidates if ids[k] != own),
    )
    return [drug_id for _, _, drug_id in ranked[:TOP]]


def neighbours(
    catalog: Any, basis: str, bases: tuple[str, ...], index: Any = None
) -> dict[str, list[str]]:
    """Every drug's top-5 neighbours by one variant (drugs without any: no entry); ``index`` is
    the catalog's own combined-score index unless another is given."""
    from drugcompare._compare.matrix import combined_matrix, jaccard_matrix

    facts = catalog.facts()
    if basis == "combined":
        index = catalog._similarity if index is None else index
        matrix = combined_matrix(index, index.ids, True, bases or tuple(index.bases))
    else:
        ids = [d for d, f in facts.items() if f.features(basis)]
        matrix = jaccard_matrix(ids, [facts[d].features(basis) for d in ids], basis)
    values = matrix.to_numpy()
    found = {}
    for row, drug_id in enumerate(matrix.ids):
        found[drug_id] = _top(matrix.ids, values[row], catalog.name_of, drug_id)
    return found


def truths(catalog: Any) -> dict[str, dict[str, frozenset[str]]]:
    """Per benchmark, each drug's reference keys: ATC level-4 codes, target keys."""
    facts = catalog.facts()
    atc4 = {
        d: frozenset(k for k in f.features("atc") if k.startswith("atc4:"))
        for d, f in facts.items()
    }
    targets = {d: f.features("mechanisms") for d, f in facts.items()}
    return {
        "ATC level 4": {d: keys for d, keys in atc4.items() if keys},
        "mechanism target": {d: keys for d, keys in targets.items() if keys},
    }


def precision(
    found: Mapping[str, list[str]], truth: Mapping[str, frozenset[str]], among: set[str] | None
) -> dict[str, float]:
    """Mean precision@5 over the drugs of ``truth`` (within ``among``), and their coverage."""
    drugs = [d for d in truth if among is None or d in among]
    hits = 0
    covered = 0
    for drug_id in drugs:
        top = found.get(drug_id, [])
        covered += bool(top)
        hits += sum(1 for other in top if truth[drug_id] & truth.get(other, frozenset()))
    return {
        "drugs": len(drugs),
        "precision_at_5": hits / (TOP * len(drugs)) if drugs else 0.0,
        "with_neighbours": covered / len(drugs) if drugs else 0.0,
    }


def check_against_similar_drugs(catalog: Any, found: Mapping[str, list[str]], basis: str) -> int:
    """Compare the benchmark's ranking with similar_drugs() on a sample; returns drugs checked."""
    sample = sorted(found)[:: max(1, len(found) // 40)]
    for drug_id in sample:
        expected = [d.id for d, _ in catalog.similar_drugs(drug_id, by=basis, limit=TOP)]
        if found[drug_id] != expected:
            raise AssertionError(f"{drug_id} by {basis}: {found[drug_id]} != {expected}")
    return len(sample)


def measure(catalog: Any = None) -> dict[str, Any]:
    """Every variant's precision@5 on both benchmarks, over all their drugs and over the drugs
    that have adverse effects (the only ones the old default can rank)."""
    import drugcompare as dc

    catalog = dc.default_catalog() if catalog is None else catalog
    references = truths(catalog)
    with_effects = {d for d, f in catalog.facts().items() if f.features("adverse_effects")}
    results: dict[str, Any] = {"variants": {}, "checked": {}}
    for label, (basis, bases) in VARIANTS.items():
        found = neighbours(catalog, basis, bases)
        if not bases:
            results["checked"][basis] = check_against_similar_drugs(catalog, found, basis)
        results["variants"][label] = {
            name: {
                "all": precision(found, truth, None),
                "with_adverse_effects": precision(found, truth, with_effects),
            }
            for name, truth in references.items()
        }
    return results


def table(results: Mapping[str, Any]) -> str:
    """The figures as Markdown: one row per variant, precision@5 (and coverage) per benchmark."""
    names = list(next(iter(results["variants"].values())))
    first = next(iter(results["variants"].values()))
    head = "| score | " + " | ".join(
        f"{name} P@5, all {first[name]['all']['drugs']} drugs (with a neighbour) | "
        f"... the {first[name]['with_adverse_effects']['drugs']} with adverse effects"
        for name in names
    )
    lines = [head + " |", "|---|" + "---|---|" * len(names)]
    for label, figures in results["variants"].items():
        cells = []
        for name in names:
            every, some = figures[name]["all"], figures[name]["with_adverse_effects"]
            cells.append(f"{every['precision_at_5']:.3f} ({every['with_neighbours']:.0%})")
            cells.append(f"{some['precision_at_5']:.3f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


EQUAL = dict.fromkeys(("mechanisms", "classes", "atc", "indications", "adverse_effects"), 0.2)

# label -> keyword arguments of similarity_index (the rest as the library ships them)
ALTERNATIVES: dict[str, dict[str, Any]] = {
    "as shipped": {},
    "no IDF (plain cosine)": {"idf": False},
    "equal weights (0.2 each)": {"weights": EQUAL},
    "missing basis counts 0 (only bases both drugs have)": {"missing": 0.0},
    "missing basis counts 1 (every basis either drug has)": {"missing": 1.0},
    "indications without parents": {"depth": 0},
    "indications with parents and grandparents": {"depth": 2},
}


def sensitivity(catalog: Any = None) -> dict[str, dict[str, float]]:
    """The headline figures under alternatives to each choice of the method: ATC P@5 of the
    combined score without ATC, target P@5 without targets, and both of the full score."""
    import drugcompare as dc
    from drugcompare._compare.scoring import similarity_index

    catalog = dc.default_catalog() if catalog is None else catalog
    references = truths(catalog)
    atc, target = references["ATC level 4"], references["mechanism target"]
    no_atc = VARIANTS["combined without ATC"][1]
    no_target = VARIANTS["combined without targets"][1]
    results = {}
    for label, options in ALTERNATIVES.items():
        index = similarity_index(catalog.facts(), catalog._data.conditions, **options)
        full = neighbours(catalog, "combined", (), index)
        results[label] = {
            "atc_without_atc": precision(neighbours(catalog, "combined", no_atc, index), atc, None)[
                "precision_at_5"
            ],
            "target_without_targets": precision(
                neighbours(catalog, "combined", no_target, index), target, None
            )["precision_at_5"],
            "atc_full": precision(full, atc, None)["precision_at_5"],
            "target_full": precision(full, target, None)["precision_at_5"],
        }
    return results


def sensitivity_table(results: Mapping[str, Mapping[str, float]]) -> str:
    lines = [
        "| method | ATC P@5 without ATC | target P@5 without targets | ATC P@5 | target P@5 |",
        "|---|---|---|---|---|",
    ]
    for label, r in results.items():
        lines.append(
            f"| {label} | {r['atc_without_atc']:.3f} | {r['target_without_targets']:.3f} | "
            f"{r['atc_full']:.3f} | {r['target_full']:.3f} |"
        )
    return "\n".join(lines)


QUERIES = ("gabapentin", "sertraline", "lisinopril", "atorvastatin", "metformin")

# Each runs in a fresh interpreter after `import drugcompare` and loading the default catalog, and
# prints its seconds as JSON. "Cold" is the first call of the process (it reads the layers);
# "warm" the median of repeated calls, each query asked once before it is timed (building the
# neighbours' models is not the ranking's cost).
_COLD_SIMILAR = (
    "import json, time, drugcompare as dc; dc.default_catalog(); t = time.perf_counter(); "
    "dc.similar_drugs('gabapentin'); print(json.dumps(time.perf_counter() - t))"
)
_WARM_SIMILAR = (
    "import json, time, statistics, drugcompare as dc; qs = {queries!r}; "
    "[dc.similar_drugs(q) for q in qs]; ts = []\n"
    "for q in qs * 4:\n    t = time.perf_counter(); dc.similar_drugs(q); "
    "ts.append(time.perf_counter() - t)\n"
    "print(json.dumps(statistics.median(ts)))"
)
_COLD_MATRIX = (
    "import json, time, numpy, drugcompare as dc; dc.default_catalog(); t = time.perf_counter(); "
    "dc.similarity_matrix(); print(json.dumps(time.perf_counter() - t))"
)


def _seconds(code: str, src: str | None) -> float:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def speed(runs: int = 5, src: str | None = None) -> dict[str, float]:
    """Median seconds, each run in a fresh process: the first ``similar_drugs`` of a process,
    a warm ``similar_drugs``, the first ``similarity_matrix()`` of a process. ``src`` puts another
    checkout's ``src`` first on the path (to time the code before a change)."""
    return {
        "similar_drugs_cold": statistics.median(_seconds(_COLD_SIMILAR, src) for _ in range(runs)),
        "similar_drugs_warm": statistics.median(
            _seconds(_WARM_SIMILAR.format(queries=QUERIES), src) for _ in range(max(1, runs // 2))
        ),
        "similarity_matrix_cold": statistics.median(
            _seconds(_COLD_MATRIX, src) for _ in range(runs)
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument(
        "--sensitivity", action="store_true", help="also score alternatives to the method's choices"
    )
    parser.add_argument(
        "--speed", action="store_true", help="only time similar_drugs and similarity_matrix()"
    )
    parser.add_argument("--src", help="with --speed: time the package under this src directory")
    args = parser.parse_args()
    if args.speed:
        for name, seconds in speed(src=args.src).items():
            print(f"{name}: {seconds * 1e3:.1f} ms")
        return 0
    results = measure()
    if args.sensitivity:
        results["sensitivity"] = sensitivity()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(table(results))
    checked = ", ".join(f"{basis} {n}" for basis, n in results["checked"].items())
    print(f"\nRanking checked against similar_drugs() on a sample of drugs: {checked}.")
    if args.sensitivity:
        print("\n" + sensitivity_table(results["sensitivity"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
