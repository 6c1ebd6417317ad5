"""lawcode engine commands: ask, explain, what-if, who (registered on the app on import).

The reasoning lives in :mod:`lawcode.engine.queries`; this module parses options, loads the
model (and the text, for quotations) and renders answers for a reader: grouped by kind with
headings, the action in bold, citations as a lawyer writes them, quotations indented and
wrapped. Imports of the engine, pydantic and rich stay inside the functions so that
``lawcode --help`` and other commands do not pay for them.
"""

from __future__ import annotations

from typing import Any

import typer

from lawcode.cli import app
from lawcode.cli.output import MODEL_HELP, Format, Page, load_model_and_text, print_json, say

AS_HELP = ("actor id the question is asked for (see `lawcode actors`); repeat it for one organisation or "
           "person holding several roles (--as enterprise --as network_operator)")
FACT_HELP = "a fact that holds (NAME) or not (NAME=false); repeat for several; others stay unknown"
ON_HELP = "date of the question, YYYY-MM-DD (default: today)"
TEXT_HELP = "regulation text (file or folder) to quote from; default: found in LAWCODE_CORPUS"
FORMAT_HELP = "human or json"


def _value(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()


def _assignment(facts: dict[str, Any]) -> str:
    return ", ".join(f"{name}={_value(v)}" for name, v in facts.items()) or "nothing more"


def _header(out: Page, answer: dict[str, Any], title: str) -> None:
    say(out, title, style="bold")
    roles = answer.get("roles") or [answer["as"]]
    who = roles[0] if len(roles) == 1 else "one holder of the roles " + ", ".join(roles)
    say(out, f"as {who}, on {answer['on']} ({answer['regulation']})", hang=4)
    if answer["facts"]:
        say(out, "facts given: " + _assignment(answer["facts"]), hang=4)
    if answer["implied_facts"]:
        say(out, f"implied (by being a {' and a '.join(roles)}, or by an exclusive choice): "
             + _assignment(answer["implied_facts"]), hang=4)
    _warnings(out, answer)


def _warnings(out: Page, answer: dict[str, Any]) -> None:
    """An answer's warnings, each on lines of its own (after the header, before the findings)."""
    for warning in answer.get("warnings", []):
        say(out, "warning: " + warning, style="yellow", hang=4)


def _finding(out: Page, finding: dict[str, Any], questions: dict[str, Any]) -> None:
    say(out, "• " + finding["action"], indent=2, style="bold", hang=2)
    extras = [f"bearer: {finding['bearer']}"] if finding["bearer"] else []
    if finding.get("counterparty"):
        extras.append(f"towards: {finding['counterparty']}")
    if finding.get("discretionary"):
        extras.append("discretionary (may)")
    if finding.get("beneficiary"):
        extras.append(f"for: {finding['beneficiary']}")
    if finding.get("open_ended"):
        extras.append("open-ended in the text")
    if finding.get("roles"):
        extras.append("as " + " and ".join(finding["roles"]))
    extras.append(", ".join(finding["citations"]))
    extras.append(finding["norm"])
    say(out, " · ".join(extras), indent=4, style="dim", hang=2)
    if finding["status"] == "undetermined":
        options = finding.get("would_apply_if") or [{name: None} for name in finding["missing"]]
        for option in options:
            asked = "; ".join(
                name + ("" if v is None else f" = {_value(v)}") + (f" ({questions[name]})" if name in questions else "")
                for name, v in option.items()
            )
            say(out, "would apply if: " + asked, indent=4, hang=2)
    for quote in finding.get("quote", []):
        if quote["eid"] in out.quoted:
            say(out, f"{quote['citation']}: quoted above", indent=6, style="dim")
        elif quote.get("text"):
            out.quoted.add(quote["eid"])
            say(out, f"{quote['citation']}: {quote['text']}", indent=6, style="italic")


def _findings(out: Page, findings: list[dict[str, Any]], questions: dict[str, Any]) -> None:
    from lawcode.engine.findings import KIND_HEADINGS

    kind = None
    for finding in findings:
        if finding["kind"] != kind:
            kind = finding["kind"]
            out.print(f"\n [underline]{KIND_HEADINGS.get(kind, kind)}[/underline]")
        _finding(out, finding, questions)


def _render_ask(answer: dict[str, Any], title: str, quoted: bool) -> None:
    out = Page()
    _header(out, answer, title)
    if answer.get("notice"):
        out.print()
        say(out, answer["notice"], style="bold")
        out.show()
        return
    applies = [f for f in answer["findings"] if f["status"] == "applies"]
    open_ = [f for f in answer["findings"] if f["status"] == "undetermined"]
    out.print(f"\n[bold green]APPLIES[/bold green] ({len(applies)})" if applies else "\nNothing applies for certain.")
    _findings(out, applies, answer["questions"])
    if open_:
        out.print(f"\n[bold yellow]UNDETERMINED[/bold yellow] ({len(open_)}): a fact is unknown")
        _findings(out, open_, answer["questions"])
    owed = answer.get("owed", [])
    if owed:
        out.print(f"\n[bold cyan]TOWARDS YOU[/bold cyan] ({len(owed)}): what others must do for you, "
                  "must not do to you, or may do to you")
        _findings(out, owed, answer["questions"])
    if not quoted and (answer["findings"] or owed):
        out.print()
        say(out, "(To quote the provisions, give the regulation text with --text PATH or set LAWCODE_CORPUS.)",
             style="dim")
    out.show()


@app.command()
def ask(
    actor: list[str] = typer.Option(..., "--as", help=AS_HELP),
    fact: list[str] | None = typer.Option(None, "--fact", "-f", help=FACT_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    kind: str | None = typer.Option(None, "--kind", help="only norms of this kind (duty, prohibition, power, ...)"),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    format: Format = typer.Option(Format.human, "--format", help=FORMAT_HELP),
) -> None:
    """Every norm that applies to an actor, and those undetermined for want of a fact."""
    from lawcode.service import ask as run

    loaded, document = load_model_and_text(model, text, on)
    answer = run(loaded, actor, fact or [], on, kind, document).to_dict()
    if format == Format.json:
        print_json(answer)
    else:
        _render_ask(answer, loaded.model.regulation.title, document is not None)


def _render_part(out: Page, part: dict[str, Any], indent: int) -> None:
    roles = {"defined_by": "definition of " + part["source"], "condition": "condition",
             "may_be": "may-be link " + part["source"].replace(":", " may be a "),
             "unless": "exception (unless)", "overridden_by": "overridden by " + part["source"],
             "subject_to": f"subject to {part['source']} (not in the text)", "conduct": "conduct"}
    effect = {"supports": ("supports", "green"), "blocks": ("blocks", "red"), "open": ("open", "yellow")}
    word, colour = effect[part["effect"]]
    say(out, f"{roles[part['role']]}: {part['expression']} = {_value(part['value'])} -> {word}",
         indent=indent, style=colour, hang=4)
    settled = part["value"] is not None and "concepts" in part  # unknown facts under it cannot matter
    for fact in part.get("facts", []):
        if settled and fact["value"] is None:
            continue
        asked = f" - {fact['question']}" if fact["value"] is None and fact["question"] else ""
        say(out, f"{fact['fact']} = {_value(fact['value'])} ({fact['source']}){asked}", indent=indent + 4,
             style="dim", hang=4)
    for concept in part.get("concepts", []):
        _render_concept(out, concept, indent + 4)
    overrider = part.get("overrider")
    if overrider:
        say(out, f"{part['source']}: {overrider['status']}", indent=indent + 4)
        for inner in overrider["parts"]:
            _render_part(out, inner, indent + 6)


def _render_concept(out: Page, concept: dict[str, Any], indent: int) -> None:
    """A defined concept of an explanation, with the facts and concepts it rests on beneath it;
    under a concept whose value is known, only what is known (the open rest could not change it)."""
    from lawcode.engine.quote import citation

    where = ", ".join(citation(e) for e in concept["cites"])
    how = "given" if concept["source"] == "given" else f"by its definition: {concept['definition']}"
    say(out, f"{concept['concept']} = {_value(concept['value'])} ({how})" + (f" [{where}]" if where else ""),
         indent=indent, hang=4)
    if concept["source"] == "derived":
        known = concept["value"] is not None
        for fact in concept["facts"]:
            if not (known and fact["value"] is None):
                say(out, f"{fact['fact']} = {_value(fact['value'])}", indent=indent + 4, style="dim")
        for inner in concept["concepts"]:
            if not (known and inner["value"] is None):
                _render_concept(out, inner, indent + 4)


@app.command()
def explain(
    norm: str = typer.Argument(..., help="norm id, or a unique prefix of one (e.g. art18.2)"),
    actor: list[str] = typer.Option(..., "--as", help=AS_HELP),
    fact: list[str] | None = typer.Option(None, "--fact", "-f", help=FACT_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    format: Format = typer.Option(Format.human, "--format", help=FORMAT_HELP),
) -> None:
    """The proof tree of one norm for an actor: bearer match, conditions, exceptions, validity."""
    from lawcode.service import explain as run

    loaded, document = load_model_and_text(model, text, on)
    answer = run(loaded, norm, actor, fact or [], on, document).to_dict()
    if format == Format.json:
        print_json(answer)
        return
    out = Page()
    _header(out, answer, loaded.model.regulation.title)
    finding = answer["finding"]
    out.print()
    say(out, answer["summary"], style="bold", hang=4)
    out.print()
    _finding(out, finding, {})
    bearer = answer["bearer"]
    if len(bearer["path"]) > 1:
        path = " is a ".join(bearer["path"])
    elif bearer["path"]:
        path = "asked as the bearer itself"
    elif bearer["bearer"] is None:
        path = "no bearer (it binds no one in particular)"
    else:
        path = f"{answer['as']} is not a {bearer['bearer']}"
    out.print()
    say(out, f"bearer: {bearer['bearer']} - {path}", hang=4)
    for link in bearer.get("may_be", []):
        say(out, f"and {link['actor']} is a {link['may_be']} only when: {link['condition']}", indent=2, hang=4)
    for defined in bearer["defined"]:
        say(out, f"and {defined['actor']} when: {defined['condition']}", indent=2, hang=4)
    validity = answer["validity"]
    say(out, f"in force from {validity['start']}" + (f" to {validity['end']}" if validity["end"] else "")
         + ("" if validity["in_force"] else f" - not in force on {answer['on']}"))
    for part in answer["parts"]:
        _render_part(out, part, 0)
    if answer["decided_by"]:
        out.print("decided by: " + ", ".join(answer["decided_by"]))
    out.show()


@app.command("what-if")
def what_if(
    norm: str = typer.Argument(..., help="norm id, or a unique prefix of one"),
    actor: list[str] = typer.Option(..., "--as", help=AS_HELP),
    fact: list[str] | None = typer.Option(None, "--fact", "-f", help=FACT_HELP),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    stop: bool = typer.Option(False, "--stop", help="what would make it stop applying instead"),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    format: Format = typer.Option(Format.human, "--format", help=FORMAT_HELP),
) -> None:
    """The minimal sets of facts that would make a norm apply (or, with --stop, stop applying)."""
    from lawcode.service import resolve_model
    from lawcode.service import what_if as run

    loaded = resolve_model(model, on)
    answer = run(loaded, norm, actor, fact or [], on, stop).to_dict()
    if format == Format.json:
        print_json(answer)
        return
    out = Page()
    _header(out, answer, loaded.model.regulation.title)
    goal = "stop applying" if stop else "apply"
    out.print(f"\n{answer['norm']} is now: {answer['status']}")
    if answer.get("notice"):
        say(out, answer["notice"])
    if answer["sets"] and answer["sets"] != [{}]:
        say(out, f"It would {goal} if (any one of):")
        for option in answer["sets"]:
            say(out, "• " + _assignment(option), indent=2, hang=2)
        for name, question in answer["questions"].items():
            say(out, f"{name}: {question}", indent=4, style="dim", hang=4)
    out.show()


@app.command()
def who(
    terms: list[str] = typer.Argument(..., help="words to look for, e.g. publicity education"),
    actor: list[str] | None = typer.Option(None, "--as", help="only norms binding this actor; repeatable"),
    model: str | None = typer.Option(None, "--regulation", "-r", "--model", "-m", help=MODEL_HELP),
    format: Format = typer.Option(Format.human, "--format", help=FORMAT_HELP),
) -> None:
    """Which actors carry duties, powers or rights about a subject, with citations."""
    from lawcode.service import resolve_model
    from lawcode.service import who as run

    loaded = resolve_model(model)
    answer = run(loaded, terms, actor or None).to_dict()
    if format == Format.json:
        print_json(answer)
        return
    out = Page()
    _warnings(out, answer)
    if not answer["actors"]:
        say(out, "No norm matches all of: " + " ".join(terms))
    for group in answer["actors"]:
        also = f" (also binds: {', '.join(group['also'])})" if group["also"] else ""
        out.print()
        say(out, f"{group['actor']} - {group['label']}{also}", style="bold", hang=4)
        for norm in group["norms"]:
            say(out, f"• {norm['kind']}: {norm['action']}", indent=2, hang=2)
            say(out, f"{', '.join(norm['citations'])} · {norm['norm']}", indent=4, style="dim")
    out.show()
