"""Lossless data: models and user records survive unstructure -> JSON -> structure unchanged."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drugcompare as dc
from drugcompare._convert import converter

text = st.text(
    alphabet=string.ascii_letters + string.digits + " -éü", min_size=1, max_size=20
).filter(lambda s: s.strip() != "")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True)
fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
sources = st.builds(
    dc.Source,
    id=slugs,
    title=text,
    url=st.none() | st.just("https://example.org/label"),
    license=text,
    section=st.none() | text,
    quote=st.none() | text,
    version=st.none() | text,
    publisher=st.none() | text,
    kind=st.none() | st.sampled_from(["fda_label", "trial", "dataset"]),
    layer=slugs,
)
source_tuples = st.lists(sources, min_size=1, max_size=2).map(tuple)


@st.composite
def frequencies(draw: st.DrawFn) -> dc.Frequency:
    low, high = sorted((draw(fractions), draw(fractions)))
    has_figures = draw(st.booleans())
    placebo = draw(st.booleans()) and has_figures
    p_low, p_high = sorted((draw(fractions), draw(fractions)))
    return dc.Frequency(
        lower=low if has_figures else None,
        upper=high if has_figures else None,
        label=draw(text) if not has_figures or draw(st.booleans()) else None,
        placebo_lower=p_low if placebo else None,
        placebo_upper=p_high if placebo else None,
        population=draw(st.none() | text),
        origin=draw(st.none() | st.sampled_from(dc.FrequencyOrigin)),
        table=draw(st.none() | text),
        arm=draw(st.none() | text),
        n=draw(st.none() | st.integers(1, 10_000)),
        placebo_n=draw(st.integers(1, 10_000)) if placebo and draw(st.booleans()) else None,
        products=tuple(draw(st.lists(text, max_size=2))),
        sources=draw(st.lists(sources, max_size=1).map(tuple)),
    )


conditions = st.builds(
    dc.Condition,
    id=st.from_regex(r"DOID:[0-9]{1,6}", fullmatch=True),
    name=text,
    synonyms=st.lists(text, max_size=2).map(tuple),
    xrefs=st.lists(st.from_regex(r"UMLS:C[0-9]{7}", fullmatch=True), max_size=2).map(tuple),
    parents=st.lists(st.from_regex(r"DOID:[0-9]{1,6}", fullmatch=True), max_size=2).map(tuple),
)
effects = st.builds(
    dc.AdverseEffect,
    term=text,
    umls_cui=st.none() | st.from_regex(r"C[0-9]{7}", fullmatch=True),
    frequencies=st.lists(frequencies(), max_size=3).map(tuple),
    sources=source_tuples,
)
indications = st.builds(
    dc.Indication,
    condition=conditions,
    status=st.sampled_from(dc.IndicationStatus),
    note=st.none() | text,
    product=st.none() | text,
    products=st.lists(text, max_size=2).map(tuple),
    population=st.none() | text,
    sources=source_tuples,
)
products = st.builds(
    dc.Product,
    name=text,
    ingredients=st.lists(slugs, max_size=2).map(tuple),
    route=st.none() | text,
    dosage_form=st.none() | text,
    strengths=st.lists(text, max_size=2).map(tuple),
    application_type=st.none() | st.sampled_from(dc.ApplicationType),
    application_number=st.none() | st.from_regex(r"[0-9]{6}", fullmatch=True),
    approval_date=st.none()
    | st.from_regex(r"(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]", fullmatch=True),
    marketing_status=st.none() | st.sampled_from(dc.MarketingStatus),
    applicant=st.none() | text,
    reference_drug=st.none() | st.booleans(),
    brand=st.booleans(),
    sources=source_tuples,
)
mechanisms = st.builds(
    dc.Mechanism,
    target=text,
    gene=st.none() | text,
    action=st.none() | text,
    pharmacologic_class=st.none() | text,
    description=st.none() | text,
    sources=source_tuples,
)


@st.composite
def drugs(draw: st.DrawFn) -> dc.Drug:
    drug_id = draw(slugs)
    name = draw(text)
    risks = draw(
        st.lists(
            st.builds(
                dc.WithdrawalRisk,
                drug=st.just(drug_id),
                drug_name=st.just(name),
                severity=st.sampled_from(dc.WithdrawalSeverity),
                rule=st.none() | st.integers(1, 6),
                symptoms=st.lists(text, max_size=3).map(tuple),
                taper=st.none() | text,
                boxed_warning=st.booleans(),
                product=st.none() | text,
                products=st.lists(text, max_size=2).map(tuple),
                sources=source_tuples,
            ),
            max_size=2,
        )
    )
    return dc.Drug(
        id=drug_id,
        name=name,
        brand_names=tuple(draw(st.lists(text, max_size=2))),
        kind=draw(st.sampled_from(dc.DrugKind)),
        identifiers=dc.Identifiers(
            rxcui=tuple(draw(st.lists(st.from_regex(r"[0-9]{3,7}", fullmatch=True), max_size=2)))
        ),
        mechanisms=tuple(draw(st.lists(mechanisms, max_size=2))),
        indications=tuple(draw(st.lists(indications, max_size=2))),
        adverse_effects=tuple(draw(st.lists(effects, max_size=3))),
        withdrawal_risks=tuple(risks),
        dea=draw(
            st.none()
            | st.builds(
                dc.DeaScheduling,
                schedule=st.sampled_from(dc.DeaSchedule),
                code=st.none() | st.from_regex(r"[0-9]{4}", fullmatch=True),
                narcotic=st.none() | st.booleans(),
                as_of=st.none() | st.just("2020-08-20"),
                note=st.none() | text,
                sources=source_tuples,
            )
        ),
        approval=draw(
            st.none()
            | st.builds(
                dc.Approval,
                fda_approved=st.none() | st.booleans(),
                first_approval_year=st.none() | st.integers(1938, 2026),
                first_approval_date=st.none() | st.just("1993-12-30"),
                application=st.none() | st.just("NDA020235"),
                us_marketing_status=st.lists(st.sampled_from(dc.MarketingStatus), max_size=2).map(
                    tuple
                ),
                approved_eu=st.none() | st.booleans(),
                sources=source_tuples,
            )
        ),
        products=tuple(draw(st.lists(products, max_size=2))),
        ingredients=tuple(draw(st.lists(slugs, max_size=2))),
        sources=draw(source_tuples),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drugs())
def test_any_valid_drug_round_trips_through_json(drug: dc.Drug) -> None:
    conv = converter()
    data = json.loads(json.dumps(conv.unstructure(drug)))
    assert conv.structure(data, dc.Drug) == drug


def _record(drug: dc.Drug) -> dict[str, Any]:
    """A user-layer record carrying the drug's adverse effects and indications."""
    cite = [{"doc": "doc"}]
    return {
        "id": drug.id,
        "name": drug.name,
        "cite": cite,
        "adverse_effects": [
            {
                "term": e.term,
                **({"umls_cui": e.umls_cui} if e.umls_cui else {}),
                "frequencies": [
                    {
                        k: v
                        for k, v in {
                            "lower": f.lower,
                            "upper": f.upper,
                            "label": f.label,
                            "placebo_lower": f.placebo_lower,
                            "placebo_upper": f.placebo_upper,
                            "population": f.population,
                        }.items()
                        if v is not None
                    }
                    for f in e.frequencies
                ],
                "cite": cite,
            }
            for e in drug.adverse_effects
        ],
        "indications": [
            {"condition": "DOID:631", "status": i.status.value, "cite": cite}
            for i in drug.indications
        ],
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drugs())
def test_user_records_load_without_loss(tmp_path: Path, drug: dc.Drug) -> None:
    # One frequency list per term: the loader merges effects that share a key, as documented.
    keys = [e.key for e in drug.adverse_effects]
    if len(keys) != len(set(keys)) or dc.get_drug(drug.id) is not None:
        return
    layer = {
        "format": 1,
        "layer": {"id": "test-layer", "name": "t", "version": "1", "license": "CC0-1.0"},
        "documents": {"doc": {"title": "A document", "url": "https://example.org"}},
        "drugs": [_record(drug)],
    }
    path = tmp_path / "layer.json"
    path.write_text(json.dumps(layer), encoding="utf-8")
    loaded = dc.load_catalog(extra=path).by_id(drug.id)
    assert loaded.name == drug.name
    got = {
        e.key: [
            (f.lower, f.upper, f.label, f.placebo_lower, f.placebo_upper, f.population)
            for f in e.frequencies
        ]
        for e in loaded.adverse_effects
    }
    want = {
        e.key: [
            (f.lower, f.upper, f.label, f.placebo_lower, f.placebo_upper, f.population)
            for f in e.frequencies
        ]
        for e in drug.adverse_effects
    }
    assert got == want
    assert sorted(
        i.status.value
        for i in loaded.indications
        if any(s.layer == "test-layer" for s in i.sources)
    ) == sorted(i.status.value for i in drug.indications)
