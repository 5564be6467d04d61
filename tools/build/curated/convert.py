"""One curated TOML file -> its packaged drug record and the documents it cites."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .. import ontology as ontology_mod
from . import facts
from .fields import Context, evidence, label_document, string, strings, table_keys
from .rules import IDENTIFIER_KEYS, KINDS, SCHEDULES, SLUG, SOURCE_KINDS, TOP_KEYS

__all__ = ["citations", "convert_file"]


def convert_file(
    file: Path,
    terms: dict[str, str],
    ontology: ontology_mod.Ontology,
    conditions: dict[str, dict[str, Any]],
    raw: Path | None = None,
    strict: bool = False,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
    """One TOML file -> (drug record, its documents, errors)."""
    ctx = Context(file, terms, ontology, raw, strict)
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
        if not table_keys(ctx, where, table, "sources"):
            continue
        if table.get("kind") not in SOURCE_KINDS:
            ctx.error(where + ".kind", f"must be one of {sorted(SOURCE_KINDS)}")
        url = string(ctx, where + ".url", table.get("url"))
        if url is not None and not url.startswith(("https://", "http://")):
            ctx.error(
                where + ".url",
                "must be an http(s) URL (for a file of ../shared/data/raw, the repository URL "
                "named in its SOURCE.txt)",
            )
        document = {
            k: v
            for k, v in (
                ("title", string(ctx, where + ".title", table.get("title"))),
                ("url", url),
                (
                    "publisher",
                    string(ctx, where + ".publisher", table.get("publisher"), optional=True),
                ),
                ("version", string(ctx, where + ".version", table.get("version"), optional=True)),
                ("kind", table.get("kind")),
                ("license", string(ctx, where + ".license", table.get("license"), optional=True)),
                *label_document(ctx, where, table, url),
            )
            if v is not None
        }
        documents[key] = document

    record: dict[str, Any] = {
        "id": drug_id,
        "name": string(ctx, "name", data.get("name")),
        "kind": kind,
        "brand_names": strings(ctx, "brand_names", data.get("brand_names")),
        "synonyms": strings(ctx, "synonyms", data.get("synonyms")),
        "atc_codes": strings(ctx, "atc_codes", data.get("atc_codes")),
        "notes": strings(ctx, "notes", data.get("notes")),
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
        ids[key] = strings(ctx, f"identifiers.{key}", values)
    record["identifiers"] = ids

    if "dea_schedule" in data and table_keys(
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
                "cite": evidence(ctx, "dea_schedule", table.get("evidence"), documents),
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
    if "approval" in data and table_keys(ctx, "approval", data["approval"], "approval"):
        table = data["approval"]
        if not isinstance(table.get("fda_approved"), bool):
            ctx.error("approval.fda_approved", "must be true or false")
        year = table.get("first_us_approval")
        if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2100):
            ctx.error("approval.first_us_approval", f"must be a year, got {year!r}")
        approval = {
            "fda_approved": table.get("fda_approved"),
            "cite": evidence(ctx, "approval", table.get("evidence"), documents),
        }
        if year is not None:
            approval["first_approval_year"] = year
        record["approval"] = approval

    record["indications"] = facts.indications(ctx, data, documents, conditions)
    record["mechanisms"] = facts.mechanisms(ctx, data, documents)
    record["adverse_effects"] = facts.adverse_effects(ctx, data, documents)
    risks = facts.withdrawal_risks(ctx, data, documents)
    if risks:
        record["withdrawal_risks"] = risks
    facts.other_facts(ctx, data, record, documents, conditions)
    return _finish(ctx, record, documents)


def _finish(
    ctx: Context, record: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
    labels = [key for key, doc in sorted(documents.items()) if doc.get("kind") == "fda_label"]
    record["cite"] = [{"doc": key} for key in (labels or sorted(documents)[:1])]
    used = {c["doc"] for c in citations(record)}
    for key in sorted(set(documents) - used):
        ctx.error(f"sources.{key}", "is defined but never cited")
    return record, documents, ctx.errors


def citations(value: Any) -> Iterable[dict[str, Any]]:
    if isinstance(value, dict):
        if "doc" in value and set(value) <= {"doc", "section", "quote"}:
            yield value
        for item in value.values():
            yield from citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from citations(item)
