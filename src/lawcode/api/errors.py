"""Every error the server answers is JSON a person can act on, with the right 4xx status.

The body is :meth:`lawcode.errors.LawcodeError.to_dict` plus ``status``: ``error`` (what was
wrong), ``expected`` (what would be right) and ``known`` (the valid names, closest first).
Requests too large are refused before they are read (413); malformed JSON, unknown names and
bad values are 400, 404 or 422; nothing a client sends is answered with a 500. A corpus store
that cannot be reached while serving, or stops answering during a request, is the server's
trouble: 503 with ``Retry-After``, naming the store and what to check.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lawcode.api.library import Conflict, Forbidden, NotFound, StoreUnavailable
from lawcode.errors import LawcodeError

MAX_BODY = 4 * 1024 * 1024  # bytes: a regulation text with its model fits many times over
RETRY_AFTER = 10  # seconds a client is asked to wait before asking again when the store is unavailable


class ErrorBody(BaseModel):
    """The JSON body of every error answer."""

    status: int
    error: str
    expected: str | None = None
    known: list[str] = []
    file: str | None = None
    line: int | None = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": description}
    for code, description in (
        (400, "Malformed request (e.g. a body that is not JSON)"),
        (404, "Unknown regulation, provision, norm or procedure"),
        (413, "Request body too large"),
        (422, "The request names something the model does not know, or a value is malformed"),
        (503, "The corpus store cannot be reached, or stopped answering during the request: the body names "
              "it and what to check"),
    )
}
ERROR_RESPONSES[503]["headers"] = {"Retry-After": {"description": "seconds to wait before asking again",
                                                   "schema": {"type": "integer"}}}


def error_response(status: int, message: str, expected: str | None = None, known: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(status=status, error=message, expected=expected, known=known or [])
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _answer(request: Request, body: ErrorBody, headers: dict[str, str] | None = None) -> Response:
    """JSON for the API; a page for a web page's address (when the web application is on)."""
    render = getattr(request.app.state, "render_error", None)
    path = request.url.path
    if render is not None and not path.startswith("/api") and path != "/openapi.json":
        page: Response = render(request, body.status, body.model_dump())
        page.headers.update(headers or {})
        return page
    return JSONResponse(body.model_dump(), status_code=body.status, headers=headers)


def _status_of(error: LawcodeError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return 401 if error.missing else 403
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, StoreUnavailable):
        return 503
    return 422


async def _lawcode_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, LawcodeError)
    status = _status_of(error)
    data = error.to_dict()
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else \
        {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
    body = ErrorBody(status=status, error=data["error"], expected=data["expected"], known=data["known"],
                     file=data["file"], line=data["line"])
    return _answer(request, body, headers)


async def _validation_error(request: Request, error: Exception) -> Response:
    """A request FastAPI could not read: malformed JSON is 400, a missing or ill-typed field 422."""
    assert isinstance(error, RequestValidationError)
    problems = error.errors()
    if any(p.get("type") == "json_invalid" for p in problems):
        return _answer(request, ErrorBody(status=400, error="the request body is not valid JSON",
                                          expected="a JSON object"))
    described = []
    for problem in problems:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body") or "request"
        described.append(f"{where}: {problem.get('msg', 'invalid')}")
    return _answer(request, ErrorBody(status=422, error="; ".join(described),
                                      expected="the parameters described in /openapi.json"))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    messages = {404: "no such address on this server", 405: "this address does not take that method"}
    message = messages.get(error.status_code, str(error.detail))
    expected = "an address listed in /openapi.json, or the web pages from /" if error.status_code == 404 else None
    headers = getattr(error, "headers", None)
    if error.status_code == 405:
        headers = {"Allow": ", ".join(_allowed_methods(request))}
    body = ErrorBody(status=error.status_code, error=message, expected=expected)
    return _answer(request, body, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this address (one route per method may share a path)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LawcodeError, _lawcode_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:  # read the body here, so that a body over the limit is never handed on
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await self._refuse(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"the request body is larger than {self.limit} bytes",
                                  expected=f"a body of at most {self.limit} bytes")
        await response(scope, receive, send)
