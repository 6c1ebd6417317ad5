"""lawcode model commands: ``check`` (a model against its text, plus a lint of the regulation)
and ``schema`` (the published JSON Schema of model files). Registered on the app on import."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from lawcode.cli import app
from lawcode.cli.output import Format, print_json

if TYPE_CHECKING:
    from lawcode.model.check import Report

WIDTH = 100


@app.command()
def check(
    model: str | None = typer.Argument(
        None, help="Model file path or shipped model id; all shipped models when omitted."),
    text: Path | None = typer.Option(
        None, "--text", help="The regulation text (a file, or a folder holding it); default: LAWCODE_CORPUS."),
    format: Format = typer.Option(
        Format.human, "--format", help="human, or json (one object per model; a list when MODEL is omitted)."),
    regulation: str | None = typer.Option(None, "--regulation", "-r", help="An installed regulation id (as MODEL)."),
) -> None:
    """Check a model against its text and lint the regulation. Exit 1 when there are errors."""
    from lawcode import service
    from lawcode.errors import LawcodeError
    from lawcode.model.check import check_model

    if regulation is not None:
        if model is not None and model != regulation:
            raise LawcodeError(f"two models named: {model!r} and --regulation {regulation!r}",
                               expected="one model, as MODEL or as --regulation")
        model = regulation
    refs = [model] if model is not None else list(service.shipped_model_paths())
    if not refs:
        raise LawcodeError("no shipped models to check", expected="a model file path")
    reports = []
    for ref in refs:
        loaded = service.load_model(ref, strict=False)
        reports.append(check_model(loaded, service.text_for_model(loaded, text)))
    if format == Format.json:
        print_json(reports[0].to_dict() if model is not None else [r.to_dict() for r in reports])
    else:
        typer.echo("\n\n".join(render_report(r) for r in reports))
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


def render_report(report: Report) -> str:
    """A report as a lawyer reads it: errors, then warnings, then the lint; ≤ 100 columns.

    Errors and warnings point into the model file (file:line); notes of the lint point into the
    text, as a citation ("Art. 13(1)(5)").
    """
    import textwrap

    from lawcode.engine.quote import citation

    name = Path(report.model).name
    lines = [f"Model: {report.model}", f"Text:  {report.text or '(none found)'}"]
    sections = (("Errors", report.errors), ("Warnings", report.warnings), ("Lint of the regulation", report.lint))
    for title, items in sections:
        lines.append("")
        lines.append(f"{title} ({len(items)})")
        if title.startswith("Lint") and items:  # many notes: say first what kinds there are
            counts = Counter(item.code for item in items)
            lines.append("  " + ", ".join(f"{n} {code}" for code, n in counts.most_common()))
        for item in items:
            where = f"{name}:{item.line}" if item.line else item.eid or name
            if title.startswith("Lint") and item.eid:  # notes on the text: where in the text
                where = citation(item.eid)
            text = f"{where} [{item.code}] {item.message}"
            lines += textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="      ",
                                   break_long_words=True, break_on_hyphens=False)
    verdict = "FAILED" if report.errors else "OK, with warnings" if report.warnings else "OK"
    lines += ["", f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s), "
                  f"{len(report.lint)} lint note(s)."]
    return "\n".join(lines)


@app.command()
def schema(
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the schema to this file instead of stdout."),
    tests: bool = typer.Option(False, "--tests", help="The schema of scenario-test files instead (`lawcode test`)."),
) -> None:
    """Print the JSON Schema that model files (or, with --tests, scenario-test files) are validated against."""
    import json

    if tests:
        from lawcode.scenarios.schema import json_schema
    else:
        from lawcode.model.schema import json_schema

    data = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(data, nl=False)
    else:
        write_output(output, data)
        typer.echo(f"wrote {output}")


def write_output(output: Path, data: str) -> None:
    """Write ``data`` to the file ``output``; a missing folder or a directory is a clear error."""
    from lawcode.errors import LawcodeError

    expected = "a file path in an existing folder, e.g. model-schema.json"
    if output.is_dir():
        raise LawcodeError("this is a directory, not a file to write", file=str(output), expected=expected)
    if not output.parent.is_dir():
        raise LawcodeError(f"the folder {output.parent} does not exist", file=str(output), expected=expected)
    try:
        output.write_text(data, encoding="utf-8")
    except OSError as error:
        raise LawcodeError(f"cannot write the file: {error.strerror}", file=str(output), expected=expected) from None
