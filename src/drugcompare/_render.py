"""Rendering: tabulate text for terminals, HTML for Jupyter. Imported only when something is shown."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tabulate import tabulate, tabulate_formats

from ._errors import InvalidArgumentError, InvalidArgumentTypeError
from ._models import Drug, Frequency, Indication, IndicationStatus, Source, WithdrawalSeverity

if TYPE_CHECKING:
    from ._compare import Comparison

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
    chosen = []
    for section in sections:
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
    rows: list[list[Any]], headers: Sequence[str], tablefmt: str, widths: Sequence[int | None]
) -> str:
    return tabulate(
        rows,
        headers=list(headers),
        tablefmt=tablefmt,
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
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidArgumentError(f"limit must be a positive int or None, got {limit!r}")
    names = [d.name for d in comparison.drugs]
    out = [f"Comparing {', '.join(names)}"]
    rows: list[list[Any]]
    refs = _References()

    def mark(sources: Sequence[Source]) -> str:
        return refs.mark(sources) if references else ""

    for section in chosen:
        out.append("")
        if section == "adverse_effects":
            effects = comparison.shared_adverse_effects
            shown = effects if limit is None else effects[:limit]
            title = f"{SECTION_TITLES[section]} ({len(effects)}"
            title += f", top {len(shown)} shown)" if len(shown) < len(effects) else ")"
            out.append(title)
            if not effects:
                out.append("  none listed by every drug")
                continue
            rows = [
                [
                    s.term,
                    *(
                        _with_mark(
                            frequency_text(e.frequency),
                            mark(
                                e.frequency.sources
                                if e.frequency and e.frequency.sources
                                else e.effect.sources
                            ),
                        )
                        for e in s.entries
                    ),
                ]
                for s in shown
            ]
            out.append(_table(rows, ["Adverse effect", *names], fmt, [30, *[28] * len(names)]))
        elif section == "indications":
            overlaps = comparison.overlapping_indications
            out.append(f"{SECTION_TITLES[section]} ({len(overlaps)})")
            if not overlaps:
                out.append("  no condition shared by every drug")
                continue
            rows = []
            for overlap in overlaps:
                cells = []
                for entry in overlap.entries:
                    cells.append(
                        "; ".join(
                            _with_mark(
                                indication_text(i, i.condition.id != overlap.condition.id),
                                mark(i.sources),
                            )
                            for i in entry.indications
                        )
                    )
                rows.append([overlap.condition.name, *cells])
            out.append(_table(rows, ["Condition", *names], fmt, [28, *[30] * len(names)]))
        elif section == "withdrawal":
            out.append(SECTION_TITLES[section])
            rows = []
            for risk in comparison.withdrawal_risks:
                rows.append(
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
                )
            out.append(
                _table(
                    rows,
                    ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance"],
                    fmt,
                    [14, 16, 40, 20, 40],
                )
            )
        elif section == "similarity":
            out.append(SECTION_TITLES[section])
            pairs: dict[tuple[str, str], dict[str, float]] = {}
            for score in comparison.similarities:
                pairs.setdefault((score.drug_a, score.drug_b), {})[score.by] = score.score
            by_id = {d.id: d.name for d in comparison.drugs}
            rows = [
                [
                    f"{by_id[a]} / {by_id[b]}",
                    f"{values.get('adverse_effects', 0):.2f}",
                    f"{values.get('indications', 0):.2f}",
                    f"{values.get('mechanisms', 0):.2f}",
                ]
                for (a, b), values in pairs.items()
            ]
            out.append(
                _table(
                    rows,
                    ["Pair", "Adverse effects", "Indications", "Mechanisms"],
                    fmt,
                    [40, None, None, None],
                )
            )
    out += refs.lines()
    return "\n".join(out)


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
    IndicationStatus.APPROVED: ("#1b5e20", "#e8f5e9"),
    IndicationStatus.OFF_LABEL: ("#8a4b00", "#fff3e0"),
    IndicationStatus.LISTED: ("#37474f", "#eceff1"),
    IndicationStatus.INVESTIGATIONAL: ("#0d47a1", "#e3f2fd"),
    IndicationStatus.ANECDOTAL: ("#555555", "#eeeeee"),
}
_SEVERITY_COLOURS = {
    WithdrawalSeverity.LIFE_THREATENING: ("#ffffff", "#b71c1c"),
    WithdrawalSeverity.HIGH: ("#ffffff", "#e65100"),
    WithdrawalSeverity.MODERATE: ("#5d4037", "#ffe0b2"),
    WithdrawalSeverity.LOW: ("#33691e", "#f1f8e9"),
    WithdrawalSeverity.NONE: ("#1b5e20", "#e8f5e9"),
    WithdrawalSeverity.UNKNOWN: ("#555555", "#eeeeee"),
}
_STYLE = (
    "<style>.dc-table{border-collapse:collapse;margin:4px 0 12px 0;font-size:13px}"
    ".dc-table th,.dc-table td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
    ".dc-table th{background:#f5f5f5}.dc-badge{border-radius:3px;padding:1px 5px;font-size:12px;"
    "white-space:nowrap}.dc-src{font-size:11px;color:#555}</style>"
)


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _badge(text: str, colours: tuple[str, str]) -> str:
    fg, bg = colours
    return f'<span class="dc-badge" style="color:{fg};background:{bg}">{_e(text)}</span>'


def _sources_html(sources: Sequence[Source], limit: int = 3) -> str:
    links = []
    for source in list(dict.fromkeys(sources))[:limit]:
        label = _e(source_text(source))
        title = _e(source.quote or source.title)
        if source.url:
            links.append(f'<a href="{_e(source.url)}" title="{title}" target="_blank">{label}</a>')
        else:
            links.append(f'<span title="{title}">{label}</span>')
    more = len(set(sources)) - limit
    return (
        '<span class="dc-src">' + "; ".join(links) + (f" (+{more})" if more > 0 else "") + "</span>"
    )


def _html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="dc-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def comparison_html(comparison: Comparison) -> str:
    names = [d.name for d in comparison.drugs]
    parts = [_STYLE, f"<h4>Comparing {_e(', '.join(names))}</h4>"]
    parts.append(
        f"<h5>{SECTION_TITLES['adverse_effects']} ({len(comparison.shared_adverse_effects)})</h5>"
    )
    parts.append(
        _html_table(
            ["Adverse effect", *names],
            (
                [_e(s.term)]
                + [
                    _e(frequency_text(e.frequency))
                    + "<br>"
                    + _sources_html(
                        e.frequency.sources
                        if e.frequency and e.frequency.sources
                        else e.effect.sources,
                        1,
                    )
                    for e in s.entries
                ]
                for s in comparison.shared_adverse_effects[:50]
            ),
        )
    )
    parts.append(
        f"<h5>{SECTION_TITLES['indications']} ({len(comparison.overlapping_indications)})</h5>"
    )
    rows = []
    for overlap in comparison.overlapping_indications:
        cells = [_e(overlap.condition.name)]
        for entry in overlap.entries:
            items = []
            for i in entry.indications:
                detail = []
                if i.condition.id != overlap.condition.id:
                    detail.append(i.condition.name)
                if i.product:
                    detail.append(i.product)
                items.append(
                    _badge(i.status.label, _STATUS_COLOURS[i.status])
                    + (f" {_e('; '.join(detail))}" if detail else "")
                    + " "
                    + _sources_html(i.sources, 1)
                )
            cells.append("<br>".join(items))
        rows.append(cells)
    parts.append(_html_table(["Condition", *names], rows))
    parts.append(f"<h5>{SECTION_TITLES['withdrawal']}</h5>")
    parts.append(
        _html_table(
            ["Drug", "Severity", "Symptoms", "Onset", "Taper guidance", "Sources"],
            (
                [
                    _e(r.drug_name),
                    _badge(r.severity.label, _SEVERITY_COLOURS[r.severity])
                    + (
                        " " + _badge("boxed warning", ("#ffffff", "#000000"))
                        if r.boxed_warning
                        else ""
                    ),
                    _e(", ".join(r.symptoms)),
                    _e(r.onset),
                    _e(r.taper),
                    _sources_html(r.sources),
                ]
                for r in comparison.withdrawal_risks
            ),
        )
    )
    by_id = {d.id: d.name for d in comparison.drugs}
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    for score in comparison.similarities:
        pairs.setdefault((score.drug_a, score.drug_b), {})[score.by] = score.score
    parts.append(f"<h5>{SECTION_TITLES['similarity']}</h5>")
    parts.append(
        _html_table(
            ["Pair", "Adverse effects", "Indications", "Mechanisms"],
            (
                [_e(f"{by_id[a]} / {by_id[b]}")]
                + [f"{v.get(k, 0):.2f}" for k in ("adverse_effects", "indications", "mechanisms")]
                for (a, b), v in pairs.items()
            ),
        )
    )
    return "".join(parts)


def drug_html(drug: Drug) -> str:
    parts = [_STYLE, f"<h4>{_e(drug.display_name)}</h4>"]
    facts = [
        ("Kind", _e(drug.kind.value.replace("_", " "))),
        ("Brands", _e(", ".join(drug.brand_names))),
        ("Identifiers", _e(", ".join(f"{k}:{v}" for k, v in drug.identifiers.items()))),
        ("DEA schedule", _e(drug.dea_schedule.label if drug.dea_schedule else "unknown")),
    ]
    parts.append(_html_table(["", ""], ([k, v] for k, v in facts)))
    if drug.indications:
        parts.append("<h5>Indications</h5>")
        parts.append(
            _html_table(
                ["Condition", "Status", "Product", "Note", "Sources"],
                (
                    [
                        _e(i.condition.name),
                        _badge(i.status.label, _STATUS_COLOURS[i.status]),
                        _e(i.product),
                        _e(i.note),
                        _sources_html(i.sources),
                    ]
                    for i in drug.indications
                ),
            )
        )
    if drug.withdrawal is not None:
        w = drug.withdrawal
        parts.append("<h5>Stopping the drug</h5>")
        parts.append(
            _html_table(
                ["Severity", "Symptoms", "Taper guidance", "Sources"],
                [
                    [
                        _badge(w.severity.label, _SEVERITY_COLOURS[w.severity]),
                        _e(", ".join(w.symptoms)),
                        _e(w.taper),
                        _sources_html(w.sources),
                    ]
                ],
            )
        )
    if drug.adverse_effects:
        effects = sorted(
            drug.adverse_effects,
            key=lambda e: (
                -(e.frequency.value if e.frequency and e.frequency.value is not None else -1)
            ),
        )[:20]
        parts.append("<h5>Adverse effects (most frequent)</h5>")
        parts.append(
            _html_table(
                ["Adverse effect", "Incidence", "Sources"],
                (
                    [_e(e.term), _e(frequency_text(e.frequency)), _sources_html(e.sources, 1)]
                    for e in effects
                ),
            )
        )
    return "".join(parts)
