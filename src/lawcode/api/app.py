"""The FastAPI application: the HTTP API under ``/api`` and the web pages beside it.

``create_app`` takes the :class:`~lawcode.api.library.Library` to answer from (loaded, texts
parsed, before the first request) and the API token that turns writing on (``None``: the server
is read-only).
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI

from lawcode import __version__
from lawcode.api.errors import MAX_BODY, BodyLimit, install_error_handlers
from lawcode.api.library import Library

OPENAPI_FILE = Path("docs") / "openapi.json"


def create_app(library: Library | None = None, api_token: str | None = None, web: bool = True,
               max_body: int = MAX_BODY) -> FastAPI:
    """The application over ``library`` (default: every shipped model, texts from LAWCODE_CORPUS)."""
    from lawcode.api import corpus_routes
    from lawcode.api.routes import router

    app = FastAPI(title="lawcode", version=__version__,
                  description="Regulations as structured, citable law: their text (JSON and Akoma Ntoso), "
                              "and a normative model that answers who must, may or must not do what, with "
                              "citations. Errors are JSON: `error`, `expected`, `known`.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/openapi.json")
    app.state.library = library if library is not None else Library.load()
    app.state.api_token = api_token or None
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(corpus_routes.router)
    if web:
        from lawcode.web.pages import install_web

        install_web(app)
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def openapi_text(app: FastAPI | None = None) -> str:
    """The OpenAPI document, as the repository keeps it (docs/openapi.json): sorted keys, 2 spaces."""
    app = app if app is not None else create_app(Library(), web=True)
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
