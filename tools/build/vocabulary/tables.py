"""The hand-maintained condition tables of ``data/vocabulary/``, read and checked.

- ``aliases.toml``: abbreviations and lay terms people type, each -> one condition id, with why.
- ``qualified.toml``: ``[[node]]`` qualified conditions the rules cannot make (id, name, parents,
  the conditions they are ``about`` without being a kind of them, synonyms, ``same_as`` ids of
  other layers' records of the same concept), and ``[[edge]]`` parent links the sources lack.
- ``xrefs.toml``: ``[[wrong_xref]]`` Disease Ontology cross-references that name another concept
  (DO lists MeSH "Seizures" on "visual epilepsy"); they are dropped before any mapping uses them.
  ``[[missing_xref]]``: cross-references DO lacks (added the same way).
- ``matching.toml``: ``[[ignore]]`` terms that are condition names but, in label text, are not
  the name of a use ("wakefulness", "pregnancy" ...), and ``[[block]]`` phrases that contain a
  condition name without being one (an agency's name); label matching skips both.

Every row carries a ``why``. ``load`` raises ``TableError`` listing every problem found.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import attrs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from ..common import REPO

__all__ = ["Alias", "Edge", "Node", "TableError", "Tables", "WrongParent", "WrongXref", "load"]

TABLES = REPO / "data" / "vocabulary"
ALIAS_KINDS = ("abbreviation", "term")
_ID = re.compile(
    r"^(DOID:\d+|UMLS:C\d{7}|MESH:[CD]\d+|DC:[a-z0-9]+(-[a-z0-9]+)*|DRUGCENTRAL:[a-z0-9-]+)$"
)


class TableError(ValueError):
    """A vocabulary table that cannot be used; the message lists every problem."""


@attrs.frozen
class Alias:
    """A term people type for a condition: ``kind`` is "abbreviation" (matched in queries only,
    case-sensitively in text) or "term" (a lay or short name, also matched in label text)."""

    term: str
    condition: str
    kind: str
    why: str


@attrs.frozen
class Node:
    """A qualified condition kept as its own node under ``parents``."""

    id: str
    name: str
    parents: tuple[str, ...]
    about: tuple[str, ...]
    synonyms: tuple[str, ...]
    same_as: tuple[str, ...]
    why: str


@attrs.frozen
class Edge:
    """A parent link the sources do not give: ``child`` is a kind of ``parent``."""

    child: str
    parent: str
    why: str


@attrs.frozen
class WrongParent:
    """A Disease Ontology parent link that is wrong: ``child`` is not a kind of ``parent``; it
    is a kind of ``instead``."""

    child: str
    parent: str
    instead: str
    why: str


@attrs.frozen
class WrongXref:
    """A Disease Ontology cross-reference that is not the term's own concept (in
    ``missing_xrefs``: one that is, but DO does not list)."""

    doid: str
    xref: str
    why: str


@attrs.frozen
class Tables:
    """The three tables together."""

    aliases: tuple[Alias, ...] = ()
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    wrong_xrefs: tuple[WrongXref, ...] = ()
    ignore: tuple[str, ...] = ()
    block: tuple[str, ...] = ()
    """Phrases that are not conditions but contain one ("Substance Abuse and Mental Health
    Services Administration"): matched so that the words they cover give nothing."""
    missing_xrefs: tuple[WrongXref, ...] = ()
    wrong_parents: tuple[WrongParent, ...] = ()
    version: str = ""
    """``sha256:`` and the first 12 hex digits of the tables' bytes (deterministic)."""

    def node_ids(self) -> dict[str, Node]:
        """Every id a node answers to (its own and its ``same_as``) -> the node."""
        out: dict[str, Node] = {}
        for node in self.nodes:
            for cid in (node.id, *node.same_as):
                out[cid] = node
        return out


def _rows(data: dict[str, Any], key: str, file: str, errors: list[str]) -> list[dict[str, Any]]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        errors.append(f"{file}: [[{key}]] must be a list of tables")
        return []
    return rows


def _text(row: dict[str, Any], field: str, where: str, errors: list[str]) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: '{field}' must be a non-empty string")
        return ""
    return value.strip()


def _ids(row: dict[str, Any], field: str, where: str, errors: list[str]) -> tuple[str, ...]:
    value = row.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"{where}: '{field}' must be a list of strings")
        return ()
    for v in value:
        if field != "synonyms" and not _ID.match(v):
            errors.append(f"{where}: {field} {v!r} is not a condition id")
    return tuple(value)


def _check_id(value: str, where: str, errors: list[str]) -> None:
    if value and not _ID.match(value):
        errors.append(f"{where}: {value!r} is not a condition id")


FILES = ("aliases.toml", "qualified.toml", "xrefs.toml", "matching.toml")


def _read(folder: Path, file: str) -> dict[str, Any]:
    path = folder / file
    if not path.is_file():
        return {}
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _version(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in FILES:
        path = folder / file
        digest.update(file.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return "sha256:" + digest.hexdigest()[:12]


def load(folder: Path | None = None) -> Tables:
    """Read and check the tables of ``folder`` (default ``data/vocabulary``); a missing file is
    an empty table."""
    folder = folder if folder is not None else TABLES
    errors: list[str] = []
    aliases: list[Alias] = []
    seen_terms: dict[str, str] = {}
    for i, row in enumerate(_rows(_read(folder, "aliases.toml"), "alias", "aliases", errors)):
        where = f"aliases.toml alias {i + 1}"
        term = _text(row, "term", where, errors)
        condition = _text(row, "condition", where, errors)
        kind = row.get("kind", "term")
        why = _text(row, "why", where, errors)
        _check_id(condition, where, errors)
        if kind not in ALIAS_KINDS:
            errors.append(f"{where}: kind must be one of {ALIAS_KINDS}")
        folded = term.casefold()
        if folded in seen_terms and seen_terms[folded] != condition:
            errors.append(f"{where}: {term!r} is already an alias of {seen_terms[folded]}")
        seen_terms[folded] = condition
        aliases.append(Alias(term, condition, str(kind), why))
    qualified = _read(folder, "qualified.toml")
    nodes: list[Node] = []
    for i, row in enumerate(_rows(qualified, "node", "qualified", errors)):
        where = f"qualified.toml node {i + 1}"
        node = Node(
            id=_text(row, "id", where, errors),
            name=_text(row, "name", where, errors),
            parents=_ids(row, "parents", where, errors),
            about=_ids(row, "about", where, errors),
            synonyms=_ids(row, "synonyms", where, errors),
            same_as=_ids(row, "same_as", where, errors),
            why=_text(row, "why", where, errors),
        )
        _check_id(node.id, where, errors)
        if not node.parents:
            errors.append(f"{where}: a qualified node needs at least one parent")
        nodes.append(node)
    edges = []
    for i, row in enumerate(_rows(qualified, "edge", "qualified", errors)):
        where = f"qualified.toml edge {i + 1}"
        edge = Edge(
            _text(row, "child", where, errors),
            _text(row, "parent", where, errors),
            _text(row, "why", where, errors),
        )
        _check_id(edge.child, where, errors)
        _check_id(edge.parent, where, errors)
        edges.append(edge)
    wrong_parents = []
    for i, row in enumerate(_rows(qualified, "wrong_parent", "qualified", errors)):
        where = f"qualified.toml wrong_parent {i + 1}"
        fix = WrongParent(
            *(_text(row, k, where, errors) for k in ("child", "parent", "instead", "why"))
        )
        if not all(x.startswith("DOID:") for x in (fix.child, fix.parent, fix.instead)):
            errors.append(f"{where}: child, parent and instead must be DOIDs")
        wrong_parents.append(fix)
    xrefs = _read(folder, "xrefs.toml")
    wrong: list[WrongXref] = []
    missing: list[WrongXref] = []
    for key, out in (("wrong_xref", wrong), ("missing_xref", missing)):
        for i, row in enumerate(_rows(xrefs, key, "xrefs", errors)):
            where = f"xrefs.toml {key} {i + 1}"
            item = WrongXref(
                _text(row, "doid", where, errors),
                _text(row, "xref", where, errors),
                _text(row, "why", where, errors),
            )
            if not item.doid.startswith("DOID:") or not re.match(r"^(UMLS|MESH):", item.xref):
                errors.append(f"{where}: needs a DOID and a UMLS:/MESH: cross-reference")
            out.append(item)
    ignore = []
    for i, row in enumerate(_rows(_read(folder, "matching.toml"), "ignore", "matching", errors)):
        where = f"matching.toml ignore {i + 1}"
        ignore.append(_text(row, "term", where, errors))
        _text(row, "why", where, errors)
    block = []
    for i, row in enumerate(_rows(_read(folder, "matching.toml"), "block", "matching", errors)):
        where = f"matching.toml block {i + 1}"
        block.append(_text(row, "term", where, errors))
        _text(row, "why", where, errors)
    answered: dict[str, str] = {}
    for node in nodes:
        for cid in (node.id, *node.same_as):
            if cid in answered:
                errors.append(f"qualified.toml: {cid} belongs to {answered[cid]} and {node.id}")
            answered[cid] = node.id
    if errors:
        raise TableError("\n".join(errors))
    return Tables(
        tuple(aliases),
        tuple(nodes),
        tuple(edges),
        tuple(wrong),
        tuple(ignore),
        tuple(block),
        tuple(missing),
        tuple(wrong_parents),
        _version(folder),
    )
