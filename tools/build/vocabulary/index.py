"""The condition vocabulary as a dictionary over text: terms -> condition ids, longest match.

Terms are every condition's name and source synonyms, the ``qualified.toml`` nodes' names and
synonyms, and the ``aliases.toml`` rows of kind "term" (abbreviations are left out of text
matching: "MS" is also "MS Contin"). Text and terms are compared word by word after folding
(``normalize`` and the plural rule of ``names.singular``), so "partial-onset seizures" matches
"Partial Onset Seizure". The ``[[ignore]]`` terms of ``data/vocabulary/matching.toml`` and the
generic heads ("disease", "syndrome" ...) never match; its ``[[block]]`` phrases match as nothing
(their words give no condition).

When one term names several conditions, the best kind of match wins (a condition's own name or
a node's name, then an alias, then a source synonym), then the condition for which more layers
use the term (DrugCentral alone files "Muscle Spasm" under the CUI of spasticity; ChEMBL and the
curated layer name muscle spasms so), then the id order of ``pool.PREFERENCE``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from drugcompare._text import normalize

from .hierarchy import GENERIC
from .names import name_key, singular
from .pool import Layers, Pool, rank
from .tables import Tables

__all__ = ["Match", "Vocabulary", "fold_tokens"]

_WORD = re.compile(r"[^\W_]+")
NAME, ALIAS, SYNONYM = range(3)


def fold_tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` folded for matching, with their character spans."""
    out = []
    for found in _WORD.finditer(text):
        word = normalize(found.group())
        if not word or word == "s":
            continue
        for part in word.split():
            out.append((singular(part), found.start(), found.end()))
    return out


@attrs.frozen
class Match:
    """A condition named in text: ``text[start:end]`` is the term."""

    start: int
    end: int
    condition: str
    how: int


class Vocabulary:
    """Terms -> conditions, the condition records and their hierarchy."""

    def __init__(
        self,
        records: dict[str, dict[str, Any]],
        terms: dict[tuple[str, ...], tuple[int, str]],
        nodes: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.records = records
        self.terms = terms
        self.about = nodes or {}
        self.longest = max((len(k) for k in terms), default=0)
        self._parents = {cid: tuple(r.get("parents", ())) for cid, r in records.items()}

    @classmethod
    def from_layers(cls, layers: Layers, tables: Tables, ignore: Iterable[str] = ()) -> Vocabulary:
        """The vocabulary of unified layers (run ``conditions.unify`` first)."""
        return cls.from_pool(Pool(layers), tables, ignore)

    @classmethod
    def from_pool(cls, pool: Pool, tables: Tables, ignore: Iterable[str] = ()) -> Vocabulary:
        records: dict[str, dict[str, Any]] = {}
        for cid in pool.records:
            record = dict(pool.records[cid])
            record["parents"] = sorted(pool.parents[cid])
            synonyms = pool.source_names[cid] - {record["name"]}
            if synonyms:
                record["synonyms"] = sorted(synonyms)
            records[cid] = record
        for node in tables.nodes:
            record = records.setdefault(node.id, {"id": node.id, "name": node.name})
            record["parents"] = sorted(set(record.get("parents", [])) | set(node.parents))
        candidates: dict[tuple[str, ...], dict[str, int]] = {}
        support: dict[tuple[tuple[str, ...], str], int] = defaultdict(int)
        for cid, copies in pool.copies.items():
            for _index, copy in copies:
                for name in {copy["name"], *copy.get("synonyms", [])}:
                    support[(tuple(w for w, _s, _e in fold_tokens(name)), cid)] += 1

        def add(term: str, how: int, cid: str) -> None:
            key = tuple(w for w, _s, _e in fold_tokens(term))
            if key and " ".join(key) not in GENERIC:
                found = candidates.setdefault(key, {})
                found[cid] = min(found.get(cid, how), how)

        def best(key: tuple[str, ...], found: dict[str, int]) -> tuple[int, str]:
            cid = min(
                found,
                key=lambda c: (found[c], -support[(key, c)], rank(c, pool.first_seen)),
            )
            return found[cid], cid

        for cid, record in records.items():
            add(record["name"], NAME, cid)
            for synonym in record.get("synonyms", []):
                add(synonym, SYNONYM, cid)
            # MeSH-inverted names also as read: "Epilepsy, Temporal Lobe" -> "temporal lobe ..."
            for name in (record["name"], *record.get("synonyms", [])):
                if ", " in name:
                    add(name_key(name), SYNONYM if name != record["name"] else NAME, cid)
        for node in tables.nodes:
            for term in (node.name, *node.synonyms):
                add(term, NAME, node.id)
        for row in tables.aliases:
            if row.kind == "term":
                add(row.term, ALIAS, row.condition)
        dropped = {tuple(w for w, _s, _e in fold_tokens(t)) for t in (*tables.ignore, *ignore)}
        terms = {key: best(key, found) for key, found in candidates.items() if key not in dropped}
        for phrase in tables.block:
            key = tuple(w for w, _s, _e in fold_tokens(phrase))
            if key:
                terms[key] = (NAME, "")  # matched, so that its words give nothing
        about = {node.id: node.about for node in tables.nodes if node.about}
        return cls(records, terms, about)

    def match(self, text: str) -> list[Match]:
        """Every condition term in ``text``, longest first, left to right, not overlapping."""
        tokens = fold_tokens(text)
        found: list[Match] = []
        i = 0
        while i < len(tokens):
            hit = None
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                key = tuple(t for t, _s, _e in tokens[i : i + size])
                entry = self.terms.get(key)
                if entry is not None:
                    hit = (size, entry)
                    break
            if hit is None:
                i += 1
                continue
            size, (how, cid) = hit
            if cid:
                found.append(Match(tokens[i][1], tokens[i + size - 1][2], cid, how))
            i += size
        return found

    def ancestors(self, cid: str) -> set[str]:
        seen: set[str] = set()
        frontier = [cid]
        while frontier:
            for parent in self._parents.get(frontier.pop(), ()):
                if parent not in seen and parent != cid:
                    seen.add(parent)
                    frontier.append(parent)
        return seen

    def records_for(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The records of ``ids`` and of their ancestors outside the Disease Ontology (which the
        disease-ontology layer defines), sorted by id: what a layer citing ``ids`` must list."""
        wanted: set[str] = set()
        for cid in ids:
            wanted.add(cid)
            wanted.update(a for a in self.ancestors(cid) if not a.startswith("DOID:"))
        out = []
        for cid in sorted(wanted):
            record = self.records.get(cid)
            if record is not None:
                out.append({k: v for k, v in record.items() if v or k in ("id", "name")})
        return out
