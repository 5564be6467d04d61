"""The rules of the curated TOML format (docs/curation.md): which keys each table takes, the
allowed values, and the patterns of ids, dates and label documents. Enum values come from the
library's own models, so the build never spells them twice."""

from __future__ import annotations

import re

from drugcompare._text import SLUG_PATTERN
from drugcompare.model import DeaSchedule, DrugKind, IndicationStatus, WithdrawalSeverity

from ..common import REPO  # noqa: F401 - puts the library on the path first

LAYER_ID = "curated"
MAX_QUOTE = 200

STATUSES = {s.name for s in IndicationStatus if s is not IndicationStatus.LISTED}
"""Curated statuses: every status but LISTED (which only databases give)."""
RULE_CLAUSES = {
    1: WithdrawalSeverity.LIFE_THREATENING,
    2: WithdrawalSeverity.HIGH,
    3: WithdrawalSeverity.MODERATE,
    4: WithdrawalSeverity.LOW,
    5: WithdrawalSeverity.NONE,
    6: WithdrawalSeverity.UNKNOWN,
}
SEVERITY_BY_RULE = {clause: severity.name for clause, severity in RULE_CLAUSES.items()}
"""The severity each clause of the withdrawal rule gives (docs/curation.md)."""
SCHEDULES = {s.name for s in DeaSchedule}
KINDS = {k.value for k in DrugKind if k is not DrugKind.UNKNOWN}
CATEGORIES = {"common", "serious", "postmarketing", "other"}
IDENTIFIER_KEYS = {
    "rxcui",
    "unii",
    "drugbank",
    "chembl",
    "pubchem_cid",
    "mesh",
    "umls_cui",
    "drugcentral",
}

SOURCE_KINDS = {
    "fda_label",
    "cfr",
    "fda_statement",
    "dea_statement",
    "guideline",
    "review",
    "trial",
    "foreign_label",
    "label_mirror",
    "other",
}
# Where FDA and NLM publish label documents: a source of kind "fda_label" must be one of these
# (a third party's copy of label text is a "label_mirror").
FDA_DOMAINS = (
    "dailymed.nlm.nih.gov",
    "www.accessdata.fda.gov",
    "accessdata.fda.gov",
    "www.fda.gov",
    "fda.gov",
    "api.fda.gov",
    "open.fda.gov",
    "download.open.fda.gov",
    "bionlp.nlm.nih.gov",
    "www.nlm.nih.gov",
    "nctr-crs.fda.gov",
)
SET_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?\Z")
APPLICATION = re.compile(r"(NDA|ANDA|BLA)\d{6}\Z")

TOP_KEYS = {
    "schema",
    "id",
    "name",
    "kind",
    "brand_names",
    "synonyms",
    "atc_codes",
    "curated_on",
    "notes",
    "identifiers",
    "dea_schedule",
    "approval",
    "sources",
    "indications",
    "mechanisms",
    "adverse_effects",
    "withdrawal",
    "boxed_warnings",
    "market_withdrawals",
    "limitations",
}
TABLE_KEYS = {
    "dea_schedule": ({"value", "code", "narcotic", "evidence"}, {"value", "evidence"}),
    "approval": ({"fda_approved", "first_us_approval", "evidence"}, {"fda_approved", "evidence"}),
    "sources": (
        {
            "title",
            "url",
            "publisher",
            "version",
            "kind",
            "license",
            "set_id",
            "date",
            "file",
            "application",
        },
        {"title", "url", "kind"},
    ),
    "indications": (
        {
            "condition",
            "condition_name",
            "parent",
            "status",
            "product",
            "products",
            "population",
            "note",
            "evidence",
        },
        {"condition", "condition_name", "status", "evidence"},
    ),
    "mechanisms": (
        {"target", "gene", "action", "pharmacologic_class", "description", "evidence"},
        {"evidence"},
    ),
    "adverse_effects": (
        {
            "term",
            "umls_cui",
            "incidence",
            "placebo",
            "category",
            "population",
            "table",
            "arm",
            "n",
            "placebo_n",
            "products",
            "evidence",
        },
        {"term", "category", "evidence"},
    ),
    "withdrawal": (
        {
            "severity",
            "rule",
            "symptoms",
            "onset",
            "taper",
            "boxed_warning",
            "dependence",
            "note",
            "product",
            "products",
            "evidence",
        },
        {"severity", "rule", "evidence"},
    ),
    "boxed_warnings": (
        {"topic", "summary", "product", "products", "evidence"},
        {"topic", "summary", "evidence"},
    ),
    "market_withdrawals": ({"year", "country", "reason", "evidence"}, {"evidence"}),
    "limitations": (
        {"text", "condition", "condition_name", "parent", "product", "products", "evidence"},
        {"text", "evidence"},
    ),
}
EVIDENCE_KEYS = {"source", "section", "quote"}
SLUG = re.compile(SLUG_PATTERN + r"\Z")
CONDITION_ID = re.compile(r"(DOID:\d+|UMLS:C\d{7}|DC:[a-z0-9]+(?:-[a-z0-9]+)*)\Z")
