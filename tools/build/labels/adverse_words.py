"""The words, sentences and quotes of label text, and the cue words of the adverse-reaction rules
(``adverse_text`` applies them; its docstring states the rules): ``Words`` cuts a text into
words with their folded keys and finds the measurement names ("increased ALT") and the lists
("rash (generalized, macular)") the rules complete."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from drugcompare._text import normalize

from .terms import Key, keys

__all__ = [
    "BREAK",
    "CONDITION_CUES",
    "DIRECTIONS",
    "GENERIC_HEADS",
    "NEGATION_CUES",
    "NOT_MODIFIERS",
    "SYSTEM_ORGAN_CLASSES",
    "Words",
    "is_animal",
    "is_boilerplate",
    "negated_after",
    "not_negation",
    "quote",
    "sentences",
]

QUOTE_LIMIT = 199  # quotes are under 200 characters

# MedDRA system organ classes (group names found in label tables, never reactions themselves),
# and the way labels spell one of them out.
SYSTEM_ORGAN_CLASSES = (
    "Blood and lymphatic system disorders",
    "Cardiac disorders",
    "Congenital, familial and genetic disorders",
    "Ear and labyrinth disorders",
    "Endocrine disorders",
    "Eye disorders",
    "Gastrointestinal disorders",
    "General disorders and administration site conditions",
    "Hepatobiliary disorders",
    "Immune system disorders",
    "Infections and infestations",
    "Injury, poisoning and procedural complications",
    "Investigations",
    "Metabolism and nutrition disorders",
    "Musculoskeletal and connective tissue disorders",
    "Neoplasms benign, malignant and unspecified (incl cysts and polyps)",
    "Neoplasms benign, malignant and unspecified (including cysts and polyps)",
    "Nervous system disorders",
    "Pregnancy, puerperium and perinatal conditions",
    "Product issues",
    "Psychiatric disorders",
    "Renal and urinary disorders",
    "Reproductive system and breast disorders",
    "Respiratory, thoracic and mediastinal disorders",
    "Skin and subcutaneous tissue disorders",
    "Social circumstances",
    "Surgical and medical procedures",
    "Vascular disorders",
)


def _set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


def _phrases(text: str) -> tuple[Key, ...]:
    """Comma-separated phrases as word tuples: "no, absence of" -> (("no",), ("absence", "of"))."""
    return tuple(tuple(phrase.split()) for phrase in text.split(","))


NEGATION_CUES = _phrases("no, not, without, absence of, neither, nor, none, free of")
# Words that start a new clause: a cue before them does not reach past them.
BREAK = _set("but however although though except whereas while")
CONDITION_CUES = _phrases(
    "patients with, patient with, subjects with, adults with, children with, women with, "
    "men with, those with, individuals with, history of, treatment of, treat, indicated for, "
    "indicated in, diagnosed with, diagnosis of, prevention of, management of, predisposed to, "
    "risk factors for"
)
# Words that end the noun phrase after a condition cue ("patients with epilepsy MAY have ...").
NOT_MODIFIERS = _set(
    "may might can could will would should who which that have has had was were is are be been "
    "develop developed experience experienced report reported treated receiving taking to for "
    "in on at by from"
)
# Words of a change in a measurement -> the word MedDRA ends such names with.
DIRECTIONS = {
    **dict.fromkeys(
        _set("increased increase increases elevated elevation elevations raised high rise rises"),
        "increased",
    ),
    **dict.fromkeys(
        _set(
            "decreased decrease decreases reduced reduction reductions low lowered decline declines"
        ),
        "decreased",
    ),
    **dict.fromkeys(_set("abnormal abnormality abnormalities"), "abnormal"),
}
_LINK = frozenset({"in", "of"})  # "elevations of bilirubin", "increases in lipase"
_MEASURE = frozenset({"level", "levels", "concentration", "concentrations", "value", "values"})
# Words MedDRA leaves out of measurement names ("Blood bilirubin increased" for "serum total
# bilirubin elevations"); "Blood" is then tried in front.
_QUALIFIERS = frozenset({"total", "absolute", "serum", "plasma", "blood"})
MAX_MEASURE_WORDS = 5
MAX_LIST_ITEMS = 10
MAX_ITEM_WORDS = 3
_CONJUNCTIONS = frozenset({"and", "or"})
_SEPARATORS = frozenset({",", "/", ",/"})
# Last words of a list head that the items specify ("injection site reactions (pain, ...)").
GENERIC_HEADS = _set(
    "reaction reactions disorder disorders event events effect effects symptom symptoms problem "
    "problems complication complications"
)

_WORD = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"[^\W_]+?(?=[a-z][A-Z][a-z])[a-z]|[^\W_]+")  # "arrestNervous": 2 words
_GAP = re.compile(r"[,;:()\[\]/]|\n|\s{3,}")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z(\[])|\n\s*\n|\s\*\s|\n\s*(?=\d+(?:\.\d+)+\s)|\s{3,}(?=[A-Z])"
)
_BOILERPLATE = re.compile(
    r"to report suspected adverse reactions|because clinical trials are conducted under",
    re.IGNORECASE,
)
_ANIMAL = re.compile(
    r"\b(rats?|mice|mouse|rabbits?|dogs?|monkeys?|animals?|rodents?|hamsters?|primates?)\b",
    re.IGNORECASE,
)
_NEG_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:was|were|has|have|had|is|are|did|does|do)\s+not\s+"
    r"(?:been\s+)?(?:observed|reported|seen|occur|occurred|identified|noted|found|detected)\b",
    re.IGNORECASE,
)
_NOT_NEGATION = re.compile(r"\bwith\s+or\s+without\s*$|\bnot\s+exclusively\b", re.IGNORECASE)


def is_boilerplate(sentence: str) -> bool:
    """The reporting notice or the clinical-trial caveat of section 6."""
    return bool(_BOILERPLATE.search(sentence))


def is_animal(sentence: str) -> bool:
    """A sentence about animal studies."""
    return bool(_ANIMAL.search(sentence))


def negated_after(tail: str) -> bool:
    """Whether the text right after a mention denies it ("... was not observed")."""
    return bool(_NEG_AFTER.match(tail))


def not_negation(before: str) -> bool:
    """Whether the text right before a mention holds "with or without" / "not exclusively"."""
    return bool(_NOT_NEGATION.search(before))


@attrs.frozen
class Words:
    """The words of a text: character spans, the four keys of each (see ``terms.keys``),
    whether it was written in capitals, and whether a name may run on to the next word (not
    across a comma, colon, semicolon, bracket, slash, line break or table-cell gap)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    forms: tuple[tuple[str, ...], ...]  # exact, spelled, plural, synonym
    upper: tuple[bool, ...]
    joined: tuple[bool, ...]
    gaps: tuple[str, ...]  # the characters between each word and the next, white space removed

    @classmethod
    def of(cls, text: str) -> Words:
        starts, ends, exact, upper = [], [], [], []
        for match in _WORD.finditer(text):
            for piece in _CAMEL.finditer(match.group()):
                raw = piece.group()
                for part in normalize(raw).split():
                    starts.append(match.start() + piece.start())
                    ends.append(match.start() + piece.end())
                    exact.append(part)
                    upper.append(raw.isupper())
        between = [text[ends[k] : starts[k + 1]] for k in range(len(ends) - 1)]
        joined = [not _GAP.search(gap) for gap in between]
        gaps = ["".join(gap.split()) if "\n" not in gap else "\n" for gap in between]
        forms = tuple(zip(*(keys((w,)) for w in exact), strict=True))
        return cls(
            tuple(starts),
            tuple(ends),
            tuple(tuple(w for (w,) in form) for form in forms) if exact else ((),) * 4,
            tuple(upper),
            (*joined, False),
            (*gaps, "\n"),
        )

    @property
    def exact(self) -> tuple[str, ...]:
        return self.forms[0]

    def span(self, i: int, j: int) -> tuple[Key, ...]:
        """The four keys of words ``i`` to ``j`` (exclusive)."""
        return tuple(form[i:j] for form in self.forms)

    def run(self, i: int, last: int) -> int:
        """The end (exclusive) of the longest stretch from word ``i`` that one name may span."""
        j = i + 1
        while j < last and self.joined[j - 1]:
            j += 1
        return j

    def list_before(self, i: int, first: int) -> list[int]:
        """The one-word items of a list that ends just before word ``i`` ("intracerebral,
        subdural, and" before "subarachnoid bleeding"), nearest first."""
        items: list[int] = []
        joined_by_word = False
        j = i - 1
        while j >= first and len(items) < MAX_LIST_ITEMS:
            if self.exact[j] in _CONJUNCTIONS and self.gaps[j] in ("", ","):
                joined_by_word = True
            elif self.gaps[j] in _SEPARATORS or (joined_by_word and self.gaps[j] == ""):
                items.append(j)
                joined_by_word = False
            else:
                break
            j -= 1
        return items

    def list_after(self, j: int, last: int) -> list[tuple[int, int]]:
        """The items (word spans of up to three words) of a list that opens right after word
        ``j - 1`` with a bracket or colon ("Rash (generalized, macular)")."""
        if j >= last or not self.gaps[j - 1] or self.gaps[j - 1][-1] not in "(:":
            return []
        items: list[tuple[int, int]] = []
        start = j
        while j < last and len(items) < MAX_LIST_ITEMS:
            if self.exact[j] in _CONJUNCTIONS and j == start:
                start = j = j + 1
                continue
            gap = self.gaps[j]
            if gap == "" and j + 1 < last and self.exact[j + 1] not in _CONJUNCTIONS:
                j += 1
                continue
            if j + 1 - start <= MAX_ITEM_WORDS:
                items.append((start, j + 1))
            if gap not in _SEPARATORS and gap != "":
                break
            start = j = j + 1
        return items

    def directions(self, i: int, last: int) -> Iterator[tuple[int, tuple[Key, ...]]]:
        """Names a measurement change starting at word ``i`` may stand for, MedDRA's way round:
        "increased ALT", "elevations of bilirubin", "ALT elevation", "serum creatinine levels
        increased" -> ("alt increased" ...); each as (words spanned, its four keys)."""
        last = self.run(i, last)
        if not any(w in DIRECTIONS for w in self.exact[i : i + MAX_MEASURE_WORDS + 1]):
            return
        here = DIRECTIONS.get(self.exact[i])
        if here is not None:  # direction first
            k = i + 1 + (i + 1 < last and self.exact[i + 1] in _LINK)
            for j in range(k + 1, min(last, k + MAX_MEASURE_WORDS) + 1):
                for measure in self._measures(k, j):
                    yield j - i, keys((*measure, here))
        for j in range(i + 1, min(last, i + MAX_MEASURE_WORDS + 1)):
            there = DIRECTIONS.get(self.exact[j])
            if there is not None:  # direction after
                for measure in self._measures(i, j):
                    yield j + 1 - i, keys((*measure, there))

    def _measures(self, i: int, j: int) -> Iterator[Key]:
        """The names words ``i`` to ``j`` may give a measurement: as written, and with the
        sample and qualifier words MedDRA leaves out or adds ("total", "absolute", "serum" ->
        "Blood ...", "neutrophils" -> "Neutrophil count")."""
        words = self.exact[i:j]
        if words and words[-1] in _MEASURE:
            words = words[:-1]
        if not words or any(w in DIRECTIONS or w in _LINK for w in words):
            return
        yield words
        base = words
        while base and base[0] in _QUALIFIERS:
            base = base[1:]
        if not base:
            return
        yield from (base, ("blood", *base))
        if base[-1] not in ("count", "counts"):
            yield (*base, "count")


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (and list items, paragraphs, headings) of a text."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def quote(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` with runs of white space collapsed to one space;
    when that is 200 characters or more, the whole words around the mention that fit."""
    lo, hi = sentence
    pieces = [(m.start() + lo, m.end() + lo, m.group()) for m in re.finditer(r"\S+", text[lo:hi])]
    inside = [k for k, (a, b, _) in enumerate(pieces) if a < end and start < b]
    if not inside:
        return " ".join(text[start:end].split())[:QUOTE_LIMIT]
    a, b = inside[0], inside[-1] + 1
    size = sum(len(p[2]) + 1 for p in pieces[a:b]) - 1
    grew = True
    while grew:
        grew = False
        for side in (0, 1):
            k = a - 1 if side == 0 else b
            if 0 <= k < len(pieces) and size + 1 + len(pieces[k][2]) <= QUOTE_LIMIT:
                size += 1 + len(pieces[k][2])
                a, b = (k, b) if side == 0 else (a, k + 1)
                grew = True
    return " ".join(p[2] for p in pieces[a:b])[:QUOTE_LIMIT]
