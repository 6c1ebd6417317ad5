"""Deeply nested conditions: one limit, the same in ``check`` and at question time; no file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import assert_clear_error, run_cli

from conftest import garden
from lawcode.model.limits import MAX_CONDITION_DEPTH

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times


def _nested(depth: int, style: str) -> str:
    if style == "parentheses":
        return "(" * depth + "festival" + ")" * depth
    if style == "not":
        return "not " * depth + "festival"
    return "(festival and " * depth + "festival" + ")" * depth


def _with_condition(folder: Path, condition: str) -> Path:
    model, _ = garden(folder, edits={"    unless: festival\n": f"    unless: {condition!r}\n"})
    return model


@pytest.mark.parametrize("style, depth", [("parentheses", MAX_CONDITION_DEPTH + 1), ("not", 130),
                                          ("and", 5_000), ("parentheses", 200_000)])
def test_a_condition_nested_too_deep_is_one_clear_error_everywhere(tmp_path: Path, style: str, depth: int) -> None:
    _with_condition(tmp_path, _nested(depth, style))
    cache = tmp_path / "cache"
    for args in (("check", "garden.yaml", "--text", "garden.txt"),
                 ("ask", "--model", "garden.yaml", "--as", "plot_holder", "--text", "garden.txt")):
        run = run_cli(*args, cwd=tmp_path, env={"LAWCODE_CACHE": str(cache)})
        assert_clear_error(run, "garden.yaml:58:", f"nested more than {MAX_CONDITION_DEPTH} deep")
        assert len(run.error_lines[0]) < 600
    leftovers = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert leftovers == []


@pytest.mark.parametrize("style", ["not", "and"])
def test_a_condition_at_the_limit_is_checked_cached_and_answered(tmp_path: Path, style: str) -> None:
    _with_condition(tmp_path, _nested(MAX_CONDITION_DEPTH, style))
    cache = tmp_path / "cache"
    check = run_cli("check", "garden.yaml", "--text", "garden.txt", cwd=tmp_path, env={"LAWCODE_CACHE": str(cache)})
    assert check.code == 0, check.stdout + check.stderr
    for _ in range(2):  # validated and cached, then read back from the cache
        run = run_cli("ask", "--model", "garden.yaml", "--as", "plot_holder", "--text", "garden.txt",
                      "--format", "json", cwd=tmp_path, env={"LAWCODE_CACHE": str(cache)})
        assert run.code == 0, run.stderr
        assert '"art4.1-no-fires"' in run.stdout
    assert [p.suffix for p in cache.rglob("*") if p.is_file()] == [".json"]
