"""The label readers: SPL XML, openFDA records (single, bulk, zipped bulk), medguard and
PharmaGraphRAG variants, flattened-text structure."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from tools.build.labels.flat import sentences, split_numbered, title_length
from tools.build.labels.openfda import iter_bulk, label_from_record, read_json_labels
from tools.build.labels.sources import inferred_ids
from tools.build.labels.spl import read_spl, split_heading

FIXTURES = Path(__file__).parent / "fixtures" / "labels"


def test_spl_metadata_and_products() -> None:
    label = read_spl(FIXTURES / "spl_small.xml", FIXTURES.parent)
    assert label.set_id == "bbbbbbbb-0000-0000-0000-000000000002"
    assert label.spl_id == "aaaaaaaa-0000-0000-0000-000000000001"
    assert (label.version, label.date) == ("3", "2026-01-05")
    assert label.labeler == "Example Pharma, Inc."
    assert label.file == "labels/spl_small.xml"
    assert label.substance_names == ("TESTOLAM",)  # the active moiety, not the salt
    assert label.unii == ("MOIETY0001",)
    assert label.application_numbers == ("NDA012345",)
    assert (label.routes, label.dosage_forms) == (("ORAL",), ("TABLET",))


def test_spl_sections_by_code_and_number() -> None:
    label = read_spl(FIXTURES / "spl_small.xml")
    kinds = {s.heading: s.kind for s in label.walk()}
    assert kinds["5.3 Dependence and Withdrawal Reactions"] == "warnings_and_precautions"
    assert kinds["6.1 Clinical Trials Experience"] == "adverse_reactions"  # no code: parent's
    assert kinds["9.1 Controlled Substance"] == "controlled_substance"
    box = label.of_kind("boxed_warning")[0]
    assert box.title.startswith("WARNING: RISKS FROM")
    assert "life-threatening" in box.text


def test_spl_table_header_packed_rows_and_footnotes() -> None:
    label = read_spl(FIXTURES / "spl_small.xml")
    table = next(t for s in label.walk() for t in s.tables)
    assert table.caption.startswith("Table 2:")
    assert table.header == (("", "Testolam N=100 %", "Placebo N=90 %", "Activedrug N=95 %"),)
    labels = [r[0] for r in table.rows]
    assert labels[:4] == ["Nervous System", "Drowsiness", "Dizziness*", "Headache"]
    assert ("Nausea", "8", "4", "5") in table.rows  # a packed row, unpacked line by line
    assert table.footnotes == ("a Plus background therapy",)
    assert table.intro.startswith("Table 2 lists")


def test_split_heading() -> None:
    assert split_heading("5.3 Dependence and Withdrawal Reactions") == (
        "5.3",
        "Dependence and Withdrawal Reactions",
    )
    assert split_heading("b. Abrupt Drug Withdrawal:") == (None, "b. Abrupt Drug Withdrawal")


def test_bulk_is_streamed_record_by_record() -> None:
    text = (FIXTURES / "bulk.json").read_text()
    records = list(iter_bulk(io.StringIO(text), chunk_size=7))
    assert [r["set_id"][:8] for r in records] == ["cccccccc", "eeeeeeee"]


def test_bulk_json_and_zip_give_the_same_labels(tmp_path: Path) -> None:
    archive = tmp_path / "drug-label-0001-of-0001.json.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(FIXTURES / "bulk.json", "drug-label-0001-of-0001.json")
    plain = list(read_json_labels(FIXTURES / "bulk.json"))
    zipped = list(read_json_labels(archive))
    assert [lb.set_id for lb in plain] == [lb.set_id for lb in zipped]
    first = plain[0]
    assert (first.version, first.date, first.labeler) == ("7", "2025-11-30", "Example Labs")
    assert first.file == "bulk.json#0" and zipped[0].file.endswith(
        "!drug-label-0001-of-0001.json#0"
    )
    table = next(t for s in first.walk() for t in s.tables)
    assert table.rows == (("Fatigue", "10", "5"),)
    assert [s.number for s in first.walk() if s.kind == "adverse_reactions"] == ["6", "6.1"]


def test_single_record_list_and_subsections(tmp_path: Path) -> None:
    record = json.loads((FIXTURES / "bulk.json").read_text())["results"][0]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record))
    (label,) = read_json_labels(path)
    warnings = label.of_kind("warnings_and_precautions")[0]
    assert [(c.number, c.title) for c in warnings.children] == [
        ("5.1", "Abrupt Cessation of Therapy"),
        ("5.2", "Bradycardia"),
    ]
    assert warnings.children[0].text.startswith("Following abrupt cessation")
    assert "(see 5.1)" in warnings.children[1].text  # a cross-reference is not a heading
    nine = label.of_kind("drug_abuse_and_dependence")[0]
    assert [c.kind for c in nine.children] == ["controlled_substance"]


def test_medguard_and_pharmagraphrag_variants() -> None:
    medguard = label_from_record(
        json.loads((FIXTURES / "medguard_record.json").read_text()), "m.json"
    )
    assert medguard.source == "medguard" and medguard.fetched == "2026-07-15"
    assert medguard.set_id == "12121212-0000-0000-0000-000000000007" and medguard.date is None
    ids = {"set_id": "s", "spl_id": "p", "application": "ANDA000001", "note": "inferred"}
    record = json.loads((FIXTURES / "pharmagraphrag_record.json").read_text())
    label = label_from_record(record, "p.json", ids=ids)
    assert (label.source, label.set_id, label.application_numbers) == (
        "pharmagraphrag",
        "s",
        ("ANDA000001",),
    )
    assert label.note == "inferred"
    assert label_from_record(record, "p.json").set_id is None


def test_inferred_ids_from_source_txt(tmp_path: Path) -> None:
    source = tmp_path / "SOURCE.txt"
    source.write_text(
        "gabapentin.json  chars=1  sha256=x\n"
        "  medguard match (inferred): set_id 01b810b7-f4c8-4412-bbc5-b9220d8770d8, spl_id "
        "6a6e1a33-d95c-4ab1-a9f9-1dada8330ca9, application ANDA206943\n"
        "lamotrigine.json  chars=2  sha256=y\n  -> no set_id/spl_id can be inferred\n"
    )
    ids = inferred_ids(source)
    assert ids["gabapentin.json"]["application"] == "ANDA206943"
    assert "lamotrigine.json" not in ids


def test_flat_structure() -> None:
    lead, parts = split_numbered(
        "5 W Lead ( 5.2 ) 5.1 Alpha Beta Text here. 2.4 Psychiatric 5 5.2 Gamma The text is here.",
        "5",
    )
    assert lead == "5 W Lead ( 5.2 )"
    assert [(n, t) for n, t, _ in parts] == [("5.1", "Alpha Beta"), ("5.2", "Gamma")]
    assert (
        title_length(["Dependence", "and", "withdrawal", "reactions", "Abrupt", "discontinuation"])
        == 4
    )
    assert sentences("Use e.g. tablets. Then stop. Done") == [
        "Use e.g. tablets.",
        "Then stop.",
        "Done",
    ]


def test_a_subsection_heading_printed_before_a_sentence_is_left_out() -> None:
    from tools.build.labels.flat import strip_heading

    text = (
        "2.6 Discontinuation of Eslicarbazepine Acetate Tablets When discontinuing "
        "eslicarbazepine acetate tablets, reduce the dosage gradually."
    )
    assert strip_heading(text).startswith("When discontinuing eslicarbazepine")
    # Not a heading: a sentence that starts with a figure, or no title rule match.
    assert strip_heading("Taper the dose over 2 weeks.") == "Taper the dose over 2 weeks."
    assert strip_heading("2.4 Psychiatric disorders are common.") == (
        "2.4 Psychiatric disorders are common."
    )
