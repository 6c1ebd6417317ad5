"""The web pages' routes (filled in by the web application)."""

from __future__ import annotations

from fastapi import FastAPI


def install_web(app: FastAPI) -> None:
    """Add the web pages to ``app``."""
