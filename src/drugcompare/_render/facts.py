"""One-line summaries of a drug's regulatory facts, shared by its text and HTML views: its US
approval, its federal schedule, its products and what stopping it does."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Approval, DeaScheduling, Drug, MarketingStatus, Product

__all__ = ["approval_text", "products_rows", "schedule_text", "short_list"]


def short_list(items: Sequence[str], limit: int = 8) -> str | None:
    """``"a, b, c ... (+5 more)"``, or None for nothing."""
    if not items:
        return None
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" ... (+{more} more)" if more > 0 else "")


def approval_text(approval: Approval | None) -> str:
    """``FDA approved 1993-12-30 (NDA020235, Neurontin, Viatris); US: prescription, discontinued;
    also approved in the EU`` ... or what is not known."""
    if approval is None:
        return "FDA approval unknown (no loaded source says)"
    text = {True: "FDA approved", False: "not FDA approved", None: "FDA approval unknown"}[
        approval.fda_approved
    ]
    when = approval.first_approval_date or (
        str(approval.first_approval_year) if approval.first_approval_year else None
    )
    detail = [p for p in (approval.application, approval.first_product, approval.sponsor) if p]
    if when:
        text += f" {when}"
    if detail:
        text += f" ({', '.join(detail)})"
    if approval.us_marketing_status:
        text += "; US products: " + ", ".join(s.label for s in approval.us_marketing_status)
    abroad = [
        place
        for place, flag in (("the EU", approval.approved_eu), ("Japan", approval.approved_japan))
        if flag
    ]
    if abroad:
        text += f"; also approved in {' and '.join(abroad)}"
    return text


def schedule_text(dea: DeaScheduling | None) -> str:
    """``C-V (DEA code 2782) as of 2020-08-20`` or ``unknown``, with the note's caveat."""
    if dea is None:
        return "unknown (no loaded source states it)"
    text = dea.schedule.label if dea.schedule is not None else "undecided"
    if dea.code:
        text += f" (DEA code {dea.code}{', narcotic' if dea.narcotic else ''})"
    if dea.as_of:
        text += f" as of {dea.as_of}"
    if dea.note:
        text += f"; {dea.note}"
    return text


_STATUS_ORDER = {status: rank for rank, status in enumerate(MarketingStatus)}


def products_rows(drug: Drug, limit: int | None) -> list[list[str | None]]:
    """One row per product, brands first, current before discontinued: name, form and route,
    application, approval date, status."""
    ordered = sorted(
        drug.products,
        key=lambda p: (
            not p.brand,
            _STATUS_ORDER.get(p.marketing_status, 9) if p.marketing_status else 9,
            p.name.casefold(),
            p.application or "",
        ),
    )
    shown = ordered if limit is None else ordered[:limit]
    return [_row(p) for p in shown]


def _row(product: Product) -> list[str | None]:
    form = ", ".join(p for p in (product.dosage_form, product.route) if p) or None
    return [
        product.name,
        form,
        product.application,
        product.approval_date,
        product.marketing_status.label if product.marketing_status else None,
    ]
