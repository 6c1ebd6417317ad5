"""The ``lawcode`` command line.

One typer app; each group of commands lives in its own module beside this one and registers
itself on import. Heavy imports stay inside the command functions so that a single command
starts fast.
"""

from __future__ import annotations

import sys

import typer

from lawcode.cli.output import fail, tolerant_streams

app = typer.Typer(
    name="lawcode",
    help="Turn a regulation into executable, citable law.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules register themselves on `app` when imported.
# One module per line, so that adding a command module is a one-line change.
from lawcode.cli import (  # noqa: E402 - after `app`, which the modules register on
    akn_commands,  # noqa: F401
    assess_commands,  # noqa: F401
    catalog_commands,  # noqa: F401
    draft_commands,  # noqa: F401
    engine_commands,  # noqa: F401
    model_commands,  # noqa: F401
    review_commands,  # noqa: F401
    scenario_commands,  # noqa: F401
    serve_commands,  # noqa: F401
    store_commands,  # noqa: F401
    text_commands,  # noqa: F401
)


def main() -> None:
    """Entry point: run the app, turning user mistakes into a message and exit code 2."""
    from lawcode.errors import LawcodeError

    tolerant_streams()
    try:
        app()
    except LawcodeError as error:
        fail(error)
        sys.exit(2)


def _print_version(value: bool) -> None:
    if value:
        from lawcode import __version__

        typer.echo(f"lawcode {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print lawcode's version and exit."),
) -> None:
    """Turn a regulation into executable, citable law."""
