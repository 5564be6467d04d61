"""Adverse reactions named in the free text of label sections 5 (Warnings and Precautions) and 6
(Adverse Reactions): dictionary matching of the MedDRA terms of ``terms.TermIndex``, with the
mentions a label does not report as reactions left out. Measured by
``benchmarks/label_extraction.py`` on the TAC 2017 test labels (see docs/label-extraction.md).

Rules, applied to every text alike (word lists and cue words are in ``adverse_words``):

- **Matching.** The text is cut into sentences (also at list bullets, blank lines and numbered
  headings) and words (runs of letters and digits, ``normalize``-d; "arrestNervous" is two
  words). At each word the longest word sequence that the index knows (exact, then with British
  spelling, plural and MedDRA synonym words folded) is a mention, and matching resumes after it.
  A name never runs across a comma, colon, semicolon, bracket, slash, line break or table-cell
  gap. A name that MedDRA writes in capitals (``TEN``, ``PML``) matches only words in capitals.
- **Measurements.** "increased ALT", "elevations of bilirubin", "ALT elevation", "low platelet
  counts", "abnormal WBC counts" match the MedDRA name with the change word last ("ALT
  increased", "Blood bilirubin increased", "Platelet count decreased") when the index has that
  name; "serum", "total", "absolute" may be dropped and "Blood" or "count" added to find it.
- **Lists.** Items in brackets or after a colon that specify the name before them give the
  specific name when it exists ("rash (generalized, macular)" -> Rash generalised, Rash macular;
  "injection site reactions (pain, erythema)" -> Injection site pain, Injection site erythema,
  instead of Pain, Erythema); one-word items sharing the head of the last item give their own
  name ("subdural, and subarachnoid bleeding" -> Subdural haemorrhage) when they name nothing
  alone.
- **Group headings.** MedDRA system organ class and group names ("Gastrointestinal disorders",
  "Blood and lymphatic system disorders") and other names ending in "disorders" or "conditions"
  are headings, not reactions, unless they are an item of a running list ("..., and eye
  disorders").
- **Boilerplate.** The sentences of the reporting notice ("To report SUSPECTED ADVERSE
  REACTIONS ...") and of the clinical-trial caveat ("Because clinical trials are conducted under
  widely varying conditions ...") give nothing.
- **Negation.** A mention is denied when a negation cue ("no", "not", "without", "absence of",
  "neither", "nor", "none", "free of") stands at most six words before it in its sentence with
  no clause break (``;``, ``:``, "but", "however", "although" ...) between, or when its own
  clause goes on "was not observed", "were not reported", "has not been reported", "did not
  occur" (within five words). "with or without" and "not exclusively" are not cues.
- **The patient's condition, not a reaction.** A mention at most three words after "patients
  with", "history of", "treatment of", "indicated for", "diagnosed with" and similar phrases, with
  no punctuation and no verb between ("patients with severe renal impairment", not "patients
  with epilepsy may have seizures"), is the population or indication, not a reaction.
- **Animal findings.** Sentences about animal studies (rats, mice, rabbits, dogs, monkeys,
  "animal") give nothing: only human reactions count.
- **Names the annotators do not code.** ``Extractor.learn`` drops the names that match in at
  least three TAC 2017 training sections of which under a fifth have that PT among their human
  annotations ("adverse reaction", "pregnancy", "drug interaction", "surgery" ...).

``warning_effects`` applies the same rules to each Warnings and Precautions subsection's title
and text and marks each mention with its subsection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import attrs

from drugcompare._text import normalize

from ..common import raw_dir
from .adverse_words import (
    BREAK,
    CONDITION_CUES,
    GENERIC_HEADS,
    NEGATION_CUES,
    NOT_MODIFIERS,
    SYSTEM_ORGAN_CLASSES,
    Words,
    is_animal,
    is_boilerplate,
    negated_after,
    not_negation,
    quote,
    sentences,
)
from .terms import Key, Term, TermIndex, keys, tac_records

__all__ = ["Extractor", "Mention", "extract", "warning_effects"]

WINDOW = 6  # words between a negation cue and its mention
CONDITION_WINDOW = 3  # words between "patients with" (...) and the condition
DROP_MIN = 3  # a name found in at least this many training sections ...
DROP_BELOW = 0.2  # ... and coded by the annotators in under this share of them is not used


_GROUP_WORDS = frozenset({"disorders", "conditions"})  # "Skin disorders:" heads a group
_Found = tuple[int, int, Term, Key, int]  # first word, words, term, key, word the rules test


@attrs.frozen(order=True)
class Mention:
    """One reaction named in a text: its term, the character span of the words that name it (in
    the text searched), and the sentence containing them (white space collapsed; when 200
    characters or more, the whole words around the mention that fit in 199). From
    ``warning_effects`` also the subsection (``"5.2 Infections"``) and whether the span is in its
    title (else in its text)."""

    term: Term
    start: int
    end: int
    quote: str
    section: str | None = None
    in_title: bool = False


class Extractor:
    """Adverse-reaction mentions of label text, by the rules of the module docstring."""

    def __init__(
        self,
        index: TermIndex,
        *,
        negation: bool = True,
        conditions: bool = True,
        animals: bool = True,
        dropped: Iterable[Key] = (),
    ) -> None:
        self.index = index
        self.negation = negation
        self.conditions = conditions
        self.animals = animals
        self.dropped = frozenset(dropped)
        self.headings = {
            key
            for name in SYSTEM_ORGAN_CLASSES + index.group_names
            for key in keys(normalize(name).split())
        }
        self.prefixes = set(index.prefixes)
        for key in self.headings:
            self.prefixes.update(key[:n] for n in range(1, len(key) + 1))

    def _match(self, words: Words, i: int, last: int) -> tuple[int, Term | None, Key]:
        """The longest name starting at word ``i`` and ending before word ``last``: (number of
        words, term (None for a group heading), most-folded key), or (0, None, ())."""
        best: tuple[int, Term | None, Key] = (0, None, ())
        end = words.run(i, last)  # a reaction's name stops at punctuation, a heading's not
        j = i
        while j < last and words.forms[-1][i : j + 1] in self.prefixes:
            j += 1
            span = words.span(i, j)
            grouped = any(key in self.headings for key in span) or span[0][-1] in _GROUP_WORDS
            if grouped and self._heading(words, i):
                best = (j - i, None, span[-1])
                continue
            term = self.index.match(span) if j <= end else None
            if term is None or span[-1] in self.dropped:
                continue
            if self.index.needs_capitals(span[0]) and not all(words.upper[i:j]):
                continue
            best = (j - i, term, span[-1])
        for n, span in words.directions(i, last):
            if n > best[0] and span[-1] not in self.dropped:
                term = self.index.match(span)
                if term is not None:
                    best = (n, term, span[-1])
        return best

    @staticmethod
    def _heading(words: Words, i: int) -> bool:
        """Whether a group name at words ``i`` to ``j`` is a heading: not an item of a running
        list ("..., and eye disorders")."""
        listed = i > 0 and (words.gaps[i - 1] == "," or words.exact[i - 1] in ("and", "or"))
        return not listed

    def _clause_start(self, text: str, words: Words, i: int, first: int, width: int) -> int:
        """The first word of the clause that word ``i`` is in, at most ``width`` words back: a
        clause starts after ``;`` or ``:`` or at a contrast word (``but``, ``although`` ...)."""
        lo = max(first, i - width)
        for j in range(i - 1, lo - 1, -1):
            if words.exact[j] in BREAK:
                return j + 1
            if any(c in text[words.ends[j] : words.starts[j + 1]] for c in ";:"):
                return j + 1
        return lo

    def _negated(self, text: str, words: Words, i: int, n: int, first: int) -> bool:
        lo = self._clause_start(text, words, i, first, WINDOW)
        before = words.exact[lo:i]
        for j in range(len(before)):
            if any(before[j : j + len(cue)] == cue for cue in NEGATION_CUES):
                prefix = text[max(0, words.starts[i] - 60) : words.starts[i]]
                if not not_negation(prefix):
                    return True
        end = words.ends[i + n - 1]
        return negated_after(text[end : end + 80])

    def _condition(self, text: str, words: Words, i: int, first: int) -> bool:
        """Whether word ``i`` starts the condition a population or indication phrase names:
        "patients with [severe] epilepsy", not "patients with epilepsy may have seizures"."""
        lo = max(first, i - CONDITION_WINDOW - 3)
        before = words.exact[lo:i]
        for cue in CONDITION_CUES:
            for j in range(len(before) - len(cue), -1, -1):
                if before[j : j + len(cue)] != cue:
                    continue
                between = before[j + len(cue) :]
                gap = text[words.ends[lo + j] : words.starts[i]]
                if (
                    len(between) <= CONDITION_WINDOW
                    and not any(w in NOT_MODIFIERS for w in between)
                    and not any(c in gap for c in ",;:.()[]")
                ):
                    return True
        return False

    def _lookup(self, words: Key) -> tuple[Term, Key] | None:
        word_keys = keys(words)
        term = self.index.match(word_keys)
        if term is None or word_keys[-1] in self.dropped:
            return None
        return term, word_keys[-1]

    def _ellipses(
        self, words: Words, found: list[_Found], first: int, last: int
    ) -> tuple[list[_Found], list[_Found]]:
        """Names a list leaves incomplete: "rash (generalized, macular)", "injection site
        reactions (pain, ...)" (the items specify the head: they replace a plain match of the
        item) and "subdural, and subarachnoid bleeding" (the head shared by items that name
        nothing alone); each marked with the word of the name it completes."""
        shared: list[_Found] = []
        out: list[_Found] = []
        single = {i for i, n, *_ in found if n == 1}  # words that name a reaction themselves
        for i, n, _term, _key, _at in found:
            if n >= 2:
                for a in (a for a in words.list_before(i, first) if a not in single):
                    hit = self._lookup((words.exact[a], *words.exact[i + 1 : i + n]))
                    if hit is not None:
                        shared.append((a, 1, *hit, i))
            head = words.exact[i : i + n]
            heads = [head, head[:-1]] if n >= 2 and head[-1] in GENERIC_HEADS else [head]
            for a, b in words.list_after(i + n, last):
                item = words.exact[a:b]
                for name in (name for h in heads for name in ((*h, *item), (*item, *h))):
                    hit = self._lookup(name)
                    if hit is not None:
                        out.append((a, b - a, *hit, i))
                        break
        return out, shared

    def _extract(self, text: str, section: str | None) -> list[tuple[Mention, Key]]:
        words = Words.of(text)
        out: list[tuple[Mention, Key]] = []
        w = 0
        for lo, hi in sentences(text):
            while w < len(words.starts) and words.starts[w] < lo:
                w += 1
            first = last = w
            while last < len(words.starts) and words.ends[last] <= hi:
                last += 1
            w = last
            sentence = text[lo:hi]
            if is_boilerplate(sentence) or (self.animals and is_animal(sentence)):
                continue
            found: list[_Found] = []
            i = first
            while i < last:
                n, term, key = self._match(words, i, last)
                if term is not None:
                    found.append((i, n, term, key, i))
                i += max(n, 1)
            extra, shared = self._ellipses(words, found, first, last)
            covered = {(i, n) for i, n, *_ in extra}
            for i, n, term, key, at in sorted(
                [f for f in found if (f[0], f[1]) not in covered] + extra + shared
            ):
                if (self.negation and self._negated(text, words, at, n, first)) or (
                    self.conditions and self._condition(text, words, at, first)
                ):
                    continue
                start, end = words.starts[i], words.ends[i + n - 1]
                text_quote = quote(text, (lo, hi), start, end)
                out.append((Mention(term, start, end, text_quote, section), key))
        return out

    def extract(self, text: str, section: str | None = None) -> list[Mention]:
        """Every reaction mention of ``text``, in text order."""
        return [mention for mention, _key in self._extract(text, section)]

    def warning_effects(self, subsections: Sequence[tuple[str, str, str]]) -> list[Mention]:
        """Reactions of Warnings and Precautions subsections ``(number, title, text)``: those the
        title names, then those of the text, each marked with ``"5.x Title"`` as its section."""
        out: list[Mention] = []
        for number, title, body in subsections:
            section = " ".join(f"{number} {title}".split())
            out.extend(attrs.evolve(m, in_title=True) for m in self.extract(title, section))
            out.extend(self.extract(body, section))
        return out

    def learn(self, records: Iterable[dict[str, object]]) -> Extractor:
        """This extractor without the names that mostly match where the annotators did not code
        a reaction: over the (training) section records, a name found in at least ``DROP_MIN``
        sections, whose preferred term is among the section's human-annotated PTs in under
        ``DROP_BELOW`` of them, is dropped."""
        seen: Counter[Key] = Counter()
        good: Counter[Key] = Counter()
        name = self.index.current_name
        for record in records:
            events = record["adverse_events"]
            assert isinstance(events, list)
            gold = {self.index.pt_key(str(e[1])) for e in events if e[1] and e[7] == "human"}
            found = {key: m.term for m, key in self._extract(str(record["section_text"]), None)}
            for key, term in found.items():
                seen[key] += 1
                good[key] += self.index.pt_key(name(term.name)) in gold
        dropped = {key for key, n in seen.items() if n >= DROP_MIN and good[key] < DROP_BELOW * n}
        return Extractor(
            self.index,
            negation=self.negation,
            conditions=self.conditions,
            animals=self.animals,
            dropped=self.dropped | dropped,
        )

    @classmethod
    def trained(cls, raw: Path, index: TermIndex | None = None) -> Extractor:
        """The extractor of the build: over ``index`` (default: ``TermIndex.load(raw)``),
        trained with ``learn`` on the TAC 2017 training labels under ``raw``."""
        return cls(index or TermIndex.load(raw)).learn(tac_records(raw, "train"))


@cache
def default_extractor(raw: Path | None = None) -> Extractor:
    """``Extractor.trained`` on the raw data folder (``raw_dir()`` by default), made once."""
    return Extractor.trained(raw or raw_dir())


def extract(text: str) -> list[Mention]:
    """Reaction mentions of a label text (section 5 or 6), with the default term index."""
    return default_extractor().extract(text)


def warning_effects(subsections: Sequence[tuple[str, str, str]]) -> list[Mention]:
    """Reactions named by Warnings and Precautions subsections ``(number, title, text)``."""
    return default_extractor().warning_effects(subsections)
