"""The command line, in-process and as ``python -m drugcompare``."""

from __future__ import annotations

import json
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
    assert [d["id"] for d in data["drugs"]] == ["gabapentin", "pregabalin"]


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
    assert code == 0 and json.loads(out)["id"] == "kratom"
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
