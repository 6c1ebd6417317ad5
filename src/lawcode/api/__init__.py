"""The HTTP API and the server that also carries the web application.

:func:`lawcode.api.app.create_app` builds the FastAPI application (``/api/...`` for programs,
the pages of :mod:`lawcode.web` for people); ``lawcode serve`` runs it with uvicorn. Every
answer comes from the service layer (:mod:`lawcode.service`, :mod:`lawcode.engine.queries`):
the API only checks requests and renders what the service returns.
"""
