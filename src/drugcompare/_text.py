"""Name normalisation and fuzzy matching (no third-party dependencies)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

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


def trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Similarity of two normalised strings in 0..1 (difflib's ratio)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class FuzzyIndex:
    """Trigram-filtered fuzzy matcher over a fixed set of normalised keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._keys = sorted(set(keys))
        self._postings: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys):
            for gram in trigrams(key):
                self._postings.setdefault(gram, []).append(position)

    def best(self, query: str, limit: int = 5, cutoff: float = 0.6) -> list[tuple[str, float]]:
        """Up to ``limit`` keys most similar to ``query`` (score >= cutoff), best first."""
        if not query:
            return []
        grams = trigrams(query)
        counts: dict[int, int] = {}
        for gram in grams:
            for position in self._postings.get(gram, ()):
                counts[position] = counts.get(position, 0) + 1
        # Only keys sharing enough trigrams can reach the cutoff; keep the most promising.
        needed = max(1, len(grams) // 4)
        shortlist = sorted(
            (p for p, c in counts.items() if c >= needed), key=lambda p: (-counts[p], p)
        )[:200]
        scored = []
        for position in shortlist:
            key = self._keys[position]
            score = similarity(query, key)
            if score >= cutoff:
                scored.append((key, score))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]
