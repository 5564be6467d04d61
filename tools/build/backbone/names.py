"""Names and provenance shared by the backbone's source modules: the counter-ion and ester words
that may follow an active moiety's name, name cleaning, and the snapshot a raw folder came from."""

from __future__ import annotations

import re
from pathlib import Path

from drugcompare._text import slugify

from ..common import REPO  # noqa: F401 - puts the library on the path first

__all__ = ["FORM_WORDS", "SALT_WORDS", "SourceInfo", "chembl_synonyms", "clean_name", "slugify"]


# Counter-ions stripped (last word only) when an exact name finds no drug: "bromfenac sodium" is the
# active ingredient bromfenac. Esters and other covalent forms (acetate, acetonide ...) are not.
SALT_WORDS = frozenset(
    {
        "sodium",
        "disodium",
        "potassium",
        "calcium",
        "magnesium",
        "hydrochloride",
        "dihydrochloride",
        "hcl",
        "hydrobromide",
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
        "meglumine",
        "tromethamine",
        "hydrate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
    }
)


# Words that may follow an active moiety's name in DrugCentral's name of its only marketed form
# ("candesartan cilexetil", "clobetasol propionate", "tiotropium bromide").
FORM_WORDS = SALT_WORDS | frozenset(
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
        "cilexetil",
        "medoxomil",
        "proxetil",
        "axetil",
        "pivoxil",
        "mofetil",
        "bromide",
        "iodide",
        "nitrate",
    }
)


_HEX = re.compile(r"\b[0-9a-f]{40}\b")


_REPO = re.compile(r"repo:\s*(github\.com/[\w.-]+/[\w.-]+)")


def clean_name(text: str) -> str:
    """A name cell with surrounding quotes and spaces removed and inner spaces collapsed."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return " ".join(text.split())


def chembl_synonyms(cell: str) -> list[str]:
    """``"Mephentermine (BAN, INN); Mephentermine Sulfate (FDA, USP);"`` -> the two names."""
    out = []
    for part in clean_name(cell).split(";"):
        name = re.sub(r"\s*\([^()]*\)\s*$", "", part).strip()
        if name and name not in out:
            out.append(name)
    return out


class SourceInfo:
    """Repository and commit named in a raw folder's SOURCE.txt."""

    def __init__(self, folder: Path) -> None:
        self.text = (folder / "SOURCE.txt").read_text(encoding="utf-8")
        repo = _REPO.search(self.text)
        commit = _HEX.search(self.text)
        if repo is None or commit is None:
            raise SystemExit(f"{folder / 'SOURCE.txt'}: no 'repo:' or commit hash found")
        self.url = "https://" + repo.group(1)
        self.commit = commit.group(0)
        self.repo = repo.group(1).removeprefix("github.com/")

    def at(self) -> str:
        """``owner/name@abcdef123456``: the snapshot the raw files were copied from."""
        return f"{self.repo}@{self.commit[:12]}"

    def find(self, pattern: str) -> str:
        match = re.search(pattern, self.text)
        if match is None:
            raise SystemExit(f"SOURCE.txt of {self.repo}: {pattern!r} not found")
        return match.group(1)
