"""Text, HTML and plain-data output."""

from __future__ import annotations

import json

import pytest

import drugcompare as dc
from drugcompare._convert import converter


@pytest.fixture(scope="module")
def comparison() -> dc.Comparison:
    return dc.compare("diazepam", "baclofen", "pregabalin")


@pytest.mark.parametrize("fmt", ["simple", "github", "grid", "pipe", "plain", "rst"])
def test_every_tabulate_format_renders(comparison: dc.Comparison, fmt: str) -> None:
    text = comparison.to_table(tablefmt=fmt)
    assert "diazepam" in text and "baclofen" in text and "pregabalin" in text


def test_unknown_tablefmt_is_an_error_not_a_fallback(comparison: dc.Comparison) -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown tablefmt 'fancy'.*github"):
        comparison.to_table(tablefmt="fancy")


def test_sections_can_be_chosen(comparison: dc.Comparison) -> None:
    text = comparison.to_table(sections=["withdrawal"])
    assert "Withdrawal and discontinuation" in text
    assert "Shared adverse effects" not in text
    with pytest.raises(dc.InvalidArgumentError, match="unknown section"):
        comparison.to_table(sections=["prices"])


def test_withdrawal_table_shows_symptoms_and_taper(comparison: dc.Comparison) -> None:
    text = comparison.to_table(sections=["withdrawal"], tablefmt="plain")
    for risk in comparison.withdrawal_risks:
        assert risk.severity.label in text
        if risk.taper:
            assert risk.taper.split()[0] in text


def test_html_marks_statuses_and_severities_and_links_sources(comparison: dc.Comparison) -> None:
    html = comparison._repr_html_()
    assert html.count("<table") == 4
    assert "life-threatening" in html
    assert 'href="https://' in html
    assert "<script" not in html


def test_html_escapes_text() -> None:
    source = dc.Source(
        id="s", title="<b>x</b>", license="l", layer="user", url="https://e.org/?a=1&b=2"
    )
    drug = dc.Drug(id="x", name="<script>alert(1)</script>", sources=(source,))
    html = drug._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_drug_renders_as_text_and_html() -> None:
    drug = dc.lookup_drug("baclofen")
    text = str(drug)
    assert "Gablofen" in text or "Lioresal" in text
    assert "life-threatening" in text
    assert "<h4>" in drug._repr_html_()


def test_percentages_keep_their_precision() -> None:
    from drugcompare._render.common import frequency_text

    assert (
        frequency_text(dc.Frequency(lower=0.28, upper=0.28, placebo_lower=0.08, placebo_upper=0.08))
        == "28% (placebo 8%)"
    )
    assert frequency_text(dc.Frequency(lower=0.005, upper=0.005)) == "0.5%"
    assert frequency_text(dc.Frequency(lower=0.0, upper=0.01)) == "<1%"
    assert frequency_text(dc.Frequency(lower=0.01, upper=0.1, label="common")) == "1%-10%"
    assert frequency_text(dc.Frequency(label="postmarketing")) == "postmarketing"
    assert frequency_text(dc.Frequency(lower=0.01, upper=1.0, label="frequent")) == "frequent (≥1%)"


def test_every_drug_round_trips_through_json(catalog: dc.Catalog) -> None:
    conv = converter()
    for drug in catalog.all_drugs():
        data = json.loads(json.dumps(drug.to_dict()))
        assert conv.structure(data, dc.Drug) == drug


def test_comparison_round_trips(comparison: dc.Comparison) -> None:
    conv = converter()
    data = json.loads(json.dumps(conv.unstructure(comparison)))
    assert conv.structure(data, dc.Comparison) == comparison
