"""Structure recovered from flattened label text (openFDA fields lose their subsection breaks):
numbered subsections, the end of a subsection title, and sentences.

Rules:
- A subsection heading is "<major>.<minor> " followed by a capital letter, not inside brackets or
  parentheses (cross-references are "(5.3)" or "[see ... (5.3)]"), with ``<major>`` the section's
  own number and ``<minor>`` greater than the previous heading's (so table figures such as
  "2.4 Psychiatric", a repeated list of headings, or a dose "1.5 mg" are not headings).
- A heading's title ends before the sentence that follows it: at the last capitalised word before
  the first word that is lower case and not a connecting word ("of", "and", "with" ...), or, for a
  title printed in sentence case, at the first capitalised word after a lower-case one; at most
  16 words.
- Sentences end at ". ", "? " or "! " before a capital letter, digit, bracket, bullet or an
  enumerator ("b. Abrupt Drug Withdrawal:"), except
  after common abbreviations ("e.g.", "i.e.", "vs.", "approx.", "Dr.", "No.").
"""

from __future__ import annotations

import re

__all__ = ["sentences", "split_numbered", "strip_heading", "title_length"]

_CONNECT = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "de", "due", "for", "from", "in", "into", "of", "on",
        "or", "per", "the", "to", "vs", "with", "without", "versus", "after", "during", "other",
    }
)  # fmt: skip
_HEADING = re.compile(r"(?<![\d.(\[])(?<!\(\s)(?<!\[\s)\b(\d{1,2})\.(\d{1,2})\s+(?=[A-Z])")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "approx.", "dr.", "no.", "ca.", "etc.", "fig.", "u.s.")


def _is_lower_word(token: str) -> bool:
    letters = token.strip("()[],:;\"'")
    return bool(letters) and letters[0].islower() and letters.lower() not in _CONNECT


def _is_capital(token: str) -> bool:
    letters = token.lstrip("(\"'[")
    return bool(letters) and (letters[0].isupper() or letters[0].isdigit())


def title_length(tokens: list[str]) -> int:
    """How many of ``tokens`` (the words after a heading number) are the title."""
    limit = min(len(tokens), 16)
    seen_lower = False
    for index in range(1, limit):
        token = tokens[index]
        if _is_capital(token):
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if seen_lower or _is_lower_word(following):
                return index
        elif _is_lower_word(token):
            seen_lower = True
    return limit


def split_numbered(text: str, major: str) -> tuple[str, list[tuple[str, str, str]]]:
    """``text`` of a numbered section -> (its lead text, [(number, title, text)] subsections).
    A subsection's text starts after its title and runs to the next heading."""
    starts: list[tuple[int, int, str]] = []
    last_minor = 0
    for match in _HEADING.finditer(text):
        if match.group(1) != major:
            continue
        minor = int(match.group(2))
        if minor <= last_minor or minor > last_minor + 5:
            continue
        starts.append((match.start(), match.end(), f"{major}.{minor}"))
        last_minor = minor
    if not starts:
        return text.strip(), []
    lead = text[: starts[0][0]].strip()
    out: list[tuple[str, str, str]] = []
    for position, (_start, end, number) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(text)
        body = text[end:stop]
        tokens = body.split()
        size = title_length(tokens)
        title = " ".join(tokens[:size])
        rest = body.strip()
        for token in tokens[:size]:
            rest = rest[rest.index(token) + len(token) :]
        out.append((number, title.rstrip(":"), rest.strip()))
    return lead, out


_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”)]?\s+(?=[A-Z0-9\[(•]|[a-h]\.\s+[A-Z])")


def sentences(text: str) -> list[str]:
    """The sentences of a text (lines are kept apart too)."""
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            before = line[start : match.start()].rstrip()
            word = before.rsplit(" ", 1)[-1].lower()
            if word.endswith(_ABBREVIATIONS) or re.fullmatch(r"[A-Z]\.", before[-2:]):
                continue
            piece = line[start : match.start()].strip()
            if piece:
                out.append(piece)
            start = match.end()
        piece = line[start:].strip()
        if piece:
            out.append(piece)
    return out


_LEADING_HEADING = re.compile(r"^\s*\d{1,2}\.\d{1,2}\s+(?=[A-Z])")


def strip_heading(sentence: str) -> str:
    """``sentence`` without a subsection heading printed before it in flattened text ("2.6
    Discontinuation of Eslicarbazepine Acetate Tablets When discontinuing ..." -> "When
    discontinuing ..."), by the title rule of :func:`title_length`; unchanged when what follows
    the title would not start a sentence."""
    found = _LEADING_HEADING.match(sentence)
    if found is None:
        return sentence
    tokens = sentence[found.end() :].split()
    size = title_length(tokens)
    if size >= len(tokens) or not _is_capital(tokens[size]):
        return sentence
    return " ".join(tokens[size:])
