"""Shared output helpers for the CLI: JSON, rich consoles, error messages."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Any


MODEL_HELP = ("regulation id of an installed model (see `lawcode check`), or a model file path; "
              "needed when more than one is installed")


class Format(str, Enum):
    """Output formats most commands accept; commands with more define their own."""

    human = "human"
    json = "json"


def load_model(model: str | None):
    """The model a command names (or the only shipped one); imports the service lazily."""
    from lawcode.service import resolve_model

    return resolve_model(model)


def load_model_and_text(model: str | None, text: str | None):
    """The model and, when it can be found (--text, LAWCODE_CORPUS), its parsed text."""
    from lawcode.service import model_and_text

    return model_and_text(model, text)


def console(stderr: bool = False):
    """A rich console 100 columns wide at most; colour only where the terminal supports it."""
    from rich.console import Console

    import shutil

    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    """Deterministic JSON: sorted lists are the caller's job; keys keep their given order.

    Characters the output cannot encode (``PYTHONIOENCODING=ascii``, a legacy terminal) are
    written as JSON escapes (``\\u2026``), so the output stays the same, valid JSON.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2, default=str)
    sys.stdout.write(text + "\n")


def tolerant_streams() -> None:
    """Let stdout and stderr write what their encoding cannot hold as escapes, never crash.

    A terminal or pipe set to ASCII (``PYTHONIOENCODING=ascii``, ``LANG=C`` on old systems)
    cannot show "§" or "…": they are written as ``\\u2026`` rather than ending the command with
    a UnicodeEncodeError halfway through its output.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def fail(error: Exception) -> None:
    """Print a user error on stderr, without a traceback."""
    sys.stderr.write(f"lawcode: error: {error}\n")
