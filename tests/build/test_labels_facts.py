"""Label facts: boxed-warning topics, the withdrawal severity rule, the 9.1 schedule, products,
brands and the approval decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tools.build.labels.boxed import box_topics, sentence_case
from tools.build.labels.model import Label, Section
from tools.build.labels.openfda import label_from_record
from tools.build.labels.products import brand_names, can_approve, fold_brand, substances
from tools.build.labels.schedule import schedule_of
from tools.build.labels.spl import read_spl
from tools.build.labels.withdrawal import withdrawal_of

FIXTURES = Path(__file__).parent / "fixtures" / "labels"


def _label(*sections: Section, **fields: object) -> Label:
    base: dict[str, object] = {
        "source": "openfda", "file": "x.json", "set_id": "s", "spl_id": None, "version": None,
        "date": None, "labeler": None, "title": None, "sections": sections,
    }  # fmt: skip
    base.update(fields)
    return Label(**base)  # type: ignore[arg-type]


def _section(kind: str, text: str, title: str = "", number: str | None = None) -> Section:
    return Section(number=number, title=title or kind.upper(), code=None, kind=kind, text=text)


def test_box_heading_topics() -> None:
    topics = box_topics(
        "",
        "WARNING: RISKS FROM CONCOMITANT USE WITH OPIOIDS; ABUSE, MISUSE, AND ADDICTION; and "
        "DEPENDENCE AND WITHDRAWAL REACTIONS Concomitant use may result in death. The continued "
        "use may lead to clinically significant physical dependence.",
    )
    assert [t.topic for t in topics] == [
        "Risks from concomitant use with opioids",
        "Abuse, misuse, and addiction",
        "Dependence and withdrawal reactions",
    ]
    assert topics[2].quote.startswith("The continued use may lead")


def test_box_lower_case_and_separates_topics_but_adjectives_do_not() -> None:
    two = box_topics(
        "", "WARNING: SERIOUS INFECTIONS and MALIGNANCY SERIOUS INFECTIONS Patients are at risk."
    )
    assert [t.topic for t in two] == ["Serious infections", "Malignancy"]
    one = box_topics(
        "", "WARNING: PULMONARY, HEPATIC and CARDIAC TOXICITY Pacerone can cause toxicity."
    )
    assert [t.topic for t in one] == ["Pulmonary, hepatic and cardiac toxicity"]
    same = box_topics(
        "", "WARNING: SUICIDAL THOUGHTS AND BEHAVIORS Antidepressants increased the risk."
    )
    assert [t.topic for t in same] == ["Suicidal thoughts and behaviors"]


def test_box_names_and_fallbacks() -> None:
    trimmed = box_topics(
        "",
        "WARNING: RISK OF HEPATOTOXICITY JUXTAPID can cause elevations.",
        frozenset({"juxtapid"}),
    )
    assert [t.topic for t in trimmed] == ["Risk of hepatotoxicity"]
    plain = box_topics(
        "",
        "WARNING Cisplatin should be administered under the supervision of a qualified physician.",
    )
    assert (
        plain[0].topic.startswith("Cisplatin should be administered") and not plain[0].from_heading
    )
    assert box_topics("", "BOXED WARNING") == []
    assert (
        sentence_case("INCREASED MORTALITY IN HIV PATIENTS")
        == "Increased mortality in HIV patients"
    )


def test_withdrawal_clause_1_and_box() -> None:
    risk = withdrawal_of(read_spl(FIXTURES / "spl_small.xml"))
    assert risk is not None
    assert (risk.severity, risk.rule, risk.boxed) == ("life_threatening", 1, True)
    assert risk.symptoms == ("anxiety", "insomnia", "tremor", "seizures")
    assert risk.taper is not None and "gradual taper" in risk.taper
    assert all(len(quote) for _section, quote in risk.cites)


def test_withdrawal_clause_2_old_format_and_neonatal_note() -> None:
    record = json.loads((FIXTURES / "medguard_record.json").read_text())
    risk = withdrawal_of(label_from_record(record, "m.json"))
    assert risk is not None and (risk.severity, risk.rule, risk.boxed) == ("high", 2, False)
    assert risk.symptoms == ("hallucinations", "seizures")
    assert risk.note is not None and "neonatal" in risk.note


@pytest.mark.parametrize(
    ("text", "severity", "rule"),
    [
        ("Antiepileptic drugs should not be abruptly discontinued because of the possibility of "
         "increasing seizure frequency and status epilepticus, which can be life-threatening.", "moderate", 3),
        ("Adverse reactions after abrupt discontinuation include: nausea, dizziness, and anxiety.", "moderate", 3),
        ("When discontinuing, the dose should be reduced gradually.", "low", 4),
        ("Patients may precipitate opioid withdrawal when given this antagonist.", None, None),
        ("Withdrawal of a concomitant CYP3A4 inducer can result in fatal overdose.", None, None),
    ],
)  # fmt: skip
def test_withdrawal_rule_clauses(text: str, severity: str | None, rule: int | None) -> None:
    risk = withdrawal_of(_label(_section("warnings", text)))
    assert (risk.severity if risk else None, risk.rule if risk else None) == (severity, rule)


def test_withdrawal_none_from_section_9_and_neonatal_box_only() -> None:
    nine = _section(
        "dependence", "There were no reported withdrawal symptoms with drugol.", "Dependence", "9.3"
    )
    risk = withdrawal_of(_label(nine))
    assert risk is not None and (risk.severity, risk.rule) == ("none", 5)
    box = _section(
        "boxed_warning",
        "Prolonged use during pregnancy can result in neonatal opioid withdrawal syndrome.",
    )
    warn = _section(
        "warnings", "Do not abruptly discontinue drugol in a physically dependent patient."
    )
    opioid = withdrawal_of(_label(box, warn))
    assert opioid is not None and opioid.boxed is False
    assert opioid.note == "the boxed warning names neonatal withdrawal only (not the patient's own)"


def test_schedule_statements() -> None:
    statement = schedule_of(read_spl(FIXTURES / "spl_small.xml"))
    assert statement is not None and statement.schedule == "IV"
    assert statement.section == "9.1 Controlled Substance"
    not_controlled = _section(
        "controlled_substance", "Drugol is not a controlled substance.", number="9.1"
    )
    assert schedule_of(_label(not_controlled)).schedule == "not_controlled"  # type: ignore[union-attr]
    assert (
        schedule_of(_label(_section("warnings", "oxycodone, a Schedule II controlled substance")))
        is None
    )


def test_products_brands_and_approval() -> None:
    assert fold_brand("ADDERALL XR 10 MG") == "Adderall XR"
    assert fold_brand("MOUNJARO (AUTOINJECTOR)") == "Mounjaro"
    generic = _label(brand_names=("Duloxetine Delayed-Release",), generic_names=("DULOXETINE HYDROCHLORIDE",),
                     substance_names=("DULOXETINE HYDROCHLORIDE",), application_numbers=("ANDA203088",))  # fmt: skip
    assert brand_names(generic) == [] and can_approve(generic, mirror=False)
    brand = _label(brand_names=("NEURONTIN",), generic_names=("GABAPENTIN",), substance_names=("GABAPENTIN",),
                   application_numbers=("NDA020235",))  # fmt: skip
    assert brand_names(brand) == ["Neurontin"] and not can_approve(brand, mirror=True)
    otc = _label(brand_names=("Pain Reliever",), generic_names=("ACETAMINOPHEN",), substance_names=("ACETAMINOPHEN",),
                 application_numbers=("M013",))  # fmt: skip
    assert brand_names(otc) == [] and not can_approve(otc, mirror=False)
    combo = _label(
        generic_names=("LEVONORGESTREL AND ETHINYL ESTRADIOL",), application_numbers=("ANDA206850",)
    )
    assert substances(combo) == ["LEVONORGESTREL", "ETHINYL ESTRADIOL"]
    assert not can_approve(combo, mirror=False)
    strength = _label(generic_names=("CLOBETASOL PROPIONATE OINTMENT USP, 0.05%",))
    assert substances(strength) == ["CLOBETASOL PROPIONATE OINTMENT USP"]
