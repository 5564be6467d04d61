"""What a user would write instead of drugcompare: the baselines of benchmarks/run.py.

``python benchmarks/baselines.py first-answer RAW_DIR`` answers "which adverse effects do
gabapentin and pregabalin share, and how often" with pandas from the raw SIDER and DrugCentral
files. The similarity functions compute the same Jaccard matrix as ``similarity_matrix()`` from
(drug, feature) pairs: a pandas self-merge and a scipy-sparse matrix product.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def first_answer(raw: Path, a: str = "gabapentin", b: str = "pregabalin") -> Any:
    import pandas as pd

    ids = pd.read_csv(
        raw / "drugcentral_2016" / "identifiers.tsv.gz", sep="\t", dtype=str, quotechar='"'
    )
    cids = ids[(ids.ID_TYPE == "PUBCHEM_CID") & ids.DRUG_NAME.isin([a, b])]
    se = pd.read_csv(
        raw / "sider4_dhimmel" / "meddra_all_se.tsv.gz",
        sep="\t",
        header=None,
        names=["flat", "stereo", "cui_label", "type", "cui", "name"],
    )
    freq = pd.read_csv(
        raw / "sider4_dhimmel" / "meddra_freq.tsv.gz",
        sep="\t",
        header=None,
        names=[
            "flat",
            "stereo",
            "cui_label",
            "placebo",
            "desc",
            "lower",
            "upper",
            "type",
            "cui",
            "name",
        ],
    )
    se = se[se.type == "PT"]
    freq = freq[freq.type == "PT"]
    for frame in (se, freq):
        frame["flat_cid"] = frame.flat.str[3:].astype(int) - 100000000
        frame["stereo_cid"] = frame.stereo.str[3:].astype(int)
    per_drug = {}
    for name in (a, b):
        drug_cids = {int(c) for c in cids[name == cids.DRUG_NAME].IDENTIFIER}
        rows = se[se.flat_cid.isin(drug_cids) | se.stereo_cid.isin(drug_cids)]
        per_drug[name] = set(rows.cui)
    shared = per_drug[a] & per_drug[b]
    drug_freq = freq[(freq.placebo != "placebo") & freq.cui.isin(shared)]
    return (
        drug_freq.groupby("name")[["lower", "upper"]].median().sort_values("upper", ascending=False)
    )


def feature_pairs(catalog: Any, by: str = "adverse_effects") -> list[tuple[str, str]]:
    """(drug id, feature) for every drug of the catalog that has features of that kind."""
    return [
        (drug_id, feature)
        for drug_id, facts in catalog.facts().items()
        for feature in sorted(facts.features(by))
    ]


def pandas_similarity(pairs: list[tuple[str, str]]) -> Any:
    """Jaccard of every pair of drugs by a self-merge on the feature (the usual pandas way)."""
    import pandas as pd

    frame = pd.DataFrame(pairs, columns=["drug", "feature"])
    sizes = frame.groupby("drug").size()
    merged = frame.merge(frame, on="feature")
    shared = merged.groupby(["drug_x", "drug_y"]).size().rename("shared").reset_index()
    shared["union"] = (
        sizes.loc[shared.drug_x].to_numpy() + sizes.loc[shared.drug_y].to_numpy() - shared.shared
    )
    shared["jaccard"] = shared.shared / shared["union"]
    return shared.pivot(index="drug_x", columns="drug_y", values="jaccard").fillna(0.0)


def scipy_similarity(pairs: list[tuple[str, str]]) -> Any:
    """Jaccard of every pair of drugs from a sparse incidence-matrix product."""
    import numpy as np
    from scipy import sparse

    drugs: dict[str, int] = {}
    features: dict[str, int] = {}
    rows = np.fromiter((drugs.setdefault(d, len(drugs)) for d, _ in pairs), dtype=np.int32)
    cols = np.fromiter((features.setdefault(f, len(features)) for _, f in pairs), dtype=np.int32)
    matrix = sparse.csr_matrix(
        (np.ones(len(pairs), dtype=np.float32), (rows, cols)), shape=(len(drugs), len(features))
    )
    shared = (matrix @ matrix.T).toarray()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "first-answer":
        print(first_answer(Path(sys.argv[2])).head())
    else:
        raise SystemExit("usage: baselines.py first-answer RAW_DIR")
