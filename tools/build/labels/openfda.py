"""Read openFDA drug-label JSON into :class:`~tools.build.labels.model.Label` objects.

Accepted inputs:
- a real openFDA record ``{"set_id", "id", "version", "effective_time", "openfda": {...},
  "indications_and_usage": [...], "boxed_warning": [...], "adverse_reactions_table": [...] ...}``,
  a list of such records, or one record per file;
- the bulk download ``{"meta": ..., "results": [...]}`` as ``.json`` or as a ``.zip`` holding
  one or more such files, streamed record by record (:func:`iter_bulk`), never read whole;
- the medguard variant ``{drug_name, drug_id, sections{...}, openfda_meta{...}}`` (fetched
  2026-07-15: no effective time or version);
- the PharmaGraphRAG variant ``{drug_name, generic_names, brand_names, manufacturer, route,
  substance_name, sections{...}}`` (no set id: the caller passes the ids its SOURCE.txt infers).

Each text field becomes a section of its kind; the numbered subsections inside the flattened text
of sections 5, 6 and 9 are split out by :func:`tools.build.labels.flat.split_numbered`; the
``*_table`` fields (SPL table markup) become tables of their section (the adverse-reaction tables
go to subsection 6.1 when there is one); flattened adverse-reaction tables are recovered from the
text by :mod:`tools.build.labels.flat_tables` only when no table markup is given.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .flat import split_numbered
from .flat_tables import tables_in_text
from .model import Label, Section, Table
from .tables import clean, parse_html_table

__all__ = ["FIELDS", "iter_bulk", "label_from_record", "read_json_labels"]

# openFDA text field -> (section kind, printed title, PLR section number or None)
FIELDS: dict[str, tuple[str, str, str | None]] = {
    "boxed_warning": ("boxed_warning", "BOXED WARNING", None),
    "indications_and_usage": ("indications", "INDICATIONS AND USAGE", "1"),
    "dosage_and_administration": ("dosage", "DOSAGE AND ADMINISTRATION", "2"),
    "contraindications": ("contraindications", "CONTRAINDICATIONS", "4"),
    "warnings_and_cautions": ("warnings_and_precautions", "WARNINGS AND PRECAUTIONS", "5"),
    "warnings": ("warnings", "WARNINGS", None),
    "precautions": ("precautions", "PRECAUTIONS", None),
    "general_precautions": ("precautions", "PRECAUTIONS: General", None),
    "adverse_reactions": ("adverse_reactions", "ADVERSE REACTIONS", "6"),
    "drug_interactions": ("drug_interactions", "DRUG INTERACTIONS", "7"),
    "drug_abuse_and_dependence": ("drug_abuse_and_dependence", "DRUG ABUSE AND DEPENDENCE", "9"),
    "controlled_substance": ("controlled_substance", "Controlled Substance", "9.1"),
    "abuse": ("abuse", "Abuse", "9.2"),
    "dependence": ("dependence", "Dependence", "9.3"),
    "overdosage": ("overdosage", "OVERDOSAGE", "10"),
    "clinical_pharmacology": ("clinical_pharmacology", "CLINICAL PHARMACOLOGY", "12"),
}
_SPLIT = {"5", "6", "9"}


def _text(value: Any) -> str:
    if isinstance(value, list):
        return clean(" ".join(str(v) for v in value))
    return clean(str(value)) if value is not None else ""


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(clean(str(v)) for v in items if str(v).strip()))


def _iso(value: Any) -> str | None:
    text = _text(value)
    if len(text) >= 8 and text[:8].isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return None


def _sections(fields: dict[str, Any], drug_words: frozenset[str]) -> tuple[Section, ...]:
    sections: list[Section] = []
    nine: list[Section] = []
    for field, (kind, title, number) in FIELDS.items():
        text = _text(fields.get(field))
        if not text:
            continue
        markup = fields.get(field + "_table")
        tables = tuple(
            t
            for m in (markup if isinstance(markup, list) else [markup] if markup else [])
            for t in [parse_html_table(str(m))]
            if t is not None
        )
        plr = number is not None and "." not in number and text.startswith(number + " ")
        children: tuple[Section, ...] = ()
        own = text
        if plr and number in _SPLIT:
            lead, parts = split_numbered(text, number)
            if parts:
                own = lead
                children = tuple(
                    Section(number=n, title=t, code=None, kind=_child_kind(kind, n), text=body)
                    for n, t, body in parts
                )
        if kind == "adverse_reactions":
            children, own_tables = _place_tables(children, own, tables, drug_words)
        else:
            own_tables = tables
        section = Section(
            number=number if (plr or (number and "." in number)) else None,
            title=title,
            code=None,
            kind=kind,
            text=own,
            tables=own_tables,
            children=children,
        )
        (nine if number and number.startswith("9.") else sections).append(section)
    if nine:
        parent = next((s for s in sections if s.kind == "drug_abuse_and_dependence"), None)
        if parent is None:
            sections.extend(nine)
        else:
            merged = Section(
                number=parent.number,
                title=parent.title,
                code=None,
                kind=parent.kind,
                text=parent.text,
                children=parent.children + tuple(nine),
            )
            sections[sections.index(parent)] = merged
    return tuple(sections)


def _child_kind(kind: str, number: str) -> str:
    return {"9.1": "controlled_substance", "9.2": "abuse", "9.3": "dependence"}.get(number, kind)


def _place_tables(
    children: tuple[Section, ...],
    lead: str,
    markup_tables: tuple[Table, ...],
    drug_words: frozenset[str],
) -> tuple[tuple[Section, ...], tuple[Table, ...]]:
    """Tables of the adverse-reactions section: the markup tables (to 6.1 if present), else the
    tables recovered from each part's flattened text."""
    if markup_tables:
        for index, child in enumerate(children):
            if child.number == "6.1":
                moved = Section(
                    number=child.number,
                    title=child.title,
                    code=None,
                    kind=child.kind,
                    text=child.text,
                    tables=child.tables + markup_tables,
                )
                return (*children[:index], moved, *children[index + 1 :]), ()
        return children, markup_tables
    seen: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()

    def new(tables: list[Table]) -> tuple[Table, ...]:
        # a table printed twice in the record (openFDA text sometimes repeats a subsection)
        kept = [t for t in tables if (t.caption, t.rows) not in seen]
        seen.update((t.caption, t.rows) for t in kept)
        return tuple(kept)

    own = new(tables_in_text(lead, drug_words))
    placed = tuple(
        Section(
            number=c.number,
            title=c.title,
            code=None,
            kind=c.kind,
            text=c.text,
            tables=new(tables_in_text(c.text, drug_words)),
        )
        for c in children
    )
    return placed, own


def label_from_record(
    record: dict[str, Any],
    file: str,
    *,
    source: str = "openfda",
    ids: dict[str, str] | None = None,
) -> Label:
    """A label from one record of any accepted shape (``ids``: set_id, spl_id, application and
    note for records that carry none, such as PharmaGraphRAG's)."""
    ids = ids or {}
    if "openfda_meta" in record:  # medguard
        meta = record.get("openfda_meta") or {}
        fields = record.get("sections") or {}
        source = "medguard"
        fetched: str | None = "2026-07-15"
        set_id = _text(meta.get("spl_set_id")) or None
        spl_id = _text(meta.get("spl_id")) or None
        version = None
        date = None
    elif "sections" in record:  # PharmaGraphRAG
        meta = {
            "brand_name": record.get("brand_names"),
            "generic_name": record.get("generic_names"),
            "manufacturer_name": record.get("manufacturer"),
            "product_type": record.get("product_type"),
            "route": record.get("route"),
            "substance_name": record.get("substance_name"),
            "application_number": [ids["application"]] if ids.get("application") else None,
        }
        fields = record.get("sections") or {}
        source = "pharmagraphrag"
        fetched = None
        set_id = ids.get("set_id")
        spl_id = ids.get("spl_id")
        version = None
        date = None
    else:
        meta = record.get("openfda") or {}
        fields = record
        fetched = None
        set_id = _text(record.get("set_id")) or None
        spl_id = _text(record.get("id")) or None
        version = _text(record.get("version")) or None
        date = _iso(record.get("effective_time"))
    labelers = _list(meta.get("manufacturer_name"))
    brands = _list(meta.get("brand_name"))
    generics = _list(meta.get("generic_name"))
    title = ", ".join(brands or generics) + (f" ({labelers[0]})" if labelers else "")
    substances = _list(meta.get("substance_name"))
    drug_words = frozenset(
        w.lower() for name in (*brands, *generics, *substances) for w in name.split() if len(w) > 3
    )
    return Label(
        source=source,
        file=file,
        set_id=set_id,
        spl_id=spl_id,
        version=version,
        date=date,
        labeler=labelers[0] if labelers else None,
        title=title or None,
        sections=_sections(fields, drug_words),
        brand_names=brands,
        generic_names=generics,
        substance_names=substances,
        unii=_list(meta.get("unii")),
        rxcui=_list(meta.get("rxcui")),
        application_numbers=_list(meta.get("application_number")),
        routes=_list(meta.get("route")),
        dosage_forms=_list(meta.get("dosage_form")),
        product_type=(_list(meta.get("product_type")) or (None,))[0],
        note=ids.get("note"),
        fetched=fetched,
    )


def iter_bulk(handle: IO[str], chunk_size: int = 1 << 16) -> Iterator[dict[str, Any]]:
    """The records of ``{"meta": ..., "results": [...]}`` one at a time, reading ``handle`` in
    chunks (only the record being decoded and one chunk are held in memory)."""
    decoder = json.JSONDecoder()
    buffer = ""
    position = 0
    done = False

    def more() -> bool:
        nonlocal buffer, position, done
        if done:
            return False
        data = handle.read(chunk_size)
        if not data:
            done = True
            return False
        buffer = buffer[position:] + data
        position = 0
        return True

    def skip_space() -> str:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return buffer[position]
            if not more():
                return ""

    def value() -> Any:
        nonlocal position
        skip_space()
        while True:
            try:
                result, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError:
                if not more():
                    raise
                continue
            if end == len(buffer) and not done and buffer[position] not in '{["':
                more()  # a number may continue in the next chunk
                continue
            position = end
            return result

    if skip_space() != "{":
        raise ValueError("not a JSON object")
    position += 1
    while True:
        char = skip_space()
        if char == "}":
            return
        if char == ",":
            position += 1
            continue
        key = value()
        if skip_space() != ":":
            raise ValueError("malformed JSON object")
        position += 1
        if key == "results" and skip_space() == "[":
            position += 1
            while True:
                char = skip_space()
                if char == "]":
                    position += 1
                    break
                if char == ",":
                    position += 1
                    continue
                record = value()
                if isinstance(record, dict):
                    yield record
        else:
            value()


def read_json_labels(path: Path, raw: Path | None = None) -> Iterator[Label]:
    """Every label in a JSON file or a zip of JSON files (bulk, single record, or a list)."""
    file = str(path.relative_to(raw)) if raw is not None else path.name
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in sorted(n for n in archive.namelist() if n.endswith(".json")):
                with archive.open(name) as binary:
                    text = io.TextIOWrapper(binary, encoding="utf-8")
                    for index, record in enumerate(iter_bulk(text)):
                        yield label_from_record(record, f"{file}!{name}#{index}")
        return
    with open(path, encoding="utf-8") as handle:
        head = handle.read(4096)
        handle.seek(0)
        if '"results"' in head or '"meta"' in head:
            for index, record in enumerate(iter_bulk(handle)):
                yield label_from_record(record, f"{file}#{index}")
            return
        data = json.load(handle)
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield label_from_record(record, file if len(records) == 1 else f"{file}#{index}")
