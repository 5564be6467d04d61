"""The packaged suggestion index: "did you mean" without building anything.

The build writes, for the default catalog, every name, brand and synonym key a suggestion may
offer, and a trigram index over them:

``suggest.tsv``  ``#keys``: ``key<TAB>drug id<TAB>what to show`` ("Neurontin (gabapentin)"), one
                 line per key in key order (a key's number is its line number);
                 ``#grams``: ``trigram<TAB>start<TAB>count``: where the numbers of the keys
                 containing the trigram are in ``suggest.bin``;
                 ``#identifiers``: the other keys of the name index (identifiers only), so that
                 the file alone says whether a name is known
``suggest.bin``  little-endian unsigned 32-bit integers: the byte offset of every key line in
                 the ``#keys`` section (one more, for the end), then every trigram's key numbers

A miss reads the query's trigram lines (bisection on the bytes) and the shortlisted key lines,
and scores them with the rule of the in-memory index (:func:`drugcompare._text.fuzzy_best`).
:func:`quick_miss` answers a lookup of the default catalog that misses without loading the
catalog: if no key of the name index is the name, it returns the suggestions.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence

from .._text import MAX_QUERY_LENGTH, fuzzy_best, normalize, trigram_postings
from .paths import SUGGEST_BIN, SUGGEST_FILE, read_packaged
from .sections import Section, find_sections

__all__ = ["SuggestIndex", "format_suggest", "packaged_suggestions", "quick_miss"]


def _little_endian(numbers: Iterable[int]) -> bytes:
    values = array("I", numbers)
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def format_suggest(
    entries: Iterable[tuple[str, str, str]], identifiers: Iterable[str]
) -> tuple[str, bytes]:
    """``(suggest.tsv, suggest.bin)`` for ``(key, drug id, display)`` entries and the keys that
    are identifiers only (the build)."""
    rows = sorted(set(entries))
    keys = [key for key, _drug, _display in rows]
    lines = ["\t".join(row) for row in rows]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")) + 1)
    postings: list[int] = []
    grams = []
    for gram, positions in sorted(trigram_postings(keys).items()):
        grams.append(f"{gram}\t{len(offsets) + len(postings)}\t{len(positions)}")
        postings += positions
    others = sorted(set(identifiers) - set(keys))
    text = "\n".join(["#keys", *lines, "#grams", *grams, "#identifiers", *others]) + "\n"
    return text, _little_endian([*offsets, *postings])


class SuggestIndex:
    """The packaged suggestion index, read on first use (``load`` gives the bytes of
    ``suggest.tsv`` and ``suggest.bin``) and searched by bisection."""

    def __init__(self, load: Callable[[], tuple[bytes, bytes]]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._parts: tuple[Section, Section, bytes, Sequence[int], Section] | None = None

    def _read(self) -> tuple[Section, Section, bytes, Sequence[int], Section]:
        if self._parts is None:
            with self._lock:
                if self._parts is None:
                    text, binary = self._load()
                    found = find_sections(text, SUGGEST_FILE)
                    empty = Section(b"", 0, 0)
                    numbers: Sequence[int]
                    if sys.byteorder == "little":
                        numbers = memoryview(binary).cast("I")
                    else:
                        swapped = array("I", binary)
                        swapped.byteswap()
                        numbers = swapped
                    self._parts = (
                        found.get("keys", empty),
                        found.get("grams", empty),
                        text,
                        numbers,
                        found.get("identifiers", empty),
                    )
        return self._parts

    def known(self, key: str) -> bool:
        """Whether ``key`` is a key of the name index the file was made from."""
        keys, _grams, _text, _numbers, identifiers = self._read()
        return any(True for _ in keys.matching(key)) or any(
            True for _ in identifiers.matching(key, whole_line=True)
        )

    def _key(self, position: int) -> tuple[str, str, str]:
        keys, _grams, text, numbers, _identifiers = self._read()
        start = keys.start + numbers[position]
        end = keys.start + numbers[position + 1] - 1
        key, drug_id, display = text[start:end].decode("utf-8").split("\t")
        return key, drug_id, display

    def _postings(self, gram: str) -> Sequence[int]:
        _keys, grams, _text, numbers, _identifiers = self._read()
        for rest in grams.matching(gram):
            start, count = map(int, rest.split("\t"))
            return numbers[start : start + count]
        return ()

    def best(self, key: str, limit: int = 5, cutoff: float = 0.6) -> list[tuple[str, float]]:
        """Like :meth:`drugcompare._text.FuzzyIndex.best`, over the packaged keys."""
        return fuzzy_best(key, self._postings, self._text, limit, cutoff)

    def _text(self, position: int) -> str:
        return self._key(position)[0]

    def suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        """Close matches to a normalised query, one per drug, formatted like ``"Neurontin
        (gabapentin)"``: the candidates :meth:`best` ranks, each shown as the drug its key
        names best."""
        out: list[str] = []
        seen: set[str] = set()
        for candidate, _score in self.best(key, limit=limit * 4):
            keys = self._read()[0]
            for rest in keys.matching(candidate):
                drug_id, _, display = rest.partition("\t")
                if drug_id not in seen:
                    seen.add(drug_id)
                    out.append(display)
            if len(out) >= limit:
                break
        return tuple(out[:limit])


_packaged: SuggestIndex | None = None
_packaged_lock = threading.Lock()


def packaged_suggestions() -> SuggestIndex:
    """The packaged suggestion index (its files are read on its first use)."""
    global _packaged
    if _packaged is None:
        with _packaged_lock:
            if _packaged is None:
                _packaged = SuggestIndex(
                    lambda: (read_packaged(SUGGEST_FILE), read_packaged(SUGGEST_BIN))
                )
    return _packaged


def quick_miss(query: object) -> tuple[str, ...] | None:
    """For the default catalog: the suggestions for ``query`` if no drug is known by that name,
    brand, synonym or identifier, else None (then the catalog answers, and raises the documented
    error for a query that is not a usable name). Reads the packaged index files, never the
    layers."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        return None
    key = normalize(query)
    if not key:
        return None
    index = packaged_suggestions()
    if index.known(key):
        return None
    return index.suggest(key)
