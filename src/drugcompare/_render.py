"""Rendering: tabulate text for terminals, HTML for Jupyter. Imported only when something is shown."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tabulate import tabulate, tabulate_formats

from ._errors import InvalidArgumentError, InvalidArgumentTypeError
from ._models import (
    Condition,
    Drug,
    Frequency,
    Indication,
    IndicationStatus,
    Source,
    WithdrawalRisk,
    WithdrawalSeverity,
)

if TYPE_CHECKING:
    from ._compare import (
        Comparison,
        IndicationOverlap,
        SharedAdverseEffect,
        SimilarDrugs,
        SimilarityScore,
    )

SECTION_TITLES = {
    "adverse_effects": "Shared adverse effects",
    "indications": "Overlapping indications",
    "withdrawal": "Withdrawal and discontinuation",
    "similarity": "Similarity (Jaccard)",
}


def check_tablefmt(tablefmt: object) -> str:
    if not isinstance(tablefmt, str):
        raise InvalidArgumentTypeError(f"tablefmt must be a string, not {type(tablefmt).__name__}")
    if tablefmt not in tabulate_formats:
        raise InvalidArgumentError(
            f"unknown tablefmt {tablefmt!r}; tabulate knows: {', '.join(sorted(tabulate_formats))}"
        )
    return tablefmt


def check_sections(sections: Iterable[str] | None) -> tuple[str, ...]:
    if sections is None:
        return tuple(SECTION_TITLES)
    if isinstance(sections, str):
        sections = (sections,)
    if not isinstance(sections, Iterable):
        raise InvalidArgumentTypeError(
            f"sections must be a list of section names, not {type(sections).__name__}; "
            f"choose from: {', '.join(SECTION_TITLES)}"
        )
    chosen = []
    for section in sections:
        if not isinstance(section, str):
            raise InvalidArgumentTypeError(
                f"a section name must be a string, not {type(section).__name__}"
            )
        if section not in SECTION_TITLES:
            raise InvalidArgumentError(
                f"unknown section {section!r}; choose from: {', '.join(SECTION_TITLES)}"
            )
        chosen.append(section)
    return tuple(dict.fromkeys(chosen))


def percent(value: float) -> str:
    figure = value * 100
    if figure == 0:
        return "0%"
    if figure < 1:
        return f"{figure:.2g}%"
    return f"{figure:.3g}%"


def _bounds_text(lower: float, upper: float) -> str:
    if lower == upper:
        return percent(lower)
    if lower == 0:
        return f"<{percent(upper)}"
    if upper == 1:
        return f"≥{percent(lower)}"
    return f"{percent(lower)}-{percent(upper)}"


def frequency_text(freq: Frequency | None, with_placebo: bool = True) -> str:
    """``28% (placebo 8%)``, ``<1%``, ``frequent (≥1%)``, ``postmarketing`` ..."""
    if freq is None:
        return "listed"
    if freq.lower is None or freq.upper is None:
        text = freq.label or "listed"
    else:
        text = _bounds_text(freq.lower, freq.upper)
        if freq.label and not freq.is_point and freq.label not in ("common", "serious", "other"):
            text = f"{freq.label} ({text})"
    if with_placebo and freq.placebo_lower is not None and freq.placebo_upper is not None:
        text += f" (placebo {_bounds_text(freq.placebo_lower, freq.placebo_upper)})"
    return text


def source_text(source: Source) -> str:
    return f"{source.id} {source.section}" if source.section else source.id


def sources_text(sources: Sequence[Source], limit: int = 2) -> str:
    shown = list(dict.fromkeys(source_text(s) for s in sources))
    extra = len(shown) - limit
    return "; ".join(shown[:limit]) + (f" (+{extra})" if extra > 0 else "")


def indication_text(indication: Indication, with_condition: bool) -> str:
    parts = [indication.status.label]
    detail = []
    if with_condition:
        detail.append(indication.condition.name)
    if indication.product:
        detail.append(indication.product)
    if detail:
        parts.append(f"({'; '.join(detail)})")
    return " ".join(parts)


def _table(
    rows: list[list[Any]],
    headers: Sequence[str],
    tablefmt: str,
    widths: Sequence[int | None],
    floatfmt: str = "g",
) -> str:
    return tabulate(
        rows,
        headers=list(headers),
        tablefmt=tablefmt,
        floatfmt=floatfmt,
        missingval="-",
        maxcolwidths=list(widths) if tablefmt not in ("tsv", "csv", "html", "unsafehtml") else None,
    )


class _References:
    """Numbered source references for text tables: ``[1]`` in a cell, the list after the tables."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str, str | None], int] = {}
        self._sources: list[Source] = []

    def mark(self, sources: Sequence[Source], limit: int = 2) -> str:
        numbers = []
        for source in list(dict.fromkeys(sources))[:limit]:
            key = (source.layer, source.id, source.section)
            if key not in self._numbers:
                self._numbers[key] = len(self._sources) + 1
                self._sources.append(source)
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return "[" + ",".join(map(str, numbers)) + "]" if numbers else ""

    def lines(self) -> list[str]:
        if not self._sources:
            return []
        out = ["", "Sources"]
        for number, source in enumerate(self._sources, 1):
            text = f"[{number}] {source.title}"
            if source.section:
                text += f", {source.section}"
            if source.version:
                text += f" ({source.version})"
            text += f"; layer {source.layer}"
            if source.url:
                text += f"; {source.url}"
            out.append(text)
        return out


def _with_mark(text: str, mark: str) -> str:
    return f"{text} {mark}" if mark else text


_Mark = Callable[[Sequence[Source]], str]


def check_limit(limit: object) -> int | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidArgumentError(f"limit must be a positive int or None, got {limit!r}")
    return limit


def effect_names(effects: Sequence[SharedAdverseEffect], names: Sequence[str]) -> list[str]:
    """Column headers: the given drug names, else the drugs of the first effect."""
    if names:
        return list(names)
    return [e.drug_name for e in effects[0].entries] if effects else []


def _effects_lines(
    effects: Sequence[SharedAdverseEffect],
    names: Sequence[str],
    fmt: str,
    limit: int | None,
    mark: _Mark,
) -> list[str]:
    shown = effects if limit is None else effects[:limit]
    title = f"{SECTION_TITLES['adverse_effects']} ({len(effects)}"
    title += f", top {len(shown)} shown)" if len(shown) < len(effects) else ")"
    if not effects:
        return [title, "  none listed by every drug"]
    rows = [
        [
            s.term,
            *(
                _with_mark(
                    frequency_text(e.frequency),
                    mark(e.effect.frequency_sources),
                )
                for e in s.entries
            ),
        ]
        for s in shown
    ]
    headers = effect_names(effects, names)
    return [title, _table(rows, ["Adverse effect", *headers], fmt, [30, *[28] * len(headers)])]


def _overlaps_lines(
    overlaps: Sequence[IndicationOverlap], names: Sequence[str], fmt: str, mark: _Mark
) -> list[str]:
    title = f"{SECTION_TITLES['indications']} ({len(overlaps)})"
    if not overlaps:
        return [title, "  no condition shared by every drug"]
    rows = []
    for overlap in overlaps:
        cells = [
            "; ".join(
                _with_mark(
                    indication_text(i, i.condition.id != overlap.condition.id), mark(i.sources)
                )
                for i in entry.indications
            )
            for entry in overlap.entries
        ]
        rows.append([overlap.condition.name, *cells])
    headers = list(names) or [e.drug_name for e in overlaps[0].entries]
    return [title, _table(rows, ["Condition", *headers], fmt, [28, *[30] * len(headers)])]


def _withdrawal_lines(risks: Sequence[WithdrawalRisk], fmt: str, mark: _Mark) -> list[str]:
    rows = [
        [
            risk.drug_name,
            _with_mark(
                risk.severity.label + (" (boxed)" if risk.boxed_warning else ""),
                mark(risk.sources),
            ),
            ", ".join(risk.symptoms) or None,
            risk.onset,
            risk.taper,
        ]
        for risk in risks
    ]
    return [
        SECTION_TITLES["withdrawal"],
        _table(
            rows,
            ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance"],
            fmt,
            [14, 16, 40, 20, 40],
        ),
    ]


def similarity_pairs(
    scores: Sequence[SimilarityScore],
) -> dict[tuple[str, str], dict[str, float]]:
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    for score in scores:
        pairs.setdefault((score.drug_a, score.drug_b), {})[score.by] = score.score
    return pairs


def _similarity_lines(
    scores: Sequence[SimilarityScore], names: Mapping[str, str], fmt: str
) -> list[str]:
    bases = list(dict.fromkeys(s.by for s in scores)) or list(_BASIS_TITLES)
    rows = [
        [
            f"{names.get(a, a)} / {names.get(b, b)}",
            *(values.get(k) for k in bases),
        ]
        for (a, b), values in similarity_pairs(scores).items()
    ]
    return [
        SECTION_TITLES["similarity"],
        _table(
            rows,
            ["Pair", *(_BASIS_TITLES.get(k, k) for k in bases)],
            fmt,
            [40, *[None] * len(bases)],
            floatfmt=".2f",
        ),
    ]


_BASIS_TITLES = {
    "adverse_effects": "Adverse effects",
    "indications": "Indications",
    "mechanisms": "Mechanisms",
}


def _finish(lines: list[str], refs: _References) -> str:
    return "\n".join(lines + refs.lines())


def _marker(refs: _References, references: bool) -> _Mark:
    def mark(sources: Sequence[Source]) -> str:
        return refs.mark(sources) if references else ""

    return mark


def comparison_text(
    comparison: Comparison,
    *,
    tablefmt: str,
    sections: Iterable[str] | None,
    limit: int | None,
    references: bool = True,
) -> str:
    fmt = check_tablefmt(tablefmt)
    chosen = check_sections(sections)
    check_limit(limit)
    names = [d.name for d in comparison.drugs]
    out = [f"Comparing {', '.join(names)}"]
    refs = _References()
    mark = _marker(refs, references)
    for section in chosen:
        out.append("")
        if section == "adverse_effects":
            out += _effects_lines(comparison.shared_adverse_effects, names, fmt, limit, mark)
        elif section == "indications":
            out += _overlaps_lines(comparison.overlapping_indications, names, fmt, mark)
        elif section == "withdrawal":
            out += _withdrawal_lines(comparison.withdrawal_risks, fmt, mark)
        elif section == "similarity":
            by_id = {d.id: d.name for d in comparison.drugs}
            out += _similarity_lines(comparison.similarities, by_id, fmt)
    return _finish(out, refs)


def effects_text(
    effects: Sequence[SharedAdverseEffect],
    *,
    tablefmt: str = "simple",
    limit: int | None = 25,
    references: bool = True,
    names: Sequence[str] = (),
) -> str:
    """Text table of shared adverse effects (one column per drug), sources listed after it."""
    fmt = check_tablefmt(tablefmt)
    check_limit(limit)
    refs = _References()
    return _finish(_effects_lines(effects, names, fmt, limit, _marker(refs, references)), refs)


def overlaps_text(
    overlaps: Sequence[IndicationOverlap],
    *,
    tablefmt: str = "simple",
    references: bool = True,
    names: Sequence[str] = (),
) -> str:
    """Text table of overlapping indications (one column per drug)."""
    fmt = check_tablefmt(tablefmt)
    refs = _References()
    return _finish(_overlaps_lines(overlaps, names, fmt, _marker(refs, references)), refs)


def withdrawal_text(
    risks: Sequence[WithdrawalRisk], *, tablefmt: str = "simple", references: bool = True
) -> str:
    """Text table of withdrawal risks, one row per drug."""
    fmt = check_tablefmt(tablefmt)
    refs = _References()
    return _finish(_withdrawal_lines(risks, fmt, _marker(refs, references)), refs)


def similarity_text(scores: Sequence[SimilarityScore], *, tablefmt: str = "simple") -> str:
    """Text table of pairwise similarity scores, one row per pair."""
    return "\n".join(_similarity_lines(scores, {}, check_tablefmt(tablefmt)))


def similar_drugs_text(similar: SimilarDrugs, *, tablefmt: str = "simple") -> str:
    """Text table of the drugs most similar to one drug."""
    fmt = check_tablefmt(tablefmt)
    title = f"Drugs most similar to {similar.query_name} by {_BASIS_TITLES[similar.by].lower()}"
    if not similar:
        return f"{title}\n  none shares anything with it"
    rows = [
        [rank, drug.name, ", ".join(drug.brand_names[:3]) or None, score]
        for rank, (drug, score) in enumerate(similar, 1)
    ]
    table = _table(rows, ["#", "Drug", "Brands", "Jaccard"], fmt, [None, 30, 40, None], ".2f")
    return f"{title}\n{table}"


def drug_text(drug: Drug, tablefmt: str = "simple", limit: int | None = 15) -> str:
    fmt = check_tablefmt(tablefmt)
    lines = [drug.display_name if drug.brand_names else drug.name]
    facts: list[list[Any]] = [
        ["Id", drug.id],
        ["Kind", drug.kind.value.replace("_", " ")],
        ["Brands", ", ".join(drug.brand_names) or None],
        [
            "Synonyms",
            ", ".join(drug.synonyms[:8]) + (" ..." if len(drug.synonyms) > 8 else "") or None,
        ],
        ["Identifiers", ", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()) or None],
        ["ATC", ", ".join(drug.atc_codes) or None],
        ["DEA schedule", drug.dea_schedule.label if drug.dea_schedule else "unknown"],
    ]
    if drug.approval is not None:
        approved = {True: "FDA approved", False: "not FDA approved", None: "FDA approval unknown"}[
            drug.approval.fda_approved
        ]
        if drug.approval.first_approval_year:
            approved += f" (first approval {drug.approval.first_approval_year})"
        facts.append(["Approval", approved])
    lines.append(tabulate(facts, tablefmt="plain", maxcolwidths=[None, 90]))
    if drug.boxed_warnings:
        lines += ["", "Boxed warnings"]
        rows = [[b.topic, b.product, b.summary] for b in drug.boxed_warnings]
        lines.append(_table(rows, ["Topic", "Product", "Summary"], fmt, [30, 20, 60]))
    if drug.mechanisms:
        lines += ["", "Mechanisms"]
        rows = [[m.target, m.gene, m.action, m.pharmacologic_class] for m in drug.mechanisms]
        lines.append(_table(rows, ["Target", "Gene", "Action", "Class"], fmt, [40, 10, 16, 30]))
    if drug.indications:
        lines += ["", "Indications"]
        rows = [
            [i.condition.name, i.status.label, i.product, i.note, sources_text(i.sources, 1)]
            for i in drug.indications
        ]
        lines.append(
            _table(
                rows,
                ["Condition", "Status", "Product", "Note", "Source"],
                fmt,
                [28, 12, 16, 40, 30],
            )
        )
    if drug.adverse_effects:
        effects = sorted(
            drug.adverse_effects,
            key=lambda e: (
                -(e.frequency.value if e.frequency and e.frequency.value is not None else -1)
            ),
        )
        shown = effects if limit is None else effects[:limit]
        lines += ["", f"Adverse effects ({len(effects)}, {len(shown)} most frequent shown)"]
        rows = [
            [e.term, frequency_text(e.frequency), e.frequency.population if e.frequency else None]
            for e in shown
        ]
        lines.append(_table(rows, ["Adverse effect", "Incidence", "Population"], fmt, [30, 28, 50]))
    if drug.withdrawal is not None:
        w = drug.withdrawal
        lines += ["", "Stopping the drug"]
        rows = [
            ["Severity", w.severity.label + (" (boxed warning)" if w.boxed_warning else "")],
            ["Symptoms", ", ".join(w.symptoms) or None],
            ["Onset", w.onset],
            ["Taper", w.taper],
            ["Dependence", w.dependence],
            ["Note", w.note],
        ]
        lines.append(tabulate([r for r in rows if r[1]], tablefmt="plain", maxcolwidths=[None, 90]))
    if drug.market_withdrawals:
        lines += ["", "Market withdrawals"]
        market = [[m.year, m.country, m.reason] for m in drug.market_withdrawals]
        lines.append(_table(market, ["Year", "Country", "Reason"], fmt, [None, 20, 60]))
    return "\n".join(lines)


# --------------------------------------------------------------------------- HTML

_STATUS_COLOURS = {
    IndicationStatus.APPROVED: ("#ffffff", "#2e7d32"),
    IndicationStatus.OFF_LABEL: ("#4e2a00", "#ffcc80"),
    IndicationStatus.LISTED: ("#263238", "#cfd8dc"),
    IndicationStatus.INVESTIGATIONAL: ("#0d3c78", "#bbdefb"),
    IndicationStatus.ANECDOTAL: ("#424242", "#eeeeee"),
}
_SEVERITY_COLOURS = {
    WithdrawalSeverity.LIFE_THREATENING: ("#ffffff", "#b71c1c"),
    WithdrawalSeverity.HIGH: ("#ffffff", "#e65100"),
    WithdrawalSeverity.MODERATE: ("#4e2a00", "#ffcc80"),
    WithdrawalSeverity.LOW: ("#1b3d0a", "#dcedc8"),
    WithdrawalSeverity.NONE: ("#1b5e20", "#e8f5e9"),
    WithdrawalSeverity.UNKNOWN: ("#424242", "#eeeeee"),
}
_BOXED = ("#ffffff", "#000000")
_APPROVAL_COLOURS = {
    True: ("#ffffff", "#2e7d32"),
    False: ("#ffffff", "#b71c1c"),
    None: ("#424242", "#eeeeee"),
}
_NEUTRAL = ("#263238", "#eceff1")

# Scoped to .dc and written with enough specificity to win over notebook front-ends' own table
# styles (JupyterLab right-aligns and centres tables); backgrounds are translucent so the tables
# read in light and dark themes alike. Badges carry their colours inline, so they survive an
# HTML sanitiser that drops <style>.
_STYLE = (
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


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _badge(text: str, colours: tuple[str, str], title: str | None = None) -> str:
    fg, bg = colours
    tip = f' title="{_e(title)}"' if title else ""
    return f'<span class="dc-badge" style="color:{fg};background:{bg}"{tip}>{_e(text)}</span>'


def status_badge(status: IndicationStatus) -> str:
    return _badge(status.label, _STATUS_COLOURS[status])


def severity_badge(risk: WithdrawalRisk) -> str:
    badge = _badge(risk.severity.label, _SEVERITY_COLOURS[risk.severity])
    if risk.boxed_warning:
        badge += " " + _badge("boxed warning", _BOXED)
    return badge


def _sources_html(sources: Sequence[Source], limit: int = 3, detail: bool = True) -> str:
    links = []
    unique = list(dict.fromkeys(sources))
    for source in unique[:limit]:
        text = source_text(source) if detail else source.id
        label = _e(text if len(text) <= 44 else text[:42].rstrip() + "…")
        tip = source.title + (f", {source.section}" if source.section else "")
        if source.quote:
            tip += f': "{source.quote}"'
        tip += f" [{source.license}]"
        title = _e(tip)
        if source.url:
            links.append(
                f'<a href="{_e(source.url)}" title="{title}" target="_blank" '
                f'rel="noopener">{label}</a>'
            )
        else:
            links.append(f'<span title="{title}">{label}</span>')
    more = len(unique) - limit
    return (
        '<span class="dc-src">' + "; ".join(links) + (f" (+{more})" if more > 0 else "") + "</span>"
    )


def _html_table(
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
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
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


def _wrap(*parts: str) -> str:
    return _STYLE + '<div class="dc">' + "".join(parts) + "</div>"


def _section(title: str, body: str) -> str:
    return f"<details open><summary>{_e(title)}</summary>{body}</details>"


def _frequency_html(freq: Frequency | None) -> str:
    main = _e(frequency_text(freq, with_placebo=False))
    out = f'<span class="dc-freq">{main}</span>'
    if freq is not None and freq.placebo_lower is not None and freq.placebo_upper is not None:
        placebo = _bounds_text(freq.placebo_lower, freq.placebo_upper)
        out += f' <span class="dc-muted">placebo {_e(placebo)}</span>'
    if freq is not None and freq.population:
        out = f'<span title="{_e(freq.population)}">{out}</span>'
    return out


def _bar(score: float, width: int = 80) -> str:
    size = max(0, min(width, round(score * width)))
    return f'<span class="dc-bar" style="width:{size}px"></span>{score:.2f}'


def _effects_html(
    effects: Sequence[SharedAdverseEffect], names: Sequence[str], limit: int | None
) -> str:
    shown = effects if limit is None else effects[:limit]
    title = f"{SECTION_TITLES['adverse_effects']} ({len(effects)}"
    title += f", {len(shown)} most frequent shown)" if len(shown) < len(effects) else ")"
    if not effects:
        return _section(title, '<p class="dc-note">None listed by every drug.</p>')
    note = (
        '<p class="dc-note">Incidence in the drug arm, then in the placebo arm of the same '
        "trials where the source gives one; ranges and words (frequent, infrequent) are the "
        "source's own. Hover a figure for its population, a source for its title.</p>"
    )
    table = _html_table(
        ["Adverse effect", *effect_names(effects, names)],
        (
            [_e(s.term)]
            + [
                _frequency_html(e.frequency)
                + "<br>"
                + _sources_html(
                    e.effect.frequency_sources,
                    1,
                    detail=False,
                )
                for e in s.entries
            ]
            for s in shown
        ),
    )
    return _section(title, note + table)


def _sorted_indications(indications: Iterable[Indication]) -> list[Indication]:
    order = list(IndicationStatus)
    return sorted(indications, key=lambda i: order.index(i.status))


def _overlaps_html(overlaps: Sequence[IndicationOverlap], names: Sequence[str]) -> str:
    title = f"{SECTION_TITLES['indications']} ({len(overlaps)})"
    if not overlaps:
        return _section(title, '<p class="dc-note">No condition is shared by every drug.</p>')
    rows = []
    for overlap in overlaps:
        cells = [_e(overlap.condition.name)]
        for entry in overlap.entries:
            items = []
            for i in _sorted_indications(entry.indications):
                detail = []
                if i.condition.id != overlap.condition.id:
                    detail.append(i.condition.name)
                if i.product:
                    detail.append(i.product)
                items.append(
                    _badge(i.status.label, _STATUS_COLOURS[i.status], i.note)
                    + (f" {_e('; '.join(detail))}" if detail else "")
                    + " "
                    + _sources_html(i.sources, 1)
                )
            cells.append("<br>".join(items))
        rows.append(cells)
    headers = list(names) or [e.drug_name for e in overlaps[0].entries]
    note = (
        '<p class="dc-note">approved: section 1 of a US FDA label; off-label: used outside the '
        "label with published evidence; listed: a database lists the use without saying a label "
        "carries it; investigational: in trials. Hover a status for its note.</p>"
    )
    return _section(title, note + _html_table(["Condition", *headers], rows))


def _withdrawal_html(risks: Sequence[WithdrawalRisk]) -> str:
    table = _html_table(
        ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance", "Sources"],
        (
            [
                _e(r.drug_name),
                severity_badge(r),
                _e(", ".join(r.symptoms)) or _e(r.note),
                _e(r.onset),
                _e(r.taper),
                _sources_html(r.sources),
            ]
            for r in risks
        ),
        optional=(2, 3, 4),
    )
    return _section(SECTION_TITLES["withdrawal"], table)


def _similarity_html(scores: Sequence[SimilarityScore], names: Mapping[str, str]) -> str:
    bases = list(dict.fromkeys(s.by for s in scores)) or list(_BASIS_TITLES)
    table = _html_table(
        ["Pair", *(_BASIS_TITLES.get(k, k) for k in bases)],
        (
            [_e(f"{names.get(a, a)} / {names.get(b, b)}")]
            + [_bar(values[k]) if k in values else "-" for k in bases]
            for (a, b), values in similarity_pairs(scores).items()
        ),
    )
    return _section(SECTION_TITLES["similarity"], table)


def _approval_badge(drug: Drug) -> str:
    approval = drug.approval
    if approval is None:
        return _badge("FDA approval unknown", _APPROVAL_COLOURS[None])
    text = {True: "FDA approved", False: "not FDA approved", None: "FDA approval unknown"}[
        approval.fda_approved
    ]
    if approval.first_approval_year:
        text += f" {approval.first_approval_year}"
    return _badge(text, _APPROVAL_COLOURS[approval.fda_approved], sources_text(approval.sources))


def _drug_badges(drug: Drug) -> str:
    badges = [_approval_badge(drug)]
    schedule = drug.dea_schedule
    badges.append(
        _badge(
            f"DEA {schedule.label}" if schedule else "DEA schedule unknown",
            _NEUTRAL if schedule else _APPROVAL_COLOURS[None],
        )
    )
    if drug.boxed_warnings:
        count = len(drug.boxed_warnings)
        badges.append(
            _badge(
                f"{count} boxed warning{'s' if count > 1 else ''}",
                _BOXED,
                "; ".join(b.topic for b in drug.boxed_warnings),
            )
        )
    if drug.market_withdrawals:
        badges.append(_badge("market withdrawal", _SEVERITY_COLOURS[WithdrawalSeverity.HIGH]))
    return " ".join(badges)


def comparison_html(comparison: Comparison, limit: int | None = 25) -> str:
    check_limit(limit)
    names = [d.name for d in comparison.drugs]
    cards = "".join(
        '<div class="dc-drug">'
        f"<b>{_e(d.name)}</b>"
        + (
            f' <span class="dc-sub">{_e(", ".join(d.brand_names[:3]))}</span>'
            if d.brand_names
            else ""
        )
        + f"<br>{_drug_badges(d)}</div>"
        for d in comparison.drugs
    )
    by_id = {d.id: d.name for d in comparison.drugs}
    return _wrap(
        f"<h4>Comparing {_e(', '.join(names))}</h4>",
        f'<div class="dc-drugs">{cards}</div>',
        _effects_html(comparison.shared_adverse_effects, names, limit),
        _overlaps_html(comparison.overlapping_indications, names),
        _withdrawal_html(comparison.withdrawal_risks),
        _similarity_html(comparison.similarities, by_id),
    )


def effects_html(
    effects: Sequence[SharedAdverseEffect], limit: int | None = 25, names: Sequence[str] = ()
) -> str:
    check_limit(limit)
    return _wrap(_effects_html(effects, names, limit))


def overlaps_html(overlaps: Sequence[IndicationOverlap], names: Sequence[str] = ()) -> str:
    return _wrap(_overlaps_html(overlaps, names))


def withdrawal_html(risks: Sequence[WithdrawalRisk]) -> str:
    return _wrap(_withdrawal_html(risks))


def similarity_html(scores: Sequence[SimilarityScore]) -> str:
    return _wrap(_similarity_html(scores, {}))


def similar_drugs_html(similar: SimilarDrugs) -> str:
    title = f"Drugs most similar to {similar.query_name} by {_BASIS_TITLES[similar.by].lower()}"
    if not similar:
        return _wrap(_section(title, '<p class="dc-note">None shares anything with it.</p>'))
    table = _html_table(
        ["#", "Drug", "Brands", "Jaccard similarity"],
        (
            [str(rank), _e(drug.name), _e(", ".join(drug.brand_names[:3])), _bar(score)]
            for rank, (drug, score) in enumerate(similar, 1)
        ),
        numeric=(0,),
    )
    return _wrap(_section(title, table))


def drug_html(drug: Drug, limit: int | None = 20) -> str:
    header = (
        f"<h4>{_e(drug.display_name)} "
        f'<span class="dc-sub">{_e(drug.id)} · {_e(drug.kind.value.replace("_", " "))}</span></h4>'
        f'<div class="dc-drugs">{_drug_badges(drug)}</div>'
    )
    synonyms = ", ".join(drug.synonyms[:8]) + (" ..." if len(drug.synonyms) > 8 else "")
    facts = [
        ("Brands", _e(", ".join(drug.brand_names))),
        ("Synonyms", _e(synonyms)),
        ("Identifiers", _e(", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()))),
        ("ATC", _e(", ".join(drug.atc_codes))),
        (
            "Mechanisms",
            _e(
                "; ".join(
                    dict.fromkeys(
                        " ".join(x for x in (m.target or m.pharmacologic_class, m.action) if x)
                        for m in drug.mechanisms
                    )
                )
            ),
        ),
    ]
    parts = [header, _html_table(["Field", "Value"], ([k, v] for k, v in facts if v))]
    if drug.boxed_warnings:
        parts.append(
            _section(
                "Boxed warnings",
                _html_table(
                    ["Topic", "Product", "Summary", "Sources"],
                    (
                        [_e(b.topic), _e(b.product), _e(b.summary), _sources_html(b.sources, 2)]
                        for b in drug.boxed_warnings
                    ),
                ),
            )
        )
    if drug.indications:
        parts.append(
            _section(
                f"Indications ({len(drug.indications)}, strongest evidence first)",
                _html_table(
                    ["Condition", "Status", "Product", "Note", "Sources"],
                    (
                        [
                            _e(i.condition.name),
                            status_badge(i.status),
                            _e(i.product),
                            _e(i.note),
                            _sources_html(i.sources, 2),
                        ]
                        for i in _sorted_indications(drug.indications)
                    ),
                    optional=(2, 3),
                ),
            )
        )
    if drug.withdrawal is not None:
        w = drug.withdrawal
        parts.append(
            _section(
                "Stopping the drug",
                _html_table(
                    ["Severity", "Symptoms", "Taper guidance", "Dependence", "Note", "Sources"],
                    [
                        [
                            severity_badge(w),
                            _e(", ".join(w.symptoms)),
                            _e(w.taper),
                            _e(w.dependence),
                            _e(w.note),
                            _sources_html(w.sources),
                        ]
                    ],
                    optional=(1, 2, 3, 4),
                ),
            )
        )
    if drug.adverse_effects:
        effects = sorted(
            drug.adverse_effects,
            key=lambda e: (
                -(e.frequency.value if e.frequency and e.frequency.value is not None else -1)
            ),
        )
        shown = effects if limit is None else effects[:limit]
        parts.append(
            _section(
                f"Adverse effects ({len(effects)}"
                + (f", {len(shown)} most frequent shown)" if len(shown) < len(effects) else ")"),
                _html_table(
                    ["Adverse effect", "Incidence", "Sources"],
                    (
                        [
                            _e(e.term),
                            _frequency_html(e.frequency),
                            _sources_html(
                                e.frequency_sources,
                                1,
                            ),
                        ]
                        for e in shown
                    ),
                ),
            )
        )
    if drug.market_withdrawals:
        parts.append(
            _section(
                "Market withdrawals",
                _html_table(
                    ["Year", "Country", "Reason", "Sources"],
                    (
                        [_e(m.year), _e(m.country), _e(m.reason), _sources_html(m.sources, 2)]
                        for m in drug.market_withdrawals
                    ),
                ),
            )
        )
    return _wrap(*parts)


def condition_html(condition: Condition) -> str:
    facts = [
        ("Id", _e(condition.id)),
        ("Synonyms", _e(", ".join(condition.synonyms))),
        ("Cross-references", _e(", ".join(condition.xrefs))),
        ("Broader conditions", _e(", ".join(condition.parents))),
    ]
    return _wrap(
        f'<h4>{_e(condition.name)} <span class="dc-sub">condition</span></h4>',
        _html_table(["Field", "Value"], ([k, v] for k, v in facts if v)),
    )


def condition_text(condition: Condition) -> str:
    facts = [
        ("Id", condition.id),
        ("Synonyms", ", ".join(condition.synonyms)),
        ("Cross-references", ", ".join(condition.xrefs)),
        ("Broader conditions", ", ".join(condition.parents)),
    ]
    rows = [[key, value] for key, value in facts if value]
    table = tabulate(rows, tablefmt="plain", maxcolwidths=[None, 90])
    return f"{condition.name}\n{table}"
