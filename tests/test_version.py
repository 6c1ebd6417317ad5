"""The version number has one source, and the installed package and the CLI both report it."""

from importlib.metadata import version

from typer.testing import CliRunner

import lawcode
from lawcode.cli import app


def test_installed_metadata_reads_the_package_version():
    assert version("lawcode") == lawcode.__version__


def test_cli_prints_the_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"lawcode {lawcode.__version__}"
