"""The facts of a curated file: indications, mechanisms, adverse-effect figures, withdrawal
entries, boxed warnings, market withdrawals and limitations of use, each checked and cited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .conditions import condition
from .fields import Context, evidence, percent_pair, product_scope, string, strings, table_keys
from .rules import CATEGORIES, SEVERITY_BY_RULE, STATUSES


def entries(ctx: Context, data: dict[str, Any], kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The tables of an array of tables (``[[kind]]``) that have only allowed keys."""
    value = data.get(kind, [])
    if not isinstance(value, list):
        ctx.error(kind, "must be an array of tables ([[...]])")
        return
    for position, entry in enumerate(value):
        where = f"{kind}[{position}]"
        if table_keys(ctx, where, entry, kind):
            yield where, entry


def indications(
    ctx: Context,
    data: dict[str, Any],
    documents: dict[str, dict[str, Any]],
    conditions: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    out = []
    for where, entry in entries(ctx, data, "indications"):
        condition_id = condition(ctx, where, entry, conditions)
        status = entry.get("status")
        if status not in STATUSES:
            ctx.error(where + ".status", f"must be one of {sorted(STATUSES)}")
            continue
        if condition_id is None:
            continue
        item = {
            "condition": condition_id,
            "status": status.lower(),
            "cite": evidence(ctx, where, entry.get("evidence"), documents),
        }
        label_kinds = {"fda_label"} if ctx.strict else {"fda_label", "label_mirror"}
        if status == "APPROVED" and not any(
            documents.get(c["doc"], {}).get("kind") in label_kinds for c in item["cite"]
        ):
            ctx.error(
                where + ".status", "APPROVED needs evidence from a source of kind 'fda_label'"
            )
        for key in ("note", "population"):
            value = string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                item[key] = value
        product_scope(ctx, where, entry, item)
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
        out.append(item)
    return out


def mechanisms(
    ctx: Context, data: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for where, entry in entries(ctx, data, "mechanisms"):
        item: dict[str, Any] = {"cite": evidence(ctx, where, entry.get("evidence"), documents)}
        for key in ("target", "gene", "action", "pharmacologic_class", "description"):
            value = string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                item[key] = value.lower() if key == "action" else value
        if not any(k in item for k in ("target", "pharmacologic_class", "description")):
            ctx.error(where, "needs a target, a pharmacologic_class or a description")
        out.append(item)
    return out


def adverse_effects(
    ctx: Context, data: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """One effect per term, with one frequency per table row or prose statement."""
    effects: dict[str, dict[str, Any]] = {}
    for where, entry in entries(ctx, data, "adverse_effects"):
        term = string(ctx, where + ".term", entry.get("term"))
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
        frequency = _frequency(ctx, where, entry, documents)
        if term is None or frequency is None:
            continue
        key = cui or "term:" + term.casefold()
        effect = effects.setdefault(
            key, {"term": ctx.terms.get(cui, term) if cui else term, "frequencies": []}
        )
        if cui:
            effect["umls_cui"] = cui
        effect["frequencies"].append(frequency)
    return list(effects.values())


def _frequency(
    ctx: Context, where: str, entry: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    category = entry.get("category")
    if category not in CATEGORIES:
        ctx.error(where + ".category", f"must be one of {sorted(CATEGORIES)}")
    incidence = percent_pair(ctx, where + ".incidence", entry.get("incidence"))
    placebo = percent_pair(ctx, where + ".placebo", entry.get("placebo"))
    if placebo is not None and incidence is None:
        ctx.error(where + ".placebo", "a placebo rate needs the drug's incidence too")
    frequency: dict[str, Any] = {
        "label": category,
        "cite": evidence(ctx, where, entry.get("evidence"), documents),
    }
    if incidence is not None:
        frequency["lower"], frequency["upper"] = incidence
    if placebo is not None:
        frequency["placebo_lower"], frequency["placebo_upper"] = placebo
    for key in ("population", "table", "arm"):
        value = string(ctx, f"{where}.{key}", entry.get(key), optional=True)
        if value is not None:
            frequency[key] = value
    for key in ("n", "placebo_n"):
        value = entry.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                ctx.error(f"{where}.{key}", f"must be a positive number of patients, got {value!r}")
            else:
                frequency[key] = value
    if "placebo_n" in frequency and placebo is None:
        ctx.error(where + ".placebo_n", "a placebo arm size needs the placebo rate too")
    # A figure read from a table row is the label's headline; prose gives "label_text".
    frequency["origin"] = "label_table" if "table" in frequency else "label_text"
    products = strings(ctx, where + ".products", entry.get("products"))
    if products:
        frequency["products"] = products
    return frequency


def withdrawal_risks(
    ctx: Context, data: dict[str, Any], documents: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The ``[withdrawal]`` table or ``[[withdrawal]]`` entries (one per product group)."""
    tables = data.get("withdrawal", [])
    if isinstance(tables, dict):
        tables = [tables]
    if not isinstance(tables, list):
        ctx.error("withdrawal", "must be a table or an array of tables")
        tables = []
    risks = []
    for position, table in enumerate(tables):
        where = "withdrawal" if len(tables) == 1 else f"withdrawal[{position}]"
        if not table_keys(ctx, where, table, "withdrawal"):
            continue
        risk = _withdrawal(ctx, where, table, documents)
        if risk is not None:
            risks.append(risk)
    if len(risks) > 1 and any("product" not in r and "products" not in r for r in risks):
        ctx.error("withdrawal", "several withdrawal entries must each name their product(s)")
    return risks


def _withdrawal(
    ctx: Context, where: str, table: dict[str, Any], documents: dict[str, Any]
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
        "symptoms": strings(ctx, where + ".symptoms", table.get("symptoms")),
        "boxed_warning": bool(table.get("boxed_warning", False)),
        "cite": evidence(ctx, where, table.get("evidence"), documents),
    }
    if not isinstance(table.get("boxed_warning", False), bool):
        ctx.error(where + ".boxed_warning", "must be true or false")
    for key in ("onset", "taper", "dependence", "note"):
        value = string(ctx, f"{where}.{key}", table.get(key), optional=True)
        if value is not None:
            withdrawal[key] = value
    product_scope(ctx, where, table, withdrawal)
    return withdrawal


def other_facts(
    ctx: Context,
    data: dict[str, Any],
    record: dict[str, Any],
    documents: dict[str, Any],
    conditions: dict[str, dict[str, Any]],
) -> None:
    """Boxed warnings, market withdrawals and limitations of use."""
    boxed = []
    for where, entry in entries(ctx, data, "boxed_warnings"):
        item = {
            "topic": string(ctx, where + ".topic", entry.get("topic")),
            "summary": string(ctx, where + ".summary", entry.get("summary")),
            "cite": evidence(ctx, where, entry.get("evidence"), documents),
        }
        product_scope(ctx, where, entry, item)
        boxed.append(item)
    record["boxed_warnings"] = boxed

    market = []
    for where, entry in entries(ctx, data, "market_withdrawals"):
        withdrawn: dict[str, Any] = {"cite": evidence(ctx, where, entry.get("evidence"), documents)}
        year = entry.get("year")
        if year is not None:
            if not isinstance(year, int) or isinstance(year, bool):
                ctx.error(where + ".year", "must be a year")
            else:
                withdrawn["year"] = year
        for key in ("country", "reason"):
            value = string(ctx, f"{where}.{key}", entry.get(key), optional=True)
            if value is not None:
                withdrawn[key] = value
        market.append(withdrawn)
    record["market_withdrawals"] = market

    limitations = []
    for where, entry in entries(ctx, data, "limitations"):
        item = {
            "text": string(ctx, where + ".text", entry.get("text")),
            "cite": evidence(ctx, where, entry.get("evidence"), documents),
        }
        if "condition" in entry:
            condition_id = condition(ctx, where, entry, conditions)
            if condition_id is not None:
                item["condition"] = condition_id
        product_scope(ctx, where, entry, item)
        limitations.append(item)
    if limitations:
        record["limitations"] = limitations
