"""The calendar: the days a regulation fixes, as a list for one year and as an iCalendar file."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.engine.calendar import build_calendar, parse_year
from lawcode.errors import QueryError
from lawcode.service import load_model

HARBOUR = Path(__file__).parent / "fixtures" / "harbour.yaml"


def variant(tmp_path, *replacements) -> object:
    """The synthetic model with some lines of its YAML replaced (each pair: old, new)."""
    text = HARBOUR.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return load_model(path)


# --- a strict reading of RFC 5545, enough to trust what a calendar program will see ----------------

CONTENT_LINE = re.compile(r"^([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=[^;:,]+)*):(.*)$")


def parse_ics(data: bytes) -> list[dict]:
    """Check line endings, folding and nesting; return the VEVENTs as {name: [(params, value)]}."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    lines: list[str] = []
    for line in physical:
        if line.startswith(b" "):
            lines[-1] += line[1:].decode("utf-8")  # every chunk must decode: no split characters
        else:
            lines.append(line.decode("utf-8"))
    stack: list[str] = []
    events: list[dict] = []
    calendar_props: dict = {}
    for line in lines:
        match = CONTENT_LINE.match(line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                assert stack == ["VCALENDAR", "VEVENT"]
                events.append({})
            continue
        if name == "END":
            assert stack and stack.pop() == value
            continue
        target = events[-1] if stack[-1:] == ["VEVENT"] else calendar_props
        target.setdefault(name, []).append((params, value))
    assert stack == []
    assert calendar_props["VERSION"] == [("", "2.0")]
    assert calendar_props["PRODID"] and calendar_props["CALSCALE"] == [("", "GREGORIAN")]
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert len(event.get(required, [])) == 1, f"{required} must occur once: {event}"
        params, value = event["DTSTART"][0]
        assert params == ";VALUE=DATE" and dt.datetime.strptime(value, "%Y%m%d")
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][0][1])
    assert len({e["UID"][0][1] for e in events}) == len(events)
    return events


def unescape(value: str) -> str:
    """TEXT value unescaping; an unescaped comma or semicolon is an error."""
    assert not re.search(r"(?<!\\)(?:\\\\)*[,;]", value), f"unescaped separator in {value!r}"
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def start(event) -> dt.date:
    return dt.datetime.strptime(event["DTSTART"][0][1], "%Y%m%d").date()


# --- the list for one year ------------------------------------------------------------------------


def test_days_of_a_year_are_sorted_and_include_the_entry_into_force(harbour):
    days = build_calendar(harbour, 2021).days
    assert [(d.date, d.id) for d in days] == [
        (dt.date(2020, 3, 1), "entry_into_force"), (dt.date(2021, 1, 10), "safety_day"),
        (dt.date(2021, 9, 30), "audit_day")]
    assert days[1].citations == ("Art. 13(2)",) and days[1].norm == "art13.2-report-accidents"


def test_a_recurring_day_never_falls_before_the_entry_into_force(harbour):
    # In force 1 March 2020: 10 January 2020 is not a safety day, 30 September 2020 is an audit day.
    assert [d.id for d in build_calendar(harbour, 2020).days] == ["entry_into_force", "audit_day"]
    assert [d.id for d in build_calendar(harbour, 2019).days] == ["entry_into_force"]


def test_a_norm_in_force_later_delays_its_day(tmp_path):
    loaded = variant(tmp_path, ("    open_ended: true\n", "    open_ended: true\n    validity: {start: 2023-06-01}\n"))
    assert "safety_day" not in [d.id for d in build_calendar(loaded, 2023).days]
    assert "safety_day" in [d.id for d in build_calendar(loaded, 2024).days]
    safety = next(e for e in build_calendar(loaded, 2024).entries if e.id == "safety_day")
    assert safety.first == dt.date(2024, 1, 10)


def test_a_repeal_ends_the_recurring_days_and_is_itself_a_date(tmp_path):
    loaded = variant(tmp_path, ("  in_force: 2020-03-01\n", "  in_force: 2020-03-01\n  repealed: 2023-05-31\n"))
    assert [d.id for d in build_calendar(loaded, 2023).days] == ["entry_into_force", "safety_day", "repeal"]
    assert [d.id for d in build_calendar(loaded, 2024).days] == ["entry_into_force", "repeal"]
    events = parse_ics(build_calendar(loaded, 2023).to_ics().encode("utf-8"))
    rules = {e["UID"][0][1].split(".")[1]: e.get("RRULE") for e in events if "RRULE" in e}
    # The repeal takes effect on 31 May: the last day in force is 30 May.
    assert rules == {"safety_day": [("", "FREQ=YEARLY;UNTIL=20230530")], "audit_day": [("", "FREQ=YEARLY;UNTIL=20230530")]}


def test_a_day_falling_on_the_repeal_date_no_longer_occurs(tmp_path):
    loaded = variant(tmp_path, ("  in_force: 2020-03-01\n", "  in_force: 2020-03-01\n  repealed: 2023-09-30\n"))
    assert [d.id for d in build_calendar(loaded, 2023).days] == ["entry_into_force", "safety_day", "repeal"]
    assert [d.id for d in build_calendar(loaded, 2022).days] == ["entry_into_force", "safety_day", "audit_day", "repeal"]


def test_29_february_occurs_in_leap_years_only(tmp_path):
    loaded = variant(tmp_path, ("    month: 9\n    day: 30\n", "    month: 2\n    day: 29\n"))
    assert "audit_day" in [d.id for d in build_calendar(loaded, 2024).days]
    assert "audit_day" not in [d.id for d in build_calendar(loaded, 2023).days]
    audit = next(e for e in build_calendar(loaded, 2023).entries if e.id == "audit_day")
    assert audit.first == dt.date(2024, 2, 29)  # in force March 2020: the next 29 February


@pytest.mark.parametrize("text", ["20x1", "99", "", "-2021", "2021.5", "0000", "twenty"])
def test_a_malformed_year_is_a_query_error(text):
    with pytest.raises(QueryError, match="malformed year"):
        parse_year(text)


def test_a_well_formed_year_is_read():
    assert parse_year(" 2026 ") == 2026


# --- the iCalendar file ---------------------------------------------------------------------------


def test_ics_is_valid_deterministic_and_starts_recurring_days_in_force(harbour):
    ics = build_calendar(harbour, 2021).to_ics()
    assert ics == build_calendar(harbour, 1999).to_ics()  # the file does not depend on the year listed
    events = parse_ics(ics.encode("utf-8"))
    by_uid = {e["UID"][0][1]: e for e in events}
    assert sorted(by_uid) == ["date.audit_day.harbour-inspections-2020@lawcode",
                              "date.safety_day.harbour-inspections-2020@lawcode",
                              "entry_into_force.harbour-inspections-2020@lawcode"]
    safety = by_uid["date.safety_day.harbour-inspections-2020@lawcode"]
    assert start(safety) == dt.date(2021, 1, 10)  # 10 January 2020 precedes the entry into force
    assert safety["RRULE"] == [("", "FREQ=YEARLY")]
    assert start(by_uid["date.audit_day.harbour-inspections-2020@lawcode"]) == dt.date(2020, 9, 30)
    in_force = by_uid["entry_into_force.harbour-inspections-2020@lawcode"]
    assert start(in_force) == dt.date(2020, 3, 1) and "RRULE" not in in_force
    assert {e["DTSTAMP"][0][1] for e in events} == {"20200301T000000Z"}


def test_ics_escapes_text_and_folds_long_lines(harbour):
    ics = build_calendar(harbour, 2021).to_ics()
    assert "\r\n " in ics  # the long description is folded
    events = parse_ics(ics.encode("utf-8"))
    safety = next(e for e in events if e["SUMMARY"][0][1] == "Harbour Safety Day")
    description = unescape(safety["DESCRIPTION"][0][1])
    what = harbour.dates["safety_day"].what
    assert description.startswith(what + "\n")  # commas, semicolons, backslash survive the round trip
    assert "Art. 13(2) (chp_II__art_13__para_nn_2)" in description


def test_folding_never_splits_a_multibyte_character(tmp_path):
    label = "Prüfung " + "–" * 60  # "SUMMARY:Prüfung " is 17 octets, each dash 3: octet 75 is mid-dash
    loaded = variant(tmp_path, ("    label: Annual audit\n", f"    label: {label}\n"))
    events = parse_ics(build_calendar(loaded, 2021).to_ics().encode("utf-8"))
    assert label in [e["SUMMARY"][0][1] for e in events]


def test_cli_calendar_formats_and_bad_year(harbour):
    from lawcode.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["calendar", "--model", str(HARBOUR), "--year", "2021", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [d["date"] for d in json.loads(listed.stdout)["days"]] == ["2020-03-01", "2021-01-10", "2021-09-30"]
    human = runner.invoke(app, ["calendar", "--model", str(HARBOUR), "--year", "2021"])
    assert "2021-01-10" in human.stdout and "Harbour Safety Day" in human.stdout
    ics = subprocess.run([sys.executable, "-m", "lawcode", "calendar", "--model", str(HARBOUR), "--format", "ics"],
                         capture_output=True)
    assert ics.returncode == 0 and len(parse_ics(ics.stdout)) == 3
    bad = subprocess.run([sys.executable, "-m", "lawcode", "calendar", "--model", str(HARBOUR), "--year", "20x1"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "malformed year '20x1'" in bad.stderr and "Traceback" not in bad.stderr


# --- the TAR model --------------------------------------------------------------------------------


def test_tar_days_are_fixed_by_the_provisions_that_name_them(tar_model, tar_document):
    assert {(d.month, d.day) for d in tar_model.model.dates} == {(4, 15), (11, 1)}
    for date in tar_model.model.dates:
        words = " ".join(tar_document.get(eid).full_text() for eid in date.cites)
        assert f"{stdlib_calendar.month_name[date.month]} {date.day}" in words
    regulation = tar_model.model.regulation
    assert regulation.in_force == dt.date(2021, 1, 1)
    words = " ".join(tar_document.get(eid).full_text() for eid in regulation.cites_in_force)
    assert "January 1, 2021" in words


def test_tar_calendar_lists_and_exports_its_days(tar_model):
    days = build_calendar(tar_model, 2021).days
    assert [(d.date, d.kind) for d in days] == [
        (dt.date(2021, 1, 1), "entry_into_force"), (dt.date(2021, 4, 15), "recurring"),
        (dt.date(2021, 11, 1), "recurring")]
    events = parse_ics(build_calendar(tar_model, 2021).to_ics().encode("utf-8"))
    assert sorted(start(e) for e in events) == [dt.date(2021, 1, 1), dt.date(2021, 4, 15), dt.date(2021, 11, 1)]
    assert all(e["RRULE"] == [("", "FREQ=YEARLY")] for e in events if start(e) != dt.date(2021, 1, 1))


def test_cli_tar_calendar_cites_the_provisions_as_a_lawyer_would(tar_path):
    from lawcode.cli import app

    result = CliRunner().invoke(app, ["calendar", "-r", "tar-counter-espionage-2021", "--text", str(tar_path), "--year", "2030", "--format", "json"])
    assert result.exit_code == 0, result.output
    days = json.loads(result.stdout)["days"]
    assert [(d["date"], d["citations"]) for d in days] == [
        ("2021-01-01", ["Art. 32"]), ("2030-04-15", ["Art. 23(1)"]), ("2030-11-01", ["Art. 23(1)"])]
