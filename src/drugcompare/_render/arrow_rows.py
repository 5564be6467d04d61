"""The rows of the Arrow/Parquet catalog export: each drug's facts as plain column values (one
function per table, columns as :mod:`.arrow_tables` lists them) and the keys that join them.

Keys are content hashes, so the same data always gets the same keys, whatever the order or the
subset of drugs exported:

- a source's key hashes every field of the :class:`~drugcompare.Source` that is set (the same
  document section with another quote is another source);
- a fact row's key hashes its table name and every column that is set; two rows with the same
  content (none in the packaged data) get ``-2``, ``-3`` ... appended in row order, so keys stay
  unique.

A key is 16 hex digits of a BLAKE2b digest of the set columns, sorted by name, each written as
``name=value`` (text as is, a list as its items, a number as its ``repr``) and separated by
control characters: no JSON and no ``repr`` of text, so keys do not depend on the Python version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..model import Condition, Drug, Source

__all__ = ["FACT_ROWS", "RowKeys", "SourceKeys", "cited_sources", "condition_row", "drug_row"]

Row = dict[str, Any]


def _digest(kind: str, values: Row, names: Iterable[str]) -> str:
    """The key of ``values`` (taken in the order of ``names``, sorted) in ``kind``: only the
    values that are set (not null, not empty) count, so a column added later, empty in old data,
    leaves old keys as they were."""
    parts = [kind]
    for name in names:
        value = values[name]
        if value is None or value == ():
            continue
        if isinstance(value, str):
            parts.append(f"{name}={value}")
        elif isinstance(value, tuple):
            parts.append(f"{name}={chr(0x1E).join(value)}")
        else:  # bool, int, float: their repr is the same in every Python version
            parts.append(f"{name}={value!r}")
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def _fraction(value: float | None) -> float | None:
    """A figure as a float (a layer may write 1 for 1.0: the same figure, the same key)."""
    return None if value is None else float(value)


class SourceKeys:
    """The key of every source seen so far (one key per distinct source)."""

    def __init__(self) -> None:
        self._keys: dict[Source, str] = {}
        # The same Source object is cited by many facts: look it up by identity first (the
        # object is kept, so its id is not reused), by value (a hash of every field) second.
        self._seen: dict[int, tuple[Source, str]] = {}

    def key(self, source: Source) -> str:
        seen = self._seen.get(id(source))
        if seen is not None:
            return seen[1]
        found = self._keys.get(source)
        if found is None:
            fields = attrs.asdict(source)
            found = self._keys[source] = _digest("source", fields, sorted(fields))
        self._seen[id(source)] = (source, found)
        return found

    def keys(self, sources: Iterable[Source]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.key(s) for s in sources))

    def rows(self) -> list[Row]:
        """One row per source, ordered by layer, id and key."""
        rows = [{"key": key, **attrs.asdict(source)} for source, key in self._keys.items()]
        return sorted(rows, key=lambda r: (r["layer"], r["id"], r["key"]))


class RowKeys:
    """Content keys of one table's rows, unique within the table."""

    def __init__(self, table: str, columns: Iterable[str]) -> None:
        self._table = table
        self._columns = sorted(c for c in columns if c != "key")
        self._seen: dict[str, int] = {}

    def key(self, row: Row) -> str:
        base = _digest(self._table, row, self._columns)
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def drug_row(drug: Drug, keys: SourceKeys) -> Row:
    ids = drug.identifiers
    approval = drug.approval
    dea = drug.dea
    row: Row = {
        "id": drug.id,
        "name": drug.name,
        "kind": drug.kind.value,
        "brand_names": drug.brand_names,
        "synonyms": drug.synonyms,
        "ingredients": drug.ingredients,
        "rxcui": ids.rxcui,
        "unii": ids.unii,
        "drugbank": ids.drugbank,
        "chembl": ids.chembl,
        "pubchem_cid": ids.pubchem_cid,
        "drugcentral": ids.drugcentral,
        "mesh": ids.mesh,
        "umls_cui": ids.umls_cui,
        "atc_codes": drug.atc_codes,
    }
    if approval is None:
        row |= {
            "fda_approved": None,
            "first_approval_year": None,
            "first_approval_date": None,
            "first_approval_application": None,
            "first_approval_sponsor": None,
            "first_approval_product": None,
            "us_marketing_status": (),
            "approved_eu": None,
            "approved_japan": None,
            "max_phase": None,
            "approval_source_keys": (),
        }
    else:
        row |= {
            "fda_approved": approval.fda_approved,
            "first_approval_year": approval.first_approval_year,
            "first_approval_date": approval.first_approval_date,
            "first_approval_application": approval.application,
            "first_approval_sponsor": approval.sponsor,
            "first_approval_product": approval.first_product,
            "us_marketing_status": tuple(s.value for s in approval.us_marketing_status),
            "approved_eu": approval.approved_eu,
            "approved_japan": approval.approved_japan,
            "max_phase": approval.max_phase,
            "approval_source_keys": keys.keys(approval.sources),
        }
    row |= {
        "dea_schedule": dea.schedule.value if dea is not None and dea.schedule else None,
        "dea_code": dea.code if dea else None,
        "dea_narcotic": dea.narcotic if dea else None,
        "dea_as_of": dea.as_of if dea else None,
        "dea_note": dea.note if dea else None,
        "dea_source_keys": keys.keys(dea.sources) if dea else (),
        "withdrawal_severity": drug.withdrawal.severity.value if drug.withdrawal else None,
        "notes": drug.notes,
        "source_keys": keys.keys(drug.sources),
    }
    return row


def _products(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for p in drug.products:
        yield {
            "drug_id": drug.id,
            "name": p.name,
            "brand": p.brand,
            "ingredients": p.ingredients,
            "route": p.route,
            "dosage_form": p.dosage_form,
            "strengths": p.strengths,
            "application": p.application,
            "application_type": p.application_type.value if p.application_type else None,
            "application_number": p.application_number,
            "approval_date": p.approval_date,
            "marketing_status": p.marketing_status.value if p.marketing_status else None,
            "applicant": p.applicant,
            "reference_drug": p.reference_drug,
            "source_keys": keys.keys(p.sources),
        }


def _indications(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for i in drug.indications:
        yield {
            "drug_id": drug.id,
            "condition_id": i.condition.id,
            "condition_name": i.condition.name,
            "status": i.status.value,
            "status_rank": i.status.rank,
            "scope": i.scope,
            "products": i.products,
            "population": i.population,
            "note": i.note,
            "source_keys": keys.keys(i.sources),
        }


def _adverse_effects(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for effect in drug.adverse_effects:
        common = {
            "drug_id": drug.id,
            "term": effect.term,
            "umls_cui": effect.umls_cui,
            "effect_key": effect.key,
        }
        if not effect.frequencies:
            yield common | {
                "is_headline": False,
                "incidence_lower": None,
                "incidence_upper": None,
                "placebo_lower": None,
                "placebo_upper": None,
                "frequency_label": None,
                "origin": None,
                "table_name": None,
                "arm": None,
                "n": None,
                "placebo_n": None,
                "population": None,
                "products": (),
                "source_keys": keys.keys(effect.sources),
            }
            continue
        headline = effect.frequency
        for f in effect.frequencies:
            yield common | {
                "is_headline": f is headline,
                "incidence_lower": _fraction(f.lower),
                "incidence_upper": _fraction(f.upper),
                "placebo_lower": _fraction(f.placebo_lower),
                "placebo_upper": _fraction(f.placebo_upper),
                "frequency_label": f.label,
                "origin": f.origin.value if f.origin else None,
                "table_name": f.table,
                "arm": f.arm,
                "n": f.n,
                "placebo_n": f.placebo_n,
                "population": f.population,
                "products": f.products,
                "source_keys": keys.keys(f.sources or effect.sources),
            }


def _mechanisms(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for m in drug.mechanisms:
        yield {
            "drug_id": drug.id,
            "mechanism_key": m.key,
            "target": m.target,
            "gene": m.gene,
            "action": m.action,
            "pharmacologic_class": m.pharmacologic_class,
            "description": m.description,
            "source_keys": keys.keys(m.sources),
        }


def _withdrawal(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for w in drug.withdrawal_risks:
        yield {
            "drug_id": drug.id,
            "severity": w.severity.value,
            "severity_rank": w.severity.rank,
            "rule": w.rule,
            "boxed_warning": w.boxed_warning,
            "symptoms": w.symptoms,
            "onset": w.onset,
            "taper": w.taper,
            "dependence": w.dependence,
            "note": w.note,
            "scope": w.scope,
            "products": w.products,
            "source_keys": keys.keys(w.sources),
        }


def _boxed_warnings(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for b in drug.boxed_warnings:
        yield {
            "drug_id": drug.id,
            "topic": b.topic,
            "summary": b.summary,
            "scope": b.scope,
            "products": b.products,
            "source_keys": keys.keys(b.sources),
        }


def _limitations(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for lim in drug.limitations:
        yield {
            "drug_id": drug.id,
            "text": lim.text,
            "condition_id": lim.condition.id if lim.condition else None,
            "scope": lim.scope,
            "products": lim.products,
            "source_keys": keys.keys(lim.sources),
        }


def _market_withdrawals(drug: Drug, keys: SourceKeys) -> Iterator[Row]:
    for m in drug.market_withdrawals:
        yield {
            "drug_id": drug.id,
            "year": m.year,
            "country": m.country,
            "reason": m.reason,
            "source_keys": keys.keys(m.sources),
        }


FACT_ROWS: dict[str, Callable[[Drug, SourceKeys], Iterable[Row]]] = {
    "products": _products,
    "indications": _indications,
    "adverse_effects": _adverse_effects,
    "mechanisms": _mechanisms,
    "withdrawal": _withdrawal,
    "boxed_warnings": _boxed_warnings,
    "limitations": _limitations,
    "market_withdrawals": _market_withdrawals,
}
"""The tables with one row per fact of a drug (their rows get a content key)."""


def cited_sources(drug: Drug) -> Iterator[Source]:
    """Every source a drug's exported columns cite (what the ``sources`` table lists)."""
    yield from drug.sources
    for single in (drug.approval, drug.dea):
        if single is not None:
            yield from single.sources
    for effect in drug.adverse_effects:
        if not effect.frequencies:
            yield from effect.sources
        for f in effect.frequencies:
            yield from f.sources or effect.sources
    for facts in (
        drug.products,
        drug.indications,
        drug.mechanisms,
        drug.withdrawal_risks,
        drug.boxed_warnings,
        drug.limitations,
        drug.market_withdrawals,
    ):
        for fact in facts:
            yield from fact.sources


def condition_row(condition: Condition) -> Row:
    return {
        "id": condition.id,
        "name": condition.name,
        "synonyms": condition.synonyms,
        "aliases": condition.aliases,
        "parents": condition.parents,
        "xrefs": condition.xrefs,
    }
