"""The tables of the Arrow/Parquet catalog export and their columns: name, type and meaning of
every column, as plain data (no pyarrow), so that the schemas, the field descriptions written into
the files and the documentation all come from this one list.

Column types are closed: ``string``, ``strings`` (a list of strings), ``float64`` (fractions,
0.05 = 5 %), ``int32`` and ``bool``; every column may hold nulls (null: no loaded source says).
Dates stay ISO text (``YYYY-MM-DD``, some source dates ``YYYY-MM``), because a source may give
only a month.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .._errors import InvalidArgumentError, InvalidArgumentTypeError

__all__ = ["TABLES", "TABLE_NAMES", "Column", "ColumnType", "Table", "check_tables"]

ColumnType = Literal["string", "strings", "float64", "int32", "bool"]


@attrs.frozen
class Column:
    name: str
    type: ColumnType
    meaning: str


@attrs.frozen
class Table:
    name: str
    meaning: str
    key: str
    """The column (or columns, comma-separated) whose values are unique in the table."""
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, type_: ColumnType, meaning: str) -> Column:
    return Column(name, type_, meaning)


_ROW_KEY = _c(
    "key",
    "string",
    "Content key of the row: a short hash of its other columns, the same in every export of the "
    "same data (a changed fact gets a new key).",
)
_DRUG_ID = _c("drug_id", "string", "The drug's id (drugs.id).")
_SOURCE_KEYS = _c("source_keys", "strings", "The keys of the sources that state it (sources.key).")
_SCOPE = _c(
    "scope",
    "string",
    "The products it holds for, in words (null: every product of the drug).",
)
_PRODUCTS = _c("products", "strings", "The names of the products it holds for (empty: every one).")

DRUGS = Table(
    "drugs",
    "One row per drug (active ingredient or fixed-dose combination).",
    "id",
    (
        _c(
            "id",
            "string",
            "Stable slug of the drug, e.g. gabapentin: the key every table joins on.",
        ),
        _c("name", "string", "Generic name."),
        _c(
            "kind",
            "string",
            "small_molecule, biologic, protein, botanical, mixture, combination ...",
        ),
        _c("brand_names", "strings", "Brand names."),
        _c("synonyms", "strings", "Other names (for matching free-text drug names)."),
        _c("ingredients", "strings", "For a combination: the drug ids of its active ingredients."),
        _c("rxcui", "strings", "RxNorm concept ids (RxCUI): the join key for US claims data."),
        _c("unii", "strings", "FDA Unique Ingredient Identifiers (UNII)."),
        _c("drugbank", "strings", "DrugBank ids (DB00996)."),
        _c("chembl", "strings", "ChEMBL ids (CHEMBL940)."),
        _c("pubchem_cid", "strings", "PubChem compound ids."),
        _c("drugcentral", "strings", "DrugCentral ids."),
        _c("mesh", "strings", "MeSH ids (descriptor or supplementary concept record)."),
        _c("umls_cui", "strings", "UMLS concept ids of the drug."),
        _c("atc_codes", "strings", "WHO ATC codes."),
        _c("fda_approved", "bool", "An FDA application for exactly this ingredient is approved."),
        _c("first_approval_year", "int32", "Year of the first US approval."),
        _c("first_approval_date", "string", "Date of the first US approval (YYYY-MM-DD)."),
        _c("first_approval_application", "string", "Application of that approval (NDA021723)."),
        _c("first_approval_sponsor", "string", "Sponsor of that application."),
        _c("first_approval_product", "string", "Product (brand) of that approval."),
        _c(
            "us_marketing_status", "strings", "Statuses of its US products (prescription, otc ...)."
        ),
        _c("approved_eu", "bool", "Approved in the EU."),
        _c("approved_japan", "bool", "Approved in Japan."),
        _c("max_phase", "int32", "Highest development phase reached (4 = approved somewhere)."),
        _c("approval_source_keys", "strings", "Sources of the approval columns."),
        _c("dea_schedule", "string", "Federal schedule: I, II, III, IV, V or not_controlled."),
        _c("dea_code", "string", "DEA Controlled Substances Code Number."),
        _c("dea_narcotic", "bool", "The DEA list's narcotic flag."),
        _c("dea_as_of", "string", "Date the source states the schedule as of."),
        _c("dea_note", "string", "Pending actions, state scheduling, why a schedule is undecided."),
        _c("dea_source_keys", "strings", "Sources of the DEA columns."),
        _c("withdrawal_severity", "string", "Severity of its most severe withdrawal entry."),
        _c("notes", "strings", "Curators' caveats: what was looked for and not confirmed."),
        _c("source_keys", "strings", "Sources of the drug's identity."),
    ),
)

PRODUCTS = Table(
    "products",
    "One row per drug and approved product (a combination product is listed under each of "
    "its ingredients' drugs too, where the data gives it to them).",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("name", "string", "Trade name, or the generic name of a generic."),
        _c("brand", "bool", "The name is a brand, not the generic name."),
        _c("ingredients", "strings", "Drug ids of its active ingredients."),
        _c("route", "string", "Route of administration."),
        _c("dosage_form", "string", "Dosage form."),
        _c("strengths", "strings", "Strengths."),
        _c("application", "string", "FDA application, type and number together (NDA020235)."),
        _c("application_type", "string", "NDA, ANDA or BLA."),
        _c("application_number", "string", "Application number."),
        _c("approval_date", "string", "Approval date (YYYY-MM-DD; null before 1982)."),
        _c("marketing_status", "string", "prescription, otc, discontinued or tentative."),
        _c("applicant", "string", "Applicant holder."),
        _c("reference_drug", "bool", "The FDA's reference listed drug for generics of it."),
        _SOURCE_KEYS,
    ),
)

INDICATIONS = Table(
    "indications",
    "One row per drug, condition and statement of a use (a use stated by several sources with "
    "different wording or status has several rows).",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("condition_id", "string", "The condition's id (conditions.id), a CURIE."),
        _c("condition_name", "string", "The condition's name."),
        _c("status", "string", "approved, off_label, listed, investigational or anecdotal."),
        _c("status_rank", "int32", "0 for approved ... 4 for anecdotal: min() is the strongest."),
        _SCOPE,
        _PRODUCTS,
        _c("population", "string", "The population the label sentence names."),
        _c("note", "string", "Line of therapy or caveat, as the source states it."),
        _SOURCE_KEYS,
    ),
)

CONDITIONS = Table(
    "conditions",
    "One row per condition of the catalog's vocabulary.",
    "id",
    (
        _c("id", "string", "CURIE, e.g. DOID:631 or UMLS:C0026838."),
        _c("name", "string", "Name."),
        _c("synonyms", "strings", "Synonyms."),
        _c("aliases", "strings", "Abbreviations and lay terms (GAD, seizures)."),
        _c("parents", "strings", "Ids of the broader conditions it is a kind of."),
        _c("xrefs", "strings", "Cross-references as CURIEs (UMLS:..., MESH:..., DOID:...)."),
    ),
)

ADVERSE_EFFECTS = Table(
    "adverse_effects",
    "One row per drug, adverse effect and reported frequency (one figure from one table row, "
    "sentence or text-mined row); an effect listed without any frequency has one row whose "
    "figures are null.",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("term", "string", "Adverse-effect term (MedDRA preferred term where known)."),
        _c("umls_cui", "string", "UMLS concept id of the term."),
        _c(
            "effect_key",
            "string",
            "Key that matches the effect across drugs: the UMLS CUI, else term:<folded term>.",
        ),
        _c("is_headline", "bool", "This figure is the effect's headline (best-established)."),
        _c("incidence_lower", "float64", "Incidence, lower bound, as a fraction."),
        _c("incidence_upper", "float64", "Incidence, upper bound (equal for a single figure)."),
        _c("placebo_lower", "float64", "Placebo arm's figure in the same row, lower bound."),
        _c("placebo_upper", "float64", "Placebo arm's figure in the same row, upper bound."),
        _c("frequency_label", "string", "A frequency word: common, warning, postmarketing ..."),
        _c("origin", "string", "label_table, label_text, other or text_mined."),
        _c("table_name", "string", "The label table the row is in, e.g. Table 3."),
        _c("arm", "string", "Table column of the incidence (dose or product arm)."),
        _c("n", "int32", "Patients in that arm."),
        _c("placebo_n", "int32", "Patients in the placebo arm of the same table."),
        _c("population", "string", "The trials or population the figures come from."),
        _PRODUCTS,
        _c("source_keys", "strings", "Sources of the figure (of the effect, for a row without)."),
    ),
)

MECHANISMS = Table(
    "mechanisms",
    "One row per drug and mechanism (a target, or a pharmacologic class without a target).",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("mechanism_key", "string", "Key across drugs: gene:<symbol>, target:..., class:..."),
        _c("target", "string", "Target name."),
        _c("gene", "string", "Gene symbol of the target."),
        _c("action", "string", "agonist, antagonist, inhibitor, modulator ..."),
        _c("pharmacologic_class", "string", "Pharmacologic class."),
        _c("description", "string", "Mechanism in words."),
        _SOURCE_KEYS,
    ),
)

WITHDRAWAL = Table(
    "withdrawal",
    "One row per withdrawal (discontinuation) entry: one per drug, or one per product group "
    "whose labels differ.",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("severity", "string", "life_threatening, high, moderate, low, unknown or none."),
        _c("severity_rank", "int32", "0 for life_threatening ... 5 for none: min() is the worst."),
        _c("rule", "int32", "Clause of the severity rule that applied (curated entries)."),
        _c("boxed_warning", "bool", "A boxed warning covers it."),
        _c("symptoms", "strings", "Withdrawal symptoms."),
        _c("onset", "string", "When symptoms start."),
        _c("taper", "string", "How to stop."),
        _c("dependence", "string", "Physical dependence, abuse."),
        _c("note", "string", "Caveat."),
        _SCOPE,
        _PRODUCTS,
        _SOURCE_KEYS,
    ),
)

BOXED_WARNINGS = Table(
    "boxed_warnings",
    "One row per drug and boxed-warning topic.",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("topic", "string", "Topic of the box."),
        _c("summary", "string", "What it says."),
        _SCOPE,
        _PRODUCTS,
        _SOURCE_KEYS,
    ),
)

LIMITATIONS = Table(
    "limitations",
    "One row per 'Limitations of Use' or 'not indicated' statement: never an indication.",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("text", "string", "The statement."),
        _c("condition_id", "string", "The condition it names, where one was recognised."),
        _SCOPE,
        _PRODUCTS,
        _SOURCE_KEYS,
    ),
)

MARKET_WITHDRAWALS = Table(
    "market_withdrawals",
    "One row per withdrawal of a drug from a market (not a discontinuation syndrome).",
    "key",
    (
        _ROW_KEY,
        _DRUG_ID,
        _c("year", "int32", "Year."),
        _c("country", "string", "Country or region."),
        _c("reason", "string", "Reason."),
        _SOURCE_KEYS,
    ),
)

SOURCES = Table(
    "sources",
    "One row per distinct source cited by the exported drugs' facts.",
    "key",
    (
        _c(
            "key", "string", "Short hash of all the source's fields: the same source, the same key."
        ),
        _c("id", "string", "Short id of the document or dataset (one id, many sections)."),
        _c("layer", "string", "The data layer the fact was loaded from."),
        _c("kind", "string", "fda_label, cfr, fda_statement, guideline, trial, dataset ..."),
        _c("title", "string", "Title."),
        _c("publisher", "string", "Publisher."),
        _c("url", "string", "URL."),
        _c("section", "string", "Section, table or record that supports the fact."),
        _c("quote", "string", "Short verbatim quote supporting the fact."),
        _c("version", "string", "Label revision, release or date of the document or dataset."),
        _c("date", "string", "The document's date (YYYY-MM-DD or YYYY-MM)."),
        _c("set_id", "string", "For a label: its DailyMed set id."),
        _c("application", "string", "For a label: its FDA application."),
        _c("file", "string", "For a document of the raw data set: its path there."),
        _c("license", "string", "Licence of the source."),
    ),
)

TABLES: tuple[Table, ...] = (
    DRUGS,
    PRODUCTS,
    INDICATIONS,
    CONDITIONS,
    ADVERSE_EFFECTS,
    MECHANISMS,
    WITHDRAWAL,
    BOXED_WARNINGS,
    LIMITATIONS,
    MARKET_WITHDRAWALS,
    SOURCES,
)
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)


def check_tables(tables: object) -> tuple[str, ...]:
    """The requested table names in export order (every table for ``None``)."""
    if tables is None:
        return TABLE_NAMES
    if isinstance(tables, (str, bytes)):
        raise InvalidArgumentTypeError(
            "tables must be a list of table names, not a single string; use [name]"
        )
    try:
        wanted = set(tables)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidArgumentTypeError(
            f"tables must be a list of table names, not {type(tables).__name__}"
        ) from None
    unknown = sorted(str(t) for t in wanted if t not in TABLE_NAMES)
    if unknown:
        raise InvalidArgumentError(
            f"unknown table {', '.join(map(repr, unknown))}; choose from: {', '.join(TABLE_NAMES)}"
        )
    if not wanted:
        raise InvalidArgumentError("tables is empty; leave it out to export every table")
    return tuple(name for name in TABLE_NAMES if name in wanted)
