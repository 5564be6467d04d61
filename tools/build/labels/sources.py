"""Every label document of the raw folder, read once and merged by set id.

Read: ``fda_labels/spl_xml/*.xml`` (SPL), ``fda_labels/openfda_sections_medguard/*.json``
(medguard records), ``fda_labels/openfda_pharmagraphrag/*.json`` (PharmaGraphRAG records, with the
set id, SPL id and application that its SOURCE.txt infers from a byte-identical medguard record),
and any openFDA download under ``fda_labels/openfda/`` (``*.json`` or ``*.zip``, bulk or single).

Merging: records with the same set id are one label document (medguard and PharmaGraphRAG copies
of one openFDA record): the first record in source order (SPL, openFDA download, medguard,
PharmaGraphRAG) is kept and gains the section kinds only the others have (PharmaGraphRAG's
adverse reactions, overdosage, clinical pharmacology); ``note`` names the file they came from. The
same file read twice under two drug names (medguard keeps one file per name) is one document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs

from .model import Label
from .openfda import label_from_record, read_json_labels
from .spl import read_spl

__all__ = ["inferred_ids", "read_labels"]

_ORDER = {"spl_xml": 0, "openfda": 1, "medguard": 2, "pharmagraphrag": 3}


def inferred_ids(source_txt: Path) -> dict[str, dict[str, str]]:
    """PharmaGraphRAG file name -> set_id, spl_id, application inferred in its SOURCE.txt."""
    out: dict[str, dict[str, str]] = {}
    current = None
    for line in source_txt.read_text(encoding="utf-8").splitlines():
        head = re.match(r"^(\S+\.json)\s+chars=", line)
        if head:
            current = head.group(1)
            continue
        match = re.search(
            r"medguard match \(inferred\): set_id ([0-9a-f-]{36}), spl_id ([0-9a-f-]{36}), "
            r"application (\S+)",
            line,
        )
        if current and match:
            out[current] = {
                "set_id": match.group(1),
                "spl_id": match.group(2),
                "application": match.group(3),
                "note": (
                    "set id, SPL id and application inferred from the openFDA record with "
                    "byte-identical sections (fda_labels/openfda_pharmagraphrag/SOURCE.txt)"
                ),
            }
    return out


def _merge(first: Label, other: Label) -> Label:
    kinds = {s.kind for s in first.sections}
    extra = tuple(s for s in other.sections if s.kind not in kinds)
    if not extra:
        return first
    note = f"sections {', '.join(sorted(str(s.kind) for s in extra))} read from {other.file}"
    return attrs.evolve(
        first,
        sections=first.sections + extra,
        note="; ".join(n for n in (first.note, note) if n),
    )


def read_labels(raw: Path) -> tuple[list[Label], list[str]]:
    """All label documents (merged by set id) and report lines."""
    base = raw / "fda_labels"
    report: list[str] = []
    found: list[Label] = []
    counts: dict[str, int] = {}
    for path in sorted((base / "spl_xml").glob("*.xml")):
        found.append(read_spl(path, raw))
        counts["spl_xml"] = counts.get("spl_xml", 0) + 1
    for path in sorted((base / "openfda").glob("*")) if (base / "openfda").is_dir() else []:
        if path.suffix in (".json", ".zip"):
            for label in read_json_labels(path, raw):
                found.append(label)
                counts["openfda"] = counts.get("openfda", 0) + 1
    for path in sorted((base / "openfda_sections_medguard").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found.append(label_from_record(record, str(path.relative_to(raw))))
        counts["medguard"] = counts.get("medguard", 0) + 1
    folder = base / "openfda_pharmagraphrag"
    ids = inferred_ids(folder / "SOURCE.txt") if (folder / "SOURCE.txt").is_file() else {}
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        found.append(label_from_record(record, str(path.relative_to(raw)), ids=ids.get(path.name)))
        counts["pharmagraphrag"] = counts.get("pharmagraphrag", 0) + 1
    for source, count in sorted(counts.items(), key=lambda kv: _ORDER.get(kv[0], 9)):
        report.append(f"label records read from {source}: {count}")
    found.sort(key=lambda label: (_ORDER.get(label.source, 9), label.file))
    by_key: dict[str, Label] = {}
    merged = 0
    for label in found:
        key = label.set_id or label.file
        if key in by_key:
            by_key[key] = _merge(by_key[key], label)
            merged += 1
        else:
            by_key[key] = label
    report.append(
        f"label documents after merging records of one set id: {len(by_key)} ({merged} records"
        " merged into another of the same set id)"
    )
    return sorted(by_key.values(), key=lambda lb: (_ORDER.get(lb.source, 9), lb.file)), report
