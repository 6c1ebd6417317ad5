"""lawcode test: run the scenario tests written beside a model (registered on the app on import).

The running and the comparing live in :mod:`lawcode.scenarios`; this module renders the report
and sets the exit code: 0 when every case passed, 1 when one failed, 2 (as for every user
error) when a test file cannot be read.
"""

from __future__ import annotations

import typer

from lawcode.cli import app
from lawcode.cli.output import Format, print_json


@app.command("test")
def test(
    path: str | None = typer.Argument(None, help="a test file, or a folder with tests/*.yaml beside a model.yaml; "
                                                    "default: the tests of every shipped regulation"),
    regulation: str | None = typer.Option(None, "--regulation", "-r", help="only the tests of this regulation id"),
    coverage: bool = typer.Option(False, "--coverage", help="also report the norms, procedure transitions and "
                                                            "states, and facts the cases exercised"),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """Run scenario tests: each case's questions to the model, compared with what it expects."""
    from lawcode.scenarios.report import render
    from lawcode.scenarios.suite import run_tests

    report = run_tests(path, regulation, coverage)
    if format == Format.json:
        print_json(report.to_dict())
    else:
        typer.echo(render(report))
    if not report.passed:
        raise typer.Exit(1)
