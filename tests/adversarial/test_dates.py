"""Dates at the ends of the calendar: answered or refused clearly, never a hang or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import assert_clear_error, run_cli

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times

HARBOUR = Path(__file__).parents[1] / "engine" / "fixtures" / "harbour.yaml"
LEAP_DAY = """  - id: leap_day
    label: Leap-day drill
    month: 2
    day: 29
    what: a drill
    cites: [chp_III__art_30]
"""
LAST_DAY = LEAP_DAY.replace("leap_day", "last_day").replace("month: 2", "month: 12").replace("day: 29", "day: 31")


def _harbour(folder: Path, in_force: str = "2020-03-01", repealed: str | None = None, dates: str = "") -> Path:
    text = HARBOUR.read_text(encoding="utf-8").replace("  in_force: 2020-03-01\n", f"  in_force: {in_force}\n"
                                                       + (f"  repealed: {repealed}\n" if repealed else ""))
    text = text.replace("\ndates:\n", "\ndates:\n" + dates)
    (folder / "model.yaml").write_text(text, encoding="utf-8")
    return folder / "model.yaml"


@pytest.mark.parametrize("in_force", ["9999-12-31", "9999-03-01", "9997-03-01", "0001-01-01"])
def test_a_leap_day_near_the_end_of_the_calendar_does_not_hang(tmp_path: Path, in_force: str) -> None:
    _harbour(tmp_path, in_force=in_force, dates=LEAP_DAY + LAST_DAY)
    for fmt in ("ics", "json", "list"):
        run = run_cli("calendar", "--model", "model.yaml", "--year", "9999", "--format", fmt, cwd=tmp_path,
                      seconds=20)
        assert run.code == 0, run.stderr
        assert "Traceback" not in run.stderr
    ics = run_cli("calendar", "--model", "model.yaml", "--format", "ics", cwd=tmp_path).stdout
    assert f"DTSTART;VALUE=DATE:{in_force.replace('-', '')}" in ics
    assert ("UID:date.leap_day." in ics) == (in_force < "9997-01-01"), ics  # no 29 February after 9996
    assert "UID:date.last_day." in ics


@pytest.mark.parametrize("repealed", ["0001-01-01", "2020-02-29", "2020-03-01"])
def test_a_repeal_before_the_entry_into_force_is_refused(tmp_path: Path, repealed: str) -> None:
    _harbour(tmp_path, repealed=repealed)
    for args in (("check", "model.yaml"), ("calendar", "--model", "model.yaml", "--format", "ics")):
        run = run_cli(*args, cwd=tmp_path)
        assert run.code in (1, 2) and "Traceback" not in run.stderr, run.stderr
        assert "would never be in force" in run.stdout + run.stderr
        assert "model.yaml:12" in run.stdout + run.stderr
    assert_clear_error(run_cli("calendar", "--model", "model.yaml", cwd=tmp_path), "repealed on " + repealed)


def test_a_repeal_the_day_after_entry_into_force_is_accepted(tmp_path: Path) -> None:
    _harbour(tmp_path, repealed="2020-03-02", dates=LEAP_DAY)
    run = run_cli("calendar", "--model", "model.yaml", "--year", "2020", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert '"repeal"' in run.stdout and "leap_day" not in run.stdout  # 29 February 2024 comes too late
