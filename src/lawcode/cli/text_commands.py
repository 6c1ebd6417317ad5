"""lawcode text commands (registered on the app on import): ``lawcode parse``."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lawcode.cli import app
from lawcode.cli.output import console
from lawcode.text.styles import STYLES

if TYPE_CHECKING:
    from lawcode.text.document import Document


class ParseFormat(str, Enum):
    """What ``lawcode parse`` prints."""

    outline = "outline"
    json = "json"
    akn = "akn"
    text = "text"


@app.command()
def parse(
    path: Path = typer.Argument(..., help="A regulation text (plain text, UTF-8)."),
    format: ParseFormat = typer.Option(ParseFormat.outline, "--format", help="outline (default), json, akn or text."),
    frbr_uri: str | None = typer.Option(
        None, "--frbr-uri", help="Akoma Ntoso work URI for --format akn (default: the shipped model's for this text)"),
    style: str | None = typer.Option(
        None, "--style", help="Read the text in this style instead of detecting it: " + ", ".join(STYLES) + "."),
) -> None:
    """Parse a regulation text and show its structure.

    The outline lists every provision with its eId; json gives the whole tree with references,
    removed lines, warnings and the style the text was read in (and why); akn prints Akoma Ntoso
    3.0 XML; text prints the cleaned text.
    In outline and text mode, warnings and a count of removed lines go to standard error.
    """
    from lawcode.service import read_document

    doc = read_document(path, style)
    if format is ParseFormat.json:
        from lawcode.text.json_output import write_json

        write_json(doc, sys.stdout.write)  # node by node: a large text's JSON is never held whole
        return
    if format is ParseFormat.akn:
        from lawcode.akn.export import to_akn
        from lawcode.service import with_work_uri

        sys.stdout.buffer.write(to_akn(with_work_uri(doc, frbr_uri)))
        sys.stdout.flush()
        return
    if format is ParseFormat.text:
        from lawcode.text.render import render_text

        sys.stdout.write(render_text(doc))
    else:
        from lawcode.text.render import outline_lines

        out = console()
        for line in outline_lines(doc, out.width):
            out.print(line, markup=False, highlight=False, no_wrap=True, overflow="ellipsis", crop=True)
    _report(doc)


def _report(doc: Document) -> None:
    """Warnings (and how many lines were set aside) on standard error, one per line."""
    for warning in doc.warnings:
        typer.echo(f"{doc.source}:{warning.line}: warning: {warning.message}", err=True)
    if doc.removed:
        typer.echo(f"{len(doc.removed)} line(s) set aside as cruft, page furniture, table of contents or "
                   "parallel Chinese text; "
                   "see --format json for each", err=True)
