"""Ingredient-name rules of the regulatory build: the word lists and the candidate names an FDA
ingredient string is tried under, from most to least specific.

An Orange Book or Drugs@FDA ingredient is an UPPER CASE name that may carry a salt, a hydrate, an
ester or a physical-form qualifier ("FLUOXETINE HYDROCHLORIDE", "AMPICILLIN/AMPICILLIN
TRIHYDRATE", "GRISEOFULVIN, MICROSIZE", "METHYLPREDNISOLONE SODIUM SUCCINATE"). The rule, applied
in this order by :func:`candidates` (the first candidate that names a known drug wins):

1. the whole name (so a prodrug or ester with its own drug record, "GABAPENTIN ENACARBIL", is
   never folded into its parent);
2. the name without FDA's four-letter suffix of a biological product ("LECANEMAB-IRMB" ->
   "lecanemab"), and with a comma qualifier turned around ("ESTROGENS, CONJUGATED" -> "conjugated
   estrogens") or, for a physical-form qualifier only, dropped ("GRISEOFULVIN, MICROSIZE");
3. the name without cation words anywhere ("SODIUM NITROPRUSSIDE" -> "nitroprusside");
4. the name with trailing counter-ion, hydrate or ester words removed one at a time
   ("DEXAMETHASONE SODIUM PHOSPHATE" -> "dexamethasone sodium" -> "dexamethasone").

5. the acid of a salt ("MYCOPHENOLIC SODIUM" -> "mycophenolic acid", "VALPROATE SODIUM" ->
   "valproic acid").

A candidate never consists of salt words alone ("POTASSIUM CHLORIDE" is not reduced to
"potassium"). A name that names no known drug becomes a new drug named by :func:`moiety_name`:
trailing counter-ions and hydrates removed, esters kept (the ester may be the drug).
"""

from __future__ import annotations

import re

from drugcompare._text import normalize

# Cations and bases removed wherever they stand ("sodium nitroprusside", "dexamethasone sodium
# phosphate"); also removed when trailing.
CATIONS = frozenset(
    {
        "sodium",
        "disodium",
        "trisodium",
        "potassium",
        "dipotassium",
        "calcium",
        "magnesium",
        "meglumine",
        "dimeglumine",
        "tromethamine",
        "olamine",
        "diolamine",
        "erbumine",
    }
)

# Counter-ions, resin carriers, solvates and hydrates: never part of the active moiety.
COUNTER_IONS = CATIONS | frozenset(
    {
        "hydrochloride",
        "dihydrochloride",
        "tetrahydrochloride",
        "camsylate",
        "hcl",
        "hydrobromide",
        "hydroiodide",
        "mesylate",
        "mesilate",
        "dimesylate",
        "maleate",
        "fumarate",
        "hemifumarate",
        "tartrate",
        "bitartrate",
        "citrate",
        "sulfate",
        "sulphate",
        "hemisulfate",
        "bisulfate",
        "succinate",
        "besylate",
        "besilate",
        "tosylate",
        "hyclate",
        "napsylate",
        "lactate",
        "gluconate",
        "oxalate",
        "chloride",
        "bromide",
        "iodide",
        "phosphate",
        "diphosphate",
        "malate",
        "edisylate",
        "isethionate",
        "pamoate",
        "polistirex",
        "polacrilex",
        "xinafoate",
        "trifenatate",
        "methylsulfate",
        "nitrate",
        "saccharate",
        "aspartate",
        "adipate",
        "terephthalate",
        "zinc",
        "choline",
        "lysine",
        "ditromethamine",
        "hydrate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
        "hemihydrate",
        "sesquihydrate",
        "heptahydrate",
        "anhydrous",
    }
)

# Ions that are the substance itself when nothing but salt words remains ("FERRIC AMMONIUM
# CITRATE" is not "ferric ammonium").
ION_WORDS = frozenset({"ammonium", "ferric", "ferrous", "cupric", "aluminum", "lithium", "bismuth"})

# Ester and salt words removed only when the remaining name is a known drug (the ester can be a
# drug of its own: DrugCentral lists hydrocortisone acetate and hydrocortisone apart).
ESTER_WORDS = frozenset(
    {
        "acetate",
        "diacetate",
        "propionate",
        "dipropionate",
        "furoate",
        "valerate",
        "butyrate",
        "cypionate",
        "enanthate",
        "decanoate",
        "undecanoate",
        "palmitate",
        "pivalate",
        "benzoate",
        "stearate",
        "estolate",
        "ethylsuccinate",
        "lactobionate",
        "cilexetil",
        "medoxomil",
        "proxetil",
        "axetil",
        "pivoxil",
        "mofetil",
        "methylbromide",
    }
)

# Two-word solvates and salt phrases removed as a unit when trailing.
TRAILING_PHRASES = (
    "dimethyl sulfoxide",
    "resin complex",
    "lauryl sulfate",
    "sodium succinate",
    "sodium phosphate",
)

# Comma qualifiers that describe a physical form, dropped ("GRISEOFULVIN, ULTRAMICROSIZE").
FORM_QUALIFIERS = frozenset(
    {
        "microsize",
        "ultramicrosize",
        "microcrystalline",
        "ultramicrocrystalline",
        "macrocrystalline",
        "anhydrous",
        "crystalline",
        "micronized",
        "liposomal",
        "glacial",
    }
)
# Other words a comma part may consist of that qualify the name before it ("ESTROGENS,
# CONJUGATED", "POTASSIUM PHOSPHATE, DIBASIC", "NITROGEN, NF"); a part with a digit is an isotope
# or grade tag ("UREA, C-14").
QUALIFIER_WORDS = FORM_QUALIFIERS | frozenset(
    {
        "conjugated",
        "esterified",
        "synthetic",
        "chorionic",
        "dibasic",
        "monobasic",
        "tribasic",
        "nf",
        "usp",
        "a",
        "b",
    }
)
# Anions that also make ester drugs with their own name ("DIMETHYL FUMARATE", "DIROXIMEL
# FUMARATE"): a new drug keeps one when MEDI's label keeps it.
AMBIGUOUS_ANIONS = frozenset({"fumarate", "succinate"})

_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
# The four-letter suffix FDA adds to a biological product's proper name ("LECANEMAB-IRMB",
# "ADALIMUMAB-ATTO"): it tells products (originator and biosimilars) apart, not ingredients.
_BIO_SUFFIX = re.compile(r"(?<=[A-Za-z])-[A-Za-z]{4}$")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """An ingredient string with spaces collapsed and a trailing parenthesised part (a mixture's
    components, "LIOTRIX (T4;T3)") removed."""
    text = _SPACES.sub(" ", text.strip())
    stripped = _PARENS.sub("", text).strip()
    return stripped or text


def split_ingredients(text: str) -> list[str]:
    """The components of an FDA ingredient string: ``"A; B"`` (Orange Book, Drugs@FDA); a ``;``
    inside parentheses ("TRISULFAPYRIMIDINES (SULFADIAZINE;SULFAMERAZINE)") does not split."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [clean(p) for p in parts if p.strip()]


def _word(word: str) -> str:
    """A salt word without its stereo prefix ("l-malate" -> "malate")."""
    word = normalize(word)
    for prefix in ("l ", "d ", "dl "):
        if word.startswith(prefix):
            return word[len(prefix) :]
    return word


def _only_salts(words: list[str]) -> bool:
    return all(_word(w) in COUNTER_IONS | ESTER_WORDS | ION_WORDS for w in words)


def _strip_trailing(key: str, words: frozenset[str]) -> str | None:
    for phrase in TRAILING_PHRASES:
        if key.endswith(" " + phrase):
            return key[: -len(phrase) - 1]
    head, _, last = key.rpartition(" ")
    if head and last in words:
        if head.endswith((" l", " d", " dl")):  # "samidorphan l malate"
            head = head.rpartition(" ")[0]
        return head or None
    return None


def candidates(text: str) -> list[str]:
    """Normalised names to look an ingredient up under, most specific first (module rule)."""
    out: list[str] = []

    def add(key: str, whole: bool = False) -> None:
        key = " ".join(key.split())
        if key and key not in out and (whole or not _only_salts(key.split())):
            out.append(key)

    name = clean(text)
    variants = [name]
    variants += [_BIO_SUFFIX.sub("", v) for v in variants if _BIO_SUFFIX.search(v)]
    for variant in variants:
        key = normalize(variant)
        add(key, whole=variant is name)
        if "," in variant:
            head, _, qualifier = variant.partition(",")
            qual = normalize(qualifier)
            add(f"{qual} {normalize(head)}")
            if qual in FORM_QUALIFIERS:
                add(normalize(head))
    for key in list(out):
        without = " ".join(w for w in key.split() if w not in CATIONS)
        add(without)
    for key in list(out):
        current: str | None = key
        while current:
            current = _strip_trailing(current, COUNTER_IONS | ESTER_WORDS)
            if current:
                add(current)
    for key in list(out[1:]):  # the acid of a salt: "mycophenolic", "valproate" (+ a salt word)
        if key.endswith("ic"):
            add(key + " acid")
        elif key.endswith("ate") and " " not in key:
            add(key[:-3] + "ic acid")
    return out


def moiety_name(text: str, label: str | None = None) -> str:
    """The lowercase name of a new drug: the ingredient without trailing counter-ions and
    hydrates ("DARIDOREXANT HYDROCHLORIDE" -> "daridorexant"). Esters are kept, except that an
    ester word or an ambiguous anion (:data:`AMBIGUOUS_ANIONS`) follows ``label`` (MEDI's name
    for the same FDA string) when the label is the name with or without that word
    ("BREMELANOTIDE ACETATE" -> "bremelanotide"; "DIROXIMEL FUMARATE" stays)."""
    name = _BIO_SUFFIX.sub("", clean(text))
    if "," in name:
        head, _, qualifier = name.partition(",")
        if normalize(qualifier) in FORM_QUALIFIERS:
            name = head
    words = name.lower().split()
    for phrase in ("dimethyl sulfoxide", "resin complex"):
        if " ".join(words).endswith(" " + phrase):
            words = words[: -len(phrase.split())]
    wanted = normalize(label) if label else None
    while len(words) > 1 and not _only_salts(words[:-1]):
        last = _word(words[-1])
        shorter = normalize(" ".join(words[:-1]))
        if last in AMBIGUOUS_ANIONS and wanted == normalize(" ".join(words)):
            break
        if last in COUNTER_IONS or (last in ESTER_WORDS and wanted == shorter):
            words.pop()
            continue
        break
    return " ".join(words)


def comma_parts(text: str) -> list[str]:
    """The parts of a comma list ("LAMIVUDINE, NEVIRAPINE, AND STAVUDINE")."""
    parts = [p.strip() for p in clean(text).split(",")]
    return [p[4:] if p.upper().startswith("AND ") else p for p in parts if p]


def is_qualifier(part: str) -> bool:
    """A comma part that qualifies the name before it rather than naming an ingredient."""
    words = normalize(part).split()
    return any(ch.isdigit() for ch in part) or all(
        w in QUALIFIER_WORDS or w in COUNTER_IONS for w in words
    )
