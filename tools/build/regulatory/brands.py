"""Trade names -> brands: the folding rule, the display case and the brand/generic test.

Folding (:func:`fold`), applied to an FDA trade name (UPPER CASE):

1. parenthesised qualifiers are removed ("MOUNJARO (AUTOINJECTOR)", "PAXLOVID (COPACKAGED)");
2. from the second word on, the name is cut before the first word that carries a digit (a
   strength, count or concentration: "ADDERALL XR 10" -> "ADDERALL XR", "LIPOSYN II 20%");
   a first word keeps its own digits but loses a trailing "-75" or ",90%" ("DURAGESIC-75");
3. trailing device, pack and kit words, and a number sign left by step 2 ("NO.", "#"), are
   removed ("HUMULIN R PEN", "... STARTER KIT", "PHENAPHEN W/ CODEINE NO. 3");
4. release and form suffixes (XR, ER, ODT, ...) stay: "NURTEC ODT" is the brand. The base brand
   (:func:`base`) is the folded brand without them ("Nurtec").

Display (:func:`display`): title case of each word, with suffix abbreviations, roman numerals and
words without a vowel kept upper case ("Nurtec ODT", "MS Contin", "Liposyn II"), "W/" as "w/".

Brand or generic (:func:`is_generic`): a folded trade name is the generic name when, after
leading population words ("CHILDREN'S", "JUNIOR STRENGTH"), it starts with the name of one of its
ingredients (as written in the ingredient string, without its salt words, or the drug's own
name), or when it names a salt (an anion word such as SULFATE or HYDROCHLORIDE: brands do not);
every other trade name is a brand ("RADIOGARDASE (PRUSSIAN BLUE)", "ISOPTO ATROPINE").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from drugcompare._text import normalize

from .names import CATIONS, COUNTER_IONS, candidates, split_ingredients

ANIONS = COUNTER_IONS - CATIONS - {"zinc", "choline", "lysine", "anhydrous"}

# Release, form and strength-class suffixes that belong to a brand ("Adderall XR", "Nurtec ODT").
SUFFIXES = frozenset(
    {
        "XR",
        "ER",
        "SR",
        "CR",
        "LA",
        "XL",
        "ODT",
        "CD",
        "DR",
        "XT",
        "IR",
        "EC",
        "DS",
        "HP",
        "PM",
        "AM",
        "HS",
        "ES",
        "SA",
        "LS",
        "HCT",
        "HC",
        "IB",
        "D",
    }
)
# Trailing words naming a device, pack or kit rather than the brand.
DEVICE_WORDS = frozenset(
    {
        "KIT",
        "KITS",
        "PEN",
        "PENS",
        "FLEXPEN",
        "FLEXTOUCH",
        "KWIKPEN",
        "SOLOSTAR",
        "AUTOINJECTOR",
        "INJECTOR",
        "PREFILLED",
        "SYRINGE",
        "CARTRIDGE",
        "VIAL",
        "PAK",
        "PACK",
        "DOSEPAK",
        "STARTER",
        "TITRATION",
        "CONVENIENCE",
    }
)
# Words that may precede a generic name ("CHILDREN'S IBUPROFEN", "JUNIOR STRENGTH ...").
POPULATION_WORDS = frozenset(
    {
        "children",
        "childrens",
        "child",
        "s",
        "infants",
        "infant",
        "junior",
        "strength",
        "adult",
        "adults",
        "pediatric",
        "extra",
        "maximum",
        "regular",
    }
)
ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})
_PARENS = re.compile(r"\([^()]*\)")
_TRAILING_NUMBER = re.compile(r"[-,]\s*'?\d.*$")
_VOWELS = set("AEIOUY")


def fold(trade_name: str) -> str:
    """The brand of a trade name, UPPER CASE (module rule)."""
    text = _PARENS.sub(" ", trade_name.upper())
    words = text.split()
    kept: list[str] = []
    for position, word in enumerate(words):
        if position > 0 and any(ch.isdigit() for ch in word):
            break
        if position == 0 and any(ch.isdigit() for ch in word[1:]):
            word = _TRAILING_NUMBER.sub("", word) or word
        kept.append(word)
    while len(kept) > 1 and (kept[-1] in DEVICE_WORDS or kept[-1] in ("NO", "NO.", "#")):
        kept.pop()
    return " ".join(kept).strip(" ,;-/")


def base(brand: str) -> str:
    """A folded brand without its release/form suffixes ("NURTEC ODT" -> "NURTEC")."""
    words = brand.upper().split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def _segment_case(word: str) -> str:
    if word in ("W/", "W"):
        return word.lower()
    if word in SUFFIXES or word in ROMAN or (len(word) <= 4 and not _VOWELS & set(word)):
        return word
    out = []
    capital = True
    for char in word.lower():
        out.append(char.upper() if capital else char)
        capital = char in "/.+" or (char == "'" and len(out) == 1)
    return "".join(out)


def _word_case(word: str) -> str:
    return "-".join(_segment_case(part) for part in word.split("-"))


def display(name: str) -> str:
    """Title case of an UPPER CASE trade name, keeping abbreviations upper case."""
    return " ".join(_word_case(w) for w in name.split())


def ingredient_names(ingredient: str, drug_names: Iterable[str] = ()) -> set[str]:
    """Normalised names a generic trade name may start with: each component as written, its
    salt-free forms and the names of its drugs."""
    names: set[str] = set()
    for part in split_ingredients(ingredient):
        for side in part.replace(",", "/").split("/"):
            names.update(candidates(side))
            names.add(normalize(fold(side)))  # "POLYETHYLENE GLYCOL 3350" as trade names cut it
    names.update(normalize(n) for n in drug_names)
    return {n for n in names if len(n) >= 3}


@functools.lru_cache(maxsize=65536)
def is_generic(trade_name: str, ingredient: str, drug_names: tuple[str, ...] = ()) -> bool:
    """True when the (folded) trade name is the generic name of its ingredients, possibly after
    a population word ("CHILDREN'S IBUPROFEN"); see the module rule."""
    words = normalize(fold(trade_name) or trade_name).split()
    while len(words) > 1 and words[0] in POPULATION_WORDS:
        words.pop(0)
    trade = " ".join(words)
    names = ingredient_names(ingredient, drug_names)
    if any(trade == n or trade.startswith(n + " ") for n in names):
        return True
    # A generic name written another way ("DEXTROAMP SACCHARATE, AMP ASPARTATE, ..."): brands do
    # not name their salt.
    return any(w in ANIONS for w in words)
