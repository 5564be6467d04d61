"""Name normalisation and fuzzy matching (no third-party dependencies)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_INVISIBLE = {"Cf", "Cs", "Co", "Cn"}


def normalize(text: str) -> str:
    """Fold a name for matching: compatibility-decompose, drop accents and invisible format
    characters, case-fold, and collapse every run of punctuation, space or control characters
    into one space.

    >>> normalize("  Lyrica-CR ")
    'lyrica cr'
    >>> normalize("Méthocarbamol")
    'methocarbamol'
    >>> normalize("gaba\u200bpentin")
    'gabapentin'
    """
    if text.isascii():
        # Same result as below for ASCII (no accents, no format characters), much faster.
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) not in _INVISIBLE
    )
    return _NON_WORD.sub(" ", kept.casefold()).strip()


_SLUG_RUN = re.compile(r"[^a-z0-9]+")
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""What a drug id (and any other slug key) looks like: ``gabapentin``, ``valproic-acid``."""


def slugify(name: str) -> str:
    """The slug of a name: ASCII, lowercase, runs of anything else made one hyphen.

    >>> slugify("Valproic Acid")
    'valproic-acid'
    >>> slugify("Méthocarbamol")
    'methocarbamol'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SLUG_RUN.sub("-", ascii_only.lower()).strip("-")


# Kinds of name, best first: a generic name beats a brand, a brand beats a synonym ...
NAME, BRAND, SYNONYM, IDENTIFIER = range(4)

_IDENTIFIER_PREFIXES: dict[str, tuple[str, ...]] = {
    "rxcui": ("rxcui", "rxnorm"),
    "unii": ("unii", ""),
    "drugbank": ("drugbank", ""),
    "chembl": ("chembl", ""),
    "pubchem_cid": ("pubchem", "cid", "pubchem cid"),
    "drugcentral": ("drugcentral",),
    "mesh": ("mesh",),
    "umls_cui": ("umls", "umls cui"),
}


def identifier_keys(kind: str, value: str) -> list[str]:
    """Index keys of one identifier: ``DB00996`` and ``drugbank DB00996``, ``rxcui 25480`` ..."""
    folded = normalize(value)
    keys = []
    for prefix in _IDENTIFIER_PREFIXES.get(kind, (kind,)):
        if not prefix or folded.startswith(prefix):
            keys.append(folded)  # DB00996, CHEMBL940: the value names its own kind
        if prefix:
            keys.append(f"{prefix} {folded}")  # rxcui:25480, chembl:CHEMBL940
    return list(dict.fromkeys(keys))


def name_keys(
    drug_id: str,
    name: str | None,
    brand_names: Iterable[str],
    synonyms: Iterable[str],
    identifiers: Iterable[tuple[str, str]],
) -> list[tuple[str, int, str]]:
    """Every ``(normalised key, kind, original text)`` a layer indexes a drug under; the build
    stores them in each packaged layer, so loading does not normalise names again."""
    out: dict[str, tuple[str, int, str]] = {}

    def add(key: str, kind: int, text: str) -> None:
        if key and (key not in out or kind < out[key][1]):
            out[key] = (key, kind, text)

    add(normalize(drug_id), NAME, drug_id)
    if name is not None:
        add(normalize(name), NAME, name)
    for brand in brand_names:
        add(normalize(brand), BRAND, brand)
    for synonym in synonyms:
        add(normalize(synonym), SYNONYM, synonym)
    for kind, value in identifiers:
        for key in identifier_keys(kind, value):
            add(key, IDENTIFIER, value)
    return list(out.values())


MAX_QUERY_LENGTH = 500
"""Longer queries cannot be a drug name; they are rejected instead of matched."""


def trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Similarity of two normalised strings in 0..1 (difflib's ratio)."""
    from difflib import SequenceMatcher  # only when a name is not found

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def fuzzy_best(
    query: str,
    postings: Callable[[str], Sequence[int]],
    key_at: Callable[[int], str],
    limit: int = 5,
    cutoff: float = 0.6,
) -> list[tuple[str, float]]:
    """Up to ``limit`` keys most similar to ``query`` (score >= cutoff), best first: keys sharing
    enough trigrams with it (``postings(gram)`` -> key positions) are shortlisted, then scored by
    :func:`similarity`. One rule for the in-memory index and the packaged one."""
    if not query:
        return []
    grams = trigrams(query)
    counts: dict[int, int] = {}
    for gram in grams:
        for position in postings(gram):
            counts[position] = counts.get(position, 0) + 1
    # Only keys sharing enough trigrams can reach the cutoff; keep the most promising.
    needed = max(1, len(grams) // 4)
    shortlist = sorted(
        (p for p, c in counts.items() if c >= needed), key=lambda p: (-counts[p], p)
    )[:200]
    scored = []
    for position in shortlist:
        key = key_at(position)
        score = similarity(query, key)
        if score >= cutoff:
            scored.append((key, score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


def trigram_postings(keys: Sequence[str]) -> dict[str, list[int]]:
    """Trigram -> the positions of the ``keys`` (sorted, distinct) that contain it."""
    postings: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        for gram in trigrams(key):
            postings.setdefault(gram, []).append(position)
    return postings


class FuzzyIndex:
    """Trigram-filtered fuzzy matcher over a fixed set of normalised keys, built in memory."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._keys = sorted(set(keys))
        self._postings = trigram_postings(self._keys)

    def best(self, query: str, limit: int = 5, cutoff: float = 0.6) -> list[tuple[str, float]]:
        """Up to ``limit`` keys most similar to ``query`` (score >= cutoff), best first."""
        return fuzzy_best(
            query, lambda g: self._postings.get(g, ()), self._keys.__getitem__, limit, cutoff
        )
