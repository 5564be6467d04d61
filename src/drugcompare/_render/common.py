"""What the text and HTML views share: checked options (``tablefmt``, sections), how figures
and sources are written, and the numbered source references of text tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tabulate import tabulate, tabulate_formats

from .._catalog.args import check_limit
from .._compare.results import SECTIONS, SharedAdverseEffect, SimilarityScore
from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Frequency, Indication, Source

__all__ = [
    "SECTION_TITLES",
    "Mark",
    "References",
    "bounds_text",
    "check_limit",
    "check_sections",
    "check_tablefmt",
    "effect_names",
    "finish",
    "frequency_text",
    "indication_text",
    "marker",
    "percent",
    "similarity_pairs",
    "source_text",
    "sources_text",
    "table",
    "with_mark",
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
    """``28% (placebo 8%)``, ``<1%``, ``frequent (≥1%)``, ``postmarketing`` ..."""
    if freq is None:
        return "listed"
    if freq.lower is None or freq.upper is None:
        text = freq.label or "listed"
    else:
        text = bounds_text(freq.lower, freq.upper)
        if freq.label and not freq.is_point and freq.label not in ("common", "serious", "other"):
            text = f"{freq.label} ({text})"
    if with_placebo and freq.placebo_lower is not None and freq.placebo_upper is not None:
        text += f" (placebo {bounds_text(freq.placebo_lower, freq.placebo_upper)})"
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


def table(
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


def finish(lines: list[str], refs: References) -> str:
    return "\n".join(lines + refs.lines())


def marker(refs: References, references: bool) -> Mark:
    def mark(sources: Sequence[Source]) -> str:
        return refs.mark(sources) if references else ""

    return mark
