"""Boxed warnings: the topics a box's heading names, each with an extract of the box.

Rules:
- The heading is the section title when it is not just "BOXED WARNING"/"WARNING", else the
  upper-case run that opens the text (after "BOXED WARNING" / "WARNING:" / "WARNING -"), else a
  Title Case run closed by a colon or followed by a sentence ("Suicidality and Antidepressant
  Drugs Antidepressants increased ..."); a box without any heading takes its first sentence,
  shortened to 100 characters at a word, as its topic.
- A heading lists several topics when it separates them by ";" or by a lower-case "and" (FDA
  headings write "SERIOUS INFECTIONS and MALIGNANCY" for two topics, "SUICIDAL THOUGHTS AND
  BEHAVIORS" for one); commas of such a list also separate topics unless a part is a single
  adjective ("PULMONARY, HEPATIC and CARDIAC TOXICITY" stays one topic). A repeated heading (the
  highlights box printed before the full box) gives its topics once.
- Words the heading took from the sentence after it are dropped: the label's own names at its
  end, or a last word followed by a lower-case word ("CNS stimulants"); a heading that is only the
  product's name is no heading; a subheading repeating a topic at the heading's end is dropped.
- A topic is printed in sentence case (the first letter capital, the rest lower case, except
  words of two to five capitals that stand for an abbreviation: CNS, HIV, QT, REMS ...).
- The summary of a topic is the first sentence of the box that shares a content word with the
  topic (else the box's first sentence); the quote is that sentence, cut to under 200 characters
  at a word.
"""

from __future__ import annotations

import re

import attrs

from .flat import sentences

__all__ = ["BoxTopic", "box_heading", "box_topics", "sentence_case"]

_OPEN = re.compile(
    r"^\s*(?:BOXED\s+WARNING\s*(?:SECTION)?\s*:?\s*)?(?:WARNINGS?\s*(?::|-|–|—)?\s*)?", re.I
)
_ADJECTIVE = re.compile(r"^[A-Z-]+(?:ARY|IC|AL|OUS|IVE)$")
_ABBREVIATIONS = frozenset(
    {
        "CNS", "HIV", "HBV", "HCV", "QT", "QTC", "REMS", "PML", "DRESS", "SJS", "TEN", "AML",
        "MDS", "CYP3A4", "CYP2C19", "MS", "NSAID", "NSAIDS", "HABP", "VABP", "ADHD", "COPD", "GI",
        "CV", "ICU", "IV", "TNF", "II", "III", "PAH", "AIDS", "OMNIPAQUE", "US", "DMARD",
    }
)  # fmt: skip
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "with",
        "the",
        "to",
        "for",
        "from",
        "by",
        "on",
        "at",
        "as",
        "is",
        "are",
        "be",
        "risk",
        "risks",
        "use",
        "warning",
        "patients",
        "increased",
        "serious",
    ]
)


@attrs.frozen
class BoxTopic:
    topic: str
    summary: str
    quote: str
    from_heading: bool


def sentence_case(text: str) -> str:
    words = text.split()
    out = []
    for _index, word in enumerate(words):
        core = re.sub(r"[^A-Za-z0-9]", "", word)
        if core.upper() in _ABBREVIATIONS and core.isupper():
            out.append(word)
        else:
            out.append(word.lower())
    result = " ".join(out)
    return result[:1].upper() + result[1:]


def _upper_run(text: str) -> tuple[str, int]:
    """The upper-case heading at the start of ``text`` and where it ends."""
    tokens = list(re.finditer(r"\S+", text))
    end = 0
    kept: list[str] = []
    for position, match in enumerate(tokens):
        word = match.group(0)
        letters = re.sub(r"[^A-Za-z]", "", word)
        connector = word in ("and", "or", "of", "with", "in", "the", "for", "to", "by")
        if letters and not letters.isupper() and not connector:
            break
        if not letters and not re.fullmatch(r"[\d/,;:()&%.-]+", word):
            break
        if connector:
            following = tokens[position + 1].group(0) if position + 1 < len(tokens) else ""
            if not re.sub(r"[^A-Za-z]", "", following).isupper():
                break
        kept.append(word)
        end = match.end()
    # a single capital word ("Apnea", "A") opening a sentence is not a heading
    heading = " ".join(kept)
    if len(re.sub(r"[^A-Z]", "", heading)) < 4:
        return "", 0
    return heading, end


def _title_run(text: str) -> str:
    """A Title Case heading closed by ":" / a dash, or followed by a sentence."""
    match = re.match(
        r"^([A-Z][\w/-]*(?:\s+(?:[A-Z][\w/-]*|and|or|of|in|with|the|for|to|a)){0,13}?\s+[A-Z][\w/-]*)"
        r"\s*(?::|—|–|\s-\s)",
        text,
    )
    if match:
        return match.group(1)
    words = text.split()
    kept: list[str] = []
    for index, word in enumerate(words[:16]):
        if word[:1].isupper() or word in ("and", "or", "of", "in", "with", "the", "for", "to"):
            following = words[index + 1] if index + 1 < len(words) else ""
            if (
                kept
                and word[:1].isupper()
                and following[:1].islower()
                and following not in ("and", "or", "of", "in", "with", "the", "for", "to")
            ):
                while kept and not kept[-1][:1].isupper():
                    kept.pop()
                capitals = sum(1 for k in kept if k[:1].isupper())
                return " ".join(kept) if capitals >= 2 else ""
            kept.append(word)
        else:
            return ""
    return ""


def _split_topics(heading: str) -> list[str]:
    heading = heading.strip(" :;,.")
    upper = heading.upper() == heading or bool(re.search(r"[A-Z]{3,}\s+and\s+[A-Z]{3,}", heading))
    parts: list[str] = []
    for part in re.split(r"\s*;\s*|\s*\([a-h]\)\s*", heading, flags=re.I):
        part = re.sub(r"^(?:and|AND)\s+", "", part.strip())
        if not part:
            continue
        if upper and " and " in part:
            pieces = [p.strip() for p in re.split(r",?\s+and\s+", part)]
            commas = [c.strip() for p in pieces for c in p.split(",") if c.strip()]
            if any(_ADJECTIVE.match(c) for c in commas):
                parts.append(part)  # "PULMONARY, HEPATIC and CARDIAC TOXICITY": one topic
            else:
                parts.extend(commas)
        else:
            parts.append(part)
    return [p for p in parts if re.search(r"[A-Za-z]", p)]


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def _quote(sentence: str) -> str:
    if len(sentence) < 200:
        return sentence
    return sentence[:196].rsplit(" ", 1)[0]


def _trim_heading(heading: str, following: str, names: frozenset[str]) -> str:
    """Drop the words a heading took from the sentence after it: the label's own names ("...
    LIVER FAILURE TRIKAFTA can cause"), or a last word followed by a lower-case word ("CNS
    stimulants"); a run of over 15 words is an upper-case paragraph: its first sentence, at most
    12 words."""
    words = heading.split()
    if len(words) > 15:
        first = re.split(r"(?<=[.])\s", heading, maxsplit=1)[0].rstrip(".")
        words = first.split()[:12]
        return " ".join(words)
    if following[:1].islower() and len(words) > 1:
        words.pop()
    while len(words) > 1 and (
        re.sub(r"[^a-z0-9]", "", words[-1].lower()) in names or words[-1].lower() in ("and", "or")
    ):
        words.pop()
    return " ".join(words)


def box_heading(title: str, text: str) -> tuple[str, str]:
    """The box's heading as printed (its title, else the upper-case run opening the text) and
    the text after it."""
    if title and not re.fullmatch(r"(?i)(?:boxed\s+)?warnings?:?", title.strip()):
        return title.strip(), text
    heading, end = _upper_run(_OPEN.sub("", text))
    if not heading:
        return "", text
    rest = _OPEN.sub("", text)
    return heading, rest[end:]


def box_topics(title: str, text: str, names: frozenset[str] = frozenset()) -> list[BoxTopic]:
    """The topics of one boxed warning (``title``: the section title, if the file has one;
    ``names``: the label's own product and ingredient names, lower case)."""
    title = title.strip()
    body = text.strip()
    if not _OPEN.sub("", f"{title} {body}").strip(" .:"):
        return []  # an empty section ("BOXED WARNING" and nothing else): no topic to give
    heading = ""
    if title and not re.fullmatch(r"(?i)(?:boxed\s+)?warnings?:?", title):
        heading = _OPEN.sub("", title)
    rest = _OPEN.sub("", body) if not heading else body
    if not heading:
        heading, end = _upper_run(rest)
        if heading:
            following = rest[end:].lstrip()
            trimmed = _trim_heading(heading, following, names)
            cut = rest.find(trimmed.split()[-1], 0) if trimmed else -1
            rest = (
                rest[cut + len(trimmed.split()[-1]) :]
                if cut >= 0 and trimmed != heading
                else rest[end:]
            )
            heading = trimmed
            if all(re.sub(r"[^a-z0-9]", "", w.lower()) in names for w in heading.split()):
                heading, rest = "", _OPEN.sub("", body)  # only the product's name
        else:
            heading = _title_run(rest)
    topics: list[str] = []
    seen: set[str] = set()
    from_heading = bool(heading)
    if heading:
        for part in re.split(r"(?<!AND)\s+WARNING:\s+", heading):
            for topic in _split_topics(part):
                for earlier in topics:  # a subheading repeating a topic after the heading
                    if topic.lower().endswith(" " + earlier.lower()):
                        topic = topic[: -len(earlier)].strip()
                key = topic.lower()
                if key not in seen:
                    seen.add(key)
                    topics.append(topic)
    found = [s for s in sentences(rest) if len(s) > 20 and not s.isupper()]
    if not found:
        found = [s for s in sentences(body) if s]
    if not found:
        return []
    if not topics:
        first = found[0]
        short = first if len(first) <= 100 else first[:100].rsplit(" ", 1)[0]
        topics = [short]
    out = []
    for topic in topics:
        words = _content(topic)
        chosen = next(
            (s for s in found if words & _content(s) and "full prescribing information" not in s),
            found[0],
        )
        shown = sentence_case(topic) if topic.isupper() or re.search(r"[A-Z]{4,}", topic) else topic
        out.append(
            BoxTopic(topic=shown, summary=chosen, quote=_quote(chosen), from_heading=from_heading)
        )
    return out
