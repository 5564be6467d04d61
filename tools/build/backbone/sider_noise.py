"""Which text-mined SIDER rows are not adverse reactions of the drug (the written rule, applied
to every drug of the SIDER layer; docs/merge-rules.md):

1. **The drug's own indications.** A term that SIDER's text mining also found as an indication of
   the same drug (``meddra_all_indications``, NLP_indication, by label concept or MedDRA PT) is
   the disease treated, mentioned where the label describes the patients: dropped.
2. **Not a reaction.** Procedures and therapies (MedDRA "Surgical and medical procedures": a
   term that *is* a therapy, surgery, operation or procedure, not a complication of one), social
   circumstances and product issues (being pregnant or breast feeding, being treatment naive, a
   drug or food interaction, a device fault): dropped.
3. **Infections counted as trial events.** In a label table an infection is a trial event with its
   placebo figure in the same row; a text-mined percentage of one (gabapentin "Influenza 21 %")
   has no such row and reads as a drug effect. The term stays listed, without SIDER's figures.

A label table of the drug (curated or labels layer) still outranks every SIDER figure.
"""

from __future__ import annotations

import re

__all__ = ["is_infection", "not_a_reaction"]

_PROCEDURE = re.compile(r"(?:^| )(?:therapy|surgery|operation|procedure)$", re.IGNORECASE)
_NOT_REACTIONS = {
    "breast feeding": "a social circumstance",
    "pregnancy": "a social circumstance",
    "therapy naive": "a social circumstance",
    "drug interaction": "an interaction, not a reaction to the drug alone",
    "food interaction": "an interaction, not a reaction to the drug alone",
    "device interaction": "a product issue",
    "accidental exposure to product": "a product issue",
    "exposure to toxic agent": "an exposure, not a reaction",
    "medication residue present": "a product issue",
}
_DEVICE = re.compile(
    r"^device (?:breakage|malfunction|dislocation|expulsion|occlusion|capturing issue)$",
    re.IGNORECASE,
)
_INFECTION = re.compile(
    r"\b(?:infections?|infective|influenza|pneumonia|bronchopneumonia|pharyngitis|"
    r"nasopharyngitis|sinusitis|bronchitis|cellulitis|abscess|sepsis|septic|herpes|zoster|"
    r"candida|candidiasis|fungal|mycotic|viral|bacterial|bacteraemia|bacteriuria|tuberculosis|"
    r"otitis media|tonsillitis|laryngitis|gastroenteritis|cystitis|common cold|infestation)\b",
    re.IGNORECASE,
)
_NOT_INFECTIOUS = re.compile(
    r"\b(?:chemical|allergic|sterile|non-?infective|test|eosinophilic|organising|idiopathic|"
    r"interstitial|haemorrhagic|susceptibility)\b",
    re.IGNORECASE,
)


def not_a_reaction(term: str) -> str | None:
    """Why a MedDRA term is not an adverse reaction (rule 2), or None."""
    folded = term.strip().casefold()
    if folded in _NOT_REACTIONS:
        return _NOT_REACTIONS[folded]
    if _DEVICE.match(folded):
        return "a product issue"
    if _PROCEDURE.search(folded) and "complication" not in folded:
        return "a procedure or therapy"
    return None


def is_infection(term: str) -> bool:
    """An infection or infestation term (rule 3)."""
    return bool(_INFECTION.search(term)) and not _NOT_INFECTIOUS.search(term)
