"""Read one DailyMed SPL XML document into a :class:`~tools.build.labels.model.Label`.

What is read: the document id (SPL id), set id, version number, effective time, title and labeler
(the author organisation); the products of the "SPL product data elements" section (proprietary
name, generic name, dosage form, route, active ingredients and their active moieties with UNIIs,
application number); and every section of the structured body with its LOINC code, its number and
title (PLR "5.3 Dependence and Withdrawal Reactions"; old-format "WARNINGS", "b. Abrupt Drug
Withdrawal:"), its own text (paragraphs and list items one per line, tables left out) and its
tables. Highlights (``<excerpt>``) are not section text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from .model import Label, Section, Table, section_kind
from .tables import clean, element_text, lines_of, table_from_element

__all__ = ["read_spl", "split_heading"]

V3 = "urn:hl7-org:v3"
NS = {"v": V3}
PRODUCT_DATA = "48780-1"
ACTIVE = frozenset({"ACTIB", "ACTIM", "ACTIR"})
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")


def split_heading(heading: str) -> tuple[str | None, str]:
    """``"5.3 Dependence and Withdrawal Reactions"`` -> ``("5.3", "Dependence and ...")``."""
    heading = clean(heading)
    match = _NUMBER.match(heading)
    if match:
        return match.group(1), match.group(2).strip()
    return None, heading.rstrip(":").strip()


def _iso(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}.*", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    return None


def _first(element: Any, path: str) -> Any:
    return element.find(path, NS)


def _attr(element: Any, path: str, name: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(name)


def read_spl(path: Path, raw: Path | None = None) -> Label:
    """The label in one SPL XML file (``raw``: the folder ``file`` is made relative to)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.parse(str(path), parser).getroot()
    title_el = _first(root, "v:title")
    labeler_el = _first(root, "v:author/v:assignedEntity/v:representedOrganization/v:name")
    products = _products(root)
    sections = tuple(
        _section(s, None)
        for s in root.findall("v:component/v:structuredBody/v:component/v:section", NS)
        if _attr(s, "v:code", "code") != PRODUCT_DATA
    )
    file = str(path.relative_to(raw)) if raw is not None else path.name
    return Label(
        source="spl_xml",
        file=file,
        set_id=_attr(root, "v:setId", "root"),
        spl_id=_attr(root, "v:id", "root"),
        version=_attr(root, "v:versionNumber", "value"),
        date=_iso(_attr(root, "v:effectiveTime", "value")),
        labeler=clean("".join(labeler_el.itertext())) if labeler_el is not None else None,
        title=element_text(title_el) if title_el is not None else None,
        sections=sections,
        brand_names=_unique(p["name"] for p in products),
        generic_names=_unique(p["generic"] for p in products),
        substance_names=_unique(m for p in products for m in p["moieties"]),
        unii=_unique(u for p in products for u in p["unii"]),
        application_numbers=_unique(p["application"] for p in products),
        routes=_unique(r for p in products for r in p["routes"]),
        dosage_forms=_unique(p["form"] for p in products),
        product_type=_attr(root, "v:code", "displayName"),
    )


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _products(root: Any) -> list[dict[str, Any]]:
    out = []
    for section in root.iter(f"{{{V3}}}section"):
        if _attr(section, "v:code", "code") != PRODUCT_DATA:
            continue
        for outer in section.findall("v:subject/v:manufacturedProduct", NS):
            product = outer.find("v:manufacturedProduct", NS)
            if product is None:
                continue
            name = product.find("v:name", NS)
            generic = product.find("v:asEntityWithGeneric/v:genericMedicine/v:name", NS)
            moieties: list[str] = []
            uniis: list[str] = []
            for ingredient in product.findall("v:ingredient", NS):
                if ingredient.get("classCode") not in ACTIVE:
                    continue
                moiety = ingredient.find("v:ingredientSubstance/v:activeMoiety/v:activeMoiety", NS)
                target = (
                    moiety if moiety is not None else ingredient.find("v:ingredientSubstance", NS)
                )
                if target is None:
                    continue
                moiety_name = target.find("v:name", NS)
                if moiety_name is not None and moiety_name.text:
                    moieties.append(clean(moiety_name.text))
                code = _attr(target, "v:code", "code")
                if code:
                    uniis.append(code)
            approval = outer.find("v:subjectOf/v:approval/v:id", NS)
            routes = [
                r.get("displayName") or ""
                for r in outer.findall("v:consumedIn/v:substanceAdministration/v:routeCode", NS)
            ]
            out.append(
                {
                    "name": clean(name.text or "") if name is not None else "",
                    "generic": clean(generic.text or "") if generic is not None else "",
                    "form": _attr(product, "v:formCode", "displayName") or "",
                    "moieties": moieties,
                    "unii": uniis,
                    "application": approval.get("extension") if approval is not None else "",
                    "routes": routes,
                }
            )
    return out


def _section(element: Any, parent_kind: str | None) -> Section:
    code = _attr(element, "v:code", "code")
    title_el = element.find("v:title", NS)
    heading = element_text(title_el) if title_el is not None else ""
    number, title = split_heading(heading)
    kind = section_kind(code, number, title, parent_kind)
    text_el = element.find("v:text", NS)
    text, tables = _text_and_tables(text_el) if text_el is not None else ("", ())
    children = tuple(_section(c, kind) for c in element.findall("v:component/v:section", NS))
    return Section(
        number=number,
        title=title,
        code=code,
        kind=kind,
        text=text,
        tables=tables,
        children=children,
    )


def _text_and_tables(text_el: Any) -> tuple[str, tuple[Table, ...]]:
    """A section's text (one line per paragraph or list item) and its tables, each table with
    the paragraph just before it as its introduction."""
    lines: list[str] = []
    tables: list[Table] = []

    def visit(node: Any) -> None:
        name = etree.QName(node.tag).localname if isinstance(node.tag, str) else ""
        if name == "table":
            intro = next((line for line in reversed(lines) if line), "")
            tables.append(table_from_element(node, intro))
            return
        if name in ("paragraph", "item", "caption") or not len(node):
            lines.extend(line for line in lines_of(node, drop_marks=False) if line)
            return
        if node.text and node.text.strip():
            lines.append(clean(node.text))
        for child in node:
            visit(child)
            if child.tail and child.tail.strip():
                lines.append(clean(child.tail))

    if text_el.text and text_el.text.strip():
        lines.append(clean(text_el.text))
    for child in text_el:
        visit(child)
        if child.tail and child.tail.strip():
            lines.append(clean(child.tail))
    return "\n".join(lines), tuple(tables)
