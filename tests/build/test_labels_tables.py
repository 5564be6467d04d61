"""Adverse-reaction tables: figures per (table, drug arm) with the placebo figure of the same row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tools.build.labels.adverse_tables import is_adverse_table, read_table
from tools.build.labels.flat_tables import tables_in_text
from tools.build.labels.model import Table
from tools.build.labels.row_terms import term_candidates
from tools.build.labels.spl import read_spl
from tools.build.labels.terms import Term

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
TERMS = {
    "somnolence": "Somnolence",
    "drowsiness": "Somnolence",
    "dizziness": "Dizziness",
    "headache": "Headache",
    "nausea": "Nausea",
    "tremor": "Tremor",
    "asthenia": "Asthenia",
    "fatigue": "Fatigue",
    "thinking abnormal": "Thinking abnormal",
}


def lookup(text: str) -> Any:
    name = TERMS.get(text.lower().strip())
    return Term(name, None) if name else None


def _spl_table() -> Table:
    label = read_spl(FIXTURES / "spl_small.xml")
    return next(t for s in label.walk() for t in s.tables)


def test_spl_figures_use_the_same_row_placebo_only() -> None:
    result = read_table(_spl_table(), ["TESTOLAM"], lookup)
    figures = {(f.term.name, f.arm): f for f in result.figures}
    drowsy = figures[("Somnolence", "Testolam N=100")]
    assert (drowsy.value, drowsy.placebo) == ((0.41, 0.41), (0.22, 0.22))
    assert (drowsy.n, drowsy.placebo_n) == (100, 90)
    assert drowsy.population == "Adults with Generalized Anxiety Disorder"
    assert drowsy.quote == "Drowsiness 41 22 30"
    # "<1" in the placebo cell is not a figure: no placebo for that row
    dizzy = figures[("Dizziness", "Testolam N=100")]
    assert dizzy.placebo is None and dizzy.placebo_n is None
    # the unpacked packed row keeps its own placebo figure
    assert figures[("Nausea", "Testolam N=100")].placebo == (0.04, 0.04)


def test_comparator_columns_totals_and_headers_give_nothing() -> None:
    result = read_table(_spl_table(), ["TESTOLAM"], lookup)
    assert all("Activedrug" not in f.arm for f in result.figures)  # an active comparator
    assert "Tremor" not in {f.term.name for f in result.figures}  # "<1" in the drug arm
    assert result.unmapped == ("Wobbly feeling",)  # reported, never guessed
    labels = {f.label for f in result.figures}
    assert "Any adverse reaction" not in labels and "Nervous System" not in labels


def test_grouped_columns_pair_with_their_own_placebo() -> None:
    table = Table(
        caption="Table 5 Adverse Reactions in Clinical Trials for OCD and PD",
        header=(
            ("Term", "OCD", "OCD", "PD", "PD"),
            ("Term", "Drugol", "Placebo", "Drugol", "Placebo"),
            ("Term", "(n = 542)", "(n = 265)", "(n = 469)", "(n = 324)"),
        ),
        rows=(("Nausea", "23", "10", "14", "5"),),
    )
    result = read_table(table, ["drugol"], lookup)
    pairs = {
        (f.population, f.n, f.placebo_n, f.value[0], f.placebo[0] if f.placebo else None)
        for f in result.figures
    }
    assert pairs == {("OCD", 542, 265, 0.23, 0.10), ("PD", 469, 324, 0.14, 0.05)}


def test_counts_rows_set_subgroup_and_sizes() -> None:
    table = Table(
        caption="Table 8 Adverse Reactions Related to Sexual Dysfunction in Clinical Trials of MDD",
        header=(("", "Drugol", "Placebo"),),
        rows=(("n (males)", "1,446", "1,042"), ("", "%", "%"), ("Nausea", "6 to15", "0 to 5")),
    )
    (figure,) = read_table(table, ["drugol"], lookup).figures
    assert (figure.value, figure.placebo) == ((0.06, 0.15), (0.0, 0.05))
    assert (figure.n, figure.placebo_n, figure.population) == (1446, 1042, "MDD, males")


@pytest.mark.parametrize(
    "caption",
    [
        "Table 3 Adverse Reactions Reported as Leading to Discontinuation in MDD Trials",
        "Table 3: Discontinuation-Emergent Symptom Incidence",
        "Table 5: Incidence of Weight Gain or Weight Loss",
    ],
)
def test_tables_that_are_not_incidence_tables(caption: str) -> None:
    assert not is_adverse_table(Table(caption=caption, header=(), rows=()))


def test_flattened_rows_body_system_headings_and_abbreviations() -> None:
    record = json.loads((FIXTURES / "pharmagraphrag_record.json").read_text())
    text = record["sections"]["adverse_reactions"]
    tables = tables_in_text(text, frozenset({"pregatest"}))
    assert len(tables) == 1  # Table 5 prints its cells column by column: not read
    table = tables[0]
    assert table.caption.startswith("Table 4. Adverse Reaction Incidence")
    assert "Body system" not in table.caption
    result = read_table(table, ["PREGATEST"], lookup)
    got = {
        (f.term.name, f.arm, f.value[0], f.placebo[0] if f.placebo else None)
        for f in result.figures
    }
    assert ("Dizziness", "All PGT * (N=979)", 0.21, 0.05) in got
    assert ("Asthenia", "150 mg/day (N=212)", 0.02, 0.02) in got
    assert ("Thinking abnormal", "All PGT * (N=979)", 0.02, 0.0) in got
    assert all(
        f.population == "Neuropathic Pain Associated with Diabetic Peripheral Neuropathy"
        for f in result.figures
    )
    assert any(q.startswith("Nervous system Dizziness 9 21 5") for q in table.row_quotes)


def test_term_candidates() -> None:
    assert term_candidates("Somnolence1", False)[0] == "Somnolence"
    assert "Dizziness" in term_candidates("Dizziness (not vertigo)", False)
    flat = term_candidates(
        "Gastrointestinal Disorders Nausea Events for which there was a dose effect.", True
    )
    assert "Nausea" in flat and "Gastrointestinal Disorders" not in flat
