"""Shared output helpers for the CLI: JSON, rich consoles, error messages."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document


MODEL_HELP = ("regulation id of an installed model (see `lawcode check`) or of a stored one (see `lawcode list`; "
              "ID@N for one version), or a model file path; needed when more than one is installed")


class Format(str, Enum):
    """Output formats most commands accept; commands with more define their own."""

    human = "human"
    json = "json"


def load_model_and_text(model: str | None, text: str | None,
                        on: str | None = None) -> tuple[LoadedModel, Document | None]:
    """The model (of a stored regulation: the version in force ``on``) and, when it can be
    found (--text, LAWCODE_CORPUS, the corpus store), its parsed text."""
    from lawcode.service import model_and_text

    return model_and_text(model, text, on)


def console(stderr: bool = False) -> Console:
    """A rich console 100 columns wide at most; colour only where the terminal supports it."""
    import shutil

    from rich.console import Console

    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)


class Page:
    """Output assembled as one rich Text and printed once (rich costs per print call).

    Lines are wrapped here (see :func:`say`), to the console's width (100 columns at most).
    """

    def __init__(self) -> None:
        from rich.text import Text

        self.console = console()
        self.width = self.console.width
        self.text = Text()
        self.quoted: set[str] = set()  # eIds already quoted on this page: quote each provision once

    def print(self, markup: str = "") -> None:
        """A line of our own words, with rich markup for emphasis, not wrapped."""
        from rich.text import Text

        self.text.append_text(Text.from_markup(markup))
        self.text.append("\n")

    def add(self, line: Text, style: str | None) -> None:
        """One finished line, in ``style`` as a whole."""
        if style:
            line.stylize(style)
        self.text.append_text(line)
        self.text.append("\n")

    def show(self) -> None:
        self.console.print(self.text, end="", soft_wrap=True)


def say(out: Page, text: str, indent: int = 0, style: str | None = None, hang: int = 0, markup: bool = False) -> None:
    """Add ``text`` to the page wrapped to its width, indented, continuation lines ``hang`` deeper.

    With ``markup`` the text is our own words carrying rich markup (model words inside it must
    be escaped); otherwise it is shown as it is, so model words and quotations are never read as
    markup. Each line of ``text`` is wrapped on its own.
    """
    import textwrap

    from rich.text import Text

    lead = " " * indent
    for paragraph in text.split("\n"):
        styled = Text.from_markup(paragraph) if markup else Text(paragraph)
        plain = styled.plain
        lines = textwrap.wrap(plain, width=out.width, initial_indent=lead, subsequent_indent=lead + " " * hang,
                              break_on_hyphens=False, expand_tabs=False, replace_whitespace=False)
        if not lines:
            out.add(Text(lead), style)
        cursor = 0
        for number, line in enumerate(lines):
            prefix = lead if number == 0 else lead + " " * hang
            body = line[len(prefix):]
            start = plain.index(body, cursor)  # textwrap's lines are pieces of the paragraph, in order
            cursor = start + len(body)
            out.add(Text(prefix) + styled[start:cursor], style)


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
