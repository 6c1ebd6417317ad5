"""lawcode akn commands (registered on the app on import): Akoma Ntoso validation.

(Export is ``lawcode parse TEXT --format akn``, in text_commands.)
"""

from __future__ import annotations

from pathlib import Path

import typer

from lawcode.cli import app
from lawcode.cli.output import Format, print_json


def _read(path: Path, expected: str) -> bytes:
    from lawcode.errors import AknError

    try:
        return path.read_bytes()
    except OSError as error:
        raise AknError(f"cannot read the file: {error.strerror}", file=str(path), expected=expected) from None


@app.command()
def validate(
    file: Path = typer.Argument(..., help="An Akoma Ntoso 3.0 XML file."),
    format: Format = typer.Option(Format.human, "--format", help="Output format."),
) -> None:
    """Check an Akoma Ntoso file against the OASIS Akoma Ntoso 3.0 schema.

    Prints "valid", or each problem as FILE:LINE: MESSAGE; exits 1 when the file is invalid and 2
    when it cannot be read or is not XML.
    """
    from lawcode.akn.validate import validate_akn

    problems = validate_akn(_read(file, "an Akoma Ntoso XML file"), str(file))
    if format is Format.json:
        print_json({"file": str(file), "valid": not problems, "problems": [p.to_dict() for p in problems]})
    elif problems:
        for problem in problems:
            typer.echo(f"{file}:{problem.line}: {problem.message}")
    else:
        typer.echo("valid")
    if problems:
        raise typer.Exit(1)
