"""Views of drug collections (a search, the whole catalog, the drugs for a condition) as text
and HTML tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._compare.drugs import DrugsFor
from .._data.format import LayerInfo
from ..model import Drug
from .common import (
    References,
    check_limit,
    check_tablefmt,
    finish,
    grouped,
    table,
    with_mark,
)
from .html import as_of_html
from .style import esc, html_table, section, sources_html, status_badge, wrap

__all__ = [
    "drugs_for_html",
    "drugs_for_text",
    "drugs_html",
    "drugs_text",
    "layers_html",
    "layers_text",
]


def _approval(drug: Drug) -> str | None:
    approval = drug.approval
    if approval is None or approval.fda_approved is None:
        return None
    if not approval.fda_approved:
        return "no"
    when = approval.first_approval_date or approval.first_approval_year
    return f"yes ({when})" if when else "yes"


def _row(drug: Drug) -> list[Any]:
    return [
        drug.id,
        drug.name,
        ", ".join(drug.brand_names[:3]) + (" ..." if len(drug.brand_names) > 3 else "") or None,
        drug.kind.value.replace("_", " "),
        _approval(drug),
        drug.dea_schedule.label if drug.dea_schedule else None,
    ]


_HEADERS = ["Id", "Name", "Brands", "Kind", "FDA approved", "DEA"]
_WIDTHS = [24, 24, 34, 14, 18, 14]


def _shown(drugs: Sequence[Drug], limit: int | None) -> tuple[Sequence[Drug], str]:
    check_limit(limit, optional=True)
    shown = drugs if limit is None else drugs[:limit]
    more = f", {len(shown)} shown" if len(shown) < len(drugs) else ""
    return shown, more


def drugs_text(drugs: Sequence[Drug], *, tablefmt: str = "simple", limit: int | None = 25) -> str:
    """One row per drug: id, name, brands, kind, FDA approval, DEA schedule."""
    fmt = check_tablefmt(tablefmt)
    shown, more = _shown(drugs, limit)
    title = f"Drugs ({len(drugs)}{more})"
    if not drugs:
        return f"{title}\n  none"
    return title + "\n" + table([_row(d) for d in shown], _HEADERS, fmt, _WIDTHS)


def drugs_html(drugs: Sequence[Drug], limit: int | None = 25) -> str:
    shown, more = _shown(drugs, limit)
    rows = ([esc(cell) if cell is not None else "" for cell in _row(d)] for d in shown)
    return wrap(section(f"Drugs ({len(drugs)}{more})", html_table(_HEADERS, rows)))


def _uses(result: DrugsFor, drug: Drug) -> list[Any]:
    """The strongest of a drug's matching uses: its status (others named after it), the
    conditions, the product scopes and the newest label date."""
    groups = grouped(result.matches.get(drug.id, ()))
    if not groups:
        return [None, None, None, None, ()]
    best = [g for g in groups if g.status is groups[0].status]
    weaker = list(dict.fromkeys(g.status.label for g in groups[len(best) :]))
    status = best[0].status.label + (f" (also {', '.join(weaker)})" if weaker else "")
    conditions = ", ".join(dict.fromkeys(g.condition.name for g in best))
    scopes = "; ".join(dict.fromkeys(s for g in best for s in g.scopes)) or None
    dates = [g.date for g in best if g.date]
    sources = tuple(dict.fromkeys(s for g in best for s in g.sources))
    return [status, conditions, scopes, max(dates) if dates else None, sources]


def drugs_for_text(result: DrugsFor, *, tablefmt: str = "simple", limit: int | None = 25) -> str:
    """One row per drug: its strongest use for the condition, the products it holds for, the
    label date and the sources; the layers' dates after the sources."""
    fmt = check_tablefmt(tablefmt)
    shown, more = _shown(result, limit)
    wanted = (
        " (" + ", ".join(sorted(s.label for s in result.statuses)) + ")" if result.statuses else ""
    )
    title = f"Drugs for {result.condition.name}{wanted}: {len(result)}{more}"
    if not result:
        return finish([title, "  none in the loaded layers"], References(), result.as_of)
    refs = References()
    rows = []
    for drug in shown:
        status, conditions, scopes, date, sources = _uses(result, drug)
        rows.append(
            [drug.name, with_mark(status or "-", refs.mark(sources, 2)), conditions, scopes, date]
        )
    headers = ["Drug", "Status", "Indicated for", "Products", "Label"]
    body = table(rows, headers, fmt, [22, 26, 30, 40, 10])
    return finish([title, body], refs, result.as_of)


def drugs_for_html(result: DrugsFor, limit: int | None = 25) -> str:
    shown, more = _shown(result, limit)
    rows = []
    for drug in shown:
        status, conditions, scopes, date, sources = _uses(result, drug)
        groups = grouped(result.matches.get(drug.id, ()))
        badge = status_badge(groups[0].status) if groups else ""
        rows.append(
            [
                esc(drug.name),
                badge + (esc(status.partition(" ")[2]) if status and " " in status else ""),
                esc(conditions),
                esc(scopes),
                esc(date),
                sources_html(sources, 2),
            ]
        )
    title = f"Drugs for {result.condition.name}: {len(result)}{more}"
    headers = ["Drug", "Status", "Indicated for", "Products", "Label", "Sources"]
    return wrap(
        section(title, html_table(headers, rows, optional=(3, 4))), as_of_html(result.as_of)
    )


_LAYER_HEADERS = ["Layer", "Name", "As of", "Version", "Licence", "URL"]


def _layer_row(layer: LayerInfo) -> list[Any]:
    return [layer.id, layer.name, layer.date, layer.version, layer.license, layer.url]


def layers_text(layers: Sequence[LayerInfo], *, tablefmt: str = "simple") -> str:
    """One row per data layer, highest precedence first."""
    fmt = check_tablefmt(tablefmt)
    rows = [_layer_row(layer) for layer in layers]
    return table(rows, _LAYER_HEADERS, fmt, [20, 30, 10, 40, 16, 40])


def layers_html(layers: Sequence[LayerInfo]) -> str:
    rows = (
        [
            esc(layer.id),
            esc(layer.name),
            esc(layer.date),
            esc(layer.version),
            esc(layer.license),
            f'<a href="{esc(layer.url)}" target="_blank" rel="noopener">{esc(layer.url)}</a>'
            if layer.url
            else "",
        ]
        for layer in layers
    )
    title = f"Data layers ({len(layers)}, highest precedence first)"
    return wrap(section(title, html_table(_LAYER_HEADERS, rows)))
