"""ANSI colour for terminal output (the command line uses it on a terminal only, never when
``NO_COLOR`` is set): section titles bold, statuses and severities coloured. Colour codes are
added around words after tables are laid out, so columns stay aligned."""

from __future__ import annotations

import re

__all__ = ["colourize"]

_BOLD, _RESET = "\033[1m", "\033[0m"
_WORDS = {
    "approved": "\033[32m",
    "off-label": "\033[33m",
    "life-threatening": "\033[1;31m",
    "(boxed)": "\033[31m",
    "high": "\033[31m",
    "moderate": "\033[33m",
}
_STATUS = re.compile(r"(?<![\w-])(approved|off-label|life-threatening|\(boxed\))(?![\w-])")
_SEVERITY = re.compile(r"^(\S.*?\s{2,})(high|moderate)(\b)")
_TITLE = re.compile(
    r"^(Comparing .*|Shared adverse effects.*|Overlapping indications.*|Withdrawal and "
    r"discontinuation|Similarity.*|Drugs for .*|Sources|Indications .*|Adverse effects .*|"
    r"Boxed warnings|Mechanisms|Stopping the drug.*|Products .*|Limitations of use.*)$"
)


def colourize(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if _TITLE.match(line):
            lines.append(f"{_BOLD}{line}{_RESET}")
            continue
        line = _STATUS.sub(lambda m: f"{_WORDS[m.group(1)]}{m.group(1)}{_RESET}", line)
        line = _SEVERITY.sub(
            lambda m: f"{m.group(1)}{_WORDS[m.group(2)]}{m.group(2)}{_RESET}", line
        )
        lines.append(line)
    return "\n".join(lines)
