"""The curated layer: hand-written TOML files (data/curated/drugs/*.toml) -> packaged layer.

Run ``python -m tools.build.curated --validate FILE ...`` to check files while curating; the full
build (``python -m tools.build``) writes ``src/drugcompare/data/curated.jsonl``. The format and the
rules are in docs/curation.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .. import ontology as ontology_mod
from ..common import CURATED, FORMAT_VERSION
from .convert import citations, convert_file
from .fields import load_terms
from .markdown import drug_list_markdown
from .rules import LAYER_ID

__all__ = ["build", "convert_file", "drug_list_markdown"]


def build(
    raw: Path, files: list[Path] | None = None, strict: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """Convert every curated file; returns (layer, errors). ``strict`` (the default) applies
    the label-document rules of docs/curation.md; ``strict=False`` is for work in progress."""
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
        for citation in citations(record):
            citation["doc"] = renames.get(citation["doc"], citation["doc"])
        drugs.append(record)
    layer = {
        "format": FORMAT_VERSION,
        "layer": {
            "id": LAYER_ID,
            "name": "drugcompare curated label facts",
            "version": max((str(_curated_on(f)) for f in files), default="none"),
            "date": max((str(_curated_on(f)) for f in files), default="none"),
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
