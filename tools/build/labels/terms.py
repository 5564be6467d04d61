"""MedDRA preferred terms by name: the dictionary that maps label wording to adverse-effect terms.

Sources, in order of authority:

1. SIDER 4.1 ``meddra_all_se`` preferred terms (PT rows: the PT's UMLS CUI and name). These are
   the names and CUIs the ``sider`` layer of the catalog uses, so a term found here is the same
   term the catalog already shows.
2. The TAC 2017 *training* annotations (``demner-fushman-train-labels.json.gz``): human MedDRA
   coding of label text with PT and LLT names (a newer MedDRA than SIDER's). Their LLT -> PT links
   override SIDER's. A TAC PT that SIDER lacks is the SIDER PT that TAC codes as one of its LLTs
   when there is exactly one (MedDRA renamed it: TAC's "Seizure" is SIDER's "Convulsion", which
   keeps its SIDER name and CUI); otherwise it is added with its TAC name and no CUI.
3. SIDER lowest-level terms (LLT rows) -> the PT SIDER maps them to. A label concept SIDER maps to
   several PTs resolves to the PT of the same name if there is one, else to the PT the TAC
   training annotations give the LLT; otherwise it is left out (``counts`` says how many).
4. The mention strings of the TAC training annotations (contiguous, at most six words): the PT
   most annotations of that string name, when at least two thirds of them agree.

The TAC *test* labels are never read here: they are held out for ``benchmarks/label_extraction.py``.

Keys fold case, accents and punctuation (``drugcompare``'s ``normalize``). A name that does not
match exactly is tried again with British spellings folded to American (``oe``/``ae`` -> ``e``
as in ``oedema``, ``haemorrhage``; ``-our`` -> ``-or``; ``-ise``/``-yse`` -> ``-ize``/``-yze``;
``sulph`` -> ``sulf``), then with each word's regular plural folded to its singular, then with
the few words MedDRA names use interchangeably folded (``SYNONYMS``: bleeding/haemorrhage,
kidney/renal, liver/hepatic, venous/vein ...). A folded key
that two names with different PTs share is ambiguous and gives nothing, so a plural that MedDRA
codes apart keeps its own PT. Word orders (``increased ALT`` vs ``ALT increased``) are never
generated: only names that MedDRA or the annotators give are known. A name that every source
writes in capitals (``ALL``, ``PML``) is an acronym: ``needs_capitals`` tells the matcher so.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import attrs

from drugcompare._text import normalize

from ..common import read_tsv

__all__ = ["SYNONYMS", "Term", "TermIndex", "fold_plural", "fold_spelling", "keys", "tac_records"]

MAX_MENTION_WORDS = 6
Key = tuple[str, ...]

_SPELLING = (
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"(?<=[a-z]{2})our$"), "or"),
    (re.compile(r"(?<=[a-z]{2})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z])ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"sulph"), "sulf"),
)
# Words MedDRA names use interchangeably (after spelling and plural folding): "subdural bleeding"
# is "Subdural haemorrhage", "deep venous thrombosis" is "Deep vein thrombosis".
SYNONYMS = {
    "bleeding": "hemorrhage",
    "bleed": "hemorrhage",
    "itching": "pruritus",
    "itch": "pruritus",
    "tb": "tuberculosis",
    "gi": "gastrointestinal",
    "kidney": "renal",
    "liver": "hepatic",
    "heart": "cardiac",
    "lung": "pulmonary",
    "facial": "face",
    "venous": "vein",
    "stomach": "gastric",
}
_PLURAL = (
    (re.compile(r"(?<=[a-z]{2})ies$"), "y"),
    (re.compile(r"(?<=[a-z]{2}(?:ss|sh|ch))es$"), ""),
    (re.compile(r"(?<=[a-z]{2}x)es$"), ""),
    (re.compile(r"(?<=[a-z]{3}[^sui])s$"), ""),
)


def fold_spelling(word: str) -> str:
    """One normalised word with British spellings folded to American (``oedema`` -> ``edema``)."""
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def fold_plural(word: str) -> str:
    """One spelling-folded word with a regular English plural folded (``rashes`` -> ``rash``,
    ``allergies`` -> ``allergy``); ``-ss``, ``-us`` and ``-is`` words are left alone."""
    for pattern, repl in _PLURAL:
        folded = pattern.sub(repl, word)
        if folded != word:
            return folded
    return word


def keys(words: Iterable[str]) -> tuple[Key, Key, Key, Key]:
    """The four keys of a normalised word sequence, least folded first: exact, spelling-folded,
    plural-folded, synonym-folded."""
    exact = tuple(words)
    folds = [_folds(w) for w in exact]
    return (
        exact,
        tuple(f[0] for f in folds),
        tuple(f[1] for f in folds),
        tuple(f[2] for f in folds),
    )


@cache
def _folds(word: str) -> tuple[str, str, str]:
    """One word spelling-folded, then plural-folded, then synonym-folded."""
    spelled = fold_spelling(word)
    plural = fold_plural(spelled)
    return spelled, plural, SYNONYMS.get(plural, plural)


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@attrs.frozen(order=True)
class Term:
    """A MedDRA preferred term: its name and, where SIDER gives one, its UMLS CUI."""

    name: str
    umls_cui: str | None


def tac_records(raw: Path, split: str = "train") -> Iterator[dict[str, object]]:
    """The section records of one TAC 2017 split (``train`` or ``test``)."""
    path = raw / "tac2017_adr_200_labels" / f"demner-fushman-{split}-labels.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        yield from json.load(handle)


class TermIndex:
    """Normalised term name (PT, LLT or annotated mention) -> preferred term."""

    def __init__(
        self,
        terms: dict[str, Term],
        *,
        capitals: Iterable[str] = (),
        group_names: Iterable[str] = (),
        current: dict[str, str] | None = None,
        counts: dict[str, int] | None = None,
    ) -> None:
        self._terms = dict(sorted(terms.items()))
        self.counts = dict(counts or {})  # how the index was built (see ``load``)
        self._capitals = {tuple(normalize(name).split()) for name in capitals}
        self.group_names = tuple(sorted(set(group_names)))
        self._current = dict(current or {})
        tiers: list[dict[Key, Term | None]] = [{}, {}, {}, {}]
        self.prefixes: set[Key] = set()  # every prefix of a most-folded key
        for name, term in self._terms.items():
            for tier, key in zip(tiers, keys(name.split()), strict=True):
                if key in tier and tier[key] != term:
                    tier[key] = None  # two PTs share the folded key: ambiguous
                else:
                    tier.setdefault(key, term)
            folded = keys(name.split())[-1]
            self.prefixes.update(folded[:n] for n in range(1, len(folded) + 1))
        self._tiers = tiers

    @classmethod
    def load(cls, raw: Path, *, held_out: Iterable[str] = ()) -> TermIndex:
        """The index from SIDER 4.1 and the TAC 2017 training annotations under ``raw``, leaving
        out the training labels named in ``held_out`` (for cross-validation)."""
        skip = set(held_out)
        sider = raw / "sider4_dhimmel"
        label_pts: dict[str, set[str]] = defaultdict(set)  # label concept -> PT CUIs
        llt_names: dict[str, str] = {}  # label concept -> its LLT name
        cui_pt: dict[str, Term] = {}
        groups: set[str] = set()  # MedDRA group terms (HLT, HLGT, SOC): kind is empty
        spelled: dict[str, set[str]] = defaultdict(set)  # normalised name -> MedDRA spellings
        written: dict[str, set[str]] = defaultdict(set)  # annotated mention -> its text
        with gzip.open(sider / "meddra_all_se.tsv.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                _flat, _stereo, label_cui, kind, cui, name = line.rstrip("\n").split("\t")
                name = " ".join(name.split())
                if kind == "PT":
                    label_pts[label_cui].add(cui)
                    cui_pt.setdefault(cui, Term(name, cui))
                elif kind == "LLT":
                    llt_names.setdefault(label_cui, name)
                elif not kind:
                    groups.add(name)
                spelled[normalize(name)].add(name)
        pts: dict[str, Term] = {}  # normalised PT name -> PT
        for _cui, term in sorted(cui_pt.items()):
            pts.setdefault(normalize(term.name), term)
        # side-effect-terms.tsv names the same CUIs; it must agree with the PT rows.
        for cui, name in read_tsv(sider / "side-effect-terms.tsv"):
            if cui in cui_pt and normalize(cui_pt[cui].name) != normalize(name):
                raise ValueError(f"SIDER names {cui} both {cui_pt[cui].name!r} and {name!r}")

        # TAC training annotations: PT names, LLT -> PT links and mention strings.
        tac_llt: dict[str, Counter[str]] = defaultdict(Counter)
        mentions: dict[str, Counter[str]] = defaultdict(Counter)
        tac_pt_names: dict[str, str] = {}
        for record in tac_records(raw, "train"):
            if record["label_id"] in skip:
                continue
            events, text = record["adverse_events"], str(record["section_text"])
            assert isinstance(events, list)
            for event in events:
                mention, pt, llt, offset = event[0], event[1], event[3], event[5]
                if not pt:
                    continue
                key = normalize(str(pt))
                tac_pt_names.setdefault(key, " ".join(str(pt).split()))
                spelled[key].add(str(pt))
                if llt:
                    tac_llt[normalize(str(llt))][key] += 1
                    spelled[normalize(str(llt))].add(str(llt))
                words = normalize(str(mention)).split()
                if offset is not None and 0 < len(words) <= MAX_MENTION_WORDS:
                    mentions[" ".join(words)][key] += 1
                    start = int(str(offset))
                    written[" ".join(words)].add(text[start : start + int(str(event[6]))])
        llt_pt = {llt: _top(counts) for llt, counts in tac_llt.items()}
        # A SIDER PT that TAC codes as an LLT of another PT: renamed in the newer MedDRA.
        current = {
            pts[llt].name: tac_pt_names[pt]
            for llt, pt in sorted(llt_pt.items())
            if llt in pts and pt != llt and pt not in pts
        }
        counts: Counter[str] = Counter(sider_pts=len(pts), tac_pts=len(tac_pt_names))
        for key, name in sorted(tac_pt_names.items()):
            if key in pts:
                continue
            renamed = sorted(llt for llt, pt in llt_pt.items() if pt == key and llt in pts)
            pts[key] = pts[renamed[0]] if len(renamed) == 1 else Term(name, None)
            counts["tac_pts_renamed_sider_pt" if len(renamed) == 1 else "tac_pts_without_cui"] += 1

        terms: dict[str, Term] = dict(pts)
        for llt, pt in sorted(llt_pt.items()):
            counts["tac_llt_names"] += llt not in terms
            terms.setdefault(llt, pts[pt])
        for label_cui, llt_name in sorted(llt_names.items()):
            key = normalize(llt_name)
            if key in terms:
                continue
            candidates = {cui_pt[c] for c in label_pts.get(label_cui, set())}
            if len(candidates) == 1:
                terms[key] = next(iter(candidates))
                counts["sider_llt_names"] += 1
            elif candidates:
                counts["sider_llt_names_ambiguous"] += 1
        for mention, found in sorted(mentions.items()):
            best = _top(found)
            if mention in terms:
                continue
            if 3 * found[best] >= 2 * sum(found.values()):
                terms[mention] = pts[best]
                counts["tac_mention_names"] += 1
            else:
                counts["tac_mention_names_ambiguous"] += 1
        # An acronym: every MedDRA name of the key, else every annotated text, in capitals (the
        # texts only when no MedDRA name has the key: the annotation offsets are approximate).
        capitals = [
            key
            for key in terms
            if all(_is_acronym(name) for name in spelled.get(key) or written.get(key) or [""])
        ]
        counts.update(names=len(terms), acronyms=len(capitals), renamed_pts=len(current))
        return cls(
            terms,
            capitals=capitals,
            group_names=[g for g in groups if normalize(g) not in terms],
            current=current,
            counts=dict(sorted(counts.items())),
        )

    def lookup(self, text: str) -> Term | None:
        """The preferred term a PT, LLT or annotated name (any case, punctuation, British or
        American spelling, singular or plural) stands for."""
        return self.match(keys(normalize(text).split()))

    def match(self, word_keys: Sequence[Key]) -> Term | None:
        """The preferred term of a word sequence given by its four keys (see ``keys``): the
        exact key first, then the spelling-folded one, the plural-folded one and the
        synonym-folded one."""
        for tier, key in zip(self._tiers, word_keys, strict=True):
            if key in tier:
                return tier[key]
        return None

    def needs_capitals(self, words: Sequence[str]) -> bool:
        """Whether the name these words match is an acronym (``ALL``, ``PML``): written in
        capitals wherever MedDRA or the annotators write it, so a lower-case word is not it."""
        return tuple(words) in self._capitals

    def current_name(self, name: str) -> str:
        """The PT name in the newer MedDRA of the TAC annotations (``Convulsion`` ->
        ``Seizure``), for comparison with them; other names unchanged."""
        return self._current.get(name, name)

    def __len__(self) -> int:
        return len(self._terms)

    def names(self) -> list[str]:
        """Every normalised name the index knows (for dictionary matching in free text)."""
        return list(self._terms)

    def terms(self) -> list[Term]:
        """Every preferred term the index can give, sorted."""
        return sorted(set(self._terms.values()))

    @staticmethod
    def pt_key(name: str) -> str:
        """The comparison key of a PT name: normalised and spelling-folded."""
        return " ".join(fold_spelling(w) for w in normalize(name).split())


def _top(counts: Counter[str]) -> str:
    """The most frequent key (ties: the first in sorted order)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
