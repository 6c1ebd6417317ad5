"""Run the real ``lawcode`` entry point in-process: exit code, standard output, standard error."""

from __future__ import annotations

import sys

import pytest

from lawcode.cli import main


def lawcode(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["lawcode", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err
