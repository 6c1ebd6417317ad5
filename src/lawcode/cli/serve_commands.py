"""lawcode serve and lawcode openapi (registered on the app on import).

``serve`` starts the HTTP API and the web application in one process on the embedded store of
shipped models, nothing else to start; it is read-only unless given an API token.
"""

from __future__ import annotations

import typer

from lawcode.cli import app


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", help="port to listen on", min=1, max=65535),
    model: list[str] | None = typer.Option(None, "--model", "-m", help="model file path or shipped model id; "
                                           "repeat for several (default: every shipped model)"),
    text: str | None = typer.Option(None, "--text", help="regulation text (file or folder); default: "
                                    "found in LAWCODE_CORPUS"),
    api_token: str | None = typer.Option(None, "--api-token", envvar="LAWCODE_API_TOKEN", show_envvar=True,
                                         help="turn writing (POST /api/regulations) on, with this token"),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="processes answering requests (one per core "
                                "pays); a server that takes writes (--api-token) runs one"),
) -> None:
    """Serve the HTTP API (/api, documented at /api/docs) and the web application (/)."""
    import uvicorn

    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.api.server import run

    if workers > 1 and api_token:
        raise typer.BadParameter("a server that takes writes runs in one process, so that every request sees "
                                 "what was written: give --workers 1, or no --api-token", param_hint="--workers")

    library = Library.load(model or None, text)
    missing = [r.id for r in library.regulations.values() if not r.has_text]
    for regulation_id in missing:
        typer.echo(f"lawcode: note: no text for {regulation_id} (set LAWCODE_CORPUS or --text): "
                   "questions are answered without quotations, the reader is off", err=True)
    mode = "writing on (token required)" if api_token else "read-only"
    processes = f", {workers} processes" if workers > 1 else ""
    typer.echo(f"lawcode {len(library.entries())} regulation(s), {mode}{processes}: http://{host}:{port}/",
               err=True)
    application = create_app(library, api_token)
    import gc

    gc.collect()
    gc.freeze()  # what start-up built lives as long as the server: later collections need not walk it
    run(uvicorn.Config(application, host=host, port=port, log_level="warning", access_log=False,
                       server_header=False), workers)


@app.command()
def openapi() -> None:
    """Print the HTTP API's OpenAPI document (the one kept in docs/openapi.json)."""
    from lawcode.api.app import openapi_text

    typer.echo(openapi_text(), nl=False)



