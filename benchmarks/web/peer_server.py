"""The peer in the web benchmark: uvicorn + Starlette answering every GET with the same bytes
from memory (the ones lawcode's endpoint answered), so that the figures show what the server
stack costs by itself and what lawcode adds.

    python benchmarks/web/peer_server.py PORT BODY_FILE CONTENT_TYPE
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


def main() -> None:
    port, body_file, content_type = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    body = body_file.read_bytes()

    def answer(_request: object) -> Response:
        return Response(body, media_type=content_type)

    app = Starlette(routes=[Route("/{path:path}", answer)])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
