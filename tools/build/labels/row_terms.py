"""Row labels of adverse-reaction tables -> texts to look up in the MedDRA term index.

Candidates, best first: the label without footnote marks ("Somnolence1", "Asthenia*",
"Ejaculation Disorder 1,2"); without a parenthesised qualifier ("Dizziness (not vertigo)"); in a
table recovered from flat text, without a leading body-system heading made only of body-system
words ("Body as a Whole Asthenia", "Gastrointestinal Disorders Nausea"); with a footnote sentence
printed after the label ("Nausea Events for which ... titration."), the words before it. A
candidate made only of body-system words is never a term.
"""

from __future__ import annotations

import re

__all__ = ["MARKS", "term_candidates"]

MARKS = re.compile(
    r"(?:\s*[*†‡§¶#]+|\s+[a-e](?:,\s*[a-e])*|\s*\(\d\)|(?<=[a-z])\d(?:,\d)*|\s+\d(?:,\d)*)$"
)
_PAREN = re.compile(r"\s*\([^()]*\)")
_SOC_WORDS = frozenset(
    [
        "body",
        "as",
        "a",
        "whole",
        "general",
        "special",
        "senses",
        "digestive",
        "system",
        "systems",
        "cardiovascular",
        "dermatologic",
        "dermatological",
        "dermatology",
        "autonomic",
        "urogenital",
        "psychiatric",
        "respiratory",
        "metabolic",
        "nutritional",
        "metabolism",
        "nutrition",
        "hemic",
        "lymphatic",
        "musculoskeletal",
        "skin",
        "appendages",
        "investigations",
        "infections",
        "infestations",
        "conditions",
        "other",
        "cns",
        "nervous",
        "gastrointestinal",
        "endocrine",
        "hepatobiliary",
        "renal",
        "urinary",
        "reproductive",
        "breast",
        "vascular",
        "cardiac",
        "eye",
        "eyes",
        "ear",
        "labyrinth",
        "disorder",
        "disorders",
        "and",
        "&",
        "of",
        "the",
        "administration",
        "site",
        "tissue",
        "subcutaneous",
        "connective",
        "central",
        "peripheral",
        "heart",
        "liver",
        "biliary",
        "blood",
        "immune",
        "thoracic",
        "mediastinal",
        "male",
        "female",
        "patients",
        "only",
        "genital",
        "sensory",
        "(general)",
        "organ",
        "class",
    ]
)


def _all_soc(text: str) -> bool:
    words = [w.lower().strip(",") for w in text.split()]
    return bool(words) and all(w in _SOC_WORDS for w in words)


def term_candidates(label: str, flattened: bool) -> list[str]:
    """Texts to look up for a row label, best first (see the module rules)."""
    base = label.strip()
    while True:
        stripped = MARKS.sub("", base).strip()
        if stripped == base:
            break
        base = stripped
    words = base.split()
    stems = [base]
    if flattened:  # a body-system heading printed before the label
        stems += [
            " ".join(words[size:])
            for size in range(1, len(words))
            if _all_soc(" ".join(words[:size]))
        ]
    out: list[str] = []
    for stem in stems:
        out += [stem, _PAREN.sub("", stem).strip()]
        stem_words = stem.split()
        for size in range(len(stem_words) - 1, 0, -1):  # a footnote sentence after the label
            rest = " ".join(stem_words[size:])
            if (rest[:1].isupper() or rest[:1] == "(") and rest.rstrip(")").endswith("."):
                out.append(MARKS.sub("", " ".join(stem_words[:size])).strip())
    return list(dict.fromkeys(c for c in out if c and not _all_soc(c)))
