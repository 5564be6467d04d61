"""The federal schedule of every drug (``dea``): the DEA list of 2020-08-20, then the later
actions of the table dea_scheduling_actions_seen_2016-2025.tsv in date order.

Rule, for a single-ingredient drug:

1. Match: a list family (tools/build/regulatory/dea_list.py) whose name is one of the drug's
   names (its name and the source synonyms the identity rule knows), else one whose "other names"
   include one of them (only other names of five letters or more: "THG" or "GHB" are
   abbreviations that other drugs' synonyms share). Failing that, the DEA
   rule that the list names the parent chemical and that salts, optical isomers and esters follow
   it: the drug's name without an isomer prefix (dex-, dextro-, lev-, levo-, es-, ar-) or without
   an ester word, or the drug that name resolves to, matched the same way (eszopiclone ->
   zopiclone IV, armodafinil -> modafinil IV, testosterone cypionate -> testosterone III); a
   listing that itself names one isomer ("Dextropropoxyphene") does not cover the others.
2. Choose the entry: among the family's entries, those whose "other names" name one of the drug's
   brands (Xyrem -> "Gamma Hydroxybutyric Acid preparations" III); else the plain substance
   entries; else the qualified ones that are not bulk-substance entries. When the chosen entries
   disagree on the schedule (dronabinol: Marinol III, Syndros II) the schedule is left unknown and
   the note lists them.
3. Later actions, in date order: a final or interim final rule that took effect sets the
   schedule (a removal from control sets not_controlled), as of its effective date (else its
   publication date); a proposal, notice or recommendation is only a note.
4. A drug on neither list that is FDA-approved (an approved product, or MEDI/NCATS say so) is
   not_controlled as of 2020-08-20, with a note that later actions were checked only against the
   table of actions. Drugs that are neither listed nor approved stay unknown.

A combination drug: when no ingredient is controlled it follows rule 4 itself; when one is, the
schedule comes only from a list entry of a controlled ingredient whose "other names" name one of
the combination's brands (Suboxone -> buprenorphine III; Adderall -> amphetamine II; Tylenol with
codeine -> "Codeine combination product 90 mg/du" III); otherwise it is left unknown, because the
schedule of a mixture depends on amounts and DEA exemptions the list does not state.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drugcompare._text import normalize

from .approval import First
from .brands import base, display
from .dea_list import ACTIONS_FILE, LIST_DATE, LIST_FILE, Action, Entry, read_actions, read_list
from .identity import Identity
from .names import ESTER_WORDS

ISOMER_PREFIXES = ("dextro", "levo", "dex", "lev", "es", "ar")
LIST_DOC = "dea-list"
ACTIONS_DOC = "dea-actions"
NOT_LISTED = (
    "Not on the DEA list of 2020-08-20; later actions were checked only against a partial table "
    "of Federal Register actions."
)
_APPROVED = re.compile(r"FDA approved ([A-Z0-9][A-Z0-9 .\-]*?) (\d{4}-\d{2}-\d{2})")


@dataclass
class State:
    """What the list and the actions say about one drug."""

    entries: list[Entry] = field(default_factory=list)
    how: str = ""
    value: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    note_cites: list[dict[str, str]] = field(default_factory=list)
    controlled: bool = False  # on the list or placed by an action in effect


@dataclass
class Dea:
    states: dict[str, State] = field(default_factory=lambda: defaultdict(State))
    firsts: dict[str, list[First]] = field(default_factory=lambda: defaultdict(list))
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def note(self, what: str, example: str) -> None:
        self.counts[what] += 1
        if len(self.examples[what]) < 8:
            self.examples[what].append(example)


class Matcher:
    """Drug names -> DEA list families (rule 1)."""

    def __init__(self, identity: Identity, entries: list[Entry]) -> None:
        self.identity = identity
        self.families: dict[str, list[Entry]] = defaultdict(list)
        self.by_name: dict[str, set[str]] = defaultdict(set)  # other names -> families
        for entry in entries:
            self.families[entry.family].append(entry)
            for name in entry.names() - {entry.family}:
                if len(name.replace(" ", "")) >= 5:  # not an abbreviation ("THG", "GHB")
                    self.by_name[name].add(entry.family)
        self.names: dict[str, set[str]] = defaultdict(set)
        for table in (identity.primary, *identity.tiers):
            for key, ids in table.items():
                if len(ids) == 1:
                    self.names[next(iter(ids))].add(key)

    def names_of(self, drug_id: str) -> set[str]:
        return self.names.get(drug_id, set()) | {normalize(self.identity.name(drug_id))}

    def _direct(self, names: Iterable[str]) -> set[str]:
        """Families the names name: by the family's own name first, else by its other names."""
        names = set(names)
        own = {n for n in names if n in self.families}
        return own or {f for n in names for f in self.by_name.get(n, set())}

    def match(self, drug_id: str) -> tuple[set[str], str]:
        names = self.names_of(drug_id)
        found = self._direct(names)
        if found:
            return found, "listed by name"
        for name in sorted(names):
            for parent, kind in self._parents(name):
                found = self._direct({parent})
                parent_id, _ = self.identity.known(parent)
                if not found and parent_id is not None and parent_id != drug_id:
                    found = self._direct(self.names_of(parent_id))
                # a listing that names one isomer ("Dextropropoxyphene") does not cover another
                found = {f for f in found if not f.startswith(ISOMER_PREFIXES)}
                if found:
                    return found, f"{kind} of {', '.join(sorted(found))}, which the list names"
        return set(), ""

    @staticmethod
    def _parents(name: str) -> list[tuple[str, str]]:
        out = []
        for prefix in ISOMER_PREFIXES:
            rest = name[len(prefix) :].lstrip()
            if name.startswith(prefix) and len(rest) >= 5:
                out.append((rest, "isomer"))
                break
        head, _, last = name.rpartition(" ")
        if head and (last in ESTER_WORDS or last in ("enantate", "undecylate")):
            out.append((head, "ester"))
        return out


def _brand_keys(brands: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for brand in brands:
        folded = normalize(brand)
        keys |= {folded, normalize(base(brand.upper())), folded.split(" ")[0]}
    return {k for k in keys if len(k) >= 4}


def _value(entry: Entry, note: str) -> dict[str, Any]:
    out: dict[str, Any] = {"schedule": entry.schedule}
    if entry.code:
        out["code"] = entry.code
    out.update({"narcotic": entry.narcotic, "as_of": LIST_DATE, "note": note})
    out["cite"] = [{"doc": LIST_DOC, "section": f"{LIST_FILE}: row {entry.row()}"}]
    return out


def _choose(entries: list[Entry], brand_keys: set[str]) -> tuple[list[Entry], str]:
    named = [e for e in entries if {normalize(o) for o in e.other_names} & brand_keys]
    if named:
        return named, "the entry names the drug's brand"
    plain = [e for e in entries if not e.qualified]
    if plain:
        return plain, "the substance entry"
    return [e for e in entries if not e.bulk], "the product-form entry (bulk entries left out)"


def prepare(
    raw: Path,
    identity: Identity,
    drugs: Iterable[str],
    brands: dict[str, set[str]],
    approved: set[str],
) -> Dea:
    """Apply the module rule to every drug id in ``drugs``."""
    dea = Dea()
    matcher = Matcher(identity, read_list(raw))
    singles = sorted(d for d in set(drugs) if d not in identity.combos)
    for drug_id in singles:
        families, how = matcher.match(drug_id)
        if not families:
            continue
        state = dea.states[drug_id]
        state.controlled = True
        entries = [e for f in sorted(families) for e in matcher.families[f]]
        chosen, why = _choose(entries, _brand_keys(brands.get(drug_id, set())))
        schedules = sorted({e.schedule for e in chosen})
        listed = "; ".join(e.row() for e in entries)
        if len(schedules) == 1:
            state.value = _value(chosen[0], f"DEA list 2020-08-20: {how}; {why}.")
            dea.note(f"list: {how.split(' of ')[0]}; {why}", f"{drug_id} {schedules[0]}")
        else:
            state.value = {
                "note": f"DEA list 2020-08-20 has entries in different schedules for this "
                f"substance ({listed}); the schedule depends on the product.",
                "cite": [{"doc": LIST_DOC, "section": f"{LIST_FILE}: rows {listed}"}],
            }
            dea.note("list: entries disagree, left unknown", drug_id)
    _actions(raw, identity, dea, brands)
    for combo_id in sorted(d for d in set(drugs) if d in identity.combos):
        _combination(combo_id, identity, matcher, dea, brands)
    for drug_id in sorted(set(drugs)):
        known = dea.states.get(drug_id)
        if known is not None and (known.controlled or known.value is not None):
            continue
        if drug_id in approved:
            value = {
                "schedule": "not_controlled",
                "as_of": LIST_DATE,
                "note": NOT_LISTED,
                "cite": [{"doc": LIST_DOC, "section": f"{LIST_FILE}: no row names the drug"}],
            }
            _removed_parts(drug_id, identity, dea, value)
            dea.states[drug_id].value = value
            dea.note("not on the list, FDA-approved: not_controlled", drug_id)
    return dea


def _combination(
    combo_id: str, identity: Identity, matcher: Matcher, dea: Dea, brands: dict[str, set[str]]
) -> None:
    parts = identity.components(combo_id)
    controlled = [p for p in parts if p in dea.states and dea.states[p].controlled]
    if not controlled:
        return  # rule 4 applies to the combination itself
    state = dea.states[combo_id]
    state.controlled = True
    keys = _brand_keys(brands.get(combo_id, set()))
    named: list[Entry] = []
    for part in controlled:
        families, _how = matcher.match(part)
        for family in sorted(families):
            named += [
                e for e in matcher.families[family] if {normalize(o) for o in e.other_names} & keys
            ]
    schedules = sorted({e.schedule for e in named})
    if len(schedules) == 1:
        state.value = _value(
            named[0],
            "DEA list 2020-08-20: the entry names this combination's brand.",
        )
        dea.note("combination: list entry names its brand", f"{combo_id} {schedules[0]}")
        return
    words = ", ".join(
        f"{identity.name(p)} ({(dea.states[p].value or {}).get('schedule', 'controlled')})"
        for p in controlled
    )
    state.value = {
        "note": f"Contains {words}. The schedule of a combination product depends on the amounts "
        "and on DEA exemptions; the DEA list does not name this combination, so it is left "
        "unknown.",
        "cite": [{"doc": LIST_DOC, "section": f"{LIST_FILE}: rows of the controlled ingredients"}],
    }
    dea.note("combination with a controlled ingredient: unknown", combo_id)


def _removed_parts(drug_id: str, identity: Identity, dea: Dea, value: dict[str, Any]) -> None:
    """A combination whose ingredient an action removed from control is not controlled as of
    that action, which its note and cite name."""
    for part in identity.combos.get(drug_id, ()):
        removal = (dea.states[part].value or {}) if part in dea.states else {}
        if removal.get("schedule") == "not_controlled" and removal.get("as_of", "") > LIST_DATE:
            value["as_of"] = max(value["as_of"], removal["as_of"])
            value["note"] += f" {identity.name(part)}: {removal['note']}"
            value["cite"] = value["cite"] + removal["cite"]


def _action_doc(dea: Dea, action: Action) -> str:
    fr_doc = re.search(r"FR Doc (\d{4}-\d+)", action.citation)
    key = "fr-" + (fr_doc.group(1) if fr_doc else re.sub(r"\W+", "-", action.citation)[:40])
    url = f"https://www.federalregister.gov/d/{fr_doc.group(1)}" if fr_doc else action.url
    dea.documents.setdefault(
        key.lower().strip("-"),
        {
            "title": f"Federal Register: {'; '.join(action.substances)}, {action.action} "
            f"({action.citation})",
            "url": url,
            "publisher": "Drug Enforcement Administration / Federal Register",
            "version": f"published {action.published or 'date not seen'}; text seen at "
            f"{action.url}",
            "kind": "federal_register",
            "license": "public domain (US federal government work)",
        },
    )
    return key.lower().strip("-")


def _actions(raw: Path, identity: Identity, dea: Dea, brands: dict[str, set[str]]) -> None:
    for action in read_actions(raw):
        doc = _action_doc(dea, action)
        cite = [
            {"doc": doc, "section": f"{action.action}; effective {action.effective or 'not seen'}"},
            {"doc": ACTIONS_DOC, "section": f"{ACTIONS_FILE}: row {'; '.join(action.substances)}"},
        ]
        for substance in action.substances:
            drug_id, _how = identity.known(substance)
            if drug_id is None:
                dea.note(
                    "action: substance is no drug of the catalog",
                    f"{substance}: {action.action} ({action.schedule})",
                )
                continue
            state = dea.states[drug_id]
            if not action.in_effect:
                state.notes.append(f"{action.action} ({action.schedule}), {action.citation}")
                state.note_cites += [c for c in cite if c not in state.note_cites]
                dea.note("action: not in effect, note only", f"{drug_id}: {action.action}")
                continue
            removed = action.removal
            state.controlled = not removed
            state.value = {
                "schedule": "not_controlled" if removed else action.schedule,
                "as_of": action.date,
                "note": f"{action.action} ({action.citation})"
                + ("." if action.effective else "; effective date not seen, as of publication."),
                "cite": cite,
            }
            dea.note("action in effect applied", f"{drug_id} -> {state.value['schedule']}")
            match = _APPROVED.search(action.note)
            if match and normalize(match.group(1)) in {
                normalize(b) for b in brands.get(drug_id, ())
            }:
                dea.firsts[drug_id].append(
                    First(
                        layer="dea",
                        date=match.group(2),
                        product=display(match.group(1)),
                        cite=((doc, f"note of the action: {match.group(0)}"),),
                    )
                )


def record(state: State) -> dict[str, Any] | None:
    if state.value is None and not state.notes:
        return None
    value = dict(state.value or {"cite": []})
    if state.notes:
        extra = "Also in the table, not a schedule by itself: " + "; ".join(state.notes) + "."
        value["note"] = f"{value['note']} {extra}" if value.get("note") else extra
        value["cite"] = list(value["cite"]) + state.note_cites
    return value
