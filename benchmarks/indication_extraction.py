"""Measure indication extraction from section 1 of labels against the curated layer.

Run::

    python benchmarks/indication_extraction.py            # the figures (docs/conditions.md)
    python benchmarks/indication_extraction.py --details  # also every disagreement, with quotes

The raw folder is ``--raw``, else ``$DRUGCOMPARE_RAW``, else ``../shared/data/raw``.

What is compared: for every curated drug that has a label record in ``fda_labels/`` (openFDA
``openfda_sections_medguard`` records joined by UNII, else by the file's drug name; the 7
``spl_xml`` documents by their drug name), the set of conditions that
``tools.build.labels.indications.extract`` finds as *indications* in section 1 (limitations
left out) against the set of conditions of the drug's curated APPROVED indications (all
products). Both sets are first put in one id space the way the build does it: the curated
layer, a layer of the extracted indications and the condition columns of the other sources go
through ``conditions.unify`` together.

How a pair matches:

- **exact**: the same condition id after unification;
- **hierarchy**: the same id, or one is an ancestor of the other (parents of every layer and of
  the vocabulary tables, any distance): "partial-onset seizures" (focal epilepsy) matches a
  curated "epilepsy", and the other way round.

Precision = found conditions that match a curated one / found conditions; recall = curated
conditions matched by a found one / curated conditions; micro-averaged over all drugs (summed
counts). A curated approval of a product whose label is not the shipped one (Lyrica CR, Gralise,
Horizant, Brisdelle ...) is still counted as a miss: the shipped record is one product's label.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402
from tools.build.common import raw_dir  # noqa: E402
from tools.build.conditions import unify_report  # noqa: E402
from tools.build.labels.indications import Finding, extract  # noqa: E402
from tools.build.vocabulary.check import packaged_layers  # noqa: E402
from tools.build.vocabulary.index import Vocabulary  # noqa: E402
from tools.build.vocabulary.pool import Pool  # noqa: E402
from tools.build.vocabulary.sources import condition_layers  # noqa: E402
from tools.build.vocabulary.tables import load as load_tables  # noqa: E402

_SPL = "{urn:hl7-org:v3}"
_INDICATIONS_LOINC = "34067-9"


def spl_section1(path: Path) -> str:
    """The text of the Indications and Usage section (LOINC 34067-9) of an SPL document."""
    tree = etree.parse(str(path))
    for section in tree.iter(f"{_SPL}section"):
        code = section.find(f"{_SPL}code")
        if code is not None and code.get("code") == _INDICATIONS_LOINC:
            return " ".join(" ".join(str(t) for t in section.itertext()).split())
    return ""


def label_texts(
    raw: Path, drugs: list[dict[str, Any]]
) -> dict[str, list[tuple[str, str, list[str]]]]:
    """drug id -> [(source file, section 1 text, product names)], and how each joined."""
    folder = raw / "fda_labels"
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((folder / "openfda_sections_medguard").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records[path.stem] = data
    by_unii: dict[str, str] = {}
    for name, record in records.items():
        for unii in record.get("openfda_meta", {}).get("unii", []):
            by_unii.setdefault(unii, name)
    out: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    for drug in drugs:
        uniis = drug.get("identifiers", {}).get("unii", [])
        stem: str | None = next((by_unii[u] for u in uniis if u in by_unii), None)
        if stem is None and drug["id"] in records:
            stem = drug["id"]
        if stem is not None:
            data = records[stem]
            text = data.get("sections", {}).get("indications_and_usage", "")
            brands = list(data.get("openfda_meta", {}).get("brand_name", []))
            if text:
                out[drug["id"]].append((f"openfda_sections_medguard/{stem}.json", text, brands))
        for path in sorted((folder / "spl_xml").glob(f"{drug['id']}__*.xml")):
            text = spl_section1(path)
            if text:
                out[drug["id"]].append((f"spl_xml/{path.name}", text, []))
    return out


def curated_layer(raw: Path) -> dict[str, Any]:
    from tools.build import curated

    layer, errors = curated.build(raw)
    if errors:
        print(f"(curated files: {len(errors)} problem(s); the packaged curated layer is used)")
        return packaged_layers()[0][1]
    return layer


def measure(raw: Path, details: bool) -> list[str]:
    tables = load_tables()
    curated = curated_layer(raw)
    base = condition_layers(raw, tables)
    vocabulary_layers = [("curated", curated), *base[1:]]
    unify_report(vocabulary_layers, tables)
    vocabulary = Vocabulary.from_layers(vocabulary_layers, tables)

    curated = curated_layer(raw)  # fresh copy: unify rewrote the first one
    texts = label_texts(raw, curated["drugs"])
    found: dict[tuple[str, str], list[Finding]] = {}
    label_drugs: list[dict[str, Any]] = []
    for drug_id, documents in sorted(texts.items()):
        for file, text, products in documents:
            findings = [f for f in extract(text, vocabulary, products) if f.kind == "indication"]
            found[(drug_id, file)] = findings
            label_drugs.append(
                {
                    "id": f"{drug_id}@{file}",
                    "indications": [
                        {"condition": f.condition, "status": "approved"} for f in findings
                    ],
                }
            )
    labels_layer = {
        "conditions": vocabulary.records_for(
            sorted({f.condition for v in found.values() for f in v})
        ),
        "drugs": label_drugs,
    }
    layers = [("curated", curated), ("labels", labels_layer), *condition_layers(raw, tables)[1:]]
    done = unify_report(layers, tables)
    pool = Pool(layers)

    def canonical(cid: str) -> str:
        return done.alias.get(cid, cid)

    approved: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for drug in curated["drugs"]:
        for indication in drug.get("indications", []):
            if indication["status"] == "approved":
                approved[drug["id"]][indication["condition"]].append(indication)
    extracted = {d["id"]: [i["condition"] for i in d["indications"]] for d in label_drugs}

    def related(a: str, b: str) -> bool:
        return a == b or a in pool.ancestors(b) or b in pool.ancestors(a)

    totals = dict.fromkeys(
        ("found", "found_exact", "found_hier", "cur", "cur_exact", "cur_hier"), 0
    )
    lines = [
        "| drug | label file | curated approved | found | exact P / R | hierarchy P / R |",
        "|---|---|---|---|---|---|",
    ]
    misses: list[str] = []
    for (drug_id, file), findings in sorted(found.items()):
        cur = set(approved.get(drug_id, {}))
        got = {canonical(c) for c in extracted[f"{drug_id}@{file}"]}
        fe = sum(1 for e in got if e in cur)
        fh = sum(1 for e in got if any(related(e, c) for c in cur))
        ce = sum(1 for c in cur if c in got)
        ch = sum(1 for c in cur if any(related(e, c) for e in got))
        for key, value in zip(totals, (len(got), fe, fh, len(cur), ce, ch), strict=True):
            totals[key] += value
        lines.append(
            f"| {drug_id} | {file.split('/')[0]} | {len(cur)} | {len(got)} | "
            f"{_ratio(fe, len(got))} / {_ratio(ce, len(cur))} | "
            f"{_ratio(fh, len(got))} / {_ratio(ch, len(cur))} |"
        )
        for c in sorted(cur):
            if not any(related(e, c) for e in got):
                products = sorted({i.get("product") or "-" for i in approved[drug_id][c]})
                misses.append(
                    f"- MISS {drug_id} ({file}): {c} {pool.name(c)} [{'; '.join(products)}]"
                )
        for finding in findings:
            e = canonical(finding.condition)
            if not any(related(e, c) for c in cur):
                misses.append(f'- EXTRA {drug_id} ({file}): {e} {pool.name(e)}: "{finding.quote}"')
    summary = [
        f"Drugs with a label record: {len({d for d, _f in found})} of {len(curated['drugs'])} "
        f"curated; label documents compared: {len(found)}.",
        "",
        "| match | precision | recall |",
        "|---|---|---|",
        f"| exact id | {_ratio(totals['found_exact'], totals['found'])} "
        f"({totals['found_exact']}/{totals['found']}) | "
        f"{_ratio(totals['cur_exact'], totals['cur'])} ({totals['cur_exact']}/{totals['cur']}) |",
        f"| through the hierarchy | {_ratio(totals['found_hier'], totals['found'])} "
        f"({totals['found_hier']}/{totals['found']}) | "
        f"{_ratio(totals['cur_hier'], totals['cur'])} ({totals['cur_hier']}/{totals['cur']}) |",
        "",
    ]
    return summary + lines + (["", *misses] if details else [])


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", help="raw data folder")
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    print("\n".join(measure(raw_dir(args.raw), args.details)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
