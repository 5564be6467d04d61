"""Readers of the DEA folder (dea_controlled_substances_2020): the list of 2020-08-20 as entries
grouped into substance families, and the table of later scheduling actions.

An entry's family is its substance name without chemical names in brackets or parentheses and
without a product qualifier ("Codeine combination product 90 mg/du", "Dextropropoxyphene, bulk
(non-dosage forms)", "Dronabinol (synthetic) in sesame oil ... as approved by FDA" belong to the
families codeine, dextropropoxyphene, dronabinol). An entry's names are its family name, a short
parenthesised synonym ("Butabarbital (secbutabarbital)") and its "other names"; an entry with a
qualifier is "qualified" (a product form or quantity class), one whose qualifier says "bulk" is a
bulk-substance entry that no drug product falls under.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from drugcompare._text import normalize

from .sources import FOLDERS

LIST_FILE = "dea_controlled_substances_2020-08-20.tsv"
ACTIONS_FILE = "dea_scheduling_actions_seen_2016-2025.tsv"
LIST_DATE = "2020-08-20"
_BRACKETS = re.compile(r"\[[^\[\]]*\]|\((?:[^()]|\([^()]*\))*\)")
_QUALIFIER = re.compile(
    r"\s*(,\s|&|\bcombination product\b|\bpreparations?\b|\bdosage forms?\b|\bsuppository\b|"
    r"\bin an oral solution\b|\bin sesame oil\b|\bin a drug product\b|\bintermediate\b).*$",
    re.IGNORECASE,
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Entry:
    """One row of the DEA list."""

    substance: str
    code: str
    schedule: str
    narcotic: bool
    other_names: tuple[str, ...]
    family: str  # normalised substance name without qualifier
    qualified: bool
    bulk: bool

    def names(self) -> set[str]:
        return {self.family} | {normalize(n) for n in self.other_names if normalize(n)}

    def row(self) -> str:
        code = self.code or "no code"
        return f"'{self.substance}' ({code}, {self.schedule}, {'Y' if self.narcotic else 'N'})"


@dataclass(frozen=True)
class Action:
    """One row of the table of later scheduling actions."""

    substances: tuple[str, ...]
    action: str
    schedule: str
    citation: str
    published: str | None
    effective: str | None
    note: str
    url: str

    @property
    def in_effect(self) -> bool:
        """A final or interim final rule took effect; proposals, notices of intent or hearing
        and recommendations did not."""
        text = self.action.lower()
        if any(w in text for w in ("proposed", "notice", "recommendation")):
            return False
        return "final rule" in text

    @property
    def removal(self) -> bool:
        return "removal from control" in self.action.lower()

    @property
    def date(self) -> str:
        return self.effective or self.published or ""


def read_list(raw: Path) -> list[Entry]:
    path = raw / FOLDERS["dea"] / LIST_FILE
    entries = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            substance = " ".join(row["substance"].split())
            others = [
                o.strip().strip('"').strip()
                for o in re.split(r"[,;]", row["other_names"] or "")
                if o.strip().strip('"').strip()
            ]
            for inner in re.findall(r"\(([^()]*)\)", substance):
                if not any(ch.isdigit() for ch in inner) and len(inner.split()) <= 2:
                    others.append(inner)  # "Butabarbital (secbutabarbital)"
            bare = " ".join(_BRACKETS.sub(" ", substance).split())
            # the name before a chemical name in brackets or parentheses ("Cenobamate
            # [(1R)-...]carbamate", "Dronabinol (synthetic) in sesame oil ...")
            lead = re.split(r"\s[\[(]", substance, maxsplit=1)[0].strip()
            head = _QUALIFIER.sub("", lead).strip()
            qualified = _QUALIFIER.search(bare) is not None
            entries.append(
                Entry(
                    substance=substance,
                    code=(row["dea_cs_code"] or "").strip(),
                    schedule=row["csa_schedule"].strip(),
                    narcotic=row["narcotic"].strip() == "Y",
                    other_names=tuple(others),
                    family=normalize(head or bare),
                    qualified=qualified,
                    bulk="bulk" in substance.lower(),
                )
            )
    return entries


def read_actions(raw: Path) -> list[Action]:
    path = raw / FOLDERS["dea"] / ACTIONS_FILE
    actions = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            published = row["published"].strip()
            effective = row["effective"].strip()
            actions.append(
                Action(
                    substances=tuple(s.strip() for s in row["substance"].split(";") if s.strip()),
                    action=row["action"].strip(),
                    schedule=row["schedule"].strip(),
                    citation=row["citation"].strip(),
                    published=published if _ISO.match(published) else None,
                    effective=effective if _ISO.match(effective) else None,
                    note=row["note"].strip(),
                    url=row["source_url_seen"].strip(),
                )
            )
    return sorted(actions, key=lambda a: (a.date, a.substances, a.action))
