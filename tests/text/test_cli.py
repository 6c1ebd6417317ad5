"""`lawcode parse` on a synthetic text, through the real command line app."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lawcode.cli import app

TEXT = """Rules for Ponds

Chapter I: General

Article 1: Owners shall fence ponds.

Article 2: Owners shall:

(1) mark the depth;

(2) keep a float nearby.

Article 2: A duplicate that the parser must warn about.
"""


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "ponds.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_outline_is_default(text_file):
    result = CliRunner().invoke(app, ["parse", str(text_file)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Rules for Ponds"
    assert any(line.strip().startswith("chp_I__art_2__para_nn_1__list_1__item_2") for line in lines)
    assert all(len(line) <= 100 for line in lines)
    assert "duplicate article 2" in result.stderr


def test_json_has_tree_references_removed_and_warnings(text_file):
    result = CliRunner().invoke(app, ["parse", str(text_file), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] == "Rules for Ponds"
    chapter = data["body"][0]
    assert chapter["eId"] == "chp_I" and chapter["kind"] == "chapter"
    item = chapter["children"][1]["children"][0]["children"][1]
    assert item["eId"] == "chp_I__art_2__para_nn_1__list_1__item_2" and item["num"] == "(2)"
    assert {"references", "removed", "warnings"} <= set(data)
    assert data["warnings"][0]["line"] == 13


def test_text_rendering(text_file):
    result = CliRunner().invoke(app, ["parse", str(text_file), "--format", "text"])
    assert result.exit_code == 0
    assert "Chapter I - General" in result.stdout
    assert "(2) keep a float nearby." in result.stdout


def test_missing_file_is_a_user_error(tmp_path):
    from lawcode.errors import LawcodeError

    result = CliRunner().invoke(app, ["parse", str(tmp_path / "nope.txt")])
    assert isinstance(result.exception, LawcodeError)


def test_bad_text_exits_2_without_traceback(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "latin.txt"
    path.write_bytes("Article 1: Caf\u00e9.\n".encode("latin-1"))
    done = subprocess.run([sys.executable, "-m", "lawcode", "parse", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "not UTF-8" in done.stderr and "Traceback" not in done.stderr


def test_akn_output(text_file):
    result = CliRunner().invoke(app, ["parse", str(text_file), "--format", "akn"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and 'eId="chp_I__art_2__para_nn_1__list_1__item_2"' in result.stdout
