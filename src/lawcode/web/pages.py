"""The web pages: home, reader, norm (with its explanation), interview, review and graph.

Every page is rendered on the server from what the service layer answers; forms are plain
GET forms, so that each state of an interview is a URL that can be shared or bookmarked, and no
page needs JavaScript. Errors on a page are pages too (with the same message as the API's JSON).
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from lawcode.api.library import Library, NotFound, Regulation, text_of
from lawcode.engine.findings import KIND_HEADINGS, KIND_ORDER
from lawcode.engine.quote import citation
from lawcode.web import reader

if TYPE_CHECKING:
    from markupsafe import Markup

    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document, Node

HERE = FilePath(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(KIND_HEADINGS=KIND_HEADINGS)
templates.env.filters["citation"] = citation

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Strings = Annotated[list[str], Query(max_length=200)]


def install_web(app: FastAPI) -> None:
    """Add the web pages and their static files to ``app``; page errors render as pages."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.render_error = render_error


def render_error(request: Request, status: int, body: dict[str, Any]) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "error": body}, status_code=status)


def _library(request: Request) -> Library:
    held: Library = request.app.state.library
    return held


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _base(regulation_id: str) -> str:
    return f"/r/{regulation_id}"


# -- home and reader -----------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> HTMLResponse:
    return _page(request, "home.html", regulations=_library(request).entries())


@router.get("/r/{regulation_id}")
def regulation_home(regulation_id: str, request: Request) -> RedirectResponse:
    _library(request).get(regulation_id)
    return RedirectResponse(f"{_base(regulation_id)}/read", status_code=303)


@router.get("/r/{regulation_id}/read")
def contents(regulation_id: str, request: Request) -> HTMLResponse:
    regulation, document = _library(request).with_text(regulation_id)
    return _page(request, "contents.html", regulation=regulation, base=_base(regulation_id),
                 pages=reader.pages(document), heading_of=reader.heading_of)


@router.get("/r/{regulation_id}/read/{key}")
async def read(regulation_id: str, key: str, request: Request) -> Response:
    """A chapter, rendered once and then served from memory (async: usually a dictionary lookup)."""
    library = _library(request)
    await library.read_ahead(regulation_id)
    regulation, document = library.with_text(regulation_id)
    cache_key = ("read", key)
    html = regulation.rendered.get(cache_key)
    if html is None:
        html = _render_page(request, regulation, document, key)
        regulation.rendered[cache_key] = html
    return HTMLResponse(html)


def _render_page(request: Request, regulation: Regulation, document: Document, key: str) -> str:
    from lawcode.service import norms_resting_on

    all_pages = reader.pages(document)
    keys = [p.key for p in all_pages]
    if key not in keys:
        raise NotFound(f"no page {key!r} in {regulation.id}", expected="a chapter's eId", known=keys)
    index = keys.index(key)
    page = all_pages[index]
    base = _base(regulation.id)
    references = reader.references_by_source(document)

    def text_of(node: Node, words: str) -> Markup:
        return reader.linked_text(words, references.get(node.eid, []), lambda eid: f"{base}/p/{eid}")

    def norms_of(node: Node) -> list[dict[str, Any]]:
        return norms_resting_on(regulation.loaded, node.eid, document) if regulation.loaded is not None else []

    template = templates.get_template("read.html")
    return template.render(request=request, regulation=regulation, base=base, page=page,
                           previous=all_pages[index - 1] if index > 0 else None,
                           next=all_pages[index + 1] if index + 1 < len(all_pages) else None,
                           text_of=text_of, norms_of=norms_of, heading_of=reader.heading_of,
                           cite=lambda eid: citation(eid, document))


@router.get("/r/{regulation_id}/p/{ref}")
def provision(regulation_id: str, ref: Annotated[str, Path(max_length=200)], request: Request) -> RedirectResponse:
    """A provision's address: the page it is read on, scrolled to it."""
    from lawcode.api.routes import find_provision

    _, document = _library(request).with_text(regulation_id)
    node = find_provision(document, ref)
    key = reader.page_of(document, node.eid)
    return RedirectResponse(f"{_base(regulation_id)}/read/{key}#{node.eid}", status_code=303)


# -- one norm and its explanation ----------------------------------------------------------------


@router.get("/r/{regulation_id}/norm/{norm}")
def norm_page(regulation_id: str, norm: str, request: Request,
              role: Annotated[str | None, Query(alias="as", max_length=200)] = None, fact: Strings = []  # noqa: B006
              ) -> HTMLResponse:
    from lawcode.engine.catalog import actor_catalog
    from lawcode.facts import parse_facts
    from lawcode.service import explain

    regulation, loaded = _library(request).with_model(regulation_id)
    if norm not in loaded.norms:
        from lawcode.suggest import closest_first

        raise NotFound(f"no norm {norm!r} in {regulation_id}", expected="a norm id",
                       known=closest_first(norm, loaded.norms))
    target = loaded.norms[norm]
    chosen = role or target.bearer or next(iter(loaded.actors))
    answer = explain(loaded, norm, chosen, parse_facts(fact), None, regulation.document).to_dict()
    return _page(request, "norm.html", regulation=regulation, base=_base(regulation_id), answer=answer,
                 finding=answer["finding"], role=chosen, facts=fact,
                 actors=actor_catalog(loaded).entries)


# -- interview -----------------------------------------------------------------------------------


@router.get("/r/{regulation_id}/interview")
def interview(regulation_id: str, request: Request,
              roles: Annotated[list[str], Query(alias="as", max_length=20)] = [],  # noqa: B006
              fact: Strings = [], unknown: Strings = [],  # noqa: B006
              q: Annotated[str | None, Query(max_length=200)] = None,
              a: Annotated[str | None, Query(max_length=10)] = None,
              done: bool = False) -> Response:
    """The interview: roles, then one question at a time; its state is all in the URL."""
    from lawcode.engine.catalog import actor_catalog
    from lawcode.facts import parse_facts
    from lawcode.service import ask_roles, next_question

    regulation, loaded = _library(request).with_model(regulation_id)
    base = _base(regulation_id)
    _known_facts(loaded, [*unknown, *([q] if q is not None else [])])
    if q is not None:  # an answer to the question q: make it part of the state, then ask on
        if a == "yes":
            fact = [*fact, q]
        elif a == "no":
            fact = [*fact, f"{q}=false"]
        else:
            unknown = [*unknown, q]
        return RedirectResponse(f"{base}/interview?{_state(roles, fact, unknown)}", status_code=303)
    if not roles:
        return _page(request, "interview_roles.html", regulation=regulation, base=base,
                     actors=actor_catalog(loaded).entries)
    answer = ask_roles(loaded, roles, parse_facts(fact), None, None, regulation.document)
    asking = None if done else next_question(answer, set(unknown))
    state = _state(roles, fact, unknown)
    context = dict(regulation=regulation, base=base, answer=answer, roles=roles, facts=fact, unknown=unknown,
                   state=state, share=f"{base}/interview?{state}&done=true",
                   facts_query=urlencode([("fact", f) for f in fact]),
                   applies=[f for f in answer["findings"] if f["status"] == "applies"],
                   undetermined=[f for f in answer["findings"] if f["status"] == "undetermined"],
                   questions=answer["questions"], facts_by_name=loaded.facts)
    if asking is not None:
        left = sum(1 for f in answer["findings"] if asking in f.get("missing", ()))
        return _page(request, "interview_question.html", asking=asking, deciding=left, **context)
    owed = answer["owed"]
    return _page(request, "interview_result.html", owed=owed, **context)


def _known_facts(loaded: LoadedModel, names: list[str]) -> None:
    """Facts named in the interview's address must be the model's (as ``fact`` ones are checked)."""
    from lawcode.errors import QueryError
    from lawcode.suggest import closest_first

    for name in names:
        if name not in loaded.facts:
            raise QueryError(f"unknown fact {name!r}", expected="a fact declared in the model",
                             known=closest_first(name, loaded.facts))


def _state(roles: list[str], facts: list[str], unknown: list[str]) -> str:
    return urlencode([("as", r) for r in roles] + [("fact", f) for f in facts] + [("unknown", u) for u in unknown])


# -- graph ---------------------------------------------------------------------------------------


@router.get("/r/{regulation_id}/graph")
def graph(regulation_id: str, request: Request, kind: Annotated[str | None, Query(max_length=40)] = None,
          chapter: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    from lawcode.web.graph import norm_graph, norms_in, procedure_graph

    regulation, loaded = _library(request).with_model(regulation_id)
    kind, chapter = kind or None, chapter or None
    kinds = [k for k in KIND_ORDER if any(n.kind.value == k and n.bearer
                                          for n in loaded.model.norms)]
    if kind is not None and kind not in kinds:
        raise NotFound(f"no norm of kind {kind!r} has a bearer in this model", expected="a kind", known=kinds)
    chapters = reader.pages(regulation.document) if regulation.document is not None else []
    if chapter is not None and chapter not in [c.key for c in chapters]:
        raise NotFound(f"no chapter {chapter!r}", expected="a chapter's eId", known=[c.key for c in chapters])
    base = _base(regulation_id)
    key = ("graph", kind, chapter)
    drawn = regulation.rendered.get(key)
    if drawn is None:
        norms = norms_in(loaded, kind, chapter)
        svg = norm_graph(loaded, norms, regulation.document, lambda n: f"{base}/norm/{n}")
        procedures = [(p, procedure_graph(p, regulation.document)) for p in loaded.model.procedures]
        drawn = (norms, svg, procedures)
        regulation.rendered[key] = drawn
    norms, svg, procedures = drawn
    return _page(request, "graph.html", regulation=regulation, base=base, kinds=kinds, kind=kind,
                 chapters=chapters, chapter=chapter, norms=norms, svg=svg, procedures=procedures,
                 cite=lambda eid: citation(eid, regulation.document))


# -- review --------------------------------------------------------------------------------------


@router.get("/r/{regulation_id}/review")
def review(regulation_id: str, request: Request,
           article: Annotated[str | None, Query(max_length=100)] = None) -> HTMLResponse:
    """The text article by article with the norms beneath each provision, for signing a model off."""
    from lawcode import service

    regulation, loaded = _library(request).with_model(regulation_id)
    document = text_of(regulation)  # the model's own text: a second lookup could meet a newer version
    articles = document.articles()
    if not article:
        article = articles[0].eid if articles else None
    answer = service.review(loaded, document, article)
    eids = [a.eid for a in articles]
    first = answer["provisions"][0]["eid"] if answer["provisions"] else None
    index = eids.index(first) if first in eids else -1
    return _page(request, "review.html", regulation=regulation, base=_base(regulation_id), review=answer,
                 articles=articles, current=first, heading_of=reader.heading_of,
                 previous=articles[index - 1] if index > 0 else None,
                 next=articles[index + 1] if 0 <= index < len(articles) - 1 else None)
