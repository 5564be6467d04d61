"""Print the measurements of the regulatory layers: ``python -m tools.build.regulatory [--raw DIR]``.

Builds the five layers in memory (nothing is written), then prints the report of every join, the
size of each packaged layer and the drug each brand of ``--brands`` resolves to, with its
ingredients, first approval and federal schedule.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from drugcompare._text import normalize

from .. import curated
from ..backbone.hub import Hub
from ..common import jsonl, raw_dir
from . import build_layers

SPOT_CHECKS = (
    "Ozempic,Wegovy,Mounjaro,Zepbound,Leqembi,Humira,Keytruda,Prozac,Lipitor,Tylenol,Advil,"
    "Eliquis,Suboxone,Qsymia,Paxlovid,Horizant,Lyrica,Neurontin,Xcopri,Quviviq,Zurzuvae"
)


def merged(layers: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """A rough merge for the printout: first value per field in layer order, lists united."""
    out: dict[str, dict[str, Any]] = {}
    for _name, layer in layers:
        for drug in layer["drugs"]:
            record = out.setdefault(drug["id"], {"id": drug["id"], "approval": {}})
            for key in ("name", "kind", "ingredients", "dea"):
                if key in drug:
                    record.setdefault(key, drug[key])
            for key in ("brand_names", "synonyms"):
                record.setdefault(key, [])
                record[key] += [v for v in drug.get(key, []) if v not in record[key]]
            for key, value in drug.get("approval", {}).items():
                record["approval"].setdefault(key, value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", help="raw data folder")
    parser.add_argument("--brands", default=SPOT_CHECKS, help="comma-separated brands to look up")
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    curated_layer, _errors = curated.build(raw)
    layers, report = build_layers(raw, Hub(raw, curated_layer))
    for line in report:
        print(line)
    for name, layer in layers:
        print(f"size {name}.jsonl: {len(jsonl(layer)):,} bytes, {len(layer['drugs'])} drugs")
    drugs = merged(layers)
    by_brand: dict[str, set[str]] = defaultdict(set)
    for drug_id, record in drugs.items():
        for name in record["brand_names"] + record["synonyms"]:
            by_brand[normalize(name)].add(drug_id)
    for brand in args.brands.split(","):
        for drug_id in sorted(by_brand.get(normalize(brand), {"(not found)"})):
            record = drugs.get(drug_id, {})
            approval = record.get("approval", {})
            dea = record.get("dea", {})
            print(
                f"{brand} -> {drug_id} ({record.get('kind', '-')}; ingredients "
                f"{record.get('ingredients', [drug_id])}); first approval "
                f"{approval.get('first_approval_date', approval.get('first_approval_year', '?'))} "
                f"{approval.get('application', '')} {approval.get('first_product', '')}; "
                f"DEA {dea.get('schedule', 'unknown')} as of {dea.get('as_of', '-')}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
