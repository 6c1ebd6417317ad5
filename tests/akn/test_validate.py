"""Schema validation and the `lawcode validate` command."""

from __future__ import annotations

import json
import sys

import pytest
from akn_sample import widget_document

from lawcode.akn.export import to_akn
from lawcode.akn.validate import validate_akn
from lawcode.errors import AknError


def _broken() -> tuple[bytes, int]:
    """lawcode's output with one element the schema does not allow, and that element's line."""
    xml = to_akn(widget_document()).replace(b"><", b">\n<")  # one element per line, so lines are telling
    xml = xml.replace(b'<heading>Scope</heading>', b'<heading>Scope</heading>\n<colour>blue</colour>')
    return xml, xml[: xml.index(b"<colour>")].count(b"\n") + 1


def test_broken_file_gives_a_problem_at_its_line():
    xml, line = _broken()
    problems = validate_akn(xml, "broken.xml")
    assert problems and problems[0].line == line
    assert "colour" in problems[0].message


def test_non_xml_input_is_an_error():
    with pytest.raises(AknError) as caught:
        validate_akn(b"CHAPTER I\nnot xml at all\n", "notes.txt")
    assert caught.value.line == 1


def test_wrong_root_is_a_problem():
    problems = validate_akn(b"<html/>", "page.html")
    assert len(problems) == 1 and "akomaNtoso" in problems[0].message


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    from lawcode.cli import main

    monkeypatch.setattr(sys, "argv", ["lawcode", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


def test_cli_valid_file(tmp_path, monkeypatch, capsys):
    widget_doc = widget_document()
    path = tmp_path / "ok.xml"
    path.write_bytes(to_akn(widget_doc))
    assert _run(monkeypatch, capsys, "validate", str(path))[:2] == (0, "valid\n")


def test_cli_invalid_file_lists_problems_and_exits_1(tmp_path, monkeypatch, capsys):
    xml, line = _broken()
    path = tmp_path / "bad.xml"
    path.write_bytes(xml)
    code, out, _ = _run(monkeypatch, capsys, "validate", str(path))
    assert code == 1 and out.startswith(f"{path}:{line}: ")
    code, out, _ = _run(monkeypatch, capsys, "validate", str(path), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["problems"][0]["line"] == line


def test_cli_unreadable_or_non_xml_exits_2(tmp_path, monkeypatch, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("not xml\n")
    code, _, err = _run(monkeypatch, capsys, "validate", str(text))
    assert code == 2 and f"{text}:1: not well-formed XML" in err
    code, _, err = _run(monkeypatch, capsys, "validate", str(tmp_path / "missing.xml"))
    assert code == 2 and "cannot read the file" in err

