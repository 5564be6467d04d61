"""Section 1 (Indications and Usage) of a label -> the conditions it names, as indications or
limitations, each with a quote, the population and the products the sentence names.

``extract(text, vocabulary, products)`` works sentence by sentence (label text flattened by
openFDA has its bullets run together, so list items are also cut where a new item starts:
after "(1)"-style references, bullets, subsection numbers "1.2", and before a capitalised
"Management of", "Treatment of", "Adjunctive therapy" ...). In each piece the condition
vocabulary (``tools.build.vocabulary.index``: names, synonyms, qualified nodes, lay-term
aliases; longest match, never abbreviations) finds the conditions. The rules:

- **Use, or not**: a sentence names uses only when it says so ("indicated", "useful", "may be
  used", "of value", "effective in", "recommended", "relieves", "treats"), or is a verbless
  heading or list item with
  "treatment of", "management of", "prevention of" ..., or an item of a list such a sentence
  opened ("indicated for: ..."). Descriptions ("Panic disorder is characterized by ...") and
  class text ("Lowering blood pressure reduces the risk of ...") give nothing. A section that
  says none of this anywhere ("INDICATIONS & USAGE Hypertension.") gives its headings.
- **Limitation, never indication**: a sentence that says "Limitations of Use", "not
  indicated", "has/have not been established/shown", "not recommended", "should not be used",
  "not approved", "does not require", "not found effective", "do not appear to be controlled",
  and every sentence after a "Limitations of Use" heading until the next numbered subsection
  (or the next "is indicated" sentence without a negation), gives ``kind="limitation"``.
- **Population**: the phrase after the condition (up to the next condition) that starts "in" or
  "for" + adults / pediatric patients / patients / children / adolescents / women ..., with its
  ages ("3 years and older", "1 month of age and older", "6 to 17 years") and a trailing
  "with <condition>" ("in adults and pediatric patients 3 years and older with epilepsy"). A
  condition inside another finding's population is context, not a finding of its own (unless
  the sentence names nothing else).
- **Products**: the names of ``products`` (the label's brand and product names) that the
  sentence names, else those the last "<PRODUCT> is indicated" sentence named, else all of
  ``products``.
- **Quote**: the words from the end of the previous finding's phrase (or the sentence start) to
  the start of the next condition (or the sentence end), at most 200 characters, copied from
  the text (so it always contains the condition's own words).
- **Note**: "adjunctive therapy", "monotherapy", "prevention" or "maintenance" when the phrase
  says so; for a limitation, the words that make it one.

``load_vocabulary(raw)`` returns the vocabulary (``tools.build.vocabulary.sources``), and
``Vocabulary.records_for(ids)`` the condition records a layer citing those ids must carry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Literal

import attrs

from ..vocabulary.index import Match, Vocabulary
from ..vocabulary.sources import load_vocabulary

__all__ = ["MAX_QUOTE", "Finding", "Vocabulary", "extract", "load_vocabulary", "segments"]

MAX_QUOTE = 200

_LIMIT = re.compile(
    r"limitations? of use|not\s+(?:been\s+)?indicated|(?:has|have)\s+not\s+been\s+"
    r"(?:established|shown|studied|evaluated)|not\s+recommended|should\s+not\s+be\s+used|"
    r"does\s+not\s+require|do(?:es)?\s+not\s+appear\s+to\s+be\s+controlled|not\s+(?:been\s+)?(?:found|proved|proven)\s+(?:effective|useful)|"
    r"(?:is|are)\s+not\s+approved|not\s+approved\s+for|safety\s+and\s+effectiveness\s+"
    r"(?:\w+\s+){0,4}not\s+(?:been\s+)?established",
    re.I,
)
_LIMIT_HEADING = re.compile(r"limitations? of use", re.I)
_SUBSECTION = re.compile(r"(?<![\d.])\b1\.\d{1,2}\s+(?=[A-Z])")
_BREAK = re.compile(
    r"(?<=[.;])\s+(?=[A-Z•(])"  # sentence end
    r"|\s*•\s*"  # bullet
    r"|,?\s+(?=although\b|however\b)"  # a concession: "... in convulsive disorders, although"
    r"|(?<=\))\s+(?=[A-Z])"  # after a "(1)" reference
    r"|\(\s*1(?:\.\d+)?\s*\)\s*"  # the reference itself
    r"|(?<=[a-z0-9,)])\s+(?=(?:Management|Treatment|Adjunctive|Monotherapy|Relief|Prevention|"
    r"Preventive|Reduction|Maintenance|Acute treatment|Short-term|Long-term)\b)"
)
# Before a new subject after a lowercase word: "... with epilepsy Tizanidine tablets are indicated"
_SUBJECT = re.compile(
    r"\s+(?=[A-Z][a-z][\w-]*(?:,?\s+(?:[a-z][\w-]*|USP)){0,4}\s+(?:is|are)\s+indicated\b)"
)
_INDICATED = r"(?:,?\s+[\w-]+){0,5}?,?\s+(?:is|are)\s+(?:\w+\s+){0,6}?indicated\b"
_CONTEXT = re.compile(
    r"\b(?:particularly|especially|such\s+as|including|namely|e\.g\.|with\s+or\s+without)\W", re.I
)
_OPENER = re.compile(r"(?:^|[.;:]\s*)In\s+(?:\w+\s+)?$")
_SETTING = re.compile(r"\s*,")
_ASSOCIATED = re.compile(
    r"^\s*,?\s*(?:associated\s+with|resulting\s+from|due\s+to|secondary\s+to|caused\s+by|"
    r"related\s+to)"
    r"\s+(?:\w+\s+){0,2}$",
    re.I,
)
# A piece names a use only when it says so: a sentence with "indicated", "useful", "may be
# used" ...; a verbless heading or list item ("Management of fibromyalgia") with "treatment",
# "management", "prevention" ...; or an item of a list that such a piece opened.
_STRONG = re.compile(
    r"\b(?:indicated|useful\w*|value|used|adjunct\w*|relieves|treats|recommended|"
    r"helps\s+(?:prevent|relieve)|effective\s+(?:in|for))\b",
    re.I,
)
# Not words of the text for matching: cross-references ("Schizophrenia (14.1)" is not
# "schizophrenia 14") and short asides ("absence (petit mal) seizures", "CMV (cytomegalovirus)").
_REFERENCE = re.compile(r"\(\s*\d+(?:\.\d+)*\s*\)|\[[^\]]*\]|\((?:[^(),;]\S*\s*){1,3}\)")
_CUE = re.compile(
    r"\b(?:indicat\w*|useful\w*|effective|treat\w*|manag\w*|reliev\w*|relief|prevent\w*|"
    r"prophyla\w*|reduc\w*|control\w*|adjunct\w*|monotherapy|therapy|improv\w*|maintenance|"
    r"value|used?)\b",
    re.I,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|include[sd]?|has|have|had|may|might|must|should|can|could|"
    r"will|would|impl(?:y|ies)|cause[sd]?|occur\w*|develop\w*|characteri[sz]ed|defined|"
    r"reach\w*|reduces|increases|lowers|requires?|results|shows?|showed|shown|established|"
    r"demonstrated|reported|observed|appears?|produces?|leads?)\b",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:\d+\s+)?INDICATIONS\s*(?:AND|&)\s*USAGE\s*", re.I)
_AGE = (
    r"(?:aged\s+)?(?:\d+|one|two|three|four|five|six|seven|twelve)\s*(?:months?|years?|weeks?)"
    r"(?:\s+of\s+age)?(?:\s+(?:and|or)\s+(?:older|above|over)|\s+(?:to|through)\s+\d+\s*"
    r"(?:months?|years?)(?:\s+of\s+age)?)?"
)
_WHO = (
    r"(?:adults?(?:\s+patients)?|adult\s+and\s+pediatric\s+patients|pediatric\s+patients|"
    r"patients|children|adolescents|women|men|postmenopausal\s+women|infants|neonates|"
    r"elderly\s+patients|geriatric\s+patients)"
)
_POPULATION = re.compile(
    rf"\b(?:in|for)\s+({_WHO}(?:\s+(?:and|or)\s+{_WHO})?(?:\s+{_AGE})?"
    rf"(?:\s+(?:and|or)\s+{_WHO}(?:\s+{_AGE})?)?)",
    re.I,
)
_WITH = re.compile(r"\s+(?:with|who\s+have)\s+", re.I)
_ROLE = (
    (re.compile(r"\badjunct", re.I), "adjunctive therapy"),
    (re.compile(r"\bmonotherapy\b", re.I), "monotherapy"),
    (re.compile(r"\bprevent|\bprophyla", re.I), "prevention"),
    (re.compile(r"\bmaintenance\b", re.I), "maintenance"),
)


@attrs.frozen
class Finding:
    """One condition named in section 1."""

    condition: str
    kind: Literal["indication", "limitation"]
    quote: str
    population: str | None
    products: tuple[str, ...]
    note: str | None


def segments(text: str, products: Sequence[str] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, after a Limitations of Use heading) of each sentence or list item; a
    product name that starts an "... is indicated" sentence also starts a piece."""
    cuts = {0, len(text)}
    patterns = [_BREAK, _SUBSECTION]
    patterns += [re.compile(rf"(?<=\S)\s+(?=\b{re.escape(p)}\b{_INDICATED})") for p in products]
    for pattern in patterns:
        for found in pattern.finditer(text):
            cuts.update((found.start(), found.end()))
    for found in _SUBJECT.finditer(text):
        before = text[: found.start()].split()
        if before and before[-1][:1].islower():
            cuts.update((found.start(), found.end()))
    bounds = sorted(cuts)
    out: list[tuple[int, int, bool]] = []
    limited = False
    for start, end in itertools.pairwise(bounds):
        piece = text[start:end]
        if _SUBSECTION.match(text, start) or _HEADING.match(piece):
            limited = False
        if not piece.strip() or re.fullmatch(r"[\s().\d•]*", piece):
            continue
        if _LIMIT_HEADING.search(piece):
            limited = True
        out.append((start, end, limited))
    return out


def extract(text: str, vocabulary: Vocabulary, products: Sequence[str] = ()) -> list[Finding]:
    """The findings of one section 1 text (see the module docstring), in text order, one per
    (condition, kind, population, products)."""
    findings: dict[tuple[str, str, str | None, tuple[str, ...]], Finding] = {}
    strong: set[tuple[str, str, str | None, tuple[str, ...]]] = set()
    subject: tuple[str, ...] = tuple(products)
    listing = pending = cleared = False
    headings: list[Finding] = []
    for start, end, limited in segments(text, products):
        piece = text[start:end]
        heading = _HEADING.match(piece)
        if heading:
            start += heading.end()
            piece = text[start:end]
        named = tuple(p for p in products if re.search(rf"\b{re.escape(p)}\b", piece, re.I))
        if named and re.search(r"\bindicated\b", piece, re.I):
            subject = named
        limit = _LIMIT.search(piece)
        # After a Limitations of Use heading, an "is indicated" sentence without a negation
        # starts the uses again (Highlights repeat them after the limitations).
        cleared = limited and (cleared or (not limit and _STRONG.search(piece) is not None))
        kind: Literal["indication", "limitation"] = (
            "limitation" if (limit or (limited and not cleared)) else "indication"
        )
        verbless = _VERB.search(piece) is None
        cue = _STRONG.search(piece) is not None or (verbless and _CUE.search(piece) is not None)
        # A list opens with "indicated for:" (or a piece cut before its items: "... of"), or
        # with a ":" right after an "indicated" sentence that named no condition ("indicated
        # for use as an anticonvulsant drug. ... the following seizure types: 1. ...").
        opens = ":" in piece or re.search(r"\b(?:of|for|the|to|in|with)\s*$", piece) is not None
        if cue:
            listing = opens
        elif pending and opens:
            listing, pending = True, False
            continue
        if not (cue or limit or (limited and not cleared) or (listing and verbless)):
            if verbless and kind == "indication":  # a heading: "INDICATIONS & USAGE Hypertension."
                headings += _findings(
                    text, start, end, _matches(text, start, piece, vocabulary), kind, subject, None
                )
            continue  # a description ("... is characterized by ..."), not a use
        matches = _matches(text, start, piece, vocabulary)
        pending = cue and not matches and not opens
        for finding in _findings(text, start, end, matches, kind, named or subject, limit):
            key = (finding.condition, finding.kind, finding.population, finding.products)
            said = _STRONG.search(piece) is not None
            if key in findings:
                if said and key not in strong:  # "is indicated for X" beats a heading "X"
                    findings[key] = finding
                    strong.add(key)
                continue
            if said:
                strong.add(key)
            bare = (finding.condition, finding.kind, None, finding.products)
            if finding.population is None and any(
                k[:2] == key[:2] and k[3] == key[3] for k in findings
            ):
                continue  # a heading or repeat without its population
            findings.pop(bare, None)
            findings[key] = finding
    if not any(f.kind == "indication" for f in findings.values()):
        # A section that never says what the drug is indicated for lists its uses as headings.
        for finding in headings:
            findings.setdefault((finding.condition, finding.kind, None, finding.products), finding)
    return list(findings.values())


# A condition named as what the patients do not have ("without heart failure"), as an outcome
# counted ("hospitalization for congestive heart failure") or as the drug's own risk ("seizure
# associated with its use") is not a use.
_NOT_A_USE_BEFORE = re.compile(
    r"\b(?:without|excluding|except(?:\s+for)?|other\s+than|free\s+of|no\s+history\s+of|"
    r"hospitali[sz]ations?\s+for|deaths?\s+(?:from|due\s+to))\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_OWN_RISK_AFTER = re.compile(
    r"\s*(?:associated\s+with|caused\s+by|induced\s+by)\s+(?:its|their|this\s+drug'?s?)\s+use\b",
    re.IGNORECASE,
)


def _a_use(text: str, match: Match) -> bool:
    before = text[max(0, match.start - 60) : match.start]
    return not _NOT_A_USE_BEFORE.search(before) and not _OWN_RISK_AFTER.match(text, match.end)


def _matches(text: str, start: int, piece: str, vocabulary: Vocabulary) -> list[Match]:
    """The conditions of one piece: matched with cross-references and short asides blanked
    ("absence (petit mal) seizures"), plus those inside the asides ("male pattern hair loss
    (androgenetic alopecia)"), then the rules of ``_qualified``; a condition the patients do not
    have, an outcome counted or the drug's own risk (``_a_use``) is left out."""
    blanked = _REFERENCE.sub(lambda r: " " * len(r.group()), piece)
    found = [
        Match(m.start + start, m.end + start, m.condition, m.how) for m in vocabulary.match(blanked)
    ]
    for aside in _REFERENCE.finditer(piece):
        found += [
            Match(
                m.start + start + aside.start(), m.end + start + aside.start(), m.condition, m.how
            )
            for m in vocabulary.match(aside.group())
        ]
    found = [m for m in found if _a_use(text, m)]
    return _qualified(text, sorted(found, key=lambda m: m.start), vocabulary)


def _qualified(text: str, matches: list[Match], vocabulary: Vocabulary) -> list[Match]:
    """The rules for conditions next to each other: "A associated with B" (resulting from, due to ...) is one use: B when B is narrower than
    A ("seizures associated with Lennox-Gastaut syndrome"), else A (B is what A is about); and a
    condition after "particularly", "such as", "including", "namely", "with or without" (to the
    end of the sentence, or of the parenthesis they open) elaborates the one before it; in a
    sentence that opens "In <condition>, ..." the other conditions are that one's symptoms; and
    conditions inside parentheses explain one named outside them (when there is one)."""
    outside = [m for m in matches if not _in_parentheses(text, m.start)]
    out: list[Match] = []
    for match in matches:
        if outside and match not in outside:
            continue  # "(depression, mania, hypomania ...)" explains the use named outside
        if out and _SETTING.match(text, out[0].end) and _OPENER.search(text[: out[0].start]):
            continue  # "In acute alcohol withdrawal, ... relief of acute agitation, tremor ..."
        if out:
            between = text[out[-1].end : match.start]
            if _ASSOCIATED.match(between):
                if out[-1].condition in vocabulary.ancestors(match.condition):
                    out[-1] = match
                continue
            cues = list(_CONTEXT.finditer(text, out[-1].end, match.start))
            if cues and ")" not in text[cues[-1].end() : match.start]:
                continue  # elaborates the condition before it
        out.append(match)
    return out


def _findings(
    text: str,
    start: int,
    end: int,
    matches: list[Match],
    kind: Literal["indication", "limitation"],
    products: tuple[str, ...],
    limit: re.Match[str] | None,
) -> list[Finding]:
    spans: list[tuple[Match, int, str | None]] = []
    covered_until = -1
    starts = {m.start: m for m in matches}
    for i, match in enumerate(matches):
        if match.start < covered_until:
            continue  # inside the previous finding's population: context
        stop = matches[i + 1].start if i + 1 < len(matches) else end
        found = _POPULATION.search(text, match.end, end)
        population, phrase_end = None, match.end
        if found is not None and found.start() < stop:
            phrase_end = found.end()
            # "... with <condition>": the population's condition, named by the vocabulary.
            joined = _WITH.match(text, phrase_end)
            if joined is not None and joined.end() in starts:
                phrase_end = starts[joined.end()].end
            population = " ".join(text[found.start(1) : phrase_end].split())
            covered_until = phrase_end
        spans.append((match, phrase_end, population))
    if not spans and matches:
        spans = [(m, m.end, None) for m in matches]
    out: list[Finding] = []
    previous_end = start
    for i, (match, phrase_end, population) in enumerate(spans):
        following = spans[i + 1][0].start if i + 1 < len(spans) else end
        quote = _quote(text, previous_end, max(phrase_end, match.end), following, match)
        if kind == "limitation":
            # A limitation is shown as a statement: its whole sentence when that fits a quote
            # ("The efficacy of baclofen in stroke, cerebral palsy, and Parkinson's disease has
            # not been established"), not the words around one condition of its list.
            sentence = " ".join(text[start:end].split()).strip(" \t\n,;:(").lstrip(". ")
            if len(sentence) < MAX_QUOTE:
                quote = sentence
        clause = text[previous_end:following]
        note = limit.group(0) if (kind == "limitation" and limit) else _role(clause)
        out.append(Finding(match.condition, kind, quote, population, products, note))
        previous_end = phrase_end
    return out


def _in_parentheses(text: str, position: int) -> bool:
    """Whether ``position`` lies inside an open parenthesis of its sentence."""
    start = max(text.rfind(". ", 0, position), text.rfind("; ", 0, position), 0)
    before = text[start:position]
    return before.count("(") > before.count(")")


def _role(clause: str) -> str | None:
    for pattern, note in _ROLE:
        if pattern.search(clause):
            return note
    return None


def _quote(text: str, lower: int, phrase_end: int, upper: int, match: Match) -> str:
    """The verbatim words around ``match``: from ``lower`` to ``upper`` (at least to the end of
    its phrase), trimmed to ``MAX_QUOTE`` characters at word boundaries, keeping the match."""
    upper = max(upper, phrase_end)
    a, b = lower, upper
    if b - a > MAX_QUOTE:
        a = max(a, match.start - 60)
        b = min(b, a + MAX_QUOTE)
        if b < match.end:
            a, b = match.start, min(match.start + MAX_QUOTE, upper)
    while a < match.start and not text[a].isspace() and a > lower and not text[a - 1].isspace():
        a += 1
    while b > match.end and b < upper and not text[b].isspace():
        b -= 1
    quote = text[a:b].strip(" \t\n,;:(").lstrip(". ")
    quote = re.sub(r"\s*\(\s*\d+(?:\.\d+)?\s*$", "", quote)
    return quote[:MAX_QUOTE].rstrip()
