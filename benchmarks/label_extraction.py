"""Measure adverse-reaction extraction from label text on the TAC 2017 ADR test labels.

Run::

    python benchmarks/label_extraction.py                 # the 99 TEST labels (the published figures)
    python benchmarks/label_extraction.py --folds 2       # cross-validation on the training labels
    python benchmarks/label_extraction.py --split train   # the training labels (optimistic)
    python benchmarks/label_extraction.py --errors 30     # also the most frequent misses and extras

The raw folder is ``--raw``, else ``$DRUGCOMPARE_RAW``, else ``../shared/data/raw``.

How it counts (the unit OnSIDES and TAC 2017 task 4 use: distinct MedDRA PTs per label section):

- Gold: for each label and section, the set of MedDRA PT names of the annotations of type
  ``human`` (``animal`` and ``drug_class`` annotations, and the few without a PT, are left out).
- Found: the set of PT names of ``tools.build.labels.adverse_text`` mentions in the same section
  text: ``Extractor.extract`` on the ADVERSE REACTIONS and BOXED WARNING texts, and
  ``Extractor.warning_effects`` on the WARNINGS AND PRECAUTIONS text cut into its numbered
  subsections (the text before ``5.1``, highlights included, is one more subsection).
- PT names are compared after ``normalize`` and British/American spelling folding; a SIDER PT
  that the TAC annotations code as an LLT of a newer PT (Convulsion -> Seizure) is compared under
  that PT's name (``TermIndex.current_name``).
- A gold PT that the term index cannot produce (no PT of that name in SIDER 4.1 or the TAC
  training annotations) still counts as a miss; the report says how many there are and what the
  figures would be without them.
- Micro: precision, recall and F1 over the summed true positives, false positives and misses of
  all labels. Macro: the mean over labels of each label's precision, recall and F1 (a label with
  nothing found has precision 0; a label with nothing in the gold set is left out).

The term index and the name filter (``Extractor.learn``) read only the TAC training labels; the
test labels are read only here. Results and method: docs/label-extraction.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.build.common import raw_dir  # noqa: E402
from tools.build.labels.adverse_text import Extractor, Mention  # noqa: E402
from tools.build.labels.terms import TermIndex, tac_records  # noqa: E402

SECTIONS = ("adverse reactions", "warnings and precautions", "boxed warnings")
_SUBSECTION = re.compile(r"^[ \t]*(5\.\d+)[ \t]+(\S[^\n]*)$", re.MULTILINE)

Counts = tuple[int, int, int]  # true positives, false positives, misses


def subsections(text: str) -> list[tuple[str, str, str]]:
    """A Warnings and Precautions section as ``(number, title, text)`` subsections; the text
    before the first numbered heading is subsection ``("5", "", text)``."""
    heads = list(_SUBSECTION.finditer(text))
    first = heads[0].start() if heads else len(text)
    out = [("5", "", text[:first])]
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        out.append((head.group(1), head.group(2).strip(), text[head.end() : end]))
    return out


def found(extractor: Extractor, section: str, text: str) -> list[Mention]:
    if section == "warnings and precautions":
        return extractor.warning_effects(subsections(text))
    return extractor.extract(text)


def scores(counts: Iterable[Counts]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b, c in counts:
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro(counts: list[Counts]) -> tuple[float, float, float]:
    per = [scores([c]) for c in counts if c[0] + c[2] > 0]
    n = len(per) or 1
    return tuple(sum(p[k] for p in per) / n for k in range(3))  # type: ignore[return-value]


class Tally:
    """Per-section counts, misses and extras of one measurement."""

    def __init__(self) -> None:
        self.counts: dict[str, list[Counts]] = {s: [] for s in SECTIONS}
        self.counts_known: dict[str, list[Counts]] = {s: [] for s in SECTIONS}
        self.unknown: dict[str, Counter[str]] = {s: Counter() for s in SECTIONS}
        self.misses: dict[str, Counter[str]] = {s: Counter() for s in SECTIONS}
        self.extras: dict[str, Counter[str]] = {s: Counter() for s in SECTIONS}
        self.rows: list[str] = []
        self.labels: set[str] = set()
        self.known: set[str] = set()

    def measure(self, records: Iterable[dict[str, object]], extractor: Extractor) -> None:
        index = extractor.index
        known = {index.pt_key(index.current_name(term.name)) for term in index.terms()}
        self.known |= known
        for record in records:
            section, text = str(record["section_name"]), str(record["section_text"])
            self.labels.add(str(record["label_id"]))
            events = record["adverse_events"]
            assert isinstance(events, list)
            gold = {index.pt_key(str(e[1])) for e in events if e[1] and e[7] == "human"}
            got = {
                index.pt_key(index.current_name(m.term.name))
                for m in found(extractor, section, text)
            }
            tp, fp, fn = len(gold & got), len(got - gold), len(gold - got)
            self.counts[section].append((tp, fp, fn))
            gold_known = gold & known
            self.counts_known[section].append(
                (len(gold_known & got), len(got - gold), len(gold_known - got))
            )
            self.unknown[section].update(gold - known)
            self.misses[section].update(gold - got)
            self.extras[section].update(got - gold)
            f1 = scores([(tp, fp, fn)])[2]
            self.rows.append(
                f"| {record['label_id']} | {section} | {tp} | {fp} | {fn} | {f1:.3f} |"
            )

    def table(self) -> list[str]:
        lines = [
            "| section | sections | gold PTs | found | micro P | micro R | micro F1 "
            "| macro P | macro R | macro F1 | gold PTs the index lacks | micro F1 on known PTs |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for section in (*SECTIONS, "all"):
            chosen = SECTIONS if section == "all" else (section,)
            counts = [c for s in chosen for c in self.counts[s]]
            known = [c for s in chosen for c in self.counts_known[s]]
            p, r, f = scores(counts)
            mp, mr, mf = macro(counts)
            gold_n = sum(c[0] + c[2] for c in counts)
            found_n = sum(c[0] + c[1] for c in counts)
            unknown_n = sum(sum(self.unknown[s].values()) for s in chosen)
            lines.append(
                f"| {section} | {len(counts)} | {gold_n} | {found_n} | {p:.3f} | {r:.3f} "
                f"| {f:.3f} | {mp:.3f} | {mr:.3f} | {mf:.3f} | {unknown_n} "
                f"| {scores(known)[2]:.3f} |"
            )
        return lines

    def errors(self, top: int) -> list[str]:
        lines = []
        for section in SECTIONS:
            misses = ", ".join(
                f"{name}{'' if name in self.known else '*'} {n}"
                for name, n in self.misses[section].most_common(top)
            )
            extras = ", ".join(f"{n} {k}" for n, k in self.extras[section].most_common(top))
            lines += [
                f"{section}: most frequent misses (* = no such PT in the index): {misses}",
                f"{section}: most frequent extras: {extras}",
            ]
        return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", help="raw data folder")
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="cross-validate on the training labels: each fold measured with a term index and "
        "name filter learnt from the other folds (the way the rules were tuned)",
    )
    parser.add_argument("--errors", type=int, default=0, help="list this many misses and extras")
    parser.add_argument("--labels", action="store_true", help="print per-label figures")
    args = parser.parse_args(argv)
    raw = raw_dir(args.raw)
    tally = Tally()
    train = list(tac_records(raw, "train"))
    if args.folds:
        names = sorted({str(r["label_id"]) for r in train})
        for k in range(args.folds):
            fold = set(names[k :: args.folds])
            index = TermIndex.load(raw, held_out=fold)
            extractor = Extractor(index).learn(r for r in train if r["label_id"] not in fold)
            tally.measure((r for r in train if r["label_id"] in fold), extractor)
        what = f"{args.folds}-fold cross-validation on the training split"
    else:
        index = TermIndex.load(raw)
        extractor = Extractor(index).learn(train)
        tally.measure(tac_records(raw, args.split), extractor)
        what = f"{args.split} split"
        counts = ", ".join(f"{k} {v}" for k, v in index.counts.items())
        print(f"Term index: {counts}; names dropped by learn: {len(extractor.dropped)}")
    print(f"TAC 2017 ADR, {what}: {len(tally.labels)} labels")
    print()
    print("\n".join(tally.table()))
    if args.labels:
        print("\n| label | section | TP | FP | FN | F1 |\n|---|---|---|---|---|---|")
        print("\n".join(tally.rows))
    if args.errors:
        print()
        print("\n".join(tally.errors(args.errors)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
