"""The JSON Schemas kept in docs/schema/ (which the shipped model and test files name for editors)
are exactly what `lawcode schema` prints, and every shipped file names them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.cli import app

ROOT = Path(__file__).resolve().parents[2]
REGULATIONS = ROOT / "src" / "lawcode" / "regulations"


@pytest.mark.parametrize("args, kept", [([], "model.schema.json"), (["--tests"], "tests.schema.json")])
def test_the_kept_schema_is_the_current_one(args, kept):
    result = CliRunner().invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads((ROOT / "docs" / "schema" / kept).read_text(encoding="utf-8")), (
        f"docs/schema/{kept} is stale: run lawcode schema {' '.join(args)} -o docs/schema/{kept}")


@pytest.mark.parametrize("path", sorted(REGULATIONS.glob("*/model.yaml")) + sorted(REGULATIONS.glob("*/tests/*.yaml")),
                         ids=lambda p: str(p.relative_to(REGULATIONS)))
def test_every_shipped_file_names_its_schema_for_editors(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema.is_file() and schema.parent == ROOT / "docs" / "schema"
