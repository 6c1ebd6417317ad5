"""lawcode corpus commands: ingest, list, delete, export, search, diff (registered on the app on import).

The store itself is :mod:`lawcode.store`; this module parses options, opens the store named by
``LAWCODE_DATABASE_URL`` (or the default SQLite file) and renders what it answers.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from lawcode.cli import app
from lawcode.cli.output import Format, console, print_json

ON_HELP = "use the version in force on this day, YYYY-MM-DD (default: the latest version)"


def parse_day(value: str | None, option: str = "--on") -> dt.date | None:
    """A YYYY-MM-DD option as a date (None stays None); a clear error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from lawcode.errors import QueryError

        raise QueryError(f"malformed date {value!r} for {option}",
                         expected="a date as YYYY-MM-DD, e.g. 2021-06-30") from None


def open_store(*, create: bool = False) -> Any:
    """The corpus store; a command that only reads (not ``create``) never creates it: while none
    exists it reads an empty one (see :func:`lawcode.store.location.url_for_reading`)."""
    from lawcode.store.location import url_for_reading
    from lawcode.store.store import Store

    return Store.open(None if create else url_for_reading())


@app.command()
def ingest(
    texts: list[Path] = typer.Argument(..., help="Regulation texts, or folders of them (.txt, .md)."),
    model: str | None = typer.Option(None, "--model", help="model file (or shipped model id) written for the text"),
    as_version_of: str | None = typer.Option(None, "--as-version-of",
                                             help="store as a new version of this regulation id"),
    in_force: str | None = typer.Option(None, "--in-force",
                                        help="first day this version is in force, YYYY-MM-DD (default: the model's)"),
    workers: int | None = typer.Option(None, "--workers", help="parsing processes (default: one per core)"),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """Parse texts and store them (with their models) in the corpus store.

    A text already stored is left as it is; a changed text becomes a new version of its
    regulation (the same Akoma Ntoso work URI: the model's, or one made from the file name; or
    --as-version-of). Each document is stored whole or not at all. A file that cannot be parsed is
    reported with its reason, the others are still stored; the exit code is then 2.
    """
    from lawcode.store.ingest import Failure, text_files
    from lawcode.store.ingest import ingest as run_ingest

    start_day = parse_day(in_force, "--in-force")
    started = time.perf_counter()
    human = format is Format.human
    with open_store(create=True) as store:
        files, _ = text_files(texts)
        with _Progress(len(files)) as progress:
            def show(result: Any) -> None:
                if human:
                    progress.echo(_result_line(result), err=isinstance(result, Failure))
                progress.advance()

            try:
                report = run_ingest(store, texts, model=model, as_version_of=as_version_of,
                                    in_force=start_day.isoformat() if start_day else None, workers=workers,
                                    on_result=show)
            except KeyboardInterrupt:
                typer.echo("lawcode: interrupted: the texts reported above are stored; those being written "
                           "were rolled back (run the same command again to go on)", err=True)
                raise typer.Exit(130) from None
        notes = same_name_notes(store, report.results)
    elapsed = time.perf_counter() - started
    if human:
        for note in notes:
            typer.echo(f"lawcode: note: {note}", err=True)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
        done = len(report.results) - len(report.failures)
        typer.echo(f"{summary or 'nothing to ingest'} ({elapsed:.1f} s{rate(done, elapsed)})", err=True)
    else:
        print_json({"results": [r.to_dict() for r in report.results], "counts": report.counts(), "notes": notes})
    if report.failures:
        raise typer.Exit(2)


def rate(done: int, elapsed: float) -> str:
    """``, N texts/s`` for the summary line: whole numbers from 10 on, one decimal below (one text
    in 3.3 s is 0.3 a second, not 0)."""
    if not done or not elapsed:
        return ""
    per_second = done / elapsed
    return f", {per_second:.0f} texts/s" if per_second >= 10 else f", {per_second:.1f} texts/s"


def same_name_notes(store: Any, results: Iterable[Any]) -> list[str]:
    """A note for each regulation that files of one name in different folders, ingested together,
    were stored as versions of: a text without a model is known by its file name, so two
    regulations that share one (two towns' ``bylaw.txt``) become versions of each other, the later
    folder in force after the earlier. Right for folders of successive versions, wrong for
    different regulations: said, so the user can tell."""
    from lawcode.store.prepare import PLACEHOLDER_COUNTRY
    from lawcode.store.store import Added

    by_regulation: dict[str, list[Any]] = {}
    for result in results:
        if isinstance(result, Added) and result.status in ("stored", "new version"):
            by_regulation.setdefault(result.regulation_id, []).append(result)
    notes = []
    for regulation_id, added in by_regulation.items():
        folders = {str(Path(a.path).parent) for a in added}
        if len(folders) < 2 or not store.work_uri(regulation_id).startswith(f"/akn/{PLACEHOLDER_COUNTRY}/act/"):
            continue
        listed = ", ".join(f"{a.path} as @{a.number}" for a in added)
        notes.append(f"{listed} were stored as versions of one regulation, {regulation_id}: a text without a model "
                     "is known by its file name. If they are different regulations, give each its own file name "
                     f"(lawcode delete {regulation_id}@N, rename the file, ingest it again) or its own model")
    return notes


def _result_line(result: Any) -> str:
    from lawcode.store.ingest import Failure

    if isinstance(result, Failure):
        return f"failed       {result.reason}"
    return f"{result.status:<12} {result.regulation_id + '@' + str(result.number):<40} {result.path}"


class _Progress:
    """Result lines as they come and, on a terminal, a progress bar below them."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if sys.stdout.isatty() and self.total > 1:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("ingest", total=self.total)
        return self

    def echo(self, line: str, err: bool = False) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(line, err=err)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command("list")
def list_stored(format: Format = typer.Option(Format.human, "--format", help="human or json")) -> None:
    """The regulations in the corpus store, each with its versions."""
    from lawcode.store.location import locate

    with open_store() as store:
        regulations = store.regulations()
    where = locate().describe()  # the store's address, also while none exists yet
    if format is Format.json:
        print_json([{"id": r.id, "work_uri": r.work_uri, "title": r.title,
                     "versions": [v.to_dict() for v in r.versions]} for r in regulations])
        return
    if not regulations:
        typer.echo(f"the store at {where} holds no regulation yet (see `lawcode ingest`)")
        return
    for regulation in regulations:
        typer.echo(f"{regulation.id}  {regulation.work_uri}  {regulation.title or ''}".rstrip())
        for v in regulation.versions:
            until = f" until {v.in_force_until}" if v.in_force_until else ""
            dates = f"in force {v.in_force_from or 'from ?'}{until}"
            model = f"model {v.model_id}" if v.model_id else "no model"
            typer.echo(f"  @{v.number:<3} {dates:<24} {v.provision_count:>5} provisions  {model:<28} "
                       f"{v.source_name}  (ingested {v.ingested_at})")


@app.command()
def delete(
    ref: str = typer.Argument(..., help="regulation id (all its versions), or ID@N for version N only"),
    version: int | None = typer.Option(None, "--version", min=1, help="delete this version only"),
    yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation"),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """Remove a stored regulation (all its versions) or one version, with its search rows and model.

    One transaction: everything named goes, or nothing does. Without --yes it asks first (and,
    when it cannot ask because no one is at a terminal, refuses).
    """
    from lawcode.errors import QueryError
    from lawcode.store.store import parse_ref

    regulation_id, number = parse_ref(ref)
    if number is not None and version is not None and number != version:
        raise QueryError(f"{ref} and --version {version} name different versions", expected="one of the two")
    chosen = number if number is not None else version
    asked: list[str] = []  # the versions the question named
    with open_store() as store:
        if not yes:
            asked = [v.ref for v in store.versions_named(regulation_id, chosen)]
            if not sys.stdin.isatty():
                raise QueryError(f"deleting {', '.join(asked)} needs confirmation",
                                 expected="--yes to delete without asking")
            if not typer.confirm(f"delete {', '.join(asked)} from {store.location.describe()}?"):
                typer.echo("nothing deleted", err=True)
                raise typer.Exit(1)
        removed = store.delete(regulation_id, chosen, confirmed=None if yes else asked)
    if format is Format.json:
        print_json({"deleted": [v.ref for v in removed]})
        return
    if not yes:  # the question listed them: a count says it is done
        typer.echo(f"deleted {len(removed)} version{'s' if len(removed) > 1 else ''} of {regulation_id}")
        return
    for removed_version in removed:
        typer.echo(f"deleted      {removed_version.ref:<40} {removed_version.source_name}")


class ExportFormat(str, Enum):
    akn = "akn"
    json = "json"
    md = "md"


@app.command()
def export(
    ref: str = typer.Argument(..., help="regulation id (ID, or ID@N for version N; see `lawcode list`)"),
    format: ExportFormat = typer.Option(ExportFormat.akn, "--format", help="akn (Akoma Ntoso XML), json or md"),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Write a stored regulation out as Akoma Ntoso XML, JSON or Markdown."""
    from lawcode.errors import QueryError
    from lawcode.store.export import export as run_export
    from lawcode.store.store import chosen_undated, parse_ref

    if on is not None and parse_ref(ref)[1] is not None:  # the version named would be written, whatever --on says
        raise QueryError(f"{ref} names a version and --on {on} a day", expected="one of the two: ID@N, or ID --on DAY")
    day = parse_day(on)
    with open_store() as store:
        version = store.resolve(ref, day)
        data = run_export(store, version, format.value)
    if chosen_undated(ref, day, version):
        _tell_undated([version.ref], day, "written out")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


@app.command()
def search(
    query: str = typer.Argument(..., help='words, "a phrase", prefix*, AND / OR / NOT, (grouping)'),
    regulation: str | None = typer.Option(None, "--regulation", help="search this regulation only (its id)"),
    kind: str | None = typer.Option(None, "--kind",
                                    help="provision kind (article, paragraph, item) or norm kind (duty, ...)"),
    actor: str | None = typer.Option(None, "--actor",
                                     help="norms whose bearer, counterparty or beneficiary this actor is "
                                          "(itself, or a kind it is in the model's ontology)"),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    limit: int = typer.Option(20, "--limit", min=1, max=1000, help="how many matches to show"),
    format: Format = typer.Option(Format.human, "--format", help="human or json"),
) -> None:
    """Search the stored provisions and norms, best matches first, with the eIds to cite.

    Articles are ranked as wholes; a hit cites the narrowest provision that holds every word it
    matched (Art. 5(1)(a) rather than Art. 5), and names the article's other such provisions.
    Words are all required unless joined by OR; "quoted words" form a phrase; a word ending in *
    is a prefix; NOT excludes an article that holds the word anywhere (fee NOT quarter);
    parentheses group. With --kind, a hit cites the narrowest provision of that kind. Only the
    version in force on --on (else the latest) of each regulation is searched.
    """
    from lawcode.store.actors import any_of
    from lawcode.store.search import search as run_search

    day = parse_day(on)
    from lawcode.store.search import CANDIDATES

    with open_store() as store:
        results = run_search(store, query, regulation=regulation, kind=kind, actor=actor, on=day, limit=limit)
    hits = results.hits
    if format is Format.json:
        print_json({"query": query, "on": day.isoformat() if day else None,
                    "ranked_among_first": CANDIDATES if results.capped else None,
                    "in_force_unknown": list(results.undated), "hits": [h.to_dict() for h in hits]})
        return
    if not hits:
        typer.echo("no match")
        return
    if results.capped:
        typer.echo(f"more than {CANDIDATES} articles and norms match: these are the best among the first "
                   f"{CANDIDATES} stored; a phrase, more words or --regulation narrow the search", err=True)
    _tell_undated(results.undated, day, "searched")
    from rich.text import Text

    out = console()
    page = Text()
    for hit in hits:
        shown = hit.to_dict()
        if hit.what == "provision":
            page.append(f"{hit.version}  {shown['citation']}  ", style="bold")
            page.append(f"{hit.ref} ({hit.kind})\n", style="dim")
            if hit.also:
                page.append(f"    also {_named_first([part.citation for part in hit.also])}\n", style="dim")
        else:
            page.append(f"{hit.version}  norm {hit.ref}  ", style="bold")
            page.append(f"{hit.kind}; {', '.join(hit.actors) or 'no bearer'}; {', '.join(shown['citations'])}\n",
                        style="dim")
            if hit.actor_only_if:  # the actor may be one the norm names: undetermined, not a plain yes
                page.append(f"    concerns {actor} only if {any_of(hit.actor_only_if)}\n", style="italic")
        page.append("    ")
        for index, part in enumerate(hit.snippet.replace("\n", " ").split("**")):
            page.append(part, style="bold yellow" if index % 2 else None)
        page.append("\n")
    out.print(page, end="", soft_wrap=True)


# How many of a hit's other matching provisions a terminal line names (a definitions article can
# have dozens; --format json lists them all).
ALSO_NAMED = 6


def _named_first(citations: list[str]) -> str:
    if len(citations) <= ALSO_NAMED:
        return ", ".join(citations)
    return f"{', '.join(citations[:ALSO_NAMED])} and {len(citations) - ALSO_NAMED} more (--format json lists them)"


class DiffFormat(str, Enum):
    human = "human"
    json = "json"
    html = "html"


@app.command()
def diff(
    old: str = typer.Argument(..., help="the older text: a stored ID or ID@N, or a file"),
    new: str = typer.Argument(..., help="the newer text: a stored ID or ID@N, or a file"),
    on: str | None = typer.Option(None, "--on", help="for a stored ID: the version in force on this day"),
    format: DiffFormat = typer.Option(DiffFormat.human, "--format", help="human, json or html (side by side)"),
) -> None:
    """Compare two regulations or two versions, article by article, aligned by content.

    Renumbered and moved articles are found as such; each changed article gets a word-level
    diff; added and removed articles are listed; and the norms of a stored model that rest on
    changed provisions are listed for review.
    """
    from lawcode.store.diff import compare_sides

    day = parse_day(on)
    stores: list[Any] = []
    try:
        sides = [_side(ref, day, stores) for ref in (old, new)]
    finally:
        for store in stores:
            store.close()
    comparison = compare_sides(sides[0], sides[1])
    if format is DiffFormat.json:
        print_json(comparison.to_dict())
    elif format is DiffFormat.html:
        from lawcode.store.diff_html import render_html

        sys.stdout.write(render_html(comparison))
    else:
        _show_diff(comparison)


def _side(ref: str, day: dt.date | None, stores: list[Any]) -> tuple[str, Any, list[dict[str, Any]], str | None]:
    """(label, Document, norms, model id) of a file path or a stored version."""
    path = Path(ref)
    if path.is_file():
        from lawcode.service import read_document

        return ref, read_document(ref), [], None
    if path.is_dir() or "/" in ref or path.suffix.lower() in (".txt", ".md"):  # no stored id looks so
        from lawcode.errors import QueryError

        problem = "is a folder" if path.is_dir() else "no such file"
        raise QueryError(f"{ref}: {problem}", expected="a regulation text file, or a stored ID or ID@N "
                                                       "(see `lawcode list`)")
    from lawcode.store.store import chosen_undated

    if not stores:
        stores.append(open_store())
    store = stores[0]
    version = store.resolve(ref, day)
    if chosen_undated(ref, day, version):
        _tell_undated([version.ref], day, "compared")
    return version.ref, store.document(version), store.norms(version), version.model_id


def _tell_undated(refs: Sequence[str], day: dt.date | None, done: str) -> None:
    """Say on stderr that the versions ``refs``, chosen as in force on ``day``, have no known day of
    entry into force: the store counts such a version as in force on any day, which the answer
    must not pass off as known."""
    if refs and day is not None:
        typer.echo(f"{', '.join(refs)}: stored with no day of entry into force, so not known to be in force on "
                   f"{day.isoformat()}; {done} as if in force (give a version its day with "
                   "`lawcode ingest TEXT --in-force DAY`, or a model with its date)", err=True)


def _diff_part(op: str, words: str) -> str:
    """One part of a word diff as plain text too: [-removed-] {+added+}, long unchanged runs cut."""
    core = words.strip()
    lead, trail = words[: len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    if op == "-":
        return f"{lead}[-{core}-]{trail}"
    if op == "+":
        return f"{lead}{{+{core}+}}{trail}"
    shown = words.split(" ")
    return words if len(shown) <= 16 else " ".join(shown[:8] + ["…"] + shown[-8:])


def _show_diff(comparison: Any) -> None:
    from rich.text import Text

    summary = comparison.summary()
    page = Text()
    page.append(f"{comparison.old_label} → {comparison.new_label}\n", style="bold")
    page.append(", ".join(f"{n} {name.replace('_', ' ')}" for name, n in summary.items()) + "\n")
    for pair in comparison.pairs:
        if pair.status == ("unchanged",):
            continue
        page.append(f"\n{pair.old.citation} → {pair.new.citation}  ", style="bold")
        page.append(f"{', '.join(pair.status)} (similarity {pair.similarity:.2f})\n", style="dim")
        for op, words in pair.diff:
            page.append(_diff_part(op, words), style={"-": "red strike", "+": "green underline"}.get(op))
        if pair.diff:
            page.append("\n")
    for label, articles, style in (("added", comparison.added, "green"), ("removed", comparison.removed, "red")):
        for article in articles:
            page.append(f"\n{label} {article.citation}", style=f"bold {style}")
            page.append(f"  {' '.join(article.words[:16])}{' …' if len(article.words) > 16 else ''}\n")
    if comparison.norms:
        page.append(f"\nnorms to review (model {comparison.model}):\n", style="bold")
        for norm in comparison.norms:
            page.append(f"  {norm.norm} ({norm.kind}): {'; '.join(norm.reasons)}\n")
    console().print(page, end="", soft_wrap=True)
