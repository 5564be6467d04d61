"""What the documentation shows: docstring examples, the tutorial notebook, rich display, JSON.

The documentation site itself is built (every code cell executed, warnings as errors) and the
tutorial executed from a clean kernel by ``.ci/run``; these tests keep the pieces honest.
"""

from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import drugcompare as dc

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TUTORIAL = DOCS / "tutorial.ipynb"
DRUGS = ("gabapentin", "pregabalin", "duloxetine")


def _modules() -> list[str]:
    names = ["drugcompare"]
    names += [
        f"drugcompare.{m.name}"
        for m in pkgutil.iter_modules(dc.__path__)
        if m.name not in ("__main__",)
    ]
    return names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    if name == "drugcompare.plot":
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
    if name == "drugcompare.plot":
        import matplotlib.pyplot as plt

        plt.close("all")


def test_tutorial_is_committed_clean_and_says_not_medical_advice() -> None:
    notebook = json.loads(TUTORIAL.read_text("utf-8"))
    assert notebook["nbformat"] == 4
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, "the tutorial has no code"
    for cell in code:
        # executed by CI and by the docs build; committed without outputs so that no stale fact
        # is shown on a code host
        assert cell["outputs"] == [] and cell["execution_count"] is None
    text = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert text.count("Not medical advice") >= 1
    assert "".join(code[0]["source"]).startswith("import drugcompare as dc")


def test_home_page_says_not_medical_advice_and_every_page_is_in_the_site() -> None:
    index = (DOCS / "index.md").read_text("utf-8")
    assert "Not medical advice" in index
    pages = {
        str(p.relative_to(DOCS).with_suffix(""))
        for p in [*DOCS.glob("*.md"), *DOCS.glob("guide/*.md"), *DOCS.glob("*.ipynb")]
    }
    listed = set(re.findall(r"^([\w/-]+)$", index, flags=re.MULTILINE))
    assert pages - {"index"} <= listed, pages - listed


def test_api_reference_lists_every_public_name() -> None:
    api = (DOCS / "api.md").read_text("utf-8")
    documented = set(re.findall(r"::\s+drugcompare\.(\w+)", api))
    missing = set(dc.__all__) - documented - {"DrugLike"}  # a type alias, described in prose
    assert not missing, f"add to docs/api.md: {sorted(missing)}"


@pytest.fixture(scope="module")
def comparison() -> dc.Comparison:
    return dc.compare(*DRUGS)


def test_each_result_renders_as_html_and_text(comparison: dc.Comparison) -> None:
    results = [
        comparison,
        comparison.shared_adverse_effects,
        comparison.overlapping_indications,
        comparison.withdrawal_risks,
        comparison.similarities,
        dc.similar_drugs("pregabalin", by="mechanisms", limit=3),
        comparison.shared_adverse_effects[0],
        comparison.overlapping_indications[0],
        comparison.withdrawal_risks[0],
        comparison.similarities[0],
        comparison.drugs[0],
        dc.lookup_condition("fibromyalgia"),
    ]
    for result in results:
        html = result._repr_html_()
        assert "<table" in html and "<script" not in html, type(result)
        assert html.count("<table") == html.count("</table>")
        text = str(result)
        assert text and "<" not in text.split("\n", 1)[0], type(result)


def test_html_marks_statuses_and_severities_distinctly(comparison: dc.Comparison) -> None:
    html = comparison._repr_html_()
    found = re.findall(r'<span class="dc-badge" style="([^"]+)"[^>]*>([^<]+)</span>', html)
    by_text = {text: style for style, text in found}
    assert by_text["approved"] != by_text["off-label"] != by_text["listed"]
    assert "moderate" in by_text
    # sources are links with the source's title as tooltip
    assert re.search(r'<a href="https?://[^"]+" title="[^"]+" target="_blank"', html)
    assert "FDA approved" in html


def test_html_leaves_out_empty_columns_and_caps_rows(comparison: dc.Comparison) -> None:
    risks = comparison.withdrawal_risks
    html = risks._repr_html_()
    if not any(r.onset for r in risks):
        assert "<th>Onset</th>" not in html
    report = comparison.to_html(limit=5)
    assert f"({len(comparison.shared_adverse_effects)}, 5 most frequent shown)" in report
    with pytest.raises(dc.InvalidArgumentError):
        comparison.to_html(limit=0)


def test_text_tables_are_aligned(comparison: dc.Comparison) -> None:
    text = comparison.withdrawal_risks.to_table(references=False)
    lines = text.splitlines()
    header, rule = lines[1], lines[2]
    assert set(rule) <= {"-", " "}
    assert len(header.rstrip()) <= len(rule)
    assert comparison.similarities.to_table("github").startswith("Similarity (Jaccard)\n|")
    similar = str(dc.similar_drugs("gabapentin", by="mechanisms", limit=2))
    assert similar.startswith("Drugs most similar to gabapentin by mechanisms")


def test_empty_results_render() -> None:
    empty = dc.shared_adverse_effects("gabapentin", "pregabalin", min_frequency=1.0)
    assert len(empty) == 0
    assert "none listed by every drug" in str(empty)
    assert "None listed by every drug" in empty._repr_html_()


def test_results_stay_tuples_and_lists(comparison: dc.Comparison) -> None:
    effects = dc.shared_adverse_effects(*DRUGS)
    assert isinstance(effects, tuple) and effects == comparison.shared_adverse_effects
    assert tuple(effects) == effects
    similar = dc.similar_drugs("gabapentin", limit=3)
    assert isinstance(similar, list) and similar.query.id == "gabapentin"
    assert similar.by == "combined"


def test_json_everywhere(comparison: dc.Comparison) -> None:
    assert dc.from_json(comparison.to_json()) == comparison
    assert json.loads(json.dumps(comparison.to_dict()))["drugs"][0]["id"] == DRUGS[0]
    for result in (
        comparison.shared_adverse_effects,
        comparison.overlapping_indications,
        comparison.withdrawal_risks,
        comparison.similarities,
        dc.similar_drugs("gabapentin", limit=3),
    ):
        data = json.loads(result.to_json())
        assert isinstance(data, list)
        assert len(data) == len(result)
        assert data == result.to_list()


def test_every_returned_collection_has_a_short_repr_and_an_html_table() -> None:
    """What a public function returns prints briefly in a REPL and as a table in Jupyter."""
    results = {
        "lookup_drug": dc.lookup_drug("gabapentin"),
        "compare": dc.compare("gabapentin", "pregabalin"),
        "search_drugs": dc.search_drugs("lyric"),
        "all_drugs": dc.all_drugs(),
        "drugs_for": dc.drugs_for("epilepsy"),
        "shared_adverse_effects": dc.shared_adverse_effects("gabapentin", "pregabalin"),
        "overlapping_indications": dc.overlapping_indications("gabapentin", "pregabalin"),
        "withdrawal_risks": dc.withdrawal_risks("gabapentin", "pregabalin", "baclofen"),
        "similar_drugs": dc.similar_drugs("gabapentin"),
        "lookup_condition": dc.lookup_condition("GAD"),
        "sources": dc.sources(),
    }
    limits = {"lookup_drug": 300, "compare": 500}
    for name, result in results.items():
        assert len(repr(result)) < limits.get(name, 1000), name
        html = result._repr_html_()
        assert "<table" in html, name
        assert len(str(result).splitlines()) < 2000, name
