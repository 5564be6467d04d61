"""The curated layer: hand-written TOML files (data/curated/drugs/*.toml) -> packaged JSON layer.

Run ``python -m tools.build.curated --validate FILE ...`` to check files while curating; the full
build (``python -m tools.build``) writes ``src/drugcompare/data/curated.json``. The format and the
rules are in docs/curation.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from . import ontology as ontology_mod
from .common import CURATED, FORMAT_VERSION, raw_dir, read_tsv

LAYER_ID = "curated"
MAX_QUOTE = 200

STATUSES = {"APPROVED", "OFF_LABEL", "INVESTIGATIONAL", "ANECDOTAL"}
SEVERITY_BY_RULE = {
    1: "LIFE_THREATENING",
    2: "HIGH",
    3: "MODERATE",
    4: "LOW",
    5: "NONE",
    6: "UNKNOWN",
}
SCHEDULES = {"I", "II", "III", "IV", "V", "NOT_CONTROLLED"}
KINDS = {"small_molecule", "biologic", "botanical", "protein", "mixture", "other"}
CATEGORIES = {"common", "serious", "postmarketing", "other"}
IDENTIFIER_KEYS = {
    "rxcui",
    "unii",
    "drugbank",
    "chembl",
    "pubchem_cid",
    "mesh",
    "umls_cui",
    "drugcentral",
}
SOURCE_KINDS = {
    "fda_label",
    "cfr",
    "fda_statement",
    "dea_statement",
    "guideline",
    "review",
    "trial",
    "foreign_label",
    "other",
}

TOP_KEYS = {
    "schema",
    "id",
    "name",
    "kind",
    "brand_names",
    "synonyms",
    "atc_codes",
    "curated_on",
    "notes",
    "identifiers",
    "dea_schedule",
    "approval",
    "sources",
    "indications",
    "mechanisms",
    "adverse_effects",
    "withdrawal",
    "boxed_warnings",
    "market_withdrawals",
}
TABLE_KEYS = {
    "dea_schedule": ({"value", "evidence"}, {"value", "evidence"}),
    "approval": ({"fda_approved", "first_us_approval", "evidence"}, {"fda_approved", "evidence"}),
    "sources": (
        {"title", "url", "publisher", "version", "kind", "license"},
        {"title", "url", "kind"},
    ),
    "indications": (
        {"condition", "condition_name", "parent", "status", "product", "note", "evidence"},
        {"condition", "condition_name", "status", "evidence"},
    ),
    "mechanisms": (
        {"target", "gene", "action", "pharmacologic_class", "description", "evidence"},
        {"evidence"},
    ),
    "adverse_effects": (
        {"term", "umls_cui", "incidence", "placebo", "category", "population", "evidence"},
        {"term", "category", "evidence"},
    ),
    "withdrawal": (
        {
            "severity",
            "rule",
            "symptoms",
            "onset",
            "taper",
            "boxed_warning",
            "dependence",
            "note",
            "evidence",
        },
        {"severity", "rule", "evidence"},
    ),
    "boxed_warnings": (
        {"topic", "summary", "product", "evidence"},
        {"topic", "summary", "evidence"},
    ),
    "market_withdrawals": ({"year", "country", "reason", "evidence"}, {"evidence"}),
}
EVIDENCE_KEYS = {"source", "section", "quote"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
CONDITION_ID = re.compile(r"(DOID:\d+|UMLS:C\d{7}|DC:[a-z0-9]+(?:-[a-z0-9]+)*)\Z")


class CurationError(Exception):
    pass


class _Context:
    def __init__(self, file: Path, terms: dict[str, str], ontology: ontology_mod.Ontology) -> None:
        self.file = file
        self.terms = terms
        self.ontology = ontology
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{self.file.name}: {where}: {message}")


def load_terms(raw: Path) -> dict[str, str]:
    """MedDRA term names by UMLS CUI, as SIDER spells them."""
    return dict(read_tsv(raw / "sider4_dhimmel" / "side-effect-terms.tsv"))


def _string(ctx: _Context, where: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        ctx.error(where, f"must be a non-empty string, got {value!r}")
        return None
    return value.strip()


def _strings(ctx: _Context, where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        ctx.error(where, "must be a list of non-empty strings")
        return []
    return [v.strip() for v in value]


def _percent_pair(ctx: _Context, where: str, value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, bool):
        ctx.error(where, "must be a number or [low, high]")
        return None
    if isinstance(value, (int, float)):
        low = high = float(value)
    elif (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        low, high = float(value[0]), float(value[1])
    else:
        ctx.error(where, f"must be a percentage or [low, high], got {value!r}")
        return None
    if not (0 <= low <= high <= 100):
        ctx.error(where, f"percentages must satisfy 0 <= low <= high <= 100, got {value!r}")
        return None
    return round(low / 100, 6), round(high / 100, 6)


def _table_keys(ctx: _Context, where: str, table: Any, kind: str) -> bool:
    allowed, required = TABLE_KEYS[kind]
    if not isinstance(table, dict):
        ctx.error(where, "must be a table")
        return False
    for key in sorted(set(table) - allowed):
        ctx.error(where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in sorted(required - set(table)):
        ctx.error(where, f"missing required key {key!r}")
    return True


def _evidence(
    ctx: _Context, where: str, value: Any, documents: dict[str, Any]
) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        ctx.error(where, "needs at least one evidence entry {source, section, quote}")
        return []
    out = []
    for position, item in enumerate(value):
        here = f"{where}.evidence[{position}]"
        if not isinstance(item, dict):
            ctx.error(here, "must be a table {source, section, quote}")
            continue
        for key in sorted(set(item) - EVIDENCE_KEYS):
            ctx.error(here, f"unknown key {key!r}")
        source = item.get("source")
        if source not in documents:
            ctx.error(here, f"source {source!r} is not defined under [sources]")
            continue
        section = _string(ctx, here + ".section", item.get("section"))
        quote = _string(ctx, here + ".quote", item.get("quote"), optional=True)
        if quote is not None and len(quote) > MAX_QUOTE:
            ctx.error(
                here + ".quote", f"quote is {len(quote)} characters; keep it under {MAX_QUOTE}"
            )
        citation = {"doc": source, "section": section}
        if quote is not None:
            citation["quote"] = quote
        out.append(citation)
    return out


def _condition(
    ctx: _Context, where: str, entry: dict[str, Any], conditions: dict[str, dict[str, Any]]
) -> str | None:
    raw_id = entry.get("condition")
    name = _string(ctx, where + ".condition_name", entry.get("condition_name"))
    if not isinstance(raw_id, str) or not CONDITION_ID.match(raw_id):
        ctx.error(
            where + ".condition", f"must be DOID:<n>, UMLS:C<7 digits> or DC:<slug>, got {raw_id!r}"
        )
        return None
    onto = ctx.ontology
    if raw_id.startswith("UMLS:") and raw_id[5:] in onto.umls_to_doid:
        condition_id = onto.umls_to_doid[raw_id[5:]]
    else:
        condition_id = raw_id
    if condition_id.startswith("DOID:"):
        if condition_id not in onto.names:
            ctx.error(where + ".condition", f"{condition_id} is not in the Disease Ontology")
            return None
        record = onto.condition(condition_id)
        if "parent" in entry and raw_id.startswith("DOID:"):
            # (A UMLS CUI that the ontology maps to a DOID takes the DOID's parents instead.)
            ctx.error(
                where + ".parent", "only UMLS:/DC: conditions take a parent; a DOID has its own"
            )
    else:
        parent = entry.get("parent")
        parents = []
        if parent is not None:
            if not isinstance(parent, str) or parent not in onto.names:
                ctx.error(
                    where + ".parent", f"must be a DOID of the Disease Ontology, got {parent!r}"
                )
            else:
                parents.append(parent)
        # A UMLS concept is named as MedDRA/SIDER name it ("Spinal cord injury"), not by one
        # curator's description of one indication ("... (spasticity)"), which stays in its note.
        official = ctx.terms.get(condition_id[5:]) if condition_id.startswith("UMLS:") else None
        record = {
            "id": condition_id,
            "name": official or name or condition_id,
            "parents": parents,
            "xrefs": [],
        }
        if condition_id.startswith("UMLS:"):
            record["xrefs"] = [condition_id]
    known = conditions.get(condition_id)
    if known is None:
        conditions[condition_id] = record
        known = record
    else:
        for parent in record["parents"]:
            if parent not in known["parents"]:
                known["parents"] = sorted([*known["parents"], parent])
    return condition_id


def convert_file(
    file: Path,
    terms: dict[str, str],
    ontology: ontology_mod.Ontology,
    conditions: dict[str, dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
    """One TOML file -> (drug record, its documents, errors)."""
    ctx = _Context(file, terms, ontology)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, {}, [f"{file.name}: not valid TOML: {exc}"]
    for key in sorted(set(data) - TOP_KEYS):
        ctx.error("top level", f"unknown key {key!r}")
    if data.get("schema") != 1:
        ctx.error("schema", "must be 1")
    drug_id = data.get("id")
    if not isinstance(drug_id, str) or not SLUG.match(drug_id):
        ctx.error("id", f"must be a lowercase slug, got {drug_id!r}")
        drug_id = file.stem
    if file.stem != drug_id:
        ctx.error("id", f"must match the file name ({file.stem!r})")
    kind = data.get("kind")
    if kind not in KINDS:
        ctx.error("kind", f"must be one of {sorted(KINDS)}, got {kind!r}")

    documents: dict[str, dict[str, Any]] = {}
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        ctx.error("sources", "at least one [sources.<key>] table is needed")
        sources = {}
    for key, table in sorted(sources.items()):
        where = f"sources.{key}"
        if not SLUG.match(key):
            ctx.error(where, "source keys are lowercase slugs")
        if not _table_keys(ctx, where, table, "sources"):
            continue
        if table.get("kind") not in SOURCE_KINDS:
            ctx.error(where + ".kind", f"must be one of {sorted(SOURCE_KINDS)}")
        url = _string(ctx, where + ".url", table.get("url"))
        if url is not None and not url.startswith(("https://", "http://")):
            ctx.error(
                where + ".url",
                "must be an http(s) URL (for a file of ../shared/data/raw, the repository URL "
                "named in its SOURCE.txt)",
            )
        document = {
            k: v
            for k, v in (
                ("title", _string(ctx, where + ".title", table.get("title"))),
                ("url", url),
                (
                    "publisher",
                    _string(ctx, where + ".publisher", table.get("publisher"), optional=True),
                ),
                ("version", _string(ctx, where + ".version", table.get("version"), optional=True)),
                ("kind", table.get("kind")),
                ("license", _string(ctx, where + ".license", table.get("license"), optional=True)),
            )
            if v is not None
        }
        documents[key] = document

    record: dict[str, Any] = {
        "id": drug_id,
        "name": _string(ctx, "name", data.get("name")),
        "kind": kind,
        "brand_names": _strings(ctx, "brand_names", data.get("brand_names")),
        "synonyms": _strings(ctx, "synonyms", data.get("synonyms")),
        "atc_codes": _strings(ctx, "atc_codes", data.get("atc_codes")),
        "notes": _strings(ctx, "notes", data.get("notes")),
    }
    identifiers = data.get("identifiers", {})
    if not isinstance(identifiers, dict):
        ctx.error("identifiers", "must be a table")
        identifiers = {}
    ids: dict[str, list[str]] = {}
    for key, value in sorted(identifiers.items()):
        if key not in IDENTIFIER_KEYS:
            ctx.error(
                f"identifiers.{key}",
                f"unknown identifier kind (allowed: {sorted(IDENTIFIER_KEYS)})",
            )
            continue
        values = [value] if isinstance(value, str) else value
        ids[key] = _strings(ctx, f"identifiers.{key}", values)
    record["identifiers"] = ids

    if "dea_schedule" in data and _table_keys(
        ctx, "dea_schedule", data["dea_schedule"], "dea_schedule"
    ):
        table = data["dea_schedule"]
        if table.get("value") not in SCHEDULES:
            ctx.error("dea_schedule.value", f"must be one of {sorted(SCHEDULES)}")
        else:
            record["dea"] = {
                "schedule": "not_controlled"
                if table["value"] == "NOT_CONTROLLED"
                else table["value"],
                "cite": _evidence(ctx, "dea_schedule", table.get("evidence"), documents),
            }
    if "approval" in data and _table_keys(ctx, "approval", data["approval"], "approval"):
        table = data["approval"]
        if not isinstance(table.get("fda_approved"), bool):
            ctx.error("approval.fda_approved", "must be true or false")
        year = table.get("first_us_approval")
        if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2100):
            ctx.error("approval.first_us_approval", f"must be a year, got {year!r}")
        approval = {
            "fda_approved": table.get("fda_approved"),
            "cite": _evidence(ctx, "approval", table.get("evidence"), documents),
        }
        if year is not None:
            approval["first_approval_year"] = year
        record["approval"] = approval

    def entries(kind: str) -> Iterable[tuple[str, dict[str, Any]]]:
        value = data.get(kind, [])
        if not isinstance(value, list):
            ctx.error(kind, "must be an array of tables ([[...]])")
            return
        for position, entry in enumerate(value):
            where = f"{kind}[{position}]"
            if _table_keys(ctx, where, entry, kind):
                yield where, entry

    indications = []
    for where, entry in entries("indications"):
        condition_id = _condition(ctx, where, entry, conditions)
        status = entry.get("status")
        if status not in STATUSES:
            ctx.error(where + ".status", f"must be one of {sorted(STATUSES)}")
            continue
        if condition_id is None:
            continue
        item = {
            "condition": condition_id,
            "status": status.lower(),
            "cite": _evidence(ctx, where, entry.get("evidence"), documents),
        }
        if status == "APPROVED" and not any(
            documents.get(c["doc"], {}).get("kind") == "fda_label" for c in item["cite"]
        ):
            ctx.error(
                where + ".status", "APPROVED needs evidence from a source of kind 'fda_label'"
            )
        for key in ("note", "product"):
            value = _string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                item[key] = value
        # The curator's wording of the use ("neuropathic pain associated with spinal cord
        # injury") is kept in the note when the condition's own name is broader.
        wording = entry.get("condition_name")
        if isinstance(wording, str) and wording.strip():
            official = conditions[condition_id]["name"]
            if (
                wording.strip().casefold() != official.casefold()
                and wording.strip().casefold() not in (item.get("note", "").casefold())
            ):
                item["note"] = (
                    f"{wording.strip()}; {item['note']}" if "note" in item else wording.strip()
                )
        indications.append(item)
    record["indications"] = indications

    mechanisms = []
    for where, entry in entries("mechanisms"):
        item = {"cite": _evidence(ctx, where, entry.get("evidence"), documents)}
        for key in ("target", "gene", "action", "pharmacologic_class", "description"):
            value = _string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                item[key] = value.lower() if key == "action" else value
        if not any(k in item for k in ("target", "pharmacologic_class", "description")):
            ctx.error(where, "needs a target, a pharmacologic_class or a description")
        mechanisms.append(item)
    record["mechanisms"] = mechanisms

    effects: dict[str, dict[str, Any]] = {}
    for where, entry in entries("adverse_effects"):
        term = _string(ctx, where + ".term", entry.get("term"))
        cui = entry.get("umls_cui")
        if cui is not None:
            if cui not in ctx.terms:
                ctx.error(where + ".umls_cui", f"{cui!r} is not in side-effect-terms.tsv")
                cui = None
            elif term is not None and ctx.terms[cui].casefold() != term.casefold():
                ctx.error(
                    where + ".term",
                    f"{cui} is named {ctx.terms[cui]!r} in side-effect-terms.tsv, not {term!r}",
                )
        category = entry.get("category")
        if category not in CATEGORIES:
            ctx.error(where + ".category", f"must be one of {sorted(CATEGORIES)}")
        incidence = _percent_pair(ctx, where + ".incidence", entry.get("incidence"))
        placebo = _percent_pair(ctx, where + ".placebo", entry.get("placebo"))
        if placebo is not None and incidence is None:
            ctx.error(where + ".placebo", "a placebo rate needs the drug's incidence too")
        frequency: dict[str, Any] = {
            "label": category,
            "cite": _evidence(ctx, where, entry.get("evidence"), documents),
        }
        if incidence is not None:
            frequency["lower"], frequency["upper"] = incidence
        if placebo is not None:
            frequency["placebo_lower"], frequency["placebo_upper"] = placebo
        population = _string(ctx, where + ".population", entry.get("population"), optional=True)
        if population is not None:
            frequency["population"] = population
        if term is None:
            continue
        key = cui or "term:" + term.casefold()
        effect = effects.setdefault(
            key, {"term": ctx.terms.get(cui, term) if cui else term, "frequencies": []}
        )
        if cui:
            effect["umls_cui"] = cui
        effect["frequencies"].append(frequency)
    record["adverse_effects"] = list(effects.values())

    if "withdrawal" in data and _table_keys(ctx, "withdrawal", data["withdrawal"], "withdrawal"):
        table = data["withdrawal"]
        rule = table.get("rule")
        severity = table.get("severity")
        if rule not in SEVERITY_BY_RULE:
            ctx.error("withdrawal.rule", "must be the clause number 1-6 of the severity rule")
        elif SEVERITY_BY_RULE[rule] != severity:
            ctx.error(
                "withdrawal.severity",
                f"clause {rule} gives {SEVERITY_BY_RULE[rule]}, not {severity!r}",
            )
        withdrawal: dict[str, Any] = {
            "severity": str(severity).lower(),
            "rule": rule,
            "symptoms": _strings(ctx, "withdrawal.symptoms", table.get("symptoms")),
            "boxed_warning": bool(table.get("boxed_warning", False)),
            "cite": _evidence(ctx, "withdrawal", table.get("evidence"), documents),
        }
        if not isinstance(table.get("boxed_warning", False), bool):
            ctx.error("withdrawal.boxed_warning", "must be true or false")
        for key in ("onset", "taper", "dependence", "note"):
            value = _string(ctx, f"withdrawal.{key}", table.get(key), optional=True)
            if value is not None:
                withdrawal[key] = value
        record["withdrawal"] = withdrawal

    boxed = []
    for where, entry in entries("boxed_warnings"):
        item = {
            "topic": _string(ctx, where + ".topic", entry.get("topic")),
            "summary": _string(ctx, where + ".summary", entry.get("summary")),
            "cite": _evidence(ctx, where, entry.get("evidence"), documents),
        }
        product = _string(ctx, where + ".product", entry.get("product"), optional=True)
        if product is not None:
            item["product"] = product
        boxed.append(item)
    record["boxed_warnings"] = boxed

    market = []
    for where, entry in entries("market_withdrawals"):
        withdrawn: dict[str, Any] = {
            "cite": _evidence(ctx, where, entry.get("evidence"), documents)
        }
        year = entry.get("year")
        if year is not None:
            if not isinstance(year, int) or isinstance(year, bool):
                ctx.error(where + ".year", "must be a year")
            else:
                withdrawn["year"] = year
        for key in ("country", "reason"):
            value = _string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                withdrawn[key] = value
        market.append(withdrawn)
    record["market_withdrawals"] = market

    labels = [key for key, doc in sorted(documents.items()) if doc.get("kind") == "fda_label"]
    record["cite"] = [{"doc": key} for key in (labels or sorted(documents)[:1])]
    used = {c["doc"] for c in _citations(record)}
    for key in sorted(set(documents) - used):
        ctx.error(f"sources.{key}", "is defined but never cited")
    return record, documents, ctx.errors


def _citations(value: Any) -> Iterable[dict[str, Any]]:
    if isinstance(value, dict):
        if "doc" in value and set(value) <= {"doc", "section", "quote"}:
            yield value
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations(item)


def build(raw: Path, files: list[Path] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Convert every curated file; returns (layer, errors)."""
    terms = load_terms(raw)
    onto = ontology_mod.load(raw)
    files = files if files is not None else sorted((CURATED / "drugs").glob("*.toml"))
    conditions: dict[str, dict[str, Any]] = {}
    documents: dict[str, dict[str, Any]] = {}
    drugs = []
    errors: list[str] = []
    for file in files:
        record, docs, problems = convert_file(file, terms, onto, conditions)
        errors.extend(problems)
        if problems:
            continue
        renames = {}
        for key, doc in docs.items():
            if key in documents and documents[key] != doc:
                renames[key] = f"{record['id']}-{key}"
        for key, doc in docs.items():
            documents[renames.get(key, key)] = doc
        for citation in _citations(record):
            citation["doc"] = renames.get(citation["doc"], citation["doc"])
        drugs.append(record)
    layer = {
        "format": FORMAT_VERSION,
        "layer": {
            "id": LAYER_ID,
            "name": "drugcompare curated label facts",
            "version": max((str(_curated_on(f)) for f in files), default="none"),
            "url": "https://dailymed.nlm.nih.gov/",
            "license": "CC0-1.0 (curation); facts from US FDA labeling and federal documents",
            "attribution": "Curated by the drugcompare developers from FDA prescribing information, "
            "21 CFR 1308 and FDA/DEA statements; each fact cites its document, section and a quote.",
            "description": "Hand-curated facts: indications with honest status, label adverse-reaction "
            "tables with placebo rates, withdrawal and dependence, DEA schedules, boxed warnings.",
        },
        "documents": documents,
        "conditions": [conditions[k] for k in sorted(conditions)],
        "drugs": sorted(drugs, key=lambda d: d["id"]),
    }
    return layer, errors


def _curated_on(file: Path) -> str:
    try:
        value = tomllib.loads(file.read_text(encoding="utf-8")).get("curated_on", "")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ""
    return str(value)


def drug_list_markdown(layer: dict[str, Any]) -> str:
    """docs/curated-drugs.md: every curated drug with the documents it was curated from."""
    lines = [
        "# Curated drugs",
        "",
        "Generated by `python -m tools.build` from `data/curated/drugs/*.toml`; do not edit by hand.",
        "Each drug lists the labels and other documents its facts cite, with the revision or date",
        "recorded when they were read. Counts are facts in the curated layer only.",
        "",
        "| drug | brands | indications (approved) | adverse effects | withdrawal | DEA | label documents (version) |",
        "|---|---|---|---|---|---|---|",
    ]
    documents = layer["documents"]
    for drug in layer["drugs"]:
        cited = sorted({c["doc"] for c in _citations(drug)})
        labels = [
            f"[{documents[k]['title'].split(':')[0]}]({documents[k]['url']}) ({documents[k].get('version', 'version not recorded')})"
            for k in cited
            if documents[k].get("kind") == "fda_label"
        ]
        withdrawal = drug.get("withdrawal")
        severity = (
            f"{withdrawal['severity'].replace('_', '-')} (clause {withdrawal['rule']})"
            if withdrawal
            else "not curated"
        )
        dea = drug.get("dea", {}).get("schedule", "not curated").replace("_", " ")
        approved = sum(1 for i in drug["indications"] if i["status"] == "approved")
        lines.append(
            f"| {drug['name']} | {', '.join(drug['brand_names']) or '-'} | "
            f"{len(drug['indications'])} ({approved}) | {len(drug['adverse_effects'])} | {severity} | "
            f"{dea} | {'<br>'.join(labels) or '-'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--validate", nargs="+", type=Path, metavar="FILE", help="check these files only"
    )
    parser.add_argument("--raw", help="raw data folder (default ../shared/data/raw)")
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    _layer, errors = build(raw, args.validate)
    for error in errors:
        print(error, file=sys.stderr)
    checked = len(args.validate) if args.validate else "all"
    print(f"{checked} file(s) checked, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
