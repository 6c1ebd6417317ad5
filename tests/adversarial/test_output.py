"""Where the output goes: a file that cannot be written, a terminal that cannot show every character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import assert_clear_error, run_cli

from conftest import garden

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times


@pytest.mark.parametrize("target, fragment", [
    ("missing/schema.json", "the folder missing does not exist"),
    (".", "this is a directory"),
    ("existing", "this is a directory"),
])
def test_schema_to_a_place_that_is_not_a_file_is_one_clear_error(tmp_path: Path, target: str, fragment: str) -> None:
    (tmp_path / "existing").mkdir()
    run = run_cli("schema", "-o", target, cwd=tmp_path)
    assert_clear_error(run, target, fragment)


def test_schema_to_a_file_is_written(tmp_path: Path) -> None:
    run = run_cli("schema", "-o", "schema.json", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))["title"] == "lawcode model file"


UNICODE = {"keep their plot free of weeds": "keep their plot free of weeds \u00a7 \u2026 \u201cquoted\u201d \U0001f41d"}


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_an_ascii_terminal_gets_escapes_not_a_crash(tmp_path: Path, fmt: str) -> None:
    action = {"action: keep the plot free of weeds": "action: keep the plot free of \u2026 weeds \U0001f41d"}
    model, _ = garden(tmp_path, edits=action, text_edits=UNICODE)
    # The text changed, so the model's fingerprint is re-recorded for the changed text.
    from lawcode.service import read_document

    fingerprint = read_document(tmp_path / "garden.txt").fingerprint()
    text = model.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "fingerprint:" in line)
    model.write_text(text.replace(old, f"    fingerprint: {fingerprint}"), encoding="utf-8")
    run = run_cli("ask", "--model", "garden.yaml", "--as", "plot_holder", "--text", "garden.txt", "--format", fmt,
                  cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    run.stdout.encode("ascii")  # nothing the terminal cannot show
    if fmt == "json":
        actions = [f["action"] for f in json.loads(run.stdout)["findings"]]
        assert "keep the plot free of \u2026 weeds \U0001f41d" in actions  # the same data, escaped
    else:
        assert "\\u2026" in run.stdout
    error = run_cli("ask", "--model", "garden.yaml", "--as", "pl\u00f6t", cwd=tmp_path,
                    env={"PYTHONIOENCODING": "ascii"})
    assert_clear_error(error, "unknown actor")
