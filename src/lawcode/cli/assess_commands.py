"""lawcode assess: which prohibitions (and duties) were contravened, given what happened.

The reasoning lives in :mod:`lawcode.engine.assess`; this module renders its answer like ``ask``:
contraventions first, then what is undetermined and the facts that would decide it, each with
the provisions it rests on and, for defined concepts, the chain down to the facts.
"""

from __future__ import annotations

from typing import Any

import typer

from lawcode.cli import app
from lawcode.cli.engine_commands import FACT_HELP, ON_HELP, TEXT_HELP, _render_part, _warnings
from lawcode.cli.output import MODEL_HELP, Format, Page, load_model_and_text, print_json, say


@app.command()
def assess(
    actor: list[str] = typer.Option(..., "--as", help="actor id; repeat for an actor holding several roles at once"),
    fact: list[str] | None = typer.Option(None, "--fact", "-f", help=FACT_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """Given what happened (--fact), which prohibitions were contravened, and on which provisions."""
    from lawcode.service import assess as run

    loaded, document = load_model_and_text(model, text, on)
    answer = run(loaded, actor, fact or [], on, document).to_dict()
    if format == Format.json:
        print_json(answer)
        return
    out = Page()
    say(out, loaded.model.regulation.title, style="bold")
    say(out, f"as {' and '.join(answer['roles'])}, on {answer['on']}")
    if answer["facts"]:
        say(out, "what happened: " + ", ".join(f"{k}={str(v).lower()}" for k, v in answer["facts"].items()), hang=4)
    _warnings(out, answer)
    if answer.get("notice"):
        out.print()
        say(out, answer["notice"], style="bold")
        out.show()
        return
    for result, heading in (("contravened", "[bold red]CONTRAVENED[/bold red]"),
                            ("undetermined", "[bold yellow]UNDETERMINED[/bold yellow]: a fact is unknown")):
        group = [a for a in answer["assessments"] if a["result"] == result]
        if group:
            out.print(f"\n{heading} ({len(group)})")
        for item in group:
            _assessment(out, item, answer["questions"])
    if not any(a["result"] == "contravened" for a in answer["assessments"]):
        out.print("\nNo contravention is established on these facts.")
    if answer["not_contravened"]:
        say(out, f"\nnot contravened ({len(answer['not_contravened'])}): " + ", ".join(answer["not_contravened"]),
             style="dim", hang=4)
    out.show()


def _assessment(out: Page, item: dict[str, Any], questions: dict[str, str]) -> None:
    say(out, f"• {item['norm']}: {item['action']}", indent=2, style="bold", hang=2)
    say(out, "on " + ", ".join(item["provision_citations"]) + f" · as {', '.join(item['roles'])}", indent=4,
         style="dim", hang=2)
    for schedule in item.get("subject_to", []):
        say(out, f"subject to {schedule['schedule']}, which is not in the text", indent=4, hang=2)
    if item["result"] == "undetermined":
        asked = "; ".join(name + (f" ({questions[name]})" if name in questions else "") for name in item["missing"])
        say(out, "depends on: " + asked, indent=4, hang=2)
    for part in item["parts"]:
        _render_part(out, part, 4)
