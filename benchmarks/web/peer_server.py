"""The peer in the web benchmark: uvicorn + Starlette answering each address with the bytes
lawcode's server answered for it, from memory, so that the figures show what the server stack
costs by itself and what lawcode adds.

    python benchmarks/web/peer_server.py PORT BODIES_JSON [WORKERS]

BODIES_JSON maps each address (path and query) to ``[content type, body file]``. WORKERS (default
1): forked processes sharing the listening socket, as ``lawcode serve --workers``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lawcode.api.server import run


def main() -> None:
    port, bodies_file = int(sys.argv[1]), Path(sys.argv[2])
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    bodies = {address: (content_type, Path(file).read_bytes())
              for address, (content_type, file) in json.loads(bodies_file.read_text()).items()}

    def answer(request: Request) -> Response:
        query = request.url.query
        content_type, body = bodies[request.url.path + ("?" + query if query else "")]
        return Response(body, media_type=content_type)

    app = Starlette(routes=[Route("/{path:path}", answer)])
    run(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False), workers)


if __name__ == "__main__":
    main()
