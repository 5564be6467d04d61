"""The command line, in-process and as ``python -m drugcompare``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from drugcompare.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_shows_withdrawal_symptoms_and_taper(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "diazepam", "baclofen", "pregabalin")
    assert code == 0
    assert "Withdrawal and discontinuation" in out
    assert "life-threatening" in out
    assert "Taper guidance" in out


def test_compare_sections_and_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "compare",
        "gabapentin",
        "pregabalin",
        "--sections",
        "adverse_effects",
        "--format",
        "github",
    )
    assert code == 0
    assert "| Adverse effect" in out
    assert "Withdrawal" not in out


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "gabapentin", "pregabalin", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [d["id"] for d in data["data"]["drugs"]] == ["gabapentin", "pregabalin"]
    assert len(out.encode()) < 200_000  # compact in a pipe: every source written once
    assert "\n" not in out.strip()


def test_unknown_name_exits_non_zero_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", "neurotin", "pregabalin")
    assert code == 2
    assert out == ""
    assert "did you mean Neurontin (gabapentin)" in err


def test_unknown_format_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", "gabapentin", "pregabalin", "--format", "fancy")
    assert code == 2
    assert "unknown tablefmt" in err


def test_show_search_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "Lyrica")
    assert code == 0 and "pregabalin" in out and "C-V" in out
    code, out, _ = run(capsys, "show", "kratom", "--format", "json")
    assert code == 0 and json.loads(out)["data"]["id"] == "kratom"
    code, out, _ = run(capsys, "search", "lyric")
    assert code == 0 and "pregabalin" in out
    code, out, _ = run(capsys, "sources")
    assert code == 0 and "curated" in out and "CC0-1.0" in out


def test_excluding_a_layer_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--exclude-source", "nope", "show", "gabapentin")
    assert code == 2
    assert "unknown source layer" in err


def test_python_dash_m() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "drugcompare",
            "compare",
            "gabapentin",
            "pregabalin",
            "--sections",
            "withdrawal",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "gabapentin" in result.stdout


def _shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    "args",
    [
        "compare gabapentin pregabalin --format json",
        "show gabapentin --limit 0",
        "for epilepsy",
    ],
)
def test_a_closed_pipe_ends_quietly_with_exit_0(args: str) -> None:
    """``drugcompare ... | head -c 10`` closes the pipe long before the output ends."""
    result = _shell(f"{sys.executable} -m drugcompare {args} | head -c 10")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout) == 10


def test_drugs_for_a_condition_with_a_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "for", "fibromyalgia", "--status", "approved")
    assert code == 0
    assert "pregabalin" in out and "milnacipran" in out and "duloxetine" in out
    assert "gabapentin" not in out.split("Sources")[0]  # off-label for fibromyalgia
    code, out, _ = run(capsys, "for", "fibromyalgia", "--status", "off_label", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "drugs_for" and "gabapentin" in data["data"]["matches"]
    statuses = {i["status"] for found in data["data"]["matches"].values() for i in found}
    assert statuses == {"off_label"}


def test_condition_explains_what_a_name_means(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "condition", "GAD")
    assert code == 0
    assert "generalized anxiety disorder" in out and "alias" in out
    code, out, _ = run(capsys, "condition", "restless legs syndrome", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["condition"]["name"] == "restless legs syndrome"
    assert "ropinirole" in data["drugs_by_strongest_status"]["approved"]


def test_csv_output_is_one_tidy_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compare", "gabapentin", "pregabalin", "--sections", "withdrawal", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["drug"] for r in rows} == {"gabapentin", "pregabalin"}
    assert all(r["severity"] and r["source_url"].startswith("http") for r in rows)
    code, _, err = run(capsys, "compare", "gabapentin", "pregabalin", "--format", "csv")
    assert code == 2 and "one of --sections" in err
    code, out, _ = run(capsys, "show", "baclofen", "--format", "csv", "--table", "withdrawal")
    assert code == 0 and "life_threatening" in out


def test_search_and_for_without_a_match_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zzzzqqqq")
    assert (code, out) == (1, "") and "no drug matches" in err


def test_colour_only_on_request_or_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "show", "baclofen")
    assert "\x1b[" not in plain  # captured output is not a terminal
    _, coloured, _ = run(capsys, "--color", "always", "show", "baclofen")
    assert "\x1b[" in coloured
    _, never, _ = run(capsys, "--color", "always", "show", "baclofen", "--format", "json")
    assert "\x1b[" not in never
    result = _shell(
        f"script -qec '{sys.executable} -m drugcompare show baclofen' /dev/null",
        env={"NO_COLOR": "1"},
    )
    if result.returncode == 0 and result.stdout:  # ``script`` gives a terminal where present
        assert "\x1b[3" not in result.stdout


def test_help_lists_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert "drugcompare for fibromyalgia --status approved" in out
    assert "exit codes:" in out and "NO_COLOR" in out
