"""The ``labels`` layer's header and documents: the layer record, one document record per label
read (title, publisher, DailyMed URL, SPL version, application) and the citation format."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .model import Label
from .products import application, product_names

__all__ = ["LAYER", "cite", "doc_key", "document_of", "quote_of"]

LAYER = {
    "id": "labels",
    "name": "Current FDA labels",
    "version": "shipped label files (fda_labels/)",
    "url": "https://dailymed.nlm.nih.gov/dailymed/",
    "license": "public-domain",
    "attribution": "FDA/NLM DailyMed (SPL documents) and openFDA drug label records",
    "description": (
        "Facts read from current US prescribing information: indications of section 1, boxed "
        "warnings, withdrawal warnings, section 9.1 schedules and adverse-reaction tables, each "
        "quoted from its label."
    ),
}


def quote_of(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) < 200 else text[:196].rsplit(" ", 1)[0]


def doc_key(label: Label) -> str:
    if label.set_id:
        return f"label-{label.set_id}"
    return "label-" + re.sub(r"[^a-z0-9]+", "-", Path(label.file).stem.lower()).strip("-")


def document_of(label: Label) -> dict[str, Any]:
    names = ", ".join(product_names(label)) or "label"
    forms = ", ".join(f.lower() for f in label.dosage_forms)
    title = f"{names}{' ' + forms if forms else ''} ({label.labeler or 'labeler not given'})"
    doc: dict[str, Any] = {
        "title": title,
        "publisher": label.labeler or "not given",
        "kind": "fda_label" if label.set_id else "label_mirror",
        "license": "US FDA labeling, public domain",
        "file": label.file,
    }
    if label.set_id:
        doc["url"] = f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={label.set_id}"
        doc["set_id"] = label.set_id
    else:
        doc["url"] = "https://open.fda.gov/apis/drug/label/"
    if label.source == "spl_xml":
        doc["version"] = f"SPL version {label.version}, SPL id {label.spl_id}"
    elif label.fetched:
        doc["version"] = f"openFDA record, SPL id {label.spl_id}, fetched {label.fetched}"
    else:
        doc["version"] = f"openFDA record, SPL id {label.spl_id or 'not given'}"
    if label.note:
        doc["version"] += f"; {label.note}"
    if label.date:
        doc["date"] = label.date
    app = application(label)
    if app is not None:
        doc["application"] = app[0] + app[1]
    return doc


def cite(doc: str, section: str, quote: str) -> dict[str, str]:
    # A few old-format labels have subsections with neither number nor title.
    return {"doc": doc, "section": section or "untitled section", "quote": quote_of(quote)}
