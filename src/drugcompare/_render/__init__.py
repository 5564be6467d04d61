"""The render layer: tabulate text for terminals, HTML for Jupyter, pandas DataFrames.

Importing this package registers every view with :mod:`drugcompare._display`, the seam through
which models and results (lower layers) reach it. Nothing here is imported until something is
shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import _display
from . import drug_html, drug_text, frame, html, list_frame, lists, text

_VIEWS: dict[str, Callable[..., Any]] = {
    "drug_text": drug_text.drug_text,
    "drug_html": drug_html.drug_html,
    "condition_text": drug_text.condition_text,
    "condition_html": drug_html.condition_html,
    "comparison_text": text.comparison_text,
    "comparison_html": html.comparison_html,
    "comparison_frame": frame.comparison_frame,
    "effects_text": text.effects_text,
    "effects_html": html.effects_html,
    "effects_frame": frame.effects_frame,
    "overlaps_text": text.overlaps_text,
    "overlaps_html": html.overlaps_html,
    "overlaps_frame": frame.overlaps_frame,
    "withdrawal_text": text.withdrawal_text,
    "withdrawal_html": html.withdrawal_html,
    "withdrawal_frame": frame.withdrawal_frame,
    "similarity_text": text.similarity_text,
    "similarity_html": html.similarity_html,
    "similarity_frame": frame.similarity_frame,
    "similar_drugs_text": text.similar_drugs_text,
    "similar_drugs_html": html.similar_drugs_html,
    "similar_drugs_frame": list_frame.similar_frame,
    "drugs_text": lists.drugs_text,
    "drugs_html": lists.drugs_html,
    "drugs_frame": list_frame.drugs_frame,
    "drugs_for_text": lists.drugs_for_text,
    "drugs_for_html": lists.drugs_for_html,
    "drugs_for_frame": list_frame.drugs_for_frame,
    "layers_text": lists.layers_text,
    "layers_html": lists.layers_html,
}

for _name, _view in _VIEWS.items():
    _display.register(_name, _view)
