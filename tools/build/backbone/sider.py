"""SIDER 4.1 (CC BY-NC-SA 4.0): adverse effects of drug labels with frequencies and placebo
rates, and label indications found by text mining (status "listed").

Drugs are joined to DrugCentral through PubChem: the stereo STITCH id first (``CID0...``, the
compound as labelled), then the flat id (``CID1...`` minus 10^8). A flat id neither maps is joined
through dhimmel's SIDER-to-DrugBank mapping only when DrugBank's name for it is also the name of
the DrugCentral drug with that DrugBank id.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ontology import Ontology
from .hub import (
    ConditionTable,
    Hub,
    LayerDrugs,
    SourceInfo,
    clean_name,
    layer_dict,
    normalize,
    stitch_cid,
)
from .sider_noise import is_infection, not_a_reaction

LAYER_ID = "sider"
DOC = "sider"

# Frequency words, most frequent first (order of the frequency records of one effect).
WORDS = (
    "very common",
    "very frequent",
    "common",
    "frequent",
    "uncommon",
    "infrequent",
    "rare",
    "very rare",
    "postmarketing",
)


def _rows(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"SIDER frequency bound {text!r} is not a fraction")
    return round(value, 6)


class _Mapper:
    def __init__(self, raw: Path, hub: Hub) -> None:
        self.hub = hub
        self.cache: dict[tuple[str, str], tuple[str, str] | None] = {}
        # dhimmel's flat id -> DrugBank mapping is many-to-many (flat CID 271, calcium, goes to
        # calcium acetate, gluceptate and chloride): a flat id is joined only when the DrugBank
        # entries it maps to that DrugCentral lists under the same name all give one drug.
        candidates: dict[str, set[tuple[str, str]]] = defaultdict(set)
        rows = _rows(raw / "sider4_dhimmel" / "indications_drugbank_mapped.tsv.gz")
        next(rows)  # header
        for row in rows:
            candidates[row[3]].add((row[0], clean_name(row[1])))
        self.dbmap: dict[str, tuple[str, str]] = {}
        for flat, entries in candidates.items():
            found: dict[str, str] = {}
            for drugbank, name in sorted(entries):
                for dc_id in hub.by_id["drugbank"].get(drugbank, set()):
                    if normalize(hub.dc_names[dc_id]) == normalize(name):
                        found.setdefault(dc_id, drugbank)
            if len(found) == 1:
                dc_id, drugbank = next(iter(found.items()))
                self.dbmap[flat] = (dc_id, drugbank)
        self.how: dict[str, str] = {}  # flat id -> how it was mapped

    def __call__(self, flat: str, stereo: str) -> tuple[str, str] | None:
        """(drug id, matched PubChem CID or DrugBank id) of a STITCH pair, or None."""
        key = (flat, stereo)
        if key not in self.cache:
            self.cache[key] = self._map(flat, stereo)
        return self.cache[key]

    def _map(self, flat: str, stereo: str) -> tuple[str, str] | None:
        for stitch, how in ((stereo, "stereo"), (flat, "flat")):
            if not stitch:
                continue
            cid = stitch_cid(stitch)
            holders = self.hub.by_id["pubchem_cid"].get(cid, set())
            if len(holders) == 1:
                self.how.setdefault(flat, how)
                return self.hub.drug_id(next(iter(holders))), cid
        mapped = self.dbmap.get(flat)
        if mapped is not None:
            self.how.setdefault(flat, "drugbank")
            return self.hub.drug_id(mapped[0]), mapped[1]
        return None


def build(raw: Path, onto: Ontology, hub: Hub) -> dict[str, Any]:
    folder = raw / "sider4_dhimmel"
    source = SourceInfo(folder)
    version = f"SIDER 4.1; {source.at()}"
    mapper = _Mapper(raw, hub)
    drugs = LayerDrugs(hub)
    conditions = ConditionTable(onto)

    def join(drug_id: str, matched: str) -> dict[str, Any]:
        record = drugs.get(drug_id)
        drugs.add_identifier(
            drug_id, "drugbank" if matched.startswith("DB") else "pubchem_cid", matched
        )
        return record

    # Adverse effects: MedDRA preferred terms (type PT) only, keyed by the PT's UMLS CUI.
    effects: dict[str, dict[str, str]] = defaultdict(dict)  # drug id -> PT CUI -> name
    flats: set[str] = set()
    flat_drugs: dict[str, set[tuple[str, str] | None]] = defaultdict(set)
    for flat, stereo, _label_cui, kind, pt_cui, name in _rows(folder / "meddra_all_se.tsv.gz"):
        flats.add(flat)
        mapped = mapper(flat, stereo)
        flat_drugs[flat].add(mapped)
        if mapped is None or kind != "PT":
            continue
        join(*mapped)
        effects[mapped[0]].setdefault(pt_cui, clean_name(name))

    # Frequencies: one record per distinct non-placebo row of a drug and PT, each a text-mined
    # figure of its own. SIDER's placebo rows are not tied to a drug row (nor to a table), so
    # they are never shown as a placebo figure: only counted.
    observed: dict[tuple[str, str], set[tuple[str, float, float]]] = defaultdict(set)
    placebo_rows = 0
    bad_rows: set[tuple[str, ...]] = set()
    for row in _rows(folder / "meddra_freq.tsv.gz"):
        flat, stereo, _label, is_placebo, text, lower, upper, kind, pt_cui, name = row
        mapped = mapper(flat, stereo)
        if mapped is None or kind != "PT":
            continue
        join(*mapped)
        effects[mapped[0]].setdefault(pt_cui, clean_name(name))
        bounds = (_fraction(lower), _fraction(upper))
        if bounds[0] > bounds[1]:
            bad_rows.add((flat, stereo, text, lower, upper))
            continue
        if is_placebo == "placebo":
            placebo_rows += 1
        elif is_placebo == "":
            observed[(mapped[0], pt_cui)].add((text.strip(), *bounds))
        else:
            raise ValueError(f"meddra_freq.tsv: unexpected placebo flag {is_placebo!r}")

    # The drug's own indications by SIDER's text mining (label concept and MedDRA PT), for the
    # noise rule (sider_noise): a reaction term that is one of them is the treated disease.
    own: dict[str, set[str]] = defaultdict(set)
    for row in _rows(folder / "meddra_all_indications.tsv.gz"):
        if row[2] == "NLP_indication":
            for mapped in flat_drugs.get(row[0], set()):
                if mapped is not None:
                    own[mapped[0]].update((row[1], row[5]))
    frequency_records = 0
    dropped: Counter[str] = Counter()
    unfigured = 0
    for drug_id, terms in sorted(effects.items()):
        items = []
        for pt_cui, name in sorted(terms.items(), key=lambda kv: (normalize(kv[1]), kv[0])):
            if pt_cui in own.get(drug_id, ()):
                dropped["the drug's own indication"] += 1
                continue
            reason = not_a_reaction(name)
            if reason is not None:
                dropped[reason] += 1
                continue
            item: dict[str, Any] = {"term": name, "umls_cui": pt_cui}
            rows = observed.get((drug_id, pt_cui), set())
            if rows and is_infection(name):
                unfigured += 1
                rows = {row for row in rows if row[0].casefold() == "postmarketing"}
            unique = {
                json.dumps(f, sort_keys=True): f
                for f in (_frequency(text, low, high) for text, low, high in rows)
            }
            frequencies = _median_first(
                [
                    f
                    for _, f in sorted(
                        unique.items(), key=lambda kv: (_frequency_order(kv[1]), kv[0])
                    )
                ]
            )
            if frequencies:
                item["frequencies"] = frequencies
                frequency_records += len(frequencies)
            items.append(item)
        drugs.get(drug_id)["adverse_effects"] = items

    # Label indications: only concepts SIDER's NLP found as indications (NLP_indication); the
    # text_mention and NLP_precondition rows are mentions, not uses. Keyed by the label concept.
    indication_rows = 0
    found: dict[str, set[str]] = defaultdict(set)
    for row in _rows(folder / "meddra_all_indications.tsv.gz"):
        flat, label_cui, method, concept = row[0], row[1], row[2], clean_name(row[3])
        if method != "NLP_indication":
            continue
        # The file gives the flat id only: use the drug all of its stereo ids map to.
        pairs = flat_drugs.get(flat, set())
        mapped = next(iter(pairs)) if len(pairs) == 1 else mapper(flat, "")
        if mapped is None:
            continue
        indication_rows += 1
        join(*mapped)
        found[mapped[0]].add(conditions.umls(label_cui, concept))
    for drug_id, condition_ids in sorted(found.items()):
        drugs.get(drug_id)["indications"] = [
            {
                "condition": condition,
                "status": "listed",
                "note": "found on the label by text mining (SIDER NLP_indication)",
                "cite": [{"doc": DOC, "section": "meddra_all_indications (NLP_indication)"}],
            }
            for condition in sorted(condition_ids)
        ]

    how: dict[str, int] = defaultdict(int)
    for flat in flats:
        how[mapper.how.get(flat, "unmapped")] += 1
    hub.report.append(
        f"sider: {len(flats)} SIDER drugs (flat ids): {how['stereo']} mapped by stereo CID, "
        f"{how['flat']} by flat CID, {how['drugbank']} by dhimmel's DrugBank mapping + same name, "
        f"{how['unmapped']} unmapped (no names in the snapshot; left out); "
        f"{len(drugs.records)} drugs; {frequency_records} frequency records (text-mined, no "
        f"placebo); {placebo_rows} placebo rows not used (not tied to a drug row); noise rule "
        f"(sider_noise): terms dropped {dict(sorted(dropped.items()))}, infection terms kept "
        f"without figures {unfigured}; "
        f"{indication_rows} NLP_indication rows kept; frequency rows with lower > upper left "
        f"out: {sorted(bad_rows)}"
    )
    info = {
        "id": LAYER_ID,
        "name": "SIDER 4.1 Side Effect Resource",
        "version": version,
        "date": "2016-02-03",  # no newer than the mirror commit of SIDER 4.1 (SOURCE.txt)
        "url": source.url,
        "license": "CC-BY-NC-SA-4.0",
        "attribution": "SIDER 4.1 (Kuhn M, Letunic I, Jensen LJ, Bork P. The SIDER database of "
        "drugs and side effects. Nucleic Acids Res 2016; doi:10.1093/nar/gkv1075), EMBL, via "
        "dhimmel/SIDER4; CC BY-NC-SA 4.0 (non-commercial, share-alike). MedDRA term names: "
        "MedDRA MSSO.",
        "description": "Adverse effects text-mined from drug labels as MedDRA preferred terms, "
        "each figure a text-mined row of its own (origin 'text_mined', never pooled, no placebo "
        "figure: SIDER does not tie placebo rows to drug rows); label indications found by text "
        "mining (status 'listed'). Frequency words keep SIDER's bounds, except 'postmarketing' "
        "(no incidence). Rows that are not reactions of the drug are left out (sider_noise).",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "SIDER 4.1: meddra_all_se, meddra_freq and meddra_all_indications",
            "url": "http://sideeffects.embl.de/",
            "publisher": "EMBL",
            "version": version,
            "license": "CC-BY-NC-SA-4.0",
        }
    }
    return layer_dict(info, documents, conditions, drugs)


def _frequency(text: str, lower: float, upper: float) -> dict[str, Any]:
    word = text.casefold()
    record: dict[str, Any] = {"origin": "text_mined"}
    if word == "postmarketing":
        # SIDER stores 0..0.001 for postmarketing reports; no incidence is known for them.
        record["label"] = word
    else:
        if any(ch.isdigit() for ch in text):
            pass  # a percentage or range: the numbers are the frequency
        elif word:
            record["label"] = word
        record["lower"], record["upper"] = lower, upper
    return record


def _frequency_order(record: dict[str, Any]) -> tuple[int, int, float, float]:
    label = record.get("label")
    rank = WORDS.index(label) if label in WORDS else len(WORDS)
    return (
        0 if label is None else 1,
        rank,
        -record.get("upper", 0.0),
        -record.get("lower", 0.0),
    )


def _median_first(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Percentages (highest first) then frequency words, with the median percentage moved to the
    front: the first record with figures is the one a comparison shows as the headline, and the
    median of the label's reported figures is less exposed to a mis-mined figure (SIDER lists
    losartan's cough at 3.1 % but also at 62 % and 69 %, figures of another arm or study) than
    the maximum is. For an even count the lower of the two middle figures is used."""
    numbers = [r for r in records if r.get("label") is None and "lower" in r]
    if len(numbers) < 3:
        return records
    median = numbers[len(numbers) // 2]
    return [median, *(r for r in records if r is not median)]
