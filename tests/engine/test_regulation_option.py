"""--regulation ID (-r): which installed model a command uses when more than one is installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def two_installed(tmp_path, monkeypatch):
    """Two regulations installed, as two folders of the shipped-models directory."""
    for name, regulation in (("hives.yaml", "invented-hive-rules-2021"), ("harbour.yaml", "harbour-inspections-2020")):
        folder = tmp_path / regulation
        folder.mkdir()
        shutil.copy(FIXTURES / name, folder / "model.yaml")
    monkeypatch.setattr("lawcode.service.SHIPPED_MODELS", tmp_path)
    return tmp_path




def test_without_regulation_two_installed_is_ambiguous_and_lists_them(two_installed, monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "norms")
    assert code == 2 and out == ""
    assert "2 regulations are installed: say which one with --regulation ID (-r)" in err
    assert "known: harbour-inspections-2020, invented-hive-rules-2021" in err


@pytest.mark.parametrize("args", [
    ["norms", "--regulation", "harbour-inspections-2020", "--format", "json"],
    ["norms", "-r", "harbour-inspections-2020", "--format", "json"],
    ["ask", "-r", "harbour-inspections-2020", "--as", "operator", "--on", "2021-06-01", "--format", "json"],
])
def test_regulation_picks_the_model(two_installed, monkeypatch, capsys, args):
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code == 0, err
    assert json.loads(out)["regulation"] == "harbour-inspections-2020"


def test_an_unknown_regulation_lists_the_installed_ones(two_installed, monkeypatch, capsys):
    code, _out, err = run_main(monkeypatch, capsys, "procedures", "-r", "harbor")
    assert code == 2
    assert "no installed regulation with id 'harbor'" in err and "known: harbour-inspections-2020, invented-hive-rules-2021" in err


def test_check_takes_regulation_too(two_installed, monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "check", "-r", "harbour-inspections-2020", "--format", "json")
    assert json.loads(out)["model"].endswith("harbour-inspections-2020/model.yaml")
    code, out, err = run_main(monkeypatch, capsys, "check", "invented-hive-rules-2021", "-r", "harbour-inspections-2020")
    assert code == 2 and "two models named" in err


def test_lawcode_regulation_names_the_regulation_when_no_option_does(two_installed, monkeypatch, capsys):
    monkeypatch.setenv("LAWCODE_REGULATION", "harbour-inspections-2020")
    code, out, _err = run_main(monkeypatch, capsys, "norms", "--format", "json")
    assert code == 0 and json.loads(out)["regulation"] == "harbour-inspections-2020"
    code, out, _err = run_main(monkeypatch, capsys, "norms", "-r", "invented-hive-rules-2021", "--format", "json")
    assert code == 0 and json.loads(out)["regulation"] == "invented-hive-rules-2021"  # the option wins
