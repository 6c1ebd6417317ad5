"""The OpenAPI document kept in the repository is the one the server serves."""

from __future__ import annotations

from pathlib import Path

from apihelp import client_fixture, tar_library_fixture  # noqa: F401 (fixtures)
from typer.testing import CliRunner

KEPT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_docs_openapi_json_is_up_to_date():
    from lawcode.api.app import openapi_text

    assert KEPT.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json differs from the API: run `lawcode openapi > docs/openapi.json`")


def test_the_server_serves_it_and_the_cli_prints_it(client):
    from lawcode.cli import app

    served = client.get("/openapi.json").json()
    printed = CliRunner().invoke(app, ["openapi"])
    assert printed.exit_code == 0
    import json

    assert json.loads(printed.output) == json.loads(KEPT.read_text(encoding="utf-8"))
    assert set(served["paths"]) <= set(json.loads(printed.output)["paths"])
