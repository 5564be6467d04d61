"""The curated layer: hand-written TOML files (data/curated/drugs/*.toml) -> packaged JSON layer.

Run ``python -m tools.build.curated --validate FILE ...`` to check files while curating; the full
build (``python -m tools.build``) writes ``src/drugcompare/data/curated.json``. The format and the
rules are in docs/curation.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
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
    "label_mirror",
    "other",
}
# Where FDA and NLM publish label documents: a source of kind "fda_label" must be one of these
# (a third party's copy of label text is a "label_mirror").
FDA_DOMAINS = (
    "dailymed.nlm.nih.gov",
    "www.accessdata.fda.gov",
    "accessdata.fda.gov",
    "www.fda.gov",
    "fda.gov",
    "api.fda.gov",
    "open.fda.gov",
    "download.open.fda.gov",
    "bionlp.nlm.nih.gov",
    "www.nlm.nih.gov",
)
SET_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?\Z")
APPLICATION = re.compile(r"(NDA|ANDA|BLA)\d{6}\Z")

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
    "limitations",
}
TABLE_KEYS = {
    "dea_schedule": ({"value", "code", "narcotic", "evidence"}, {"value", "evidence"}),
    "approval": ({"fda_approved", "first_us_approval", "evidence"}, {"fda_approved", "evidence"}),
    "sources": (
        {
            "title",
            "url",
            "publisher",
            "version",
            "kind",
            "license",
            "set_id",
            "date",
            "file",
            "application",
        },
        {"title", "url", "kind"},
    ),
    "indications": (
        {
            "condition",
            "condition_name",
            "parent",
            "status",
            "product",
            "products",
            "population",
            "note",
            "evidence",
        },
        {"condition", "condition_name", "status", "evidence"},
    ),
    "mechanisms": (
        {"target", "gene", "action", "pharmacologic_class", "description", "evidence"},
        {"evidence"},
    ),
    "adverse_effects": (
        {
            "term",
            "umls_cui",
            "incidence",
            "placebo",
            "category",
            "population",
            "table",
            "arm",
            "n",
            "placebo_n",
            "products",
            "evidence",
        },
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
            "product",
            "products",
            "evidence",
        },
        {"severity", "rule", "evidence"},
    ),
    "boxed_warnings": (
        {"topic", "summary", "product", "products", "evidence"},
        {"topic", "summary", "evidence"},
    ),
    "market_withdrawals": ({"year", "country", "reason", "evidence"}, {"evidence"}),
    "limitations": (
        {"text", "condition", "condition_name", "parent", "product", "products", "evidence"},
        {"text", "evidence"},
    ),
}
EVIDENCE_KEYS = {"source", "section", "quote"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
CONDITION_ID = re.compile(r"(DOID:\d+|UMLS:C\d{7}|DC:[a-z0-9]+(?:-[a-z0-9]+)*)\Z")


class CurationError(Exception):
    pass


class _Context:
    def __init__(
        self,
        file: Path,
        terms: dict[str, str],
        ontology: ontology_mod.Ontology,
        raw: Path | None = None,
        strict: bool = False,
    ) -> None:
        self.file = file
        self.terms = terms
        self.ontology = ontology
        self.raw = raw
        self.strict = strict
        """Strict source rules: "fda_label" documents must be FDA/NLM documents."""
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


def _label_document(
    ctx: _Context, where: str, table: dict[str, Any], url: str | None
) -> list[tuple[str, str | None]]:
    """The label-document keys of a source (set id, date, shipped file, application) and the
    rules that tie a label source to the document it names."""
    set_id = _string(ctx, where + ".set_id", table.get("set_id"), optional=True)
    if set_id is not None and not SET_ID.match(set_id):
        ctx.error(where + ".set_id", f"must be a DailyMed set id (lowercase UUID), got {set_id!r}")
    date = table.get("date")
    if date is not None:
        date = str(date) if not isinstance(date, str) else date
        if not ISO_DATE.match(date):
            ctx.error(where + ".date", f"must be YYYY-MM-DD or YYYY-MM, got {date!r}")
    shipped = _string(ctx, where + ".file", table.get("file"), optional=True)
    if shipped is not None:
        if shipped.startswith("/") or ".." in shipped.split("/"):
            ctx.error(where + ".file", "must be a path relative to ../shared/data/raw")
        elif ctx.raw is not None and not (ctx.raw / shipped).is_file():
            ctx.error(where + ".file", f"{shipped} is not a file of ../shared/data/raw")
    application = _string(ctx, where + ".application", table.get("application"), optional=True)
    if application is not None and not APPLICATION.match(application):
        ctx.error(where + ".application", f"must look like NDA020235, got {application!r}")
    host = url.split("/")[2].lower() if url and url.count("/") >= 2 else ""
    if url and set_id is not None and "dailymed.nlm.nih.gov" in host and set_id not in url:
        ctx.error(where + ".url", f"a DailyMed URL must carry the set id {set_id}")
    if ctx.strict and table.get("kind") == "fda_label" and host not in FDA_DOMAINS:
        ctx.error(
            where + ".kind",
            f"an 'fda_label' source must be an FDA or NLM document ({host} is neither); "
            "use kind 'label_mirror' for a third party's copy of label text",
        )
    return [("set_id", set_id), ("date", date), ("file", shipped), ("application", application)]


def _products(ctx: _Context, where: str, entry: dict[str, Any], item: dict[str, Any]) -> None:
    """``product`` (the scope as words) and ``products`` (product or brand names) of a fact."""
    product = _string(ctx, where + ".product", entry.get("product"), optional=True)
    if product is not None:
        item["product"] = product
    products = _strings(ctx, where + ".products", entry.get("products"))
    if products:
        item["products"] = products


def convert_file(
    file: Path,
    terms: dict[str, str],
    ontology: ontology_mod.Ontology,
    conditions: dict[str, dict[str, Any]],
    raw: Path | None = None,
    strict: bool = False,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
    """One TOML file -> (drug record, its documents, errors)."""
    ctx = _Context(file, terms, ontology, raw, strict)
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
                *_label_document(ctx, where, table, url),
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
            code = table.get("code")
            if code is not None:
                if not isinstance(code, str) or not code.isdigit():
                    ctx.error("dea_schedule.code", "must be the DEA code number as a string")
                else:
                    record["dea"]["code"] = code
            narcotic = table.get("narcotic")
            if narcotic is not None:
                if not isinstance(narcotic, bool):
                    ctx.error("dea_schedule.narcotic", "must be true or false")
                else:
                    record["dea"]["narcotic"] = narcotic
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
        label_kinds = {"fda_label"} if ctx.strict else {"fda_label", "label_mirror"}
        if status == "APPROVED" and not any(
            documents.get(c["doc"], {}).get("kind") in label_kinds for c in item["cite"]
        ):
            ctx.error(
                where + ".status", "APPROVED needs evidence from a source of kind 'fda_label'"
            )
        for key in ("note", "population"):
            value = _string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                item[key] = value
        _products(ctx, where, entry, item)
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
        for key in ("population", "table", "arm"):
            value = _string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                frequency[key] = value
        for key in ("n", "placebo_n"):
            value = entry.get(key)
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    ctx.error(
                        f"{where}.{key}", f"must be a positive number of patients, got {value!r}"
                    )
                else:
                    frequency[key] = value
        if "placebo_n" in frequency and placebo is None:
            ctx.error(where + ".placebo_n", "a placebo arm size needs the placebo rate too")
        # A figure read from a table row is the label's headline; prose gives "label_text".
        frequency["origin"] = "label_table" if "table" in frequency else "label_text"
        products = _strings(ctx, where + ".products", entry.get("products"))
        if products:
            frequency["products"] = products
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

    withdrawal_tables = data.get("withdrawal", [])
    if isinstance(withdrawal_tables, dict):
        withdrawal_tables = [withdrawal_tables]
    if not isinstance(withdrawal_tables, list):
        ctx.error("withdrawal", "must be a table or an array of tables")
        withdrawal_tables = []
    risks = []
    for position, table in enumerate(withdrawal_tables):
        where = "withdrawal" if len(withdrawal_tables) == 1 else f"withdrawal[{position}]"
        if not _table_keys(ctx, where, table, "withdrawal"):
            continue
        risk = _withdrawal(ctx, where, table, documents)
        if risk is not None:
            risks.append(risk)
    if len(risks) > 1 and any("product" not in r and "products" not in r for r in risks):
        ctx.error("withdrawal", "several withdrawal entries must each name their product(s)")
    if risks:
        record["withdrawal_risks"] = risks
    _rest(ctx, data, record, documents, entries, conditions)
    return _finish(ctx, record, documents)


def _withdrawal(
    ctx: _Context, where: str, table: dict[str, Any], documents: dict[str, Any]
) -> dict[str, Any] | None:
    """One withdrawal entry (a drug whose products differ has one per product group)."""
    rule = table.get("rule")
    severity = table.get("severity")
    if rule not in SEVERITY_BY_RULE:
        ctx.error(where + ".rule", "must be the clause number 1-6 of the severity rule")
        return None
    if SEVERITY_BY_RULE[rule] != severity:
        ctx.error(
            where + ".severity",
            f"clause {rule} gives {SEVERITY_BY_RULE[rule]}, not {severity!r}",
        )
        return None
    withdrawal: dict[str, Any] = {
        "severity": str(severity).lower(),
        "rule": rule,
        "symptoms": _strings(ctx, where + ".symptoms", table.get("symptoms")),
        "boxed_warning": bool(table.get("boxed_warning", False)),
        "cite": _evidence(ctx, where, table.get("evidence"), documents),
    }
    if not isinstance(table.get("boxed_warning", False), bool):
        ctx.error(where + ".boxed_warning", "must be true or false")
    for key in ("onset", "taper", "dependence", "note"):
        value = _string(ctx, f"{where}.{key}", table.get(key), optional=True)
        if value is not None:
            withdrawal[key] = value
    _products(ctx, where, table, withdrawal)
    return withdrawal


def _rest(
    ctx: _Context,
    data: dict[str, Any],
    record: dict[str, Any],
    documents: dict[str, Any],
    entries: Callable[[str], Iterable[tuple[str, dict[str, Any]]]],
    conditions: dict[str, dict[str, Any]],
) -> None:
    """Boxed warnings, market withdrawals and limitations of use."""
    boxed = []
    for where, entry in entries("boxed_warnings"):
        item = {
            "topic": _string(ctx, where + ".topic", entry.get("topic")),
            "summary": _string(ctx, where + ".summary", entry.get("summary")),
            "cite": _evidence(ctx, where, entry.get("evidence"), documents),
        }
        _products(ctx, where, entry, item)
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

    limitations = []
    for where, entry in entries("limitations"):
        item = {
            "text": _string(ctx, where + ".text", entry.get("text")),
            "cite": _evidence(ctx, where, entry.get("evidence"), documents),
        }
        if "condition" in entry:
            condition_id = _condition(ctx, where, entry, conditions)
            if condition_id is not None:
                item["condition"] = condition_id
        _products(ctx, where, entry, item)
        limitations.append(item)
    if limitations:
        record["limitations"] = limitations


def _finish(
    ctx: _Context, record: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
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


def build(
    raw: Path, files: list[Path] | None = None, strict: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Convert every curated file; returns (layer, errors). ``strict`` applies the source rules
    that every file will follow once re-anchored on FDA documents (see docs/curation.md)."""
    terms = load_terms(raw)
    onto = ontology_mod.load(raw)
    files = files if files is not None else sorted((CURATED / "drugs").glob("*.toml"))
    conditions: dict[str, dict[str, Any]] = {}
    documents: dict[str, dict[str, Any]] = {}
    drugs = []
    errors: list[str] = []
    for file in files:
        record, docs, problems = convert_file(file, terms, onto, conditions, raw, strict)
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
        severity = (
            "; ".join(
                f"{w['severity'].replace('_', '-')} (clause {w['rule']})"
                + (f", {w['product']}" if "product" in w else "")
                for w in drug.get("withdrawal_risks", [])
            )
            or "not curated"
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
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also apply the strict source rules ('fda_label' sources are FDA/NLM documents)",
    )
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    _layer, errors = build(raw, args.validate, args.strict)
    for error in errors:
        print(error, file=sys.stderr)
    checked = len(args.validate) if args.validate else "all"
    print(f"{checked} file(s) checked, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
