"""Name keys of conditions: the one folding every vocabulary rule compares names with.

``name_key`` is the library's ``normalize`` plus two deterministic rewrites, never a similarity
measure:

- MeSH's inverted headings read in natural order: the parts between ", " are reversed
  ("Epilepsy, Temporal Lobe" -> "temporal lobe epilepsy", "Lymphoma, Large B-Cell, Diffuse" ->
  "diffuse large b cell lymphoma");
- English plurals and possessives folded word by word ("Diabetic Neuropathies" ->
  "diabetic neuropathy", "Alzheimer's disease" -> "alzheimer disease"): a final "ies" becomes "y",
  "shes", "ches", "xes", "sses", "zes" lose "es", any other final "s" is dropped unless the word
  ends in "ss", "us" or "is", and a lone "s" (a possessive) is dropped.

Two names are "the same name" when their keys are equal.
"""

from __future__ import annotations

from drugcompare._text import normalize

from .. import common  # noqa: F401  (puts the library's src on the path)

__all__ = ["name_key", "singular"]

_KEEP_S = ("ss", "us", "is")
_ES = ("shes", "ches", "xes", "sses", "zes")


def singular(word: str) -> str:
    """The singular of one normalised word by the two plural rules above (4+ letters only)."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(_ES):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def name_key(name: str) -> str:
    """The comparison key of a condition name (see the module docstring)."""
    parts = [p for p in name.split(", ") if p.strip()]
    if len(parts) > 1:
        name = " ".join(reversed(parts))
    words = [singular(w) for w in normalize(name).split() if w != "s"]
    return " ".join(words)
