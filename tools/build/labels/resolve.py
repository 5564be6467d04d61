"""A drug resolver built from the backbone hub, for this package's own runs and tests (the lead
wires the project's identity resolver in the build).

Rule: the label's UNIIs (and RxCUIs) through :meth:`Hub.resolve`, narrowed by the label's names;
else the name without a trailing salt word (:meth:`Hub.resolve_salt`); else the hub's last-resort
name variants (:meth:`Hub.resolve_variant`); else the same with the name stripped of salt, ester
and dosage-form words; else a drug the hub does not know: the slug of the
lowercase name without salt, ester or dosage-form words (:func:`strip_forms`) and without a
biosimilar suffix ("adalimumab-aacf" ->
"adalimumab"), recorded in ``created``. A name with characters other than letters, digits,
spaces, hyphens, commas or apostrophes is not a drug name (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from drugcompare._text import normalize

from ..backbone.hub import FORM_WORDS, SALT_WORDS, Hub, slugify
from ..curated import build as build_curated

__all__ = ["HubResolver", "strip_forms"]

# Salt, ester and dosage-form words a label's substance or generic name may carry beyond the hub's.
EXTRA_WORDS = frozenset(
    [
        "oxalate",
        "phosphate",
        "diphosphate",
        "methylsulfate",
        "pamoate",
        "dimeglumine",
        "tromethamine",
        "tosylate",
        "anhydrous",
        "choline",
        "dihydrochloride",
        "sulfate",
        "nitrate",
        "acetate",
        "mesylate",
        "maleate",
        "hemihydrate",
        "sesquihydrate",
        "camsylate",
        "isethionate",
        "chloride",
        "ointment",
        "cream",
        "injection",
        "usp",
        "solution",
        "tablets",
        "tablet",
        "capsules",
        "capsule",
        "oral",
        "topical",
        "gel",
        "lotion",
    ]
)


def strip_forms(name: str) -> str:
    """A name without trailing (and a leading) salt, ester and dosage-form words."""
    words = normalize(name).split()
    drop = SALT_WORDS | FORM_WORDS | EXTRA_WORDS
    while len(words) > 1 and words[-1] in drop:
        words.pop()
    while len(words) > 1 and words[0] in SALT_WORDS:
        words.pop(0)
    return " ".join(words)


class HubResolver:
    def __init__(self, raw: Path, hub: Hub | None = None) -> None:
        if hub is None:
            curated_layer, _errors = build_curated(raw)
            hub = Hub(raw, curated_layer)
        self.hub = hub
        self.created: dict[str, str] = {}

    def __call__(
        self, names: Sequence[str], unii: Sequence[str], rxcui: Sequence[str]
    ) -> str | None:
        identifiers = [("unii", u) for u in unii] + [("rxcui", r) for r in rxcui]
        dc_id, _why = self.hub.resolve(identifiers, names)
        if dc_id is None:
            dc_id = self.hub.resolve_salt(names)
        if dc_id is None:
            dc_id, _why = self.hub.resolve_variant(names)
        if dc_id is None:
            stripped = [strip_forms(n) for n in names]
            dc_id, _why = self.hub.resolve([], stripped)
            if dc_id is None:
                dc_id, _why = self.hub.resolve_variant(stripped)
        if dc_id is not None:
            return self.hub.drug_id(dc_id)
        if not names:
            return None
        name = names[0].lower().strip()
        if not re.fullmatch(r"[a-z0-9 ,'-]+", name):
            return None
        name = re.sub(r"-[a-z]{4}$", "", name)  # FDA biosimilar suffix
        slug = slugify(strip_forms(name))
        if not slug:
            return None
        self.created[slug] = names[0]
        return slug
