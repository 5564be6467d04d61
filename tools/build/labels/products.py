"""What a label says about its products: active substances (one drug or a combination), the
application behind it, whether it can make a use APPROVED, brand names and product records.

Rules:
- Substances: openFDA ``substance_name`` (SPL: the active moieties); without it, a generic name
  listing several ingredients ("LEVONORGESTREL AND ETHINYL ESTRADIOL", "ELEXACAFTOR, TEZACAFTOR,
  AND IVACAFTOR") gives them; more than one substance is a combination.
- Application: the first ``NDA``/``ANDA``/``BLA`` + six digits of the label. A label can make a
  use APPROVED only when it has such an application, is a single-substance label, and its
  document is an FDA/NLM record (not a mirror); every other label (OTC monograph "M0xx", export
  or unapproved drugs without application, combinations) gives LISTED at most.
- Brand: a trade name is a brand when, after removing the ingredient's words, salt words and
  formulation words (tablets, extended-release, USP ...), words remain. Folding: parenthesised
  qualifiers and a trailing strength are removed; an all-capitals name is title-cased, keeping
  release/form suffixes (XR, ER, ODT ...) in capitals; a name printed in mixed case is kept.
  Only labels of an NDA/ANDA/BLA application give the drug's ``brand_names``.
"""

from __future__ import annotations

import re
from typing import Any

from drugcompare._text import normalize

from ..backbone.hub import SALT_WORDS
from .model import Label

__all__ = [
    "application",
    "brand_names",
    "can_approve",
    "fold_brand",
    "is_brand",
    "product_names",
    "substances",
]

_APPLICATION = re.compile(r"^(NDA|ANDA|BLA)(\d{6})$")
_SUFFIXES = frozenset(
    [
        "XR",
        "ER",
        "SR",
        "CR",
        "XL",
        "LA",
        "CD",
        "DR",
        "IR",
        "ODT",
        "MLT",
        "HCT",
        "PM",
        "AM",
        "ES",
        "DS",
        "EC",
        "XT",
        "SA",
        "HP",
    ]
)
_FORMULATION = frozenset(
    [
        "tablet",
        "tablets",
        "capsule",
        "capsules",
        "oral",
        "solution",
        "suspension",
        "injection",
        "injectable",
        "usp",
        "film",
        "coated",
        "delayed",
        "release",
        "extended",
        "immediate",
        "sustained",
        "controlled",
        "orally",
        "disintegrating",
        "chewable",
        "for",
        "hcl",
        "hydrochloride",
        "sodium",
        "potassium",
        "kit",
        "syrup",
        "elixir",
        "cream",
        "ointment",
        "gel",
        "patch",
        "spray",
        "nasal",
        "ophthalmic",
        "topical",
        "and",
        "xr",
        "er",
        "sr",
        "cr",
        "xl",
        "odt",
        "dr",
        "ir",
        "la",
        "cd",
        "mg",
        "mcg",
        "ml",
    ]
)


def application(label: Label) -> tuple[str, str] | None:
    for value in label.application_numbers:
        match = _APPLICATION.match(value.strip().upper())
        if match:
            return match.group(1), match.group(2)
    return None


def substances(label: Label) -> list[str]:
    """The label's active substances (one name per ingredient): ``substance_name``; without it,
    the parts of a generic name listing several ingredients (parts with digits, such as a
    strength "0.05%", are not ingredients)."""
    listed = list(label.substance_names)
    if listed:
        return listed
    best: list[str] = []
    for generic in label.generic_names:
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", generic, flags=re.I)]
        parts = [p for p in parts if p and not re.search(r"\d", p)]
        if len(parts) > len(best):
            best = parts
    return best


def can_approve(label: Label, mirror: bool) -> bool:
    return application(label) is not None and len(substances(label)) == 1 and not mirror


def fold_brand(name: str) -> str:
    name = re.sub(r"\s*\([^()]*\)", "", name).strip()
    name = re.sub(r"\s+\d[\d.,/]*\s*(?:mg|mcg|g|ml|%|units?|iu)?(?:\s.*)?$", "", name, flags=re.I)
    if any(c.islower() for c in name):
        return name.strip()
    words = []
    for word in name.split():
        parts = []
        for part in word.split("-"):
            parts.append(part if part.upper() in _SUFFIXES else part[:1] + part[1:].lower())
        words.append("-".join(parts))
    return " ".join(words).strip()


def _ingredient_words(label: Label) -> set[str]:
    words = set(SALT_WORDS) | _FORMULATION
    for name in (*label.generic_names, *label.substance_names):
        words |= set(normalize(name).split())
    return words


def is_brand(name: str, label: Label) -> bool:
    folded = normalize(name)
    rest = [w for w in folded.split() if w not in _ingredient_words(label)]
    return bool(rest)


def product_names(label: Label) -> list[str]:
    """The label's products as people write them: folded trade names, else the generic name."""
    names = [fold_brand(b) for b in label.brand_names if b.strip()]
    if not names:
        names = [fold_brand(g) for g in label.generic_names if g.strip()]
    unique: dict[str, str] = {}
    for name in names:
        if name:
            unique.setdefault(name.casefold(), name)
    return list(unique.values())


def brand_names(label: Label) -> list[str]:
    if application(label) is None:
        return []
    return [n for n in product_names(label) if is_brand(n, label)]


def products(label: Label, ingredients: list[str], doc: str) -> list[dict[str, Any]]:
    """Product records of the label (one per trade name)."""
    app = application(label)
    single_app = len({a for a in label.application_numbers if _APPLICATION.match(a)}) == 1
    status = None
    if label.product_type:
        kind = label.product_type.upper()
        status = "otc" if "OTC" in kind else "prescription" if "PRESCRIPTION" in kind else None
    out = []
    for name in product_names(label):
        record: dict[str, Any] = {"name": name, "ingredients": sorted(ingredients)}
        if label.routes:
            record["route"] = ", ".join(r.lower() for r in label.routes)
        if label.dosage_forms:
            record["dosage_form"] = ", ".join(f.lower() for f in label.dosage_forms)
        if app is not None and single_app:
            record["application_type"], record["application_number"] = app
        if status:
            record["marketing_status"] = status
        record["brand"] = is_brand(name, label)
        record["cite"] = [{"doc": doc, "section": "product data (openFDA/SPL)"}]
        out.append(record)
    return out
