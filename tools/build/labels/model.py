"""The label model both readers produce: a label document with its metadata, its sections (number,
title, LOINC code where known, text, tables, subsections) and its tables (header rows, body rows,
caption, footnotes and the paragraph that introduces them)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

__all__ = ["KIND_BY_LOINC", "Label", "Section", "Table", "section_kind"]

# LOINC section codes of SPL -> the section kinds the layer reads (others keep their code only).
KIND_BY_LOINC = {
    "34066-1": "boxed_warning",
    "34067-9": "indications",
    "34068-7": "dosage",
    "43678-2": "dosage_forms",
    "34070-3": "contraindications",
    "43685-7": "warnings_and_precautions",
    "34071-1": "warnings",
    "42232-9": "precautions",
    "34084-4": "adverse_reactions",
    "34073-7": "drug_interactions",
    "43684-0": "specific_populations",
    "42227-9": "drug_abuse_and_dependence",
    "34085-1": "controlled_substance",
    "34086-9": "abuse",
    "34087-7": "dependence",
    "34088-5": "overdosage",
    "34089-3": "description",
    "34090-1": "clinical_pharmacology",
    "43679-0": "mechanism_of_action",
    "34092-7": "clinical_studies",
    "34069-5": "how_supplied",
}

# Numbered PLR sections -> kinds, for sections whose LOINC code is missing or "unclassified".
_KIND_BY_NUMBER = {
    "1": "indications",
    "2": "dosage",
    "3": "dosage_forms",
    "4": "contraindications",
    "5": "warnings_and_precautions",
    "6": "adverse_reactions",
    "7": "drug_interactions",
    "8": "specific_populations",
    "9": "drug_abuse_and_dependence",
    "9.1": "controlled_substance",
    "9.2": "abuse",
    "9.3": "dependence",
    "10": "overdosage",
    "11": "description",
    "12": "clinical_pharmacology",
    "14": "clinical_studies",
    "16": "how_supplied",
}

# Old-format (non-PLR) section titles -> kinds.
_KIND_BY_TITLE = {
    "boxed warning": "boxed_warning",
    "indications and usage": "indications",
    "indications usage": "indications",
    "warnings": "warnings",
    "precautions": "precautions",
    "adverse reactions": "adverse_reactions",
    "drug abuse and dependence": "drug_abuse_and_dependence",
    "controlled substance": "controlled_substance",
    "dependence": "dependence",
    "abuse": "abuse",
    "dosage and administration": "dosage",
    "contraindications": "contraindications",
    "overdosage": "overdosage",
}

UNCLASSIFIED = "42229-5"


def section_kind(
    code: str | None, number: str | None, title: str, parent: str | None
) -> str | None:
    """The kind of a section: its LOINC code, else its PLR number, else its old-format title,
    else its parent's kind (subsections of "5 WARNINGS AND PRECAUTIONS" are warnings too)."""
    if code and code != UNCLASSIFIED and code in KIND_BY_LOINC:
        return KIND_BY_LOINC[code]
    if number and number in _KIND_BY_NUMBER:
        return _KIND_BY_NUMBER[number]
    folded = re.sub(r"[^a-z ]+", " ", title.lower())
    folded = " ".join(w for w in folded.split() if w != "section")
    if folded in _KIND_BY_TITLE:
        return _KIND_BY_TITLE[folded]
    return parent


@attrs.frozen
class Table:
    """A table as printed: header rows and body rows expanded to full width (a cell spanning
    several columns is repeated in each), the caption, footnotes and the introducing paragraph."""

    caption: str
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    footnotes: tuple[str, ...] = ()
    intro: str = ""
    """The paragraph before the table (its population is often named there)."""
    flattened: bool = False
    """True when the table was recovered from text that lost its cell boundaries."""
    row_quotes: tuple[str, ...] = ()
    """For a flattened table: each body row's exact text in the section."""
    aliases: tuple[str, ...] = ()
    """Abbreviations the table defines for the drug ("PGB" for pregabalin), lower case."""


@attrs.frozen
class Section:
    """One section of a label: ``number`` "5.3" (None for old-format or unnumbered sections),
    ``title`` as printed without the number, ``code`` its LOINC code where the file gives one,
    ``kind`` what the layer reads it as, ``text`` its own text (subsections excluded, tables
    excluded), ``tables`` and ``children``."""

    number: str | None
    title: str
    code: str | None
    kind: str | None
    text: str
    tables: tuple[Table, ...] = ()
    children: tuple[Section, ...] = ()

    @property
    def heading(self) -> str:
        """ "5.3 Dependence and Withdrawal Reactions", or the title alone."""
        return f"{self.number} {self.title}".strip() if self.number else self.title

    def walk(self) -> Iterator[Section]:
        """This section and every subsection, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """This section's text followed by its subsections' texts."""
        parts = [self.text] + [c.full_text() for c in self.children]
        return "\n".join(p for p in parts if p)


@attrs.frozen
class Label:
    """One label document and what the file says about its products."""

    source: str
    """"spl_xml", "openfda", "medguard" or "pharmagraphrag"."""
    file: str
    """Path of the file under the raw folder (a record of a bulk file: "<file>#<index>")."""
    set_id: str | None
    spl_id: str | None
    version: str | None
    date: str | None
    """Effective date (ISO) where the file gives it."""
    labeler: str | None
    title: str | None
    sections: tuple[Section, ...]
    brand_names: tuple[str, ...] = ()
    generic_names: tuple[str, ...] = ()
    substance_names: tuple[str, ...] = ()
    unii: tuple[str, ...] = ()
    rxcui: tuple[str, ...] = ()
    application_numbers: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    dosage_forms: tuple[str, ...] = ()
    product_type: str | None = None
    note: str | None = None
    """What the reader had to infer (e.g. a set id taken from a matching record)."""
    fetched: str | None = None
    """When the record was fetched, for records without an effective date."""

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def of_kind(self, kind: str) -> list[Section]:
        """Top-level-most sections of one kind (a subsection of a section of the same kind is
        reached through its parent)."""
        found: list[Section] = []

        def visit(section: Section, inside: bool) -> None:
            match = section.kind == kind
            if match and not inside:
                found.append(section)
            for child in section.children:
                visit(child, inside or match)

        for section in self.sections:
            visit(section, False)
        return found

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the label gives its product and ingredient (for finding them in text)."""
        return tuple(
            dict.fromkeys(
                n for n in (*self.generic_names, *self.substance_names, *self.brand_names) if n
            )
        )
