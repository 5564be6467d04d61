"""The federal schedule a label states in section 9.1 (Controlled Substance).

Rule: in the text of the section whose kind is "controlled_substance" (LOINC 34085-1, or numbered
9.1, or openFDA ``controlled_substance``), the first sentence that says "... is/are (not) a ...
controlled substance" decides: "Schedule IV", "Schedule 4", "C-IV", "CIV" -> "IV"; "not a
controlled substance" / "not controlled" / "not scheduled" -> "not_controlled". A section that
says neither gives nothing. The quote is that sentence (under 200 characters).
"""

from __future__ import annotations

import re

import attrs

from .flat import sentences
from .model import Label

__all__ = ["ScheduleStatement", "schedule_of"]

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_SCHEDULE = re.compile(r"\bschedule\s+(I{1,3}|IV|V|[1-5])\b|\bC-?(I{1,3}|IV|V)\b(?=[^a-z]|$)", re.I)
_NOT = re.compile(
    r"\bnot\s+(?:a\s+|an\s+)?(?:federally\s+)?(?:controlled|scheduled)\b|\bis\s+not\s+listed\b",
    re.I,
)


@attrs.frozen
class ScheduleStatement:
    schedule: str
    section: str
    quote: str


def _quote(sentence: str) -> str:
    return sentence if len(sentence) < 200 else sentence[:196].rsplit(" ", 1)[0]


def schedule_of(label: Label) -> ScheduleStatement | None:
    for section in label.walk():
        if section.kind != "controlled_substance":
            continue
        for sentence in sentences(section.text):
            if not re.search(r"controlled|schedul", sentence, re.I):
                continue
            if _NOT.search(sentence):
                return ScheduleStatement("not_controlled", section.heading, _quote(sentence))
            match = _SCHEDULE.search(sentence)
            if match:
                value = (match.group(1) or match.group(2)).upper()
                return ScheduleStatement(
                    _ROMAN.get(value, value), section.heading, _quote(sentence)
                )
    return None
