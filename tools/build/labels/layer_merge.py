"""Merge one drug's facts gathered from several labels into its final, sorted record.

Rules:
- products: one per (name, route, dosage form, application), first citation kept;
  ``brand_names``: unique, sorted.
- boxed warnings: one per topic (case-insensitive); citations and products united.
- withdrawal risks: one per route group (the routes of the labels' products): the most severe
  rating among the labels (its rule number kept), symptoms united in order of appearance, the
  first taper and dependence text, boxed if any of those labels' boxes is about withdrawal,
  products and citations united.
- schedule: the statement of the newest dated label (undated last); another label stating a
  different schedule is named in the note.
- table figures: the same term, arm size, placebo arm size and figures printed in two labels are
  kept once (from the first document read); text mentions of one term and kind are kept once per
  document.
- indications and limitations: one per (condition, status, product scope, population), citations
  united.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

__all__ = ["finish_drug"]

_SEVERITY = ["life_threatening", "high", "moderate", "low", "unknown", "none"]


def _unite(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _merge_boxed(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_topic: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key = entry["topic"].casefold()
        if key not in by_topic:
            by_topic[key] = dict(entry)
            continue
        kept = by_topic[key]
        kept["cite"] = _unite(kept["cite"] + entry["cite"])
        kept["products"] = _unite(kept["products"] + entry["products"])
        if entry["product"] not in kept["product"]:
            kept["product"] = f"{kept['product']}; {entry['product']}"
    return sorted(by_topic.values(), key=lambda e: (e["topic"].casefold(), _key(e["cite"])))


def _route(entry: dict[str, Any]) -> str:
    product = entry.get("product", "")
    return product.split(" ", 1)[0] if product and not product.startswith("(") else ""


def _merge_withdrawal(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(_route(entry), []).append(entry)
    out = []
    for group in groups.values():
        group.sort(key=lambda e: _SEVERITY.index(e["severity"]))
        merged = dict(group[0])
        merged["symptoms"] = _unite([s for e in group for s in e["symptoms"]])
        merged["boxed_warning"] = any(e["boxed_warning"] for e in group)
        merged["products"] = _unite([p for e in group for p in e["products"]])
        merged["cite"] = _unite([c for e in group for c in e["cite"]])
        for key in ("taper", "dependence"):
            value = next((e[key] for e in group if e.get(key)), None)
            if value:
                merged[key] = value
        notes = _unite([e["note"] for e in group if e.get("note")])
        if notes:
            merged["note"] = "; ".join(notes)
        scopes = _unite([e["product"] for e in group])
        merged["product"] = "; ".join(scopes)
        if not merged["symptoms"]:
            del merged["symptoms"]
        out.append(merged)
    return sorted(out, key=lambda e: (e["product"], e["severity"]))


def _merge_facts(entries: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    kept: dict[str, dict[str, Any]] = {}
    for entry in entries:
        key = _key([entry.get(f) for f in fields])
        if key in kept:
            kept[key]["cite"] = _unite(kept[key]["cite"] + entry["cite"])
            kept[key]["products"] = _unite(kept[key]["products"] + entry["products"])
        else:
            kept[key] = dict(entry)
    return [kept[k] for k in sorted(kept)]


def _effects(
    figures: list[tuple[Any, dict[str, Any]]], stats: Counter[str]
) -> list[dict[str, Any]]:
    effects: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for term, frequency in figures:
        if frequency["origin"] == "label_table":
            key = _key(
                [term.name, frequency.get("n"), frequency.get("placebo_n"), frequency["lower"],
                 frequency["upper"], frequency.get("placebo_lower")]
            )  # fmt: skip
        else:
            key = _key([term.name, frequency["label"], frequency["cite"][0]["doc"]])
        if key in seen:
            stats["figures/mentions kept once (printed in two labels)"] += 1
            continue
        seen.add(key)
        effect = effects.setdefault(term.name, {"term": term.name, "frequencies": []})
        if term.umls_cui:
            effect["umls_cui"] = term.umls_cui
        effect["frequencies"].append(frequency)
        stats[f"adverse-effect frequencies ({frequency['origin']})"] += 1
    for effect in effects.values():
        effect["frequencies"].sort(
            key=lambda f: (f["origin"], f.get("table", ""), f.get("arm", ""), _key(f))
        )
    return [effects[k] for k in sorted(effects)]


def finish_drug(record: dict[str, Any], stats: Counter[str]) -> None:
    """Merge and sort one drug record in place (see the module rules)."""
    if "products" in record:
        by_key: dict[str, dict[str, Any]] = {}
        for product in record["products"]:
            key = _key(
                [product.get(k) for k in ("name", "route", "dosage_form", "application_number")]
            )
            by_key.setdefault(key, product)
        record["products"] = [by_key[k] for k in sorted(by_key)]
    for key in ("brand_names",):
        values = sorted(set(record.get(key, [])))
        if values:
            record[key] = values
        else:
            record.pop(key, None)
    if "identifiers" in record:
        record["identifiers"] = {k: sorted(set(v)) for k, v in record["identifiers"].items()}
    if "boxed_warnings" in record:
        record["boxed_warnings"] = _merge_boxed(record["boxed_warnings"])
        stats["drugs with a boxed warning"] += 1
    if "withdrawal_risks" in record:
        record["withdrawal_risks"] = _merge_withdrawal(record["withdrawal_risks"])
        stats["drugs with withdrawal entries"] += 1
        worst = min(_SEVERITY.index(w["severity"]) for w in record["withdrawal_risks"])
        stats[f"drugs with withdrawal entries, most severe {_SEVERITY[worst]}"] += 1
    statements = record.pop("_dea", [])
    if statements:
        statements.sort(key=lambda d: d.get("as_of", ""), reverse=True)
        chosen = dict(statements[0])
        others = sorted({d["schedule"] for d in statements} - {chosen["schedule"]})
        if others:
            chosen["note"] = f"another label of this drug states schedule {', '.join(others)}"
            stats["drugs whose labels state different schedules"] += 1
        record["dea"] = chosen
        stats["drugs with a section 9.1 schedule"] += 1
    figures = record.pop("_figures", [])
    if figures:
        record["adverse_effects"] = _effects(figures, stats)
        if any(
            f["origin"] == "label_table"
            for e in record["adverse_effects"]
            for f in e["frequencies"]
        ):
            stats["drugs with label-table figures"] += 1
    for key, fields in (
        ("indications", ("condition", "status", "product", "population")),
        ("limitations", ("text", "condition", "product")),
    ):
        if key in record:
            record[key] = _merge_facts(record[key], fields)
