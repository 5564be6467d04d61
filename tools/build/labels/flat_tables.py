"""Adverse-reaction tables recovered from flattened text (openFDA text fields print a table's
cells one after another, without cell or row boundaries).

A table is recovered only when its layout can be read without guessing:
- it starts at a caption "Table 4." / "TABLE 4:" / "Table 4 " followed by a capitalised word
  (not "Table 4 lists ..."); when "Table 4." is directly followed by "Table 4:", the later one;
- its arms are the column headers carrying a patient count "N=77", "(n = 711)", "[N=459]" (a
  count followed by "." belongs to the caption's sentence); an arm's name is the text between
  the previous count and its own ("%" and "n (%)" unit marks removed); the first arm's name is
  the run of words before its count that are drug names, doses, "placebo" or formulation words;
  when all counts are printed together, the names are the last drug/placebo words before them;
  a single unnamed arm is the placebo arm when the header names a placebo no arm carries;
- each body row is a label (at most 12 words, or 45 when it carries a footnote's sentence;
  a label holding a patient count starts a subgroup with other counts and ends the table) followed by exactly one cell per arm: a figure
  ("12", "2.3%", "<1", "—") or, in "n (%)" / "n %" tables, a count with its percentage; footnote
  marks after a figure ("a,b", "*") are skipped; a row followed directly by another figure (the
  cells were printed column by column, or the row has more cells than arms) ends the table and is
  not kept, nor is anything after it.
Everything else is left to the text extractor; the caller reports tables that gave no row.
"""

from __future__ import annotations

import re

from .model import Table

__all__ = ["tables_in_text"]

_CAPTION = re.compile(r"\b(?:TABLE|Table)\s+(\d{1,2})\s*[.:]?\s+(?=[A-Z(])")
_NOT_CAPTION = re.compile(r"^(?:However|The|This|These|In|For|Because|As|If|When|Also|See)\b")
_COUNT = re.compile(r"[(\[]?\s*\b[Nn]\s*=\s*(\d[\d,]*)\s*[)\]]?")
_FIGURE = re.compile(r"^(?:[<≤>]\s*)?\d+(?:\.\d+)?%?$|^[—–-]{1,2}$")
_MARK = re.compile(r"^(?:[a-f](?:,[a-f])*|[*†‡§¶#]+|\d,\d)$")
_PAREN_PERCENT = re.compile(r"^\((?:<\s*)?(\d+(?:\.\d+)?)%?\)$")
_DOSE = re.compile(
    r"\d|^(?:mg|mg/d|mg/day|mg/kg|mg/kg/day|mcg|g|daily|day|bid|tid|qd|to|≤|<)$", re.I
)
_FORM = frozenset(
    {
        "placebo", "all", "total", "combined", "pooled", "tablets", "tablet", "capsules", "capsule",
        "extended-release", "er", "xr", "sr", "cr", "xl", "hcl", "hydrochloride", "sustained-release",
        "immediate-release", "delayed-release", "oral", "solution", "*", "(%)", "%",
    }
)  # fmt: skip
_MAX_LABEL = 12
_MAX_FOOTNOTED = 45  # a row label followed by its footnote's sentence


def _captions(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for match in _CAPTION.finditer(text):
        if _NOT_CAPTION.match(text[match.end() :]):
            continue
        if found and found[-1][2] == match.group(1) and match.start() - found[-1][1] < 4:
            found[-1] = (match.start(), match.end(), match.group(1))
            continue
        found.append((match.start(), match.end(), match.group(1)))
    return found


def tables_in_text(text: str, drug_words: frozenset[str] = frozenset()) -> list[Table]:
    """The tables of a flattened text whose layout :mod:`flat_tables` can read."""
    captions = _captions(text)
    out: list[Table] = []
    for index, (start, _end, _number) in enumerate(captions):
        stop = captions[index + 1][0] if index + 1 < len(captions) else len(text)
        table = _table(text, start, stop, drug_words)
        if table is not None:
            out.append(table)
    return out


def _arm_counts(region: str) -> list[re.Match[str]]:
    """The run of arm counts of the header: consecutive counts (at most 14 words apart), the
    counts ending a caption sentence left out."""
    counts = [m for m in _COUNT.finditer(region) if region[m.end() : m.end() + 1] != "."]
    if not counts:
        return []
    run = [counts[0]]
    for match in counts[1:]:
        gap = region[run[-1].end() : match.start()].split()
        if len(gap) > 14:
            break
        run.append(match)
    return run


def _table(text: str, start: int, stop: int, drug_words: frozenset[str]) -> Table | None:
    region = text[start:stop]
    counts = _arm_counts(region)
    if not counts:
        return None
    words = _words(region, drug_words)
    names = _arm_names(region, counts, words)
    header_end = counts[-1].end()
    tail = region[header_end:]
    # unit marks after the last count: "%", "n (%)", "n %" repeated
    unit = re.match(r"\s*((?:(?:n\s*)?\(%\)|n\s+%|%)\s*)*", tail)
    per_cell = 2 if re.search(r"\bn\s*(?:\(%\)|%)", tail[: unit.end() if unit else 0]) else 1
    if per_cell == 1 and re.search(r"\bn\s*\(%\)", region[:header_end]):
        per_cell = 2
    body_start = header_end + (unit.end() if unit else 0)
    caption = _caption_text(region[: counts[0].start()], names[0])
    rows, quotes = _rows(region, body_start, len(counts), per_cell)
    if not rows:
        return None
    header = (
        ("", *tuple(f"{n} (N={c.group(1)})".strip() for n, c in zip(names, counts, strict=True))),
    )
    return Table(
        caption=caption,
        header=header,
        rows=tuple(rows),
        flattened=True,
        row_quotes=tuple(quotes),
        aliases=tuple(sorted(words - drug_words)),
    )


_HEADER_START = re.compile(
    r"\s(?:Body [Ss]ystem|System Organ Class|(?:MedDRA )?Preferred [Tt]erm|Adverse (?:Reaction|"
    r"Event)s?(?: Term)? (?=Placebo|Percent|%)|Percent(?:age)? of (?:Pediatric )?Patients|The "
    r"inclusion of|Includes |Reactions reported|n\s*=\s*number|\(percentage of patients)"
)
_HEADER_END = re.compile(r"\s+(?:Adverse (?:Reaction|Event|Experience)s?|Preferred [Tt]erm|Term)$")


def _caption_text(before: str, first_arm: str) -> str:
    """The caption: the text before the first arm, up to where the column headers or notes begin."""
    text = " ".join(before.split())
    if first_arm and text.endswith(first_arm):
        text = text[: -len(first_arm)].strip()
    match = _HEADER_START.search(text, 12)
    if match:
        text = text[: match.start()].strip()
    text = _HEADER_END.sub("", text)
    return text if len(text) < 200 else text[:197].rsplit(" ", 1)[0]


def _words(region: str, drug_words: frozenset[str]) -> frozenset[str]:
    """Drug words plus abbreviations the table defines for them ("PGB: pregabalin")."""
    extra = {
        m.group(1).lower()
        for m in re.finditer(r"\b([A-Z]{2,6})\s*[:=]\s*([A-Za-z-]+)", region)
        if m.group(2).lower() in drug_words
    }
    return drug_words | extra


def _is_name_word(token: str, words: frozenset[str]) -> bool:
    folded = token.lower().strip("()[],;")
    return bool(_DOSE.search(folded)) or folded in _FORM or folded in words or not folded


def _arm_names(region: str, counts: list[re.Match[str]], words: frozenset[str]) -> list[str]:
    names: list[str] = []
    for index, match in enumerate(counts):
        if index == 0:
            before = region[: match.start()].split()
            taken: list[str] = []
            while (
                before
                and (_is_name_word(before[-1], words) or _MARK.match(before[-1]))
                and len(taken) < 8
            ):
                if taken and before[-1].lower().strip("()[],;") == "placebo":
                    break  # "Placebo 100 mg (N=403)": placebo names another column
                taken.insert(0, before.pop())
            if not any(w.lower().strip("()[],;*") in words or re.search(r"\d", w) for w in taken):
                # "Gabapentin Plus background antiepileptic drug therapy N=543": the name runs
                # from the nearest drug name at most 8 words back
                window = region[: match.start()].split()[-8:]
                starts = [i for i, w in enumerate(window) if w.lower().strip("()[],;*") in words]
                if starts and not any(w.endswith(".") for w in window[starts[-1] :]):
                    taken = window[starts[-1] :]
            names.append(" ".join(taken))
        else:
            between = region[counts[index - 1].end() : match.start()].split()
            while between and between[0] in ("%", "n", "(%)"):
                between.pop(0)
            names.append(" ".join(between))
    names = [re.sub(r"^(?:[%†‡*§¶]\s*)+|\s*(?:%|\(%\))$", "", n).strip() for n in names]
    if len(counts) > 1 and all(not n for n in names[1:]):
        # counts printed together: one name word per count just before them ("Placebo 75 225
        # 375 (N=92) (N=89) ..."), else the last drug/placebo words before them
        before = region[: counts[0].start()].split()
        last = before[-len(counts) :]
        picked = [w for w in before if w.lower().strip("()*") in words | {"placebo"}]
        if len(last) == len(counts) and all(_is_name_word(w, words) and w for w in last):
            names = last
        elif len(picked) >= len(counts):
            names = picked[-len(counts) :]
    unnamed = [i for i, n in enumerate(names) if not n]
    header = region[: counts[-1].end()].lower()
    if len(unnamed) == 1 and "placebo" in header and not any("placebo" in n.lower() for n in names):
        names[unnamed[0]] = "Placebo"
    return names


def _cell(tokens: list[str], position: int, per_cell: int) -> tuple[str, int] | None:
    """The figure of one cell starting at ``position`` and the position after it (marks
    skipped), or None when no cell starts there."""
    if position >= len(tokens) or not _FIGURE.match(tokens[position]):
        return None
    if per_cell == 2:
        # "64 (16)" or "2 3.8": a count, then its percentage
        if position + 1 >= len(tokens):
            return None
        second = tokens[position + 1]
        paren = _PAREN_PERCENT.match(second)
        if paren:
            figure = paren.group(1)
        elif _FIGURE.match(second):
            figure = second
        else:
            return None
        position += 2
    else:
        figure = tokens[position]
        position += 1
    while position < len(tokens) and _MARK.match(tokens[position]):
        position += 1
    return figure, position


def _rows(
    region: str, body_start: int, arms: int, per_cell: int
) -> tuple[list[tuple[str, ...]], list[str]]:
    spans = [
        (m.start() + body_start, m.end() + body_start, m.group(0))
        for m in re.finditer(r"\S+", region[body_start:])
    ]
    tokens = [s[2] for s in spans]
    rows: list[tuple[str, ...]] = []
    quotes: list[str] = []
    position = 0
    while position < len(tokens):
        label_start = position
        while position < len(tokens) and not _FIGURE.match(tokens[position]):
            position += 1
        label = [t for t in tokens[label_start:position] if t != ","]
        sentence = any(t.endswith(".") for t in label[:-1]) or (label and label[-1].endswith("."))
        limit = _MAX_FOOTNOTED if sentence else _MAX_LABEL
        if not label or len(label) > limit or position >= len(tokens):
            break
        if _COUNT.search(" ".join(label)):
            break  # a subgroup with its own patient counts starts: its rows have other Ns
        cells: list[str] = []
        for _ in range(arms):
            cell = _cell(tokens, position, per_cell)
            if cell is None:
                break
            cells.append(cell[0])
            position = cell[1]
        if len(cells) != arms:
            break
        if position < len(tokens) and _FIGURE.match(tokens[position]):
            break  # more figures than arms: not a row-by-row layout
        rows.append((" ".join(label), *cells))
        quotes.append(region[spans[label_start][0] : spans[position - 1][1]])
    return rows, quotes
