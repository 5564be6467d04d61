"""Reading the values of a curated file: strings, lists, percentages, the keys a table may
have, evidence citations, the label-document keys of a source and the product scope of a fact.
Every problem is recorded with the file and the place in it, and reading goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import ontology as ontology_mod
from ..common import read_tsv
from .rules import (
    APPLICATION,
    EVIDENCE_KEYS,
    FDA_DOMAINS,
    ISO_DATE,
    MAX_QUOTE,
    SET_ID,
    TABLE_KEYS,
)


class Context:
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


def string(ctx: Context, where: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        ctx.error(where, f"must be a non-empty string, got {value!r}")
        return None
    return value.strip()


def strings(ctx: Context, where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        ctx.error(where, "must be a list of non-empty strings")
        return []
    return [v.strip() for v in value]


def percent_pair(ctx: Context, where: str, value: Any) -> tuple[float, float] | None:
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


def table_keys(ctx: Context, where: str, table: Any, kind: str) -> bool:
    allowed, required = TABLE_KEYS[kind]
    if not isinstance(table, dict):
        ctx.error(where, "must be a table")
        return False
    for key in sorted(set(table) - allowed):
        ctx.error(where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in sorted(required - set(table)):
        ctx.error(where, f"missing required key {key!r}")
    return True


def evidence(
    ctx: Context, where: str, value: Any, documents: dict[str, Any]
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
        section = string(ctx, here + ".section", item.get("section"))
        quote = string(ctx, here + ".quote", item.get("quote"), optional=True)
        if quote is not None and len(quote) >= MAX_QUOTE:
            ctx.error(
                here + ".quote", f"quote is {len(quote)} characters; keep it under {MAX_QUOTE}"
            )
        citation = {"doc": source, "section": section}
        if quote is not None:
            citation["quote"] = quote
        out.append(citation)
    return out


def label_document(
    ctx: Context, where: str, table: dict[str, Any], url: str | None
) -> list[tuple[str, str | None]]:
    """The label-document keys of a source (set id, date, shipped file, application) and the
    rules that tie a label source to the document it names."""
    set_id = string(ctx, where + ".set_id", table.get("set_id"), optional=True)
    if set_id is not None and not SET_ID.match(set_id):
        ctx.error(where + ".set_id", f"must be a DailyMed set id (lowercase UUID), got {set_id!r}")
    date = table.get("date")
    if date is not None:
        date = str(date) if not isinstance(date, str) else date
        if not ISO_DATE.match(date):
            ctx.error(where + ".date", f"must be YYYY-MM-DD or YYYY-MM, got {date!r}")
    shipped = string(ctx, where + ".file", table.get("file"), optional=True)
    if shipped is not None:
        if shipped.startswith("/") or ".." in shipped.split("/"):
            ctx.error(where + ".file", "must be a path relative to ../shared/data/raw")
        elif ctx.raw is not None and not (ctx.raw / shipped).is_file():
            ctx.error(where + ".file", f"{shipped} is not a file of ../shared/data/raw")
    application = string(ctx, where + ".application", table.get("application"), optional=True)
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


def product_scope(ctx: Context, where: str, entry: dict[str, Any], item: dict[str, Any]) -> None:
    """``product`` (the scope as words) and ``products`` (product or brand names) of a fact."""
    product = string(ctx, where + ".product", entry.get("product"), optional=True)
    if product is not None:
        item["product"] = product
    products = strings(ctx, where + ".products", entry.get("products"))
    if products:
        item["products"] = products
