"""lawcode catalog, procedure and calendar commands (registered on the app on import).

``actors``, ``facts``, ``norms`` and ``procedures`` show what a model holds, so a user finds the
names the other commands take; ``procedure`` runs a procedure on events; ``calendar`` lists the
dates the regulation fixes or writes them as an iCalendar file. The reasoning lives in
:mod:`lawcode.engine` (catalog, procedures, calendar); this module only renders its results.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING

import typer

from lawcode.cli import app
from lawcode.cli.output import MODEL_HELP, Format, Page, console, load_model_and_text, print_json, say

if TYPE_CHECKING:
    from lawcode.engine.procedures import Step

TEXT_HELP = "regulation text (file or folder), for exact citations; default: found in LAWCODE_CORPUS"


class CalendarFormat(str, Enum):
    list = "list"
    json = "json"
    ics = "ics"


def _provisions(citations: Iterable[str]) -> str:
    return ", ".join(citations)


def _esc(text: str) -> str:
    """Model words shown through rich: square brackets must not be read as markup."""
    from rich.markup import escape

    return escape(text)


@app.command()
def procedure(
    name: str = typer.Argument(..., help="procedure id (see `lawcode procedures`)"),
    event: list[str] | None = typer.Option(None, "--event", "-e", help="an event, in order; repeat for several"),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: Format = typer.Option(Format.human, "--format", "-f"),
) -> None:
    """Run a procedure on events: the state reached, the path taken, and what may or must come next."""
    from lawcode.engine.procedures import run_procedure

    loaded, document = load_model_and_text(model, text)
    run = run_procedure(loaded, name, event or [], document)
    if format is Format.json:
        print_json(run.to_dict())
        return
    out = Page()
    say(out, f"[bold]{_esc(run.label)}[/bold] ({run.procedure})", 0, markup=True)
    if run.citations:
        say(out, "rests on " + _provisions(run.citations), 2, markup=True)
    if run.path:
        out.print("\n[bold]Path[/bold]")
        for number, step in enumerate(run.path, start=1):
            _show_step(out, f"{number}. ", step)
    else:
        out.print("\nNo event given: the procedure starts here.")
    finality = "final: the procedure ends here" if run.final else "not final"
    say(out, f"\nState reached: [bold]{run.state}[/bold] ({_esc(run.state_label)}), {finality}", 0, markup=True)
    if run.next:
        out.print("\n[bold]Next[/bold] (what may or must happen now)")
        for step in run.next:
            _show_step(out, "- ", step)
    out.show()


def _show_step(out: Page, bullet: str, step: Step) -> None:
    """One transition: the event, who acts and how (must / may / occurs), where to, and why."""
    label = f": {_esc(step.label)}" if step.label else ""
    say(out, f"{bullet}[bold]{step.event}[/bold]{label}", 2, markup=True)
    provisions = ", ".join(f"{c} ({e})" for c, e in zip(step.citations, step.cites, strict=True))
    say(out, f"{step.actor} {step.mode}; {step.source} -> {step.target}; {provisions}", 2 + len(bullet), markup=True)


@app.command()
def calendar(
    year: str | None = typer.Option(None, "--year", "-y", help="year to list (default: this year)"),
    format: CalendarFormat = typer.Option(CalendarFormat.list, "--format", "-f", help="list, json or ics"),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
) -> None:
    """The dates the regulation fixes: its days of the year, entry into force and repeal.

    ``--format ics`` writes an iCalendar file (all years, from the entry into force) to import
    into a calendar program; the list and JSON show one year.
    """
    import datetime as dt

    from lawcode.engine.calendar import RECURRING, build_calendar, parse_year

    chosen = parse_year(year) if year is not None else dt.date.today().year
    loaded, document = load_model_and_text(model, text)
    result = build_calendar(loaded, chosen, document)
    if format is CalendarFormat.ics:
        sys.stdout.buffer.write(result.to_ics().encode("utf-8"))
        sys.stdout.flush()
        return
    if format is CalendarFormat.json:
        print_json(result.to_dict())
        return
    from rich.table import Table

    out = console()
    table = Table(title=f"Dates fixed by {_esc(result.title)}, {chosen}", title_justify="left")
    for column in ("Date", "What", "Provision"):
        table.add_column(column, overflow="fold")
    for day in result.days:
        what = f"[bold]{_esc(day.label)}[/bold]: {_esc(day.what)}"
        if day.kind == RECURRING:
            what += " (every year)"
        table.add_row(day.date.isoformat(), what, _provisions(day.citations))
    out.print(table)
    if chosen < result.in_force.year or (result.repealed and chosen > result.repealed.year):
        out.print(f"The regulation is not in force in {chosen}.")


@app.command()
def actors(
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: Format = typer.Option(Format.human, "--format", "-f"),
) -> None:
    """The actors of the model (the names `--as` takes): what each is a kind of, and where defined."""
    from lawcode.engine.catalog import actor_catalog

    loaded, document = load_model_and_text(model, text)
    result = actor_catalog(loaded, document)
    if format is Format.json:
        print_json(result.to_dict())
        return
    out = Page()
    out.print(f"[bold]Actors of {result.regulation}[/bold] (indented under what each is a kind of)\n")
    for entry in result.entries:
        indent = 2 * entry["depth"]
        line = f"[bold]{entry['actor']}[/bold]: {_esc(entry['label'])}"
        if entry["defined_by"]:
            line += f" [italic](when {entry['defined_by']})[/italic]"
        say(out, line, indent, markup=True)
        details = []
        if len(entry["is_a"]) > 1:
            details.append("is a " + ", ".join(entry["is_a"]))
        for link in entry.get("may_be", []):
            details.append(f"may be a {link['actor']} (when {_esc(link['when'])})")
        if entry["citations"]:
            details.append(_provisions(entry["citations"]))
        if details:
            say(out, "; ".join(details), indent + 4, markup=True)
    out.show()


@app.command()
def facts(
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: Format = typer.Option(Format.human, "--format", "-f"),
) -> None:
    """The facts conditions use (the names `--fact` takes), with the question each one asks."""
    from lawcode.engine.catalog import fact_catalog

    loaded, document = load_model_and_text(model, text)
    result = fact_catalog(loaded, document)
    if format is Format.json:
        print_json(result.to_dict())
        return
    out = Page()
    out.print(f"[bold]Facts of {result.regulation}[/bold]")
    for entry in result.entries:
        head = f"\n[bold]{entry['fact']}[/bold] (about: {entry['about']}) {_provisions(entry['citations'])}"
        say(out, head, 0, markup=True)
        say(out, _esc(entry["question"]), 2, markup=True)
        users = entry["used_by"] + [f"actor {a}" for a in entry["defines"]]
        if users:
            say(out, f"used by: {', '.join(users)}", 2, markup=True)
    out.show()


@app.command()
def norms(
    article: str | None = typer.Option(None, "--article", "-a",
                                       help="only norms citing this article (13, art_13, 'Article 13')"),
    kind: str | None = typer.Option(None, "--kind", "-k", help="only norms of this kind (duty, power, ...)"),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: Format = typer.Option(Format.human, "--format", "-f"),
) -> None:
    """The norms of the model, grouped by kind, with the provisions each rests on."""
    from lawcode.engine.catalog import norm_catalog
    from lawcode.engine.findings import KIND_HEADINGS

    loaded, document = load_model_and_text(model, text)
    result = norm_catalog(loaded, article, kind, document)
    if format is Format.json:
        print_json(result.to_dict())
        return
    out = Page()
    heading = None
    if not result.entries:
        out.print("No norm matches.")
    for entry in result.entries:
        if entry["kind"] != heading:
            heading = entry["kind"]
            out.print(f"\n[bold underline]{KIND_HEADINGS.get(heading, heading)}[/bold underline]")
        who = f"{entry['bearer']}: " if entry["bearer"] else ""
        marks = [m for m, on in (("may", entry.get("discretionary")), ("open-ended", entry["open_ended"])) if on]
        say(out, f"[bold]{entry['norm']}[/bold]  {_provisions(entry['citations'])}"
            + (f"  [italic]({', '.join(marks)})[/italic]" if marks else ""), 0, markup=True)
        say(out, f"{who}{_esc(entry['action'])}", 2, markup=True)
        for name, prefix in (("condition", "if"), ("unless", "unless"), ("counterparty", "towards")):
            if entry.get(name):
                say(out, f"{prefix}: {entry[name]}", 4, markup=True)
    for note in result.notes:
        out.print(f"\n{_esc(note)}")
    out.show()


@app.command()
def procedures(
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: Format = typer.Option(Format.human, "--format", "-f"),
) -> None:
    """The procedures of the model (the names `lawcode procedure` takes), with their states and events."""
    from lawcode.engine.catalog import procedure_catalog

    loaded, document = load_model_and_text(model, text)
    result = procedure_catalog(loaded, document)
    if format is Format.json:
        print_json(result.to_dict())
        return
    out = Page()
    if not result.entries:
        out.print("The model has no procedures.")
    for entry in result.entries:
        say(out, f"\n[bold]{entry['procedure']}[/bold]: {_esc(entry['label'])}", 0, markup=True)
        say(out, f"rests on {_provisions(entry['citations'])}", 2, markup=True)
        say(out, f"starts in: {entry['initial']}; ends in: {', '.join(entry['final_states'])}", 2, markup=True)
        say(out, f"events: {', '.join(entry['events'])}", 2, markup=True)
    out.show()
