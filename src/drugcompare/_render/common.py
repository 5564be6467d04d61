"""What the text and HTML views share: checked options (``tablefmt``, sections), how figures
and sources are written, and the numbered source references of text tables."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from tabulate import tabulate, tabulate_formats

from .._catalog.args import check_limit
from .._compare.results import SECTIONS, SharedAdverseEffect, SimilarityScore
from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Condition, Frequency, FrequencyOrigin, Indication, IndicationStatus, Source

__all__ = [
    "SECTION_TITLES",
    "IndicationGroup",
    "Mark",
    "References",
    "as_of_lines",
    "bounds_text",
    "check_limit",
    "check_sections",
    "check_tablefmt",
    "effect_names",
    "figure_context",
    "finish",
    "frequency_text",
    "grouped",
    "indication_text",
    "label_date",
    "marker",
    "percent",
    "scoped",
    "similarity_pairs",
    "source_text",
    "sources_text",
    "table",
    "with_mark",
    "wrap",
]


SECTION_TITLES: dict[str, str] = {
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
        return SECTIONS
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


def bounds_text(lower: float, upper: float) -> str:
    if lower == upper:
        return percent(lower)
    if lower == 0:
        return f"<{percent(upper)}"
    if upper == 1:
        return f"≥{percent(lower)}"
    return f"{percent(lower)}-{percent(upper)}"


def frequency_text(freq: Frequency | None, with_placebo: bool = True) -> str:
    """``28% (placebo 8%)``, ``<1%``, ``frequent (≥1%)``, ``warning``, ``8.7% (text-mined)`` ..."""
    if freq is None:
        return "listed"
    if freq.lower is None or freq.upper is None:
        text = (freq.label or "listed").replace("_", " ")
    else:
        text = bounds_text(freq.lower, freq.upper)
        if freq.label and not freq.is_point and freq.label not in ("common", "serious", "other"):
            text = f"{freq.label} ({text})"
        if freq.origin is FrequencyOrigin.TEXT_MINED:
            text += " (text-mined)"
    if with_placebo and freq.placebo_lower is not None and freq.placebo_upper is not None:
        text += f" (placebo {bounds_text(freq.placebo_lower, freq.placebo_upper)})"
    return text


def figure_context(freq: Frequency | None) -> str | None:
    """Where a figure comes from, in a few words: ``Table 3 (gabapentin arm); adults with
    postherpetic neuralgia; N=336 vs 227``, a text-mined row, the products whose label it is."""
    if freq is None:
        return None
    parts = []
    if freq.table:
        parts.append(f"{freq.table} ({freq.arm})" if freq.arm else freq.table)
    if freq.population:
        parts.append(freq.population)
    if freq.n is not None:
        parts.append(f"N={freq.n}" + (f" vs {freq.placebo_n}" if freq.placebo_n else ""))
    if not parts and freq.origin is FrequencyOrigin.TEXT_MINED and freq.value is not None:
        parts.append("a row text-mined from a label, no placebo figure")
    if freq.products:
        parts.append(", ".join(freq.products[:2]) + (" ..." if len(freq.products) > 2 else ""))
    return "; ".join(parts) or None


def label_date(sources: Sequence[Source]) -> str | None:
    """The date of the first label document among ``sources`` (its effective date)."""
    return next((s.date for s in sources if s.kind == "fda_label" and s.date), None)


def scoped(name: str, scope: str | None) -> str:
    """``"baclofen (intrathecal: Lioresal Intrathecal, Gablofen)"`` style: a name and the
    products a fact holds for."""
    return f"{name} ({scope})" if scope else name


def source_text(source: Source) -> str:
    return f"{source.id} {source.section}" if source.section else source.id


def sources_text(sources: Sequence[Source], limit: int = 2) -> str:
    shown = list(dict.fromkeys(source_text(s) for s in sources))
    extra = len(shown) - limit
    return "; ".join(shown[:limit]) + (f" (+{extra})" if extra > 0 else "")


def indication_text(indication: Indication, with_condition: bool) -> str:
    """``approved (focal epilepsy; Neurontin; label 2026-02-18)``: the status, the narrower
    condition it was found for, the products it holds for and its label's date."""
    parts = [indication.status.label]
    detail = []
    if with_condition:
        detail.append(indication.condition.name)
    if indication.scope:
        detail.append(indication.scope)
    date = label_date(indication.sources)
    if date:
        detail.append(f"label {date}")
    if detail:
        parts.append(f"({'; '.join(detail)})")
    return " ".join(parts)


@attrs.frozen
class IndicationGroup:
    """The indications of one drug for one condition and status, shown as one line: every
    product scope and source they give, the newest label date among them."""

    condition: Condition
    status: IndicationStatus
    scopes: tuple[str, ...]
    sources: tuple[Source, ...]
    date: str | None

    def text(self, with_condition: bool, max_scopes: int = 2) -> str:
        detail = [self.condition.name] if with_condition else []
        if self.scopes:
            shown = "; ".join(self.scopes[:max_scopes])
            more = len(self.scopes) - max_scopes
            detail.append(shown + (f" (+{more} more product scopes)" if more > 0 else ""))
        if self.date:
            detail.append(f"label {self.date}")
        return self.status.label + (f" ({'; '.join(detail)})" if detail else "")


def grouped(indications: Iterable[Indication]) -> list[IndicationGroup]:
    """Indications grouped by condition and status, strongest status first: a use several layers
    state (a curated fact, a current label, a 2012 annotation) is one line with all sources."""
    groups: dict[tuple[str, IndicationStatus], list[Indication]] = {}
    for indication in indications:
        groups.setdefault((indication.condition.id, indication.status), []).append(indication)
    out = []
    for (_cid, status), found in groups.items():
        scopes = tuple(dict.fromkeys(i.scope for i in found if i.scope))
        sources = tuple(dict.fromkeys(s for i in found for s in i.sources))
        dates = [d for d in (label_date(i.sources) for i in found) if d]
        out.append(
            IndicationGroup(
                condition=found[0].condition,
                status=status,
                scopes=scopes,
                sources=sources,
                date=max(dates) if dates else None,
            )
        )
    out.sort(key=lambda g: (g.status.rank, g.condition.name.casefold()))
    return out


def wrap(value: Any, width: int | None) -> Any:
    """A text cell wrapped at word boundaries (never inside a word), its own lines kept."""
    if width is None or not isinstance(value, str) or len(value) <= width:
        return value
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or line
        for line in value.split("\n")
    )


def table(
    rows: list[list[Any]],
    headers: Sequence[str],
    tablefmt: str,
    widths: Sequence[int | None],
    floatfmt: str = "g",
) -> str:
    if tablefmt not in ("tsv", "csv", "html", "unsafehtml"):
        rows = [
            [wrap(cell, width) for cell, width in zip(row, widths, strict=False)] for row in rows
        ]
    return tabulate(
        rows, headers=list(headers), tablefmt=tablefmt, floatfmt=floatfmt, missingval="-"
    )


class References:
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

    def layers(self) -> list[str]:
        """The layers of the numbered sources, in order."""
        return list(dict.fromkeys(source.layer for source in self._sources))

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
            if source.date and source.date not in (source.version or ""):
                text += f", dated {source.date}"
            text += f"; layer {source.layer}"
            if source.url:
                text += f"; {source.url}"
            out.append(text)
        return out


def with_mark(text: str, mark: str) -> str:
    return f"{text} {mark}" if mark else text


Mark = Callable[[Sequence[Source]], str]


def effect_names(effects: Sequence[SharedAdverseEffect], names: Sequence[str]) -> list[str]:
    """Column headers: the given drug names, else the drugs of the first effect."""
    if names:
        return list(names)
    return [e.drug_name for e in effects[0].entries] if effects else []


def similarity_pairs(
    scores: Sequence[SimilarityScore],
) -> dict[tuple[str, str], dict[str, float]]:
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    for score in scores:
        pairs.setdefault((score.drug_a, score.drug_b), {})[score.by] = score.score
    return pairs


def finish(lines: list[str], refs: References, as_of: Sequence[tuple[str, str]] = ()) -> str:
    return "\n".join(lines + refs.lines() + as_of_lines(as_of, refs.layers()))


def as_of_lines(as_of: Sequence[tuple[str, str]], layers: Iterable[str] | None = None) -> list[str]:
    """``Data as of: labels 2026-03-13, orange-book 2024-11-08, ...``: what the answer cannot
    know, for the layers it drew on (all given when ``layers`` is None)."""
    wanted = None if layers is None else set(layers)
    dates = [f"{layer} {date}" for layer, date in as_of if wanted is None or layer in wanted]
    if not dates:
        return []
    return [
        "",
        "Data as of (per layer; later approvals, labels and scheduling actions are not known): "
        + ", ".join(dates),
    ]


def marker(refs: References, references: bool) -> Mark:
    def mark(sources: Sequence[Source]) -> str:
        return refs.mark(sources) if references else ""

    return mark
