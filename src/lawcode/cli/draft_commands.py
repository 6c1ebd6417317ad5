"""``lawcode draft``: a model file drafted from a regulation's text, why each sentence was read
as it was (``--explain``), and how a draft differs from a reviewed model (``--compare``).
Registered on the app on import."""

from __future__ import annotations

import sys
import textwrap
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from lawcode import eids
from lawcode.cli import app
from lawcode.cli.output import print_json

WIDTH = 100
# (reviewed has a condition, draft has one) -> how the human output says it
_CONDITION_AGREEMENT = {(True, True): "both", (False, False): "neither", (True, False): "reviewed only",
                        (False, True): "draft only"}


class DraftFormat(str, Enum):
    yaml = "yaml"
    json = "json"


@app.command()
def draft(
    text: Path = typer.Argument(..., help="The regulation text to draft a model from."),
    actors: list[str] | None = typer.Option(
        None,
        "--actors",
        help="A model (file or shipped id) whose actors the draft reuses where the text names them; repeatable.",
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Say why each sentence was classified as it was, instead of the model."
    ),
    article: str | None = typer.Option(
        None, "--article", help="With --explain: only this article (its number, e.g. 13)."
    ),
    compare: str | None = typer.Option(
        None, "--compare", help="A reviewed model to compare the draft with, norm by norm."
    ),
    format: DraftFormat = typer.Option(DraftFormat.yaml, "--format", help="yaml (the model file), or json."),
) -> None:
    """Draft a model file from TEXT: every norm marked drafted, with its rule and a confidence.

    The model goes to standard output (redirect it to a file), a summary to standard error.
    Provisions the drafter could not classify are readings to decide in the file (`readings`).
    """
    from lawcode import service
    from lawcode.errors import QueryError

    if article is not None and not explain:
        raise QueryError("--article is an option of --explain", expected="lawcode draft --explain TEXT --article N")
    if explain and compare is not None:
        raise QueryError("--explain and --compare cannot be combined", expected="one of them")
    drafted = service.draft_model(text, actors or [])
    if explain:
        _explain(drafted, article, format)
    elif compare is not None:
        _compare(compare, drafted, format)
    else:
        _model(drafted, format)


def _model(drafted: Any, format: DraftFormat) -> None:
    from lawcode.draft.emit import model_data, model_yaml

    summary = _summary(drafted)
    if format is DraftFormat.json:
        print_json(
            {
                "summary": summary,
                "model": model_data(drafted),
                "review": [{"eid": r.eid, "reason": r.reason} for r in drafted.review],
            }
        )
    else:
        sys.stdout.write(model_yaml(drafted))
    if not drafted.norms:
        sys.stderr.write(
            f"lawcode draft: no normative statement found in {drafted.document.source}: the draft has "
            "no norms (every article is listed for review)\n"
        )
    else:
        sys.stderr.write(
            f"lawcode draft: {summary['norms']} norm(s), {summary['actors']} actor(s), {summary['facts']} "
            f"fact(s); {summary['to_review']} provision(s) to review, {summary['articles_without_norms']} "
            "article(s) without a norm\n"
        )


def _summary(drafted: Any) -> dict[str, Any]:
    return {
        "text": drafted.document.source,
        "norms": len(drafted.norms),
        "actors": len(drafted.lexicon.actors),
        "facts": len(drafted.facts),
        "to_review": len(drafted.review),
        "articles_without_norms": len(drafted.articles_without_norms()),
    }


def _explain(drafted: Any, article: str | None, format: DraftFormat) -> None:
    from lawcode.errors import QueryError

    explanations = drafted.explanations
    if article is not None:
        articles = drafted.document.articles()
        wanted = [a for a in articles if (a.num or "").strip(" .") == article.strip(" .") or a.eid == article]
        if not wanted:
            raise QueryError(
                f"no article {article!r} in {drafted.document.source}",
                expected="an article number",
                known=[(a.num or a.eid).strip(" .") for a in articles],
            )
        inside = wanted[0].eid
        explanations = [e for e in explanations if eids.is_inside(e.eid, inside)]
    if format is DraftFormat.json:
        print_json([{"eid": e.eid, "sentence": e.sentence, "decisions": list(e.decisions)} for e in explanations])
        return
    lines: list[str] = []
    for item in explanations:
        lines.append(f"{item.eid}")
        lines += textwrap.wrap(f'"{_cut(item.sentence, 60)}"', WIDTH, initial_indent="  ", subsequent_indent="   ")
        for decision in item.decisions:
            lines += textwrap.wrap(decision, WIDTH, initial_indent="  - ", subsequent_indent="    ")
    typer.echo("\n".join(lines) if lines else "nothing to explain: no sentences")


def _cut(words: str, limit: int) -> str:
    split = words.split()
    return " ".join(split[:limit]) + (" …" if len(split) > limit else "")


def _compare(model_ref: str, drafted: Any, format: DraftFormat) -> None:
    from lawcode import service
    from lawcode.draft.compare import compare
    from lawcode.draft.emit import model_data
    from lawcode.model.schema import validate

    reviewed = service.load_model(model_ref, strict=False).model
    if reviewed.regulation.text.fingerprint != drafted.document.fingerprint():
        sys.stderr.write(f"lawcode draft: warning: {model_ref} was written for another text "
                         f"({reviewed.regulation.text.file}, {reviewed.regulation.text.fingerprint}); "
                         "the comparison pairs provisions by eId only\n")
    result = compare(reviewed, validate(model_data(drafted)))
    rows = [_pair_row(p) for p in result.by_reviewed]
    only_drafted = [p.drafted for p in result.by_drafted if p.reviewed is None]
    if format is DraftFormat.json:
        print_json(
            {
                "measures": [m.to_dict() for m in result.measures()],
                "norms": rows,
                "only_in_draft": [
                    {"id": n.id, "kind": n.kind.value, "bearer": n.bearer, "cites": n.cites}
                    for n in only_drafted
                    if n is not None
                ],
            }
        )
        return
    lines = [
        f"Reviewed model: {model_ref}",
        f"Draft of:       {drafted.document.source}",
        "",
        f"{'measure':<12} {'precision':>9} {'recall':>7}   (drafted right/all, reviewed right/all)",
    ]
    for m in result.measures():
        lines.append(
            f"{m.name:<12} {m.precision:>9.3f} {m.recall:>7.3f}   "
            f"({m.right_drafted}/{m.drafted}, {m.right_reviewed}/{m.reviewed})"
        )
    lines += ["", "Norm by norm (reviewed -> drafted partner):"]
    for row in rows:
        if row["drafted"] is None:
            lines.append(f"  {row['reviewed']}: MISSING in the draft")
            continue
        marks = [
            f"kind {row['kind'][0]}" + ("" if row["kind"][0] == row["kind"][1] else f" != {row['kind'][1]}"),
            f"bearer {row['bearer'][0]}" + ("" if row["bearer_agrees"] else f" != {row['bearer'][1]}"),
            "condition " + _CONDITION_AGREEMENT[tuple(row["condition"])],
            f"rule {row['rule']}",
        ]
        same = row["kind"][0] == row["kind"][1] and row["bearer_agrees"]
        text = f"{'  ' if same else '* '}{row['reviewed']} -> {row['drafted']}: " + "; ".join(marks)
        lines += textwrap.wrap(text, WIDTH, subsequent_indent="      ")
    if only_drafted:
        lines += ["", "Only in the draft (no reviewed norm on that provision):"]
        lines += [f"  {n.id} ({n.kind.value})" for n in only_drafted if n is not None]
    typer.echo("\n".join(lines))


def _pair_row(pair: Any) -> dict[str, Any]:
    from lawcode.draft.compare import drafted_rule

    reviewed, drafted = pair.reviewed, pair.drafted
    return {
        "provision": pair.provision,
        "reviewed": reviewed.id,
        "drafted": drafted.id if drafted else None,
        "rule": drafted_rule(drafted) if drafted else None,
        "kind": [reviewed.kind.value, drafted.kind.value if drafted else None],
        "bearer": [
            reviewed.bearer,
            f"{drafted.bearer} (as {pair.mapped_bearer})" if drafted and drafted.bearer else None,
        ],
        "bearer_agrees": pair.bearer_agrees,
        "condition": [bool(reviewed.condition), bool(drafted and drafted.condition)],
    }
