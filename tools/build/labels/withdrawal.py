"""Withdrawal risk of one label, rated by the severity rule of docs/curation.md applied to the text.

Which text is read:
- the boxed warning, the Warnings and Precautions subsections (PLR "5.x") and the old-format
  WARNINGS and PRECAUTIONS sections ("warning text"); section 9.2/9.3 (abuse, dependence); and
  section 2 (dosage) for taper guidance only;
- a *withdrawal sentence* is a sentence with a cue: "withdrawal symptoms/syndrome/reactions/
  seizures/signs", "discontinuation syndrome/symptoms/reactions", abrupt/rapid/sudden
  discontinuation, withdrawal, cessation, stopping or dose reduction, "rebound", "physical(ly)
  dependen(ce|t)", "dependence and withdrawal", gradual/slow reduction or tapering, a dose that
  "should be reduced slowly"; every sentence of a subsection whose title has such a cue counts;
- not counted: sentences about the newborn ("neonat", "newborn", "infant", "in utero",
  "pregnan", "delivery": noted as neonatal withdrawal; the box's heading is a sentence of its own), withdrawal precipitated by the drug in
  patients dependent on another drug ("precipitat... withdrawal" without the drug's own
  discontinuation), alcohol withdrawal, stopping another drug ("discontinuation of a concomitant
  ... / CYP inducer"), and definitions ("Physical dependence is a state that develops ...").

An entry is made when the warning text has a withdrawal sentence, or section 9 has one, or
section 9 states that no withdrawal or dependence was seen. Severity, first clause that matches:
1. life_threatening: a withdrawal sentence (or the sentence after it in a withdrawal subsection)
   says "life-threatening", "fatal", "death(s)" or "died", outside an epilepsy context;
2. high: a withdrawal sentence names seizures/convulsions, hallucinations, delirium, psychosis,
   myocardial infarction, ventricular arrhythmias, hyperthermia, rhabdomyolysis, hypertensive
   crisis or encephalopathy, thyroid storm, suicide, or a "serious/severe withdrawal", outside an
   epilepsy context ("epilep", "seizure frequency", "status epilepticus", "antiepileptic",
   "seizure disorder");
3. moderate: a withdrawal sentence describes symptoms, reactions, a withdrawal or discontinuation
   syndrome or physical dependence, or warns of seizures/status epilepticus in epilepsy;
4. low: only tapering / gradual discontinuation or rebound is said;
5. none: no withdrawal sentence, and section 9 says no withdrawal symptoms were seen or that the
   drug does not cause physical dependence.
``boxed_warning`` is true when a counted withdrawal sentence is in the boxed warning (a box about
neonatal withdrawal only is named in ``note`` and does not count).
Symptoms are the items of the list a withdrawal sentence introduces ("include(s):", "including",
"such as", "consisting of", "characterized by"), or the subject of "X and Y have occurred on
abrupt withdrawal"; taper guidance is the first taper sentence (warning text, else section 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .boxed import box_heading
from .flat import sentences, strip_heading
from .model import Label, Section

__all__ = ["Withdrawal", "withdrawal_of"]

_CUE = re.compile(
    r"\bwithdrawal\s+(?:symptoms?|syndromes?|reactions?|seizures?|effects?|signs|phenomen\w+|"
    r"adverse)\b"
    r"|\b(?:abrupt\w*|rapid\w*|sudden\w*|precipitous\w*)\b[^.;]{0,60}?\b(?:discontinu\w*|"
    r"withdraw\w*|cessation|stop\w*|dos\w+\s+reduction|reduction|interruption|taper\w*)"
    r"|\b(?:discontinu\w*|withdraw\w*|cessation|stopp\w+)\b[^.;]{0,40}?\babrupt\w*"
    r"|\bdiscontinuation[- ](?:syndrome|symptoms?|reactions?|emergent|effects?)"
    r"|\brebound\b|\bphysical(?:ly)?[- ]dependen\w*|\bdependence\s+and\s+withdrawal"
    r"|\b(?:gradual\w*|slow\w*)\b(?:(?!increas|titrat)[^.;]){0,50}?\b(?:taper\w*|discontinu\w*|"
    r"withdraw\w*|reduc\w*|decreas\w*)"
    r"|\b(?:withdrawn|discontinu\w*|stopped)\b[^.;]{0,60}?\b(?:gradual\w*|taper\w*)"
    r"|\btaper\w*\b[^.;]{0,60}?\b(?:discontinu\w*|withdraw\w*|stop\w*|dose|dosage)"
    r"|\b(?:dose|dosage)\s+should\s+be\s+(?:reduced|decreased|tapered)\s+(?:slowly|gradually)",
    re.I,
)
_NEONATAL = re.compile(r"neonat|newborn|\binfants?\b|in utero|pregnan|delivery", re.I)
_PRECIPITATED = re.compile(
    r"precipitat\w*[^.]{0,60}withdrawal|withdrawal[^.]{0,30}precipitat", re.I
)
_OWN_STOP = re.compile(r"discontinu|cessation|dose reduction|dosage reduction|stopping", re.I)
_OTHER = re.compile(
    r"alcohol withdrawal|withdrawal from alcohol|(?:discontinu\w*|withdrawal|stopping) of (?:a |the |"
    r"any )?(?:concomitant\w*|other|another|strong|moderate|CYP)|\binducers?\b",
    re.I,
)
_DEFINITION = re.compile(
    r"\b(?:is|are)\s+(?:a|the)\s+(?:state|condition)\b[^.]*\b(?:develops|characterized)|is defined as",
    re.I,
)
_DEATH = re.compile(r"life[- ]threatening|\bfatal|\bdeaths?\b|\bdied\b", re.I)
_EPILEPSY = re.compile(
    r"epilep|seizure frequency|status epilepticus|antiepileptic|seizure disorder|\bAEDs?\b", re.I
)
_SERIOUS = re.compile(
    r"seizure|convulsion|hallucinat|delirium|psychos|psychotic|myocardial infarction|ventricular "
    r"arrhythmia|hyperthermia|rhabdomyolysis|hypertensive (?:crisis|encephalopathy)|thyroid storm"
    r"|suicid|serious withdrawal|severe withdrawal",
    re.I,
)
_SYMPTOMS = re.compile(
    r"withdrawal (?:symptoms?|syndromes?|reactions?|signs)|discontinuation (?:syndrome|symptoms?|"
    r"reactions?)|physical(?:ly)?[- ]dependen|symptoms|adverse reactions|\bsigns\b",
    re.I,
)
_TAPER = re.compile(
    r"taper|gradual\w*|slowly|over (?:a period of )?(?:at least )?(?:\w+ )?(?:days?|weeks?)", re.I
)
_NONE = re.compile(
    r"no (?:reported )?withdrawal (?:symptoms|reactions)|withdrawal (?:symptoms|reactions) were not "
    r"(?:observed|reported|seen)|(?:not|no evidence)\b[^.]{0,40}\b(?:cause|produce|associated with)"
    r"\s+(?:physical\s+)?dependence|does not (?:cause|produce) (?:physical )?dependence",
    re.I,
)
_LIST = re.compile(
    r"(?:\binclud(?:e|es|ed|ing)\b|\bsuch as\b|\bconsist(?:s|ing)? of\b|\bcharacterized by\b|"
    r"\bthe following\b[^:.]{0,60}:)\s*:?\s*(?:,?\s*but (?:are |is |were |have )?not (?:been )?"
    r"limited to,?\s*)?",
    re.I,
)
_SUBJECT = re.compile(
    r"^([A-Z][^.;]{2,120}?)\s+(?:have|has)\s+(?:occurred|been reported|resulted)\b[^.]*"
    r"\b(?:withdraw|discontinu|cessation)",
)


_CLAUSE = re.compile(
    r"\s+(?=(?:accompanied|followed|associated|resulting|leading|which|that|who|in patients|after|"
    r"following|during|when|but|were|was)\b)|,?\s+but\b"
)


@attrs.frozen
class Withdrawal:
    severity: str
    rule: int
    symptoms: tuple[str, ...]
    taper: str | None
    boxed: bool
    dependence: str | None
    note: str | None
    cites: tuple[tuple[str, str], ...]
    """(section heading, sentence) pairs: the text the entry rests on."""


@attrs.frozen
class _Sentence:
    text: str
    section: str
    kind: str
    whole: bool  # the section's title itself is about withdrawal


def _heading(section: Section, parent: Section | None) -> str:
    if section.number or parent is None:
        return section.heading
    return f"{parent.heading}: {section.heading}"


def _sections(label: Label) -> Iterator[tuple[Section, str, str]]:
    """(section, cite heading, group) for the boxed warning, warnings, section 9 and dosage."""
    groups = {
        "boxed_warning": "boxed",
        "warnings_and_precautions": "warning",
        "warnings": "warning",
        "precautions": "warning",
        "drug_abuse_and_dependence": "dependence",
        "abuse": "dependence",
        "dependence": "dependence",
        "controlled_substance": "",
        "dosage": "dosage",
    }

    def visit(section: Section, parent: Section | None) -> Iterator[tuple[Section, str, str]]:
        group = groups.get(section.kind or "", "")
        if group:
            yield section, _heading(section, parent), group
        for child in section.children:
            yield from visit(child, section)

    for section in label.sections:
        yield from visit(section, None)


def _collect(label: Label) -> tuple[list[_Sentence], list[str]]:
    kept: list[_Sentence] = []
    notes: list[str] = []
    for section, heading, group in _sections(label):
        whole = (
            (group == "warning" and bool(_CUE.search(section.title)))
            or section.kind == "dependence"
        ) and not _NEONATAL.search(section.title)
        text = section.text
        if group == "warning" and section.number and "." not in section.number and section.children:
            text = ""  # the highlights summary printed before the numbered subsections
        lines = sentences(text)
        if group == "boxed":
            heading, rest = box_heading(section.title, text)
            lines = ([heading] if heading else []) + sentences(rest)  # the heading on its own
        for sentence in map(strip_heading, lines):
            cue = bool(_CUE.search(sentence))
            if not (cue or whole):
                continue
            if _NEONATAL.search(sentence):
                if cue and "withdraw" in sentence.lower():
                    notes.append(group)
                continue
            if _PRECIPITATED.search(sentence) and not _OWN_STOP.search(sentence):
                continue
            if _OTHER.search(sentence) or _DEFINITION.search(sentence) or _NONE.search(sentence):
                continue
            kept.append(_Sentence(sentence, heading, group, whole and not cue))
    return kept, notes


def _items(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    out: list[str] = []
    for position, part in enumerate(parts):
        oxford = bool(re.match(r"^\s*(?:and|or)\s", part))
        part = re.sub(r"^\s*(?:and|or)\s+", "", part.strip()).strip(" .:")
        part = _CLAUSE.split(part, maxsplit=1)[0]
        # "a and b" alone, or "a, b and c" (no serial comma): the last item holds two
        split = len(parts) == 1 or (position == len(parts) - 1 and not oxford)
        pieces = re.split(r"\s+(?:and|or|and/or)\s+(?![^(]*\))", part) if split else [part]
        for piece in pieces:
            piece = piece.strip(" .:")
            if (
                piece
                and len(piece) <= 80
                and len(piece.split()) <= 10
                and not re.search(
                    r"\b(?:discontinu\w*|withdraw\w*|abrupt\w*|taper\w*|patients?|those|should|may|can|"
                    r"were|was|is|are|have|has)\b",
                    piece,
                    re.I,
                )
            ):
                out.append(piece[:1].lower() + piece[1:] if piece[1:2].islower() else piece)
    return out


def _symptoms(found: list[_Sentence]) -> tuple[list[str], str | None, str | None]:
    # sentences naming withdrawal symptoms/reactions first, then the others
    found = sorted(found, key=lambda s: 0 if _SYMPTOMS.search(s.text) else 1)
    for item in found:
        if item.kind == "dosage":
            continue
        match = _LIST.search(item.text)
        if match:
            tail = re.sub(r"^the following\b[^:]*:\s*", "", item.text[match.end() :])
            tail = re.split(r"\.\s|\.$|\[see", tail)[0]
            symptoms = _items(tail)
            if len(symptoms) >= 2 or (symptoms and ":" in item.text[match.start() : match.end()]):
                return symptoms, item.section, item.text
        subject = _SUBJECT.match(item.text.rsplit(": ", 1)[-1])  # after a run-in heading
        if subject and not re.search(
            r"abrupt|cessation|discontinu|withdraw", subject.group(1), re.I
        ):
            symptoms = _items(subject.group(1))
            if symptoms:
                return symptoms, item.section, item.text
    return [], None, None


def withdrawal_of(label: Label) -> Withdrawal | None:
    """The label's withdrawal entry, or None when it says nothing about withdrawal."""
    found, neonatal = _collect(label)
    cued = [s for s in found if not s.whole]
    warning = [s for s in cued if s.kind in ("boxed", "warning")]
    dependence = [s for s in cued if s.kind == "dependence"]
    rated = [s for s in found if s.kind != "dosage"]
    none_statement = next(
        (
            (heading, sentence)
            for section, heading, group in _sections(label)
            if group == "dependence"
            for sentence in sentences(section.text)
            if _NONE.search(sentence)
        ),
        None,
    )
    if not warning and not dependence and none_statement is None:
        return None
    rule, decider = 6, None
    for clause, test in (
        (1, lambda s: _DEATH.search(s.text) and not _EPILEPSY.search(s.text)),
        (2, lambda s: _SERIOUS.search(s.text) and not _EPILEPSY.search(s.text)),
        (3, lambda s: _SYMPTOMS.search(s.text) or _EPILEPSY.search(s.text)),
    ):
        decider = next((s for s in rated if test(s)), None)
        if decider is not None:
            rule = clause
            break
    if decider is None and cued:
        rule, decider = 4, next((s for s in rated if not s.whole), cued[0])
    severity = {1: "life_threatening", 2: "high", 3: "moderate", 4: "low"}.get(rule, "unknown")
    cites: list[tuple[str, str]] = []
    if decider is not None:
        cites.append((decider.section, decider.text))
    elif none_statement is not None:
        rule, severity = 5, "none"
        cites.append(none_statement)
    boxed_sentence = next((s for s in cued if s.kind == "boxed"), None)
    if boxed_sentence is not None:
        cites.append((boxed_sentence.section, boxed_sentence.text))
    symptoms, symptom_section, symptom_sentence = _symptoms(cued + [s for s in found if s.whole])
    if symptom_section and symptom_sentence:
        cites.append((symptom_section, symptom_sentence))
    taper_sentence = next(
        (s for s in found if s.kind in ("warning", "boxed") and _TAPER.search(s.text)), None
    ) or next((s for s in cued if s.kind == "dosage" and _TAPER.search(s.text)), None)
    if taper_sentence is not None:
        cites.append((taper_sentence.section, taper_sentence.text))
    dependence_text = next(
        (s.text for s in dependence if re.search(r"dependen|withdraw", s.text, re.I)), None
    )
    if dependence_text is None and none_statement is not None:
        dependence_text = none_statement[1]
    notes = []
    if "boxed" in neonatal and boxed_sentence is None:
        notes.append("the boxed warning names neonatal withdrawal only (not the patient's own)")
    elif neonatal:
        notes.append("the label also warns of neonatal withdrawal after use in pregnancy")
    unique: list[tuple[str, str]] = []
    for cite in cites:
        if cite not in unique:
            unique.append(cite)
    return Withdrawal(
        severity=severity,
        rule=rule,
        symptoms=tuple(dict.fromkeys(symptoms)),
        taper=taper_sentence.text if taper_sentence is not None else None,
        boxed=boxed_sentence is not None,
        dependence=dependence_text,
        note="; ".join(notes) or None,
        cites=tuple(unique),
    )
