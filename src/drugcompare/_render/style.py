"""The HTML building blocks: the style sheet, badges, source links, tables and sections."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from ..model import Frequency, IndicationStatus, Source, WithdrawalRisk, WithdrawalSeverity
from .common import bounds_text, frequency_text, source_text

__all__ = [
    "APPROVAL_COLOURS",
    "BOXED",
    "NEUTRAL",
    "SEVERITY_COLOURS",
    "STATUS_COLOURS",
    "STYLE",
    "badge",
    "bar",
    "esc",
    "frequency_html",
    "html_table",
    "section",
    "severity_badge",
    "sources_html",
    "status_badge",
    "wrap",
]


STATUS_COLOURS = {
    IndicationStatus.APPROVED: ("#ffffff", "#2e7d32"),
    IndicationStatus.OFF_LABEL: ("#4e2a00", "#ffcc80"),
    IndicationStatus.LISTED: ("#263238", "#cfd8dc"),
    IndicationStatus.INVESTIGATIONAL: ("#0d3c78", "#bbdefb"),
    IndicationStatus.ANECDOTAL: ("#424242", "#eeeeee"),
}


SEVERITY_COLOURS = {
    WithdrawalSeverity.LIFE_THREATENING: ("#ffffff", "#b71c1c"),
    WithdrawalSeverity.HIGH: ("#ffffff", "#e65100"),
    WithdrawalSeverity.MODERATE: ("#4e2a00", "#ffcc80"),
    WithdrawalSeverity.LOW: ("#1b3d0a", "#dcedc8"),
    WithdrawalSeverity.NONE: ("#1b5e20", "#e8f5e9"),
    WithdrawalSeverity.UNKNOWN: ("#424242", "#eeeeee"),
}


BOXED = ("#ffffff", "#000000")


APPROVAL_COLOURS = {
    True: ("#ffffff", "#2e7d32"),
    False: ("#ffffff", "#b71c1c"),
    None: ("#424242", "#eeeeee"),
}


NEUTRAL = ("#263238", "#eceff1")


# Scoped to .dc and written with enough specificity to win over notebook front-ends' own table
# styles (JupyterLab right-aligns and centres tables); backgrounds are translucent so the tables
# read in light and dark themes alike. Badges carry their colours inline, so they survive an
# HTML sanitiser that drops <style>.
STYLE = (
    "<style>"
    ".dc{font-size:13px;line-height:1.45}"
    ".dc h4{font-size:16px;font-weight:600;margin:8px 0 4px 0;padding:0;line-height:1.3}"
    ".dc .dc-sub{font-weight:400;opacity:.7;font-size:13px}"
    ".dc details{margin:0 0 8px 0}"
    ".dc summary{cursor:pointer;font-weight:600;font-size:14px;margin:8px 0 4px 0}"
    ".dc table.dc-table{border-collapse:collapse;margin:4px 0 12px 0;font-size:13px;"
    "table-layout:auto;width:auto;max-width:100%}"
    ".dc table.dc-table th,.dc table.dc-table td{border:1px solid rgba(128,128,128,.35);"
    "padding:4px 8px;text-align:left;vertical-align:top;white-space:normal}"
    ".dc table.dc-table th{background:rgba(128,128,128,.14);font-weight:600}"
    ".dc table.dc-table tbody tr:nth-child(odd){background:transparent}"
    ".dc table.dc-table tbody tr:nth-child(even){background:rgba(128,128,128,.06)}"
    ".dc table.dc-table tbody tr:hover{background:rgba(66,133,244,.08)}"
    ".dc table.dc-table td.dc-num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}"
    ".dc .dc-badge{display:inline-block;border-radius:4px;padding:0 6px;margin:1px 2px 1px 0;"
    "font-size:12px;font-weight:600;line-height:18px;white-space:nowrap}"
    ".dc .dc-src{font-size:11px;opacity:.85}"
    ".dc .dc-muted{opacity:.7}"
    ".dc .dc-freq{font-weight:600;white-space:nowrap}"
    ".dc .dc-bar{display:inline-block;height:9px;border-radius:2px;background:#1f77b4;"
    "vertical-align:middle;margin-right:6px}"
    ".dc .dc-drugs{display:flex;flex-wrap:wrap;gap:6px 18px;margin:4px 0 10px 0}"
    ".dc .dc-drug{border-left:3px solid #1f77b4;padding:2px 0 2px 8px}"
    ".dc .dc-note{font-size:12px;opacity:.75;margin:0 0 8px 0}"
    "</style>"
)


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


def badge(text: str, colours: tuple[str, str], title: str | None = None) -> str:
    fg, bg = colours
    tip = f' title="{esc(title)}"' if title else ""
    return f'<span class="dc-badge" style="color:{fg};background:{bg}"{tip}>{esc(text)}</span>'


def status_badge(status: IndicationStatus) -> str:
    return badge(status.label, STATUS_COLOURS[status])


def severity_badge(risk: WithdrawalRisk) -> str:
    shown = badge(risk.severity.label, SEVERITY_COLOURS[risk.severity])
    if risk.boxed_warning:
        shown += " " + badge("boxed warning", BOXED)
    return shown


def sources_html(sources: Sequence[Source], limit: int = 3, detail: bool = True) -> str:
    links = []
    unique = list(dict.fromkeys(sources))
    for source in unique[:limit]:
        text = source_text(source) if detail else source.id
        label = esc(text if len(text) <= 44 else text[:42].rstrip() + "…")
        tip = source.title + (f", {source.section}" if source.section else "")
        if source.quote:
            tip += f': "{source.quote}"'
        tip += f" [{source.license}]"
        title = esc(tip)
        if source.url:
            links.append(
                f'<a href="{esc(source.url)}" title="{title}" target="_blank" '
                f'rel="noopener">{label}</a>'
            )
        else:
            links.append(f'<span title="{title}">{label}</span>')
    more = len(unique) - limit
    return (
        '<span class="dc-src">' + "; ".join(links) + (f" (+{more})" if more > 0 else "") + "</span>"
    )


def html_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    optional: Sequence[int] = (),
) -> str:
    """An HTML table of already-escaped cells; ``optional`` columns are left out when empty."""
    rows = [list(row) for row in rows]
    empty = {n for n in optional if not any(row[n] for row in rows)}
    if empty:
        headers = [h for n, h in enumerate(headers) if n not in empty]
        numeric = [n - sum(1 for e in empty if e < n) for n in numeric if n not in empty]
        rows = [[cell for n, cell in enumerate(row) if n not in empty] for row in rows]
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="dc-num">{cell}</td>' if n in numeric else f"<td>{cell}</td>"
            for n, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="dc-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def wrap(*parts: str) -> str:
    return STYLE + '<div class="dc">' + "".join(parts) + "</div>"


def section(title: str, body: str) -> str:
    return f"<details open><summary>{esc(title)}</summary>{body}</details>"


def frequency_html(freq: Frequency | None) -> str:
    main = esc(frequency_text(freq, with_placebo=False))
    out = f'<span class="dc-freq">{main}</span>'
    if freq is not None and freq.placebo_lower is not None and freq.placebo_upper is not None:
        placebo = bounds_text(freq.placebo_lower, freq.placebo_upper)
        out += f' <span class="dc-muted">placebo {esc(placebo)}</span>'
    if freq is not None and freq.population:
        out = f'<span title="{esc(freq.population)}">{out}</span>'
    return out


def bar(score: float, width: int = 80) -> str:
    size = max(0, min(width, round(score * width)))
    return f'<span class="dc-bar" style="width:{size}px"></span>{score:.2f}'
