"""``python -m tools.build.vocabulary``: what the vocabulary rules do to the layers, and whether
what people type reaches the drugs.

The layers are built in memory as the build builds them (the curated layer, the backbone layers
and the Disease Ontology from the raw folder; nothing is written), or, with ``--packaged``, read
from the packaged JSON lines of ``src/drugcompare/data`` (the library's runtime is not used).
``conditions.unify_report`` runs over them; the report prints how many records each rule merged,
re-filed or gave a parent, the aliases whose condition is missing, and for every alias of
``aliases.toml`` (and the terms of ``EXPECTED``) the condition it resolves to and the drugs with
an approved or listed indication at or under it. Queries resolve as the runtime will: an id or
cross-reference, then a name, then an alias, then a synonym; ties prefer Disease Ontology ids,
then the layer precedence.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from drugcompare._text import normalize

from ..common import DATA_OUT, raw_dir
from .pool import Layers, Pool, rank
from .tables import Tables
from .tables import load as load_tables

__all__ = ["EXPECTED", "build_layers", "drugs_under", "packaged_layers", "resolve"]

# Terms that must reach these drugs with an approved indication (issue 11).
EXPECTED: dict[str, tuple[str, ...]] = {
    "seizures": (
        "gabapentin",
        "pregabalin",
        "lamotrigine",
        "levetiracetam",
        "carbamazepine",
        "oxcarbazepine",
        "topiramate",
        "valproate",
    ),
    "spasticity": ("baclofen", "tizanidine", "dantrolene"),
    "alcohol use disorder": ("naltrexone", "acamprosate"),
    "opioid use disorder": ("buprenorphine", "methadone", "naltrexone"),
    "GAD": (),
    "RLS": (),
    "MS": (),
}


def packaged_layers(folder: Path = DATA_OUT) -> Layers:
    """The packaged layers (precedence order of manifest.json), read from their JSON lines."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    layers: Layers = []
    for entry in manifest["layers"]:
        with open(folder / entry["file"], encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            conditions = json.loads(handle.readline())
            handle.readline()
            handle.readline()
            drugs = [json.loads(line) for line in handle]
        name = entry["file"].removesuffix(".jsonl")
        layers.append((name, {"layer": header["layer"], "conditions": conditions, "drugs": drugs}))
    return layers


def build_layers(raw: Path, tables: Tables) -> Layers:
    """The layers as ``python -m tools.build`` builds them, before ``unify``."""
    from .. import backbone, curated, ontology

    curated_layer, errors = curated.build(raw)
    if errors:
        print(
            f"(the curated files have {len(errors)} problem(s); using the packaged curated layer)"
        )
        curated_layer = dict(packaged_layers()[0][1])
    onto = ontology.load(raw, tables)
    layers: Layers = [("curated", curated_layer)]
    for file, layer in backbone.build_layers(raw, onto, curated_layer):
        layers.append((file.removesuffix(".json"), layer))
    layers.append(("disease-ontology", ontology.layer(raw, onto)))
    return layers


def resolve(query: str, pool: Pool) -> str | None:
    """The condition a query names (see the module docstring for the order)."""
    folded = normalize(query)
    tiers: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(4)]
    for cid in pool.records:
        for xref in (cid, *pool.xrefs[cid]):
            tiers[0][normalize(xref)].add(cid)
            tiers[0][normalize(xref.partition(":")[2])].add(cid)
        for _index, copy in pool.copies[cid]:
            tiers[1][normalize(copy["name"])].add(cid)
            for alias in copy.get("aliases", []):
                tiers[2][normalize(alias)].add(cid)
            for synonym in copy.get("synonyms", []):
                tiers[3][normalize(synonym)].add(cid)
    for tier in tiers:
        found = tier.get(folded)
        if found:
            return min(found, key=lambda c: rank(c, pool.first_seen))
    return None


def drugs_under(cid: str, pool: Pool) -> dict[str, set[str]]:
    """status -> drug ids with an indication for ``cid`` or a narrower condition."""
    scope = pool.descendants(cid) | {cid}
    found: dict[str, set[str]] = defaultdict(set)
    for _index, drug, indication in pool.drugs_using():
        if indication["condition"] in scope:
            found[indication["status"]].add(drug["id"])
    return found


def _names(ids: set[str], limit: int = 12) -> str:
    shown = sorted(ids)
    more = f" ... (+{len(shown) - limit})" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def report(layers: Layers, tables: Tables) -> list[str]:
    """Run ``unify_report`` over ``layers`` and describe it (lines of Markdown)."""
    from ..conditions import unify_report

    done = unify_report(layers, tables)
    pool = Pool(layers)
    rules: dict[str, int] = defaultdict(int)
    for merge in done.merges:
        rules[merge.rule] += 1
    parents: dict[str, int] = defaultdict(int)
    for item in done.parents:
        parents[item[2]] += 1
    lines = [
        f"- records merged into another id: {len(done.alias)}"
        f" ({', '.join(f'{k} {v}' for k, v in sorted(rules.items()))})",
        f"- merges refused (would join two DO terms): {len(done.refused)}",
        f"- re-filed to the DO term a source name names: "
        f"{sum(1 for r in done.refiles if not r.dropped)} records, "
        f"{sum(r.indications for r in done.refiles)} indications;"
        f" names dropped: {sum(1 for r in done.refiles if r.dropped)}",
        f"- parents added: {len(done.parents)}"
        f" ({', '.join(f'{k} {v}' for k, v in sorted(parents.items()))})",
        f"- indications moved to the condition their quote names: {len(done.quoted)}",
    ]
    lines += [f"  - {q.layer} {q.drug}: {q.old} -> {q.new} ({q.status})" for q in done.quoted]
    lines += [f"- PROBLEM {m}" for m in done.missing]
    lines += ["", "| query | condition | approved (drugs) | listed |", "|---|---|---|---|"]
    queries = [*EXPECTED, *(row.term for row in tables.aliases)]
    seen: set[str] = set()
    for query in queries:
        if query in seen:
            continue
        seen.add(query)
        cid = resolve(query, pool)
        if cid is None:
            lines.append(f"| {query} | PROBLEM: does not resolve | | |")
            continue
        found = drugs_under(cid, pool)
        approved, listed = found.get("approved", set()), found.get("listed", set())
        missing = [d for d in EXPECTED.get(query, ()) if d not in approved]
        flag = f" PROBLEM: missing {', '.join(missing)}" if missing else ""
        if not approved and not listed:
            flag += " PROBLEM: no drug"
        lines.append(
            f"| {query} | {cid} {pool.name(cid)} | {len(approved)}: {_names(approved)}{flag}"
            f" | {len(listed)} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", help="raw data folder (default ../shared/data/raw)")
    parser.add_argument(
        "--packaged", action="store_true", help="read the packaged layers instead of building"
    )
    args = parser.parse_args(argv)
    tables = load_tables()
    layers = packaged_layers() if args.packaged else build_layers(raw_dir(args.raw), tables)
    lines = report(layers, tables)
    print("\n".join(lines))
    return 1 if any("PROBLEM" in line for line in lines) else 0
