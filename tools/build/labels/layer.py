"""The ``labels`` layer: one document per current FDA label read, and the facts quoted from it.

``build(raw, resolve, extract_indications=None, extract_adverse_text=None)`` returns the layer
dict (layer-format.md) and report lines. ``resolve(names, unii, rxcui) -> drug id | None`` maps a
label's single active substance to a drug; a label listing several substances is filed only under
the combination drug (component ids sorted, joined by "-and-"), never under one ingredient.
Facts per label: products and brand names (:mod:`products`), indications and limitations of
section 1 (the optional extractor; APPROVED only from a label that :func:`products.can_approve`,
else LISTED), boxed-warning topics (:mod:`boxed`), the withdrawal entry (:mod:`withdrawal`), the
section 9.1 schedule (:mod:`schedule`), adverse-reaction table figures (:mod:`adverse_tables`),
and, with the optional text extractor, warning-section and prose adverse reactions. Facts of one
drug from several labels are merged: boxed-warning topics by topic, withdrawal entries by route
(the most severe rating of the labels read, their symptoms united), table figures printed
identically in two labels kept once (the first document: SPL files, then newest).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..common import FORMAT_VERSION
from .adverse_tables import read_table
from .boxed import box_topics
from .documents import LAYER, doc_key, document_of, quote_of
from .documents import cite as cite_of
from .layer_merge import finish_drug
from .model import Label
from .products import application, brand_names, can_approve, product_names, products, substances
from .schedule import schedule_of
from .sources import read_labels
from .terms import TermIndex
from .withdrawal import withdrawal_of

__all__ = ["AdverseText", "Finding", "Resolve", "build"]

Resolve = Callable[[Sequence[str], Sequence[str], Sequence[str]], "str | None"]


class Finding(Protocol):
    """What :func:`tools.build.labels.indications.extract` returns (read-only attributes)."""

    @property
    def condition(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def population(self) -> str | None: ...
    @property
    def products(self) -> tuple[str, ...]: ...
    @property
    def note(self) -> str | None: ...


class _Term(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def umls_cui(self) -> str | None: ...


class _Mention(Protocol):
    @property
    def term(self) -> _Term: ...
    @property
    def quote(self) -> str: ...
    @property
    def section(self) -> str | None: ...
    @property
    def in_title(self) -> bool: ...


class AdverseText(Protocol):
    """What :mod:`tools.build.labels.adverse_text` offers (the module itself satisfies it)."""

    def extract(self, text: str) -> Sequence[_Mention]: ...

    def warning_effects(
        self, subsections: Sequence[tuple[str, str, str]]
    ) -> Sequence[_Mention]: ...


def _resolve(
    label: Label, resolve: Resolve, by_application: Mapping[str, tuple[str, ...]]
) -> tuple[str | None, list[str], str]:
    """The drug a label is about: the drug whose approved products carry the label's application
    (the exact join), else its substances by the identity rule (a combination only as the
    combination of every substance)."""
    found = application(label)
    if found is not None:
        ingredients = by_application.get(found[0] + found[1])
        if ingredients:
            drug = ingredients[0] if len(ingredients) == 1 else "-and-".join(sorted(ingredients))
            return drug, list(ingredients), ""
    parts = substances(label)
    if len(parts) > 1:
        ids = [resolve([p], (), ()) for p in parts]
        missing = [p for p, i in zip(parts, ids, strict=True) if i is None]
        if missing:
            return None, [], f"combination component(s) not resolved: {missing}"
        unique = sorted({i for i in ids if i})
        if len(unique) == 1:
            return unique[0], unique, ""
        return "-and-".join(unique), unique, ""
    names = [*parts, *label.generic_names]
    if not names:
        return None, [], "no substance or generic name"
    resolved = resolve(names, label.unii, label.rxcui)
    if resolved is None:
        return None, [], f"names {names[:2]} not resolved"
    return resolved, [resolved], ""


def _same_statement(items: Iterable[dict[str, Any]], item: dict[str, Any]) -> dict[str, Any] | None:
    """The limitation already recorded with the same text, products and citation, if any."""
    for found in items:
        if all(found.get(k) == item.get(k) for k in ("text", "products", "product", "cite")):
            return found
    return None


def build(
    raw: Path,
    resolve: Resolve,
    extract_indications: Callable[[str, Sequence[str]], Sequence[Finding]] | None = None,
    extract_adverse_text: AdverseText | None = None,
    *,
    terms: TermIndex | None = None,
    condition_records: Callable[[Iterable[str]], list[dict[str, Any]]] | None = None,
    by_application: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    labels, report = read_labels(raw)
    index = terms if terms is not None else TermIndex.load(raw)
    stats: Counter[str] = Counter()
    unresolved: list[str] = []
    unmapped: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    documents: dict[str, dict[str, Any]] = {}
    drugs: dict[str, dict[str, Any]] = {}
    boxed_missing: list[str] = []
    for label in labels:
        drug_id, ingredients, why = _resolve(label, resolve, by_application or {})
        stats[f"labels read ({label.source})"] += 1
        if drug_id is None:
            unresolved.append(f"{label.file}: {why}")
            continue
        stats["labels resolved"] += 1
        doc = doc_key(label)
        documents[doc] = document_of(label)
        record = drugs.setdefault(drug_id, {"id": drug_id})
        if len(ingredients) > 1:
            record["kind"] = "combination"
            record["ingredients"] = ingredients
            record["name"] = " and ".join(i.replace("-", " ") for i in ingredients)
            stats["labels of combinations"] += 1
        elif label.unii and len(label.unii) == 1:
            record.setdefault("identifiers", {}).setdefault("unii", []).append(label.unii[0])
        names = product_names(label)
        routes = ", ".join(r.lower() for r in label.routes)
        drug_name = record.get("name") or drug_id.replace("-", " ")
        scope = f"{routes + ' ' if routes else ''}{drug_name} ({', '.join(names)})"
        record.setdefault("products", []).extend(products(label, ingredients, doc))
        record.setdefault("brand_names", []).extend(brand_names(label))
        approved = can_approve(label, mirror=label.set_id is None)
        stats[
            "labels that can make a use approved" if approved else "labels giving LISTED at most"
        ] += 1
        if extract_indications is not None:
            for section in label.of_kind("indications"):
                for finding in extract_indications(section.full_text(), names):
                    cite = [cite_of(doc, section.heading, finding.quote)]
                    if finding.kind == "limitation":
                        item: dict[str, Any] = {"text": finding.quote, "cite": cite}
                        if finding.condition:
                            item["condition"] = finding.condition
                        key = "limitations"
                    else:
                        item = {
                            "condition": finding.condition,
                            "status": "approved" if approved else "listed",
                            "cite": cite,
                        }
                        if finding.population:
                            item["population"] = finding.population
                        if finding.note:
                            item["note"] = finding.note
                        key = "indications"
                    item["products"] = list(finding.products) or names
                    item["product"] = scope
                    same = (
                        _same_statement(record.get(key, ()), item) if key == "limitations" else None
                    )
                    if same is not None:
                        # One sentence naming several conditions is one statement.
                        same.pop("condition", None)
                        continue
                    record.setdefault(key, []).append(item)
                    stats[f"{key} found"] += 1
        lower_names = frozenset(
            re.sub(r"[^a-z0-9]", "", w.lower()) for n in label.names for w in n.split()
        )
        for section in label.of_kind("boxed_warning"):
            topics = box_topics(section.title, section.full_text(), lower_names)
            if not topics:
                boxed_missing.append(label.file)
            for topic in topics:
                record.setdefault("boxed_warnings", []).append(
                    {
                        "topic": topic.topic,
                        "summary": topic.summary,
                        "product": scope,
                        "products": names,
                        "cite": [cite_of(doc, section.heading or "BOXED WARNING", topic.quote)],
                    }
                )
                stats["boxed-warning topics"] += 1
                stats[
                    f"boxed topics from {'heading' if topic.from_heading else 'first sentence'}"
                ] += 1
        risk = withdrawal_of(label)
        if risk is not None:
            entry: dict[str, Any] = {
                "severity": risk.severity,
                "rule": risk.rule,
                "symptoms": list(risk.symptoms),
                "boxed_warning": risk.boxed,
                "product": scope,
                "products": names,
                "cite": [cite_of(doc, s, q) for s, q in risk.cites],
            }
            for key in ("taper", "dependence", "note"):
                value = getattr(risk, key)
                if value:
                    # The label's own sentence, whole (the citation's quote is the one trimmed
                    # to quote length); a runaway sentence is cut at a word.
                    text = " ".join(value.split())
                    entry[key] = text if len(text) <= 600 else quote_of(text)
            record.setdefault("withdrawal_risks", []).append(entry)
            stats["withdrawal entries (labels)"] += 1
        schedule = schedule_of(label)
        if schedule is not None:
            dea: dict[str, Any] = {
                "schedule": schedule.schedule,
                "cite": [cite_of(doc, schedule.section, schedule.quote)],
            }
            if label.date:
                dea["as_of"] = label.date
            record.setdefault("_dea", []).append(dea)
            stats["section 9.1 schedule statements"] += 1
        figures = 0
        for section in label.walk():
            if section.kind != "adverse_reactions":
                continue
            for table in section.tables:
                result = read_table(table, label.names, index.lookup)
                stats["adverse-reaction tables seen"] += 1
                if result.skipped:
                    skipped[result.skipped] += 1
                    continue
                stats["adverse-reaction tables read"] += 1
                unmapped.update(result.unmapped)
                stats["table rows not mapped to a MedDRA term"] += len(result.unmapped)
                for fig in result.figures:
                    frequency: dict[str, Any] = {
                        "lower": fig.value[0],
                        "upper": fig.value[1],
                        "origin": "label_table",
                        "table": fig.table,
                        "arm": fig.arm,
                        "products": names,
                        "cite": [cite_of(doc, section.heading, fig.quote)],
                    }
                    if fig.placebo is not None:
                        frequency["placebo_lower"], frequency["placebo_upper"] = fig.placebo
                    for key, value in (
                        ("population", fig.population),
                        ("n", fig.n),
                        ("placebo_n", fig.placebo_n),
                    ):
                        if value:
                            frequency[key] = value
                    record.setdefault("_figures", []).append((fig.term, frequency))
                    figures += 1
        stats["table figures (before de-duplication)"] += figures
        if extract_adverse_text is not None:
            _text_effects(label, doc, names, record, extract_adverse_text, figures == 0, stats)
    for record in drugs.values():
        finish_drug(record, stats)
    report += [f"{key}: {value}" for key, value in sorted(stats.items())]
    report.append(f"drugs in the layer: {len(drugs)}")
    report.append(f"labels not resolved to a drug: {len(unresolved)}")
    report += [f"  not resolved: {line}" for line in unresolved]
    report += [f"adverse tables skipped ({why}): {n}" for why, n in sorted(skipped.items())]
    report.append(f"boxed warning sections without a topic: {boxed_missing}")
    report += [f"  unmapped row label: {label!r} x{n}" for label, n in sorted(unmapped.items())]
    dates = sorted(d["date"] for d in documents.values() if "date" in d)
    layer = dict(LAYER, document=next(iter(sorted(documents)), ""), date=dates[-1] if dates else "")
    conditions = sorted(
        {
            i["condition"]
            for r in drugs.values()
            for i in r.get("indications", [])
            if "condition" in i
        }
        | {
            i["condition"]
            for r in drugs.values()
            for i in r.get("limitations", [])
            if "condition" in i
        }
    )
    return (
        {
            "format": FORMAT_VERSION,
            "layer": layer,
            "documents": documents,
            "conditions": condition_records(conditions) if condition_records else [],
            "drugs": [drugs[k] for k in sorted(drugs)],
        },
        report,
    )


def _text_effects(
    label: Label,
    doc: str,
    names: list[str],
    record: dict[str, Any],
    extractor: AdverseText,
    prose: bool,
    stats: Counter[str],
) -> None:
    """Warning-section reactions (label "warning") and, for a label without table figures,
    reactions named in section 6 prose ("adverse_reaction", or "postmarketing" in 6.2)."""
    subsections: list[tuple[str, str, str]] = []
    for section in label.walk():
        if section.kind in ("warnings_and_precautions", "warnings", "precautions") and section.text:
            subsections.append((section.number or "", section.title, section.text))
    found: list[tuple[Any, str, str, str]] = []
    # Only the reactions a subsection's title names: on the TAC 2017 labels, mentions in the
    # subsection texts are much less precise (docs/label-extraction.md), and a title is what the
    # label itself states as the serious reaction of that subsection.
    for mention in extractor.warning_effects(subsections):
        if mention.in_title:
            found.append(
                (
                    mention.term,
                    "warning",
                    mention.section or "WARNINGS AND PRECAUTIONS",
                    mention.quote,
                )
            )
    if prose:
        for section in label.walk():
            if section.kind != "adverse_reactions" or not section.text:
                continue
            kind = (
                "postmarketing"
                if re.search(r"post-?marketing", section.title, re.I)
                else "adverse_reaction"
            )
            for mention in extractor.extract(section.text):
                found.append((mention.term, kind, section.heading, mention.quote))
    for term, kind, heading, quote in found:
        frequency = {
            "label": kind,
            "origin": "label_text",
            "products": names,
            "cite": [cite_of(doc, heading, quote)],
        }
        record.setdefault("_figures", []).append((term, frequency))
        stats[f"text mentions ({kind})"] += 1
