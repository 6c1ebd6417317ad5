"""The endpoints of the HTTP API (``/api/...``): one per question the command line answers.

Each endpoint checks its request, calls the service layer and returns the answer's ``to_dict()``
(the JSON contract documented in :mod:`lawcode.engine.queries` and README.md). Reading endpoints
are GET; ``POST /api/regulations/{id}/ask`` takes the same question as a JSON body; writing
(``POST /api/regulations``) needs the server's API token.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from lawcode.api.errors import ERROR_RESPONSES
from lawcode.api.library import Forbidden, Library, NotFound, text_of
from lawcode.errors import QueryError

if TYPE_CHECKING:
    from lawcode.engine.calendar import Calendar
    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document, Node

# Endpoints return their JSONResponse themselves: answers are plain dicts already, and FastAPI's own
# encoding and validation of them cost more than the question.
router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, default_response_class=JSONResponse)

RegulationId = Annotated[str, Path(description="a regulation id, from GET /api/regulations; or ID@N, the N-th "
                                                "stored version of one", max_length=200)]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
Roles = Annotated[list[Name], Query(alias="as", description="actor id(s) the question is asked for; repeat for "
                                   "an actor holding several roles", min_length=1, max_length=20)]
FactSpec = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^=]+(=[A-Za-z]+)?$")]
Facts = Annotated[list[FactSpec], Query(alias="fact", description="a fact that holds (NAME) or not (NAME=false); "
                                   "repeat; facts not given stay unknown", max_length=200)]
On = Annotated[str | None, Query(description="date of the question, YYYY-MM-DD (default: today)",
                                  pattern=r"^\d{4}-\d{2}-\d{2}$")]
Role = Annotated[str, Query(alias="as", description="actor id the question is asked for", min_length=1,
                             max_length=200, pattern=r"\S")]
NormRef = Annotated[str, Path(description="a norm id or a unique prefix of one", max_length=200)]


async def library(request: Request) -> Library:
    """The server's library (async: a plain lookup, not worth a trip to the thread pool)."""
    held: Library = request.app.state.library
    return held


Lib = Annotated[Library, Depends(library)]


# -- regulations and their text ------------------------------------------------------------------


@router.get("/regulations", summary="The regulations this server holds")
def regulations(lib: Lib) -> JSONResponse:
    return JSONResponse({"regulations": [r.summary() for r in lib.entries()]})


@router.get("/regulations/{regulation_id}", summary="One regulation: title, dates, text fingerprint")
def regulation(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    return JSONResponse(lib.get(regulation_id).summary())


@router.get("/regulations/{regulation_id}/structure", summary="The parsed text as JSON (lawcode parse --format json)")
def structure(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    _, document = lib.with_text(regulation_id)
    return JSONResponse(document.to_dict())


@router.get("/regulations/{regulation_id}/akn", summary="The text as Akoma Ntoso 3.0 XML",
            response_class=Response, responses={200: {"content": {"application/akn+xml": {}}}})
def akn(regulation_id: RegulationId, lib: Lib) -> Response:
    return Response(lib.with_text(regulation_id)[0].akn, media_type="application/akn+xml")


@router.get("/regulations/{regulation_id}/provisions/{ref}",
            summary="One provision by eId (or as cited: 13, Article 13, 13(1)(5)), with the norms resting on it")
def provision(regulation_id: RegulationId, ref: Annotated[str, Path(max_length=200)], lib: Lib) -> JSONResponse:
    from lawcode.engine.quote import citation
    from lawcode.service import norms_resting_on

    regulation, document = lib.with_text(regulation_id)
    node = find_provision(document, ref)
    inside = node.eid + "__"
    within = [r for r in document.references if r.source == node.eid or r.source.startswith(inside)]
    cited_by = sorted({r.source for r in document.references if r.target == node.eid})
    norms = norms_resting_on(regulation.loaded, node.eid, document) if regulation.loaded is not None else []
    return JSONResponse({"regulation": regulation.id, "eId": node.eid, "citation": citation(node.eid, document),
                         "text": node.full_text(), "node": node.to_dict(),
                         "references": [r.to_dict() for r in within], "cited_by": cited_by, "norms": norms})


def find_provision(document: Document, ref: str) -> Node:
    """The node ``ref`` names: an eId, or a citation the locator reads; NotFound otherwise."""
    node = document.get(ref)
    if node is not None:
        return node
    from lawcode.text.locate import locate

    try:
        return locate(document, ref)
    except QueryError as error:
        raise NotFound(error.message, expected=error.expected or "an eId of the text", known=error.known) from None


# -- the model's catalogs ------------------------------------------------------------------------


@router.get("/regulations/{regulation_id}/actors", summary="The actors (the ids `as` takes)")
def actors(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    from lawcode.engine.catalog import actor_catalog

    regulation, loaded = lib.with_model(regulation_id)
    return JSONResponse(actor_catalog(loaded, regulation.document).to_dict())


@router.get("/regulations/{regulation_id}/facts", summary="The facts (the names `fact` takes) and their questions")
def facts(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    from lawcode.engine.catalog import fact_catalog

    regulation, loaded = lib.with_model(regulation_id)
    return JSONResponse(fact_catalog(loaded, regulation.document).to_dict())


@router.get("/regulations/{regulation_id}/norms", summary="The norms, optionally of one article or kind")
def norms(regulation_id: RegulationId, lib: Lib,
          article: Annotated[str | None, Query(max_length=100)] = None,
          kind: Annotated[str | None, Query(max_length=100)] = None) -> JSONResponse:
    from lawcode.engine.catalog import norm_catalog

    regulation, loaded = lib.with_model(regulation_id)
    return JSONResponse(norm_catalog(loaded, article, kind, regulation.document).to_dict())


# -- questions -----------------------------------------------------------------------------------


def _facts(specs: list[str]) -> dict[str, bool]:
    from lawcode.facts import parse_facts

    return parse_facts(specs)


@router.get("/regulations/{regulation_id}/ask",
            summary="Every norm that applies to an actor, then those undetermined for want of a fact")
async def ask(regulation_id: RegulationId, roles: Roles, lib: Lib, fact: Facts = [], on: On = None,  # noqa: B006
              kind: Annotated[str | None, Query(max_length=100)] = None) -> JSONResponse:
    """Async: the answer takes about a millisecond, less than a trip to the thread pool."""
    from lawcode.service import ask_roles

    await lib.read_ahead(regulation_id)
    regulation, loaded = lib.with_model(regulation_id, on)
    return JSONResponse(ask_roles(loaded, roles, _facts(fact), on, kind, regulation.document))


class AskRequest(BaseModel):
    """The question of ``ask`` as a JSON body."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    roles: list[Name] = Field(alias="as", min_length=1, max_length=20, description="actor id(s)")
    facts: dict[str, bool] = Field(default_factory=dict, max_length=200,
                                   description="facts that hold (true) or not (false); others stay unknown")
    on: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD; default today")
    kind: str | None = Field(default=None, min_length=1, max_length=100)


@router.post("/regulations/{regulation_id}/ask", summary="ask, with the question as a JSON body")
def ask_body(regulation_id: RegulationId, question: AskRequest, lib: Lib) -> JSONResponse:
    from lawcode.service import ask_roles

    regulation, loaded = lib.with_model(regulation_id, question.on)
    answer = ask_roles(loaded, question.roles, question.facts, question.on, question.kind,
                       regulation.document)
    return JSONResponse(answer)


def _norm(regulation_id: str, loaded: LoadedModel, ref: str) -> None:
    """A norm named in the path must exist (404); a prefix is resolved by the engine."""
    if not any(norm_id.startswith(ref) for norm_id in loaded.norms):
        from lawcode.suggest import closest_first

        raise NotFound(f"no norm {ref!r} in {regulation_id}", expected="a norm id or a unique prefix of one",
                       known=closest_first(ref, loaded.norms))


@router.get("/regulations/{regulation_id}/norms/{norm}/explain",
            summary="The proof tree of one norm for an actor: bearer, conditions, exceptions, validity")
def explain(regulation_id: RegulationId, norm: NormRef, role: Role, lib: Lib, fact: Facts = [],  # noqa: B006
            on: On = None) -> JSONResponse:
    from lawcode.service import explain as run

    regulation, loaded = lib.with_model(regulation_id, on)
    _norm(regulation_id, loaded, norm)
    return JSONResponse(run(loaded, norm, role, _facts(fact), on, regulation.document).to_dict())


@router.get("/regulations/{regulation_id}/norms/{norm}/what-if",
            summary="The minimal sets of facts that would make a norm apply (or, stop=true, stop applying)")
def what_if(regulation_id: RegulationId, norm: NormRef, role: Role, lib: Lib, fact: Facts = [],  # noqa: B006
            on: On = None, stop: bool = False) -> JSONResponse:
    from lawcode.service import what_if as run

    _, loaded = lib.with_model(regulation_id, on)
    _norm(regulation_id, loaded, norm)
    return JSONResponse(run(loaded, norm, role, _facts(fact), on, stop).to_dict())


@router.get("/regulations/{regulation_id}/who", summary="Which actors carry duties, powers or rights on a subject")
def who(regulation_id: RegulationId, lib: Lib,
        term: Annotated[list[Annotated[str, Field(pattern=r"\w")]],
                        Query(min_length=1, max_length=20, description="words to look for")]
        ) -> JSONResponse:
    from lawcode.service import who as run

    _, loaded = lib.with_model(regulation_id)
    return JSONResponse(run(loaded, term).to_dict())


@router.get("/regulations/{regulation_id}/review",
            summary="The text provision by provision with the norms (and the model's readings) beneath each")
def review(regulation_id: RegulationId, lib: Lib,
           article: Annotated[str | None, Query(max_length=100, description="one article (13, Article 13)")] = None
           ) -> JSONResponse:
    from lawcode import service

    regulation, loaded = lib.with_model(regulation_id)
    return JSONResponse(service.review(loaded, text_of(regulation), article))


@router.get("/regulations/{regulation_id}/assess",
            summary="Given what happened (fact), which prohibitions an actor contravened, and on which provisions")
def assess(regulation_id: RegulationId, roles: Roles, lib: Lib, fact: Facts = [],  # noqa: B006
           on: On = None) -> JSONResponse:
    from lawcode.service import assess as run

    regulation, loaded = lib.with_model(regulation_id, on)
    return JSONResponse(run(loaded, roles, _facts(fact), on, regulation.document).to_dict())


@router.get("/regulations/{regulation_id}/readings",
            summary="The model's interpretive choices: question, reading taken, alternatives, provisions, reviewed")
def readings(regulation_id: RegulationId, lib: Lib,
             pending: Annotated[bool, Query(description="only readings not yet reviewed")] = False) -> JSONResponse:
    from lawcode.engine.review import reading_list

    regulation, loaded = lib.with_model(regulation_id)
    answer = reading_list(loaded, regulation.document, reviewed=False if pending else None)
    return JSONResponse(answer.to_dict())


@router.get("/regulations/{regulation_id}/check",
            summary="The model checked against its text, and the lint (as `lawcode check`)")
def check(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    from lawcode.model.check import check_model

    regulation, loaded = lib.with_model(regulation_id)
    report = check_model(loaded, regulation.document).to_dict()
    # the files by the names a user knows them by, not by where this server keeps them
    report["model"] = regulation.id
    report["text"] = regulation.document.source if regulation.document is not None else None
    return JSONResponse(report)


@router.post("/validate", summary="Check an Akoma Ntoso 3.0 document (the request body) against the OASIS schema",
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/xml": {"schema": {"type": "string"}}}}})
async def validate(request: Request) -> JSONResponse:
    from lawcode.akn.validate import validate_akn

    problems = validate_akn(await request.body(), "request body")
    return JSONResponse({"valid": not problems, "problems": [p.to_dict() for p in problems]})


# -- procedures and dates ------------------------------------------------------------------------


@router.get("/regulations/{regulation_id}/procedures", summary="The procedures, with their states and events")
def procedures(regulation_id: RegulationId, lib: Lib) -> JSONResponse:
    from lawcode.engine.catalog import procedure_catalog

    regulation, loaded = lib.with_model(regulation_id)
    return JSONResponse(procedure_catalog(loaded, regulation.document).to_dict())


@router.get("/regulations/{regulation_id}/procedures/{procedure}",
            summary="Run a procedure on events: the state reached, the path, what may or must come next")
def procedure(regulation_id: RegulationId, procedure: Annotated[str, Path(max_length=200)], lib: Lib,
              event: Annotated[list[str], Query(max_length=100, description="events, in order")] = []  # noqa: B006
              ) -> JSONResponse:
    from lawcode.engine.procedures import run_procedure

    regulation, loaded = lib.with_model(regulation_id)
    if procedure not in loaded.procedures:
        from lawcode.suggest import closest_first

        raise NotFound(f"no procedure {procedure!r} in {regulation.id}", expected="a procedure id",
                       known=closest_first(procedure, loaded.procedures))
    return JSONResponse(run_procedure(loaded, procedure, event, regulation.document).to_dict())


Year = Annotated[str | None, Query(description="the year to list (default: this year)", pattern=r"^[1-9]\d{3}$")]


def _calendar(lib: Library, regulation_id: str, year: str | None) -> Calendar:
    import datetime as dt

    from lawcode.engine.calendar import build_calendar, parse_year

    regulation, loaded = lib.with_model(regulation_id)
    chosen = parse_year(year) if year is not None else dt.date.today().year
    return build_calendar(loaded, chosen, regulation.document)


@router.get("/regulations/{regulation_id}/calendar", summary="The dates the regulation fixes, in one year")
def calendar(regulation_id: RegulationId, lib: Lib, year: Year = None) -> JSONResponse:
    return JSONResponse(_calendar(lib, regulation_id, year).to_dict())


@router.get("/regulations/{regulation_id}/calendar.ics", summary="The dates the regulation fixes, as iCalendar",
            response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
def calendar_ics(regulation_id: RegulationId, lib: Lib) -> Response:
    ics = _calendar(lib, regulation_id, None).to_ics()
    return Response(ics.encode("utf-8"), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{regulation_id}.ics"'})


# -- writing -------------------------------------------------------------------------------------


class IngestRequest(BaseModel):
    """A regulation to add: its text and, to answer questions about it, its model file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100,
                    description="the regulation's id (lower-case letters and digits, joined by single hyphens); "
                                "a text posted under an id the store holds is stored as its next version")
    text: str = Field(min_length=1, description="the regulation text (plain text)")
    model: str | None = Field(default=None, description="the model file (YAML), whose regulation.id is `id`")


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writing needs the token the server was started with (``Authorization: Bearer TOKEN``)."""
    token = request.app.state.api_token
    if token is None:
        raise Forbidden("this server is read-only: writing is off", missing=False,
                        expected="a server started with --api-token (or LAWCODE_API_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if not given or scheme.lower() != "bearer":
        raise Forbidden("writing needs the API token", missing=True, expected="the header Authorization: Bearer TOKEN")
    if not secrets.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Forbidden("the API token is not the one this server was started with", missing=False,
                        expected="the server's token")


@router.post("/regulations", summary="Add a regulation (text and optional model) to the corpus store; needs the "
             "API token", status_code=201, dependencies=[Depends(require_token)],
             responses={401: ERROR_RESPONSES[404] | {"description": "No token given"},
                        403: ERROR_RESPONSES[404] | {"description": "Wrong token, or a read-only server"},
                        409: ERROR_RESPONSES[404] | {"description": "The id is one of the server's own models"}})
def ingest(lib: Lib, item: Annotated[IngestRequest, Body()]) -> JSONResponse:
    return JSONResponse(lib.ingest(item.id, item.text, item.model).summary(), status_code=201)
