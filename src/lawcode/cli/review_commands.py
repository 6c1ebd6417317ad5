"""lawcode review commands: ``readings`` (the model's recorded interpretive choices) and
``review`` (the text provision by provision with the norms beneath, as text, JSON or one HTML
page). Registered on the app on import.

The data comes from :mod:`lawcode.engine.review`; this module only renders it. The text is the
parsed regulation read at run time; nothing of it is stored in the project.
"""

from __future__ import annotations

import html
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from lawcode.cli import app
from lawcode.cli.output import Format, console, load_model_and_text, print_json

MODEL_ARG = "model file path or shipped model id (default: the only shipped model)"
TEXT_HELP = "regulation text (file or folder); default: found in LAWCODE_CORPUS"


class ReviewFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


@app.command()
def readings(
    model: str | None = typer.Argument(None, help=MODEL_ARG),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP + " (for exact citations)"),
    pending: bool = typer.Option(False, "--pending", help="only readings not yet reviewed"),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """The model's interpretive choices: question, reading taken, alternatives, provisions, reviewed."""
    from lawcode.engine.review import reading_list

    loaded, document = load_model_and_text(model, text)
    answer = reading_list(loaded, document, reviewed=False if pending else None)
    if format == Format.json:
        print_json(answer.to_dict())
        return
    from rich.table import Table

    title = (f"Readings of {loaded.model.regulation.id} not yet reviewed ({len(answer.readings)})" if pending else
             f"Readings of {loaded.model.regulation.id} ({answer.reviewed} of {len(answer.readings)} reviewed)")
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("reading: question, reading taken, other readings", ratio=8)
    table.add_column("provisions", ratio=2)
    table.add_column("reviewed", no_wrap=True)
    from rich.text import Text

    for entry in answer.readings:
        body = Text()
        body.append(entry["id"] + "\n", style="bold cyan")
        body.append(entry["question"] + "\n", style="bold")
        body.append("Taken: " + entry["reading"])
        for alternative in entry["alternatives"]:
            body.append("\nOther reading: " + alternative, style="dim")
        if entry.get("note"):
            body.append("\nNote: " + entry["note"], style="italic")
        table.add_row(body, Text(", ".join(entry["citations"])),
                      Text("yes" if entry["reviewed"] else "no", style="green" if entry["reviewed"] else "yellow"))
    console().print(table)


@app.command()
def review(
    model: str | None = typer.Argument(None, help=MODEL_ARG),
    article: str | None = typer.Option(None, "--article", "-a", help="only this article (or provision), e.g. 13"),
    text: str | None = typer.Option(None, "--text", help=TEXT_HELP),
    format: ReviewFormat = typer.Option(ReviewFormat.text, "--format", help="text, json or html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="write to this file instead of stdout"),
) -> None:
    """Each provision's text with the norms that rest on it, for signing a model off article by article."""
    from lawcode.engine.review import build_review

    loaded, document = load_model_and_text(model, text)
    answer = build_review(loaded, document, article).to_dict()
    if format == ReviewFormat.json:
        import json

        page = json.dumps(answer, ensure_ascii=False, indent=2) + "\n"
    elif format == ReviewFormat.html:
        page = render_html(answer)
    else:
        page = render_text(answer)
    if output is None:
        typer.echo(page, nl=False)
    else:
        output.write_text(page, encoding="utf-8")
        typer.echo(f"wrote {output}")


def _norm_lines(norm: dict[str, Any]) -> list[str]:
    """A norm as the few facts a reviewer checks against the words above it."""
    head = f"[{norm['kind']}] {norm['norm']}: {norm['action']}"
    facts = [f"bearer: {norm['bearer'] or '-'}"]
    for key in ("counterparty", "beneficiary", "condition", "unless"):
        if norm.get(key):
            facts.append(f"{key}: {norm[key]}")
    if norm.get("overrides"):
        facts.append("overrides: " + ", ".join(norm["overrides"]))
    if norm.get("defers_to"):
        facts.append("defers to: " + "; ".join(norm["defers_to"]))
    facts.append("open-ended: " + ("yes" if norm["open_ended"] else "no"))
    if norm.get("discretionary"):
        facts.append("discretionary (may)")
    if norm["readings"]:
        facts.append("readings: " + ", ".join(norm["readings"]))
    return [head, " · ".join(facts)] + ([f"note: {norm['note']}"] if norm.get("note") else [])


def render_text(answer: dict[str, Any]) -> str:
    """The review as plain text, 100 columns: provisions indented by depth, norms beneath."""
    import textwrap

    width = 100
    lines = [answer["title"], f"model review ({answer['regulation']})"]

    def add(text: str, indent: int) -> None:
        lines.extend(textwrap.wrap(text, width, initial_indent=" " * indent, subsequent_indent=" " * (indent + 2),
                                   break_on_hyphens=False) or [""])

    for provision in answer["provisions"]:
        indent = 2 * provision["depth"]
        if provision["kind"] in ("chapter", "part", "title", "article", "section"):
            lines.append("")
        title = provision["citation"] + (f" - {provision['heading']}" if provision["heading"] else "")
        add(title + (f": {provision['text']}" if provision["text"] else ""), indent)
        if provision.get("non_normative"):
            add("not modelled as norms: " + provision["non_normative"], indent + 4)
        for reading_id in provision["readings"]:
            add(f"reading {reading_id}: {answer['readings'][reading_id]['reading']}", indent + 4)
        for norm in provision["norms"]:
            first, *rest = _norm_lines(norm)
            add("> " + first, indent + 4)
            for line in rest:
                add(line, indent + 6)
    if answer["readings"]:
        lines += ["", "Readings named above"]
        for reading in answer["readings"].values():
            state = "reviewed" if reading["reviewed"] else "not reviewed"
            add(f"{reading['id']} ({state}, {', '.join(reading['citations'])}): {reading['question']}", 2)
            add("taken: " + reading["reading"], 6)
            for alternative in reading["alternatives"]:
                add("other reading: " + alternative, 6)
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
.provision{margin:.6rem 0}.text{white-space:pre-wrap}.cite{font-weight:bold;margin-right:.5rem}
.norm{font-family:system-ui,sans-serif;font-size:.9rem;background:#f4f6f8;border-left:4px solid #3b6ea5;
margin:.4rem 0 .4rem 1.5rem;padding:.4rem .6rem}.norm .kind{font-weight:bold;text-transform:uppercase;
font-size:.75rem;color:#3b6ea5}.norm dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;margin:.3rem 0}
.norm dt{color:#555}.norm dd{margin:0}.open{color:#a33;font-weight:bold}
.nonnorm{font-style:italic;color:#555;margin-left:1.5rem}
.reading{font-family:system-ui,sans-serif;font-size:.9rem;border:1px solid #ddd;padding:.4rem .6rem;margin:.5rem 0}
.pending{color:#a60}.reviewed{color:#080}
"""


def render_html(answer: dict[str, Any]) -> str:
    """One self-contained HTML page (no scripts, no external files): the text article by
    article, each provision's norms beneath it, then the readings they name."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Review: {e(answer['title'])}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(answer['title'])}</h1>",
           f"<p>Model review of <code>{e(answer['regulation'])}</code>. The text is read from the regulation at "
           "the time this page was made; beneath each provision are the norms the model rests on it.</p>"]
    for provision in answer["provisions"]:
        if provision["kind"] in ("chapter", "part", "title", "article", "section"):
            heading = provision["citation"] + (f" - {provision['heading']}" if provision["heading"] else "")
            out.append(f'<h2 id="{e(provision["eid"])}">{e(heading)}</h2>')
            if provision["text"]:
                out.append(f'<p class="text">{e(provision["text"])}</p>')
        else:
            margin = max(0, provision["depth"] - 2) * 1.5
            out.append(f'<div class="provision" id="{e(provision["eid"])}" style="margin-left:{margin}rem">'
                       f'<span class="cite">{e(provision["citation"])}</span>'
                       f'<span class="text">{e(provision["text"])}</span></div>')
        if provision.get("non_normative"):
            out.append(f'<p class="nonnorm">Not modelled as norms: {e(provision["non_normative"])}</p>')
        for norm in provision["norms"]:
            out.append(_norm_html(norm))
        if provision["readings"]:
            links = ", ".join(f'<a href="#reading-{e(r)}">{e(r)}</a>' for r in provision["readings"])
            out.append(f'<p class="nonnorm">Readings on this provision: {links}</p>')
    if answer["readings"]:
        out.append("<h2>Readings</h2>")
        for reading in answer["readings"].values():
            state = "reviewed" if reading["reviewed"] else "pending"
            alternatives = "".join(f"<li>{e(a)}</li>" for a in reading["alternatives"])
            out.append(f'<div class="reading" id="reading-{e(reading["id"])}"><b>{e(reading["id"])}</b> '
                       f'<span class="{state}">({"reviewed" if reading["reviewed"] else "not reviewed"})</span> '
                       f'{e(", ".join(reading["citations"]))}<br><b>Question:</b> {e(reading["question"])}<br>'
                       f'<b>Reading taken:</b> {e(reading["reading"])}<br><b>Other readings:</b><ul>{alternatives}</ul>'
                       + (f'<i>{e(reading["note"])}</i>' if reading.get("note") else "") + "</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _norm_html(norm: dict[str, Any]) -> str:
    e = html.escape
    rows = [("bearer", norm["bearer"] or "-")]
    for key in ("counterparty", "beneficiary", "condition", "unless"):
        if norm.get(key):
            rows.append((key, norm[key]))
    if norm.get("overrides"):
        rows.append(("overrides", ", ".join(norm["overrides"])))
    if norm.get("defers_to"):
        rows.append(("defers to", "; ".join(norm["defers_to"])))
    if norm.get("discretionary"):
        rows.append(("discretionary", "yes (may)"))
    cells = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    cells += "<dt>open-ended</dt><dd>" + ('<span class="open">yes</span>' if norm["open_ended"] else "no") + "</dd>"
    if norm["readings"]:
        links = ", ".join(f'<a href="#reading-{e(r)}">{e(r)}</a>' for r in norm["readings"])
        cells += f"<dt>readings</dt><dd>{links}</dd>"
    note = f"<div><i>{e(norm['note'])}</i></div>" if norm.get("note") else ""
    return (f'<div class="norm"><span class="kind">{e(norm["kind"])}</span> <code>{e(norm["norm"])}</code>'
            f"<div>{e(norm['action'])}</div><dl>{cells}</dl>{note}</div>")
