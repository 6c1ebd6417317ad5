"""The dates a regulation fixes: its recurring days of the year, its entry into force, its repeal.

Two views of the same data: a list of the days in one year (for a reader planning the year),
and an iCalendar file (RFC 5545) to import into a calendar program. Output is deterministic:
UIDs derive from the model's ids and the time stamp from the entry into force, never from "now".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lawcode.engine.quote import citation
from lawcode.errors import ModelError, QueryError

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm, RecurringDate, Regulation
    from lawcode.text.document import Document

RECURRING = "recurring"
IN_FORCE = "entry_into_force"
REPEAL = "repeal"


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One date: a recurring day's occurrence in the year asked about, or a one-off date."""

    date: dt.date
    id: str
    kind: str  # recurring | entry_into_force | repeal
    label: str
    what: str
    norm: str | None
    cites: tuple[str, ...]
    citations: tuple[str, ...]
    first: dt.date  # recurring: first occurrence in force; one-off: the date itself
    until: dt.date | None = None  # recurring: last day the regulation is in force, if repealed

    def to_dict(self) -> dict[str, Any]:
        data = {
            "date": self.date.isoformat(),
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "what": self.what,
            "cites": list(self.cites),
            "citations": list(self.citations),
        }
        if self.norm:
            data["norm"] = self.norm
        if self.kind == RECURRING:
            data["recurs"] = "yearly"
            data["first"] = self.first.isoformat()
            if self.until:
                data["until"] = self.until.isoformat()
        return data


@dataclass(frozen=True, slots=True)
class Calendar:
    """The days of one year (``days``) and every recurring and one-off date (``entries``)."""

    regulation: str
    title: str
    year: int
    in_force: dt.date
    repealed: dt.date | None
    days: tuple[CalendarDay, ...]  # sorted by date: recurring days in ``year`` + one-off dates
    entries: tuple[CalendarDay, ...]  # each date once, as the iCalendar file lists them

    def to_ics(self) -> str:
        return to_ics(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "regulation": self.regulation,
            "title": self.title,
            "year": self.year,
            "in_force": self.in_force.isoformat(),
            "repealed": self.repealed.isoformat() if self.repealed else None,
            "days": [d.to_dict() for d in self.days],
        }


def build_calendar(loaded: LoadedModel, year: int, document: Document | None = None) -> Calendar:
    """The regulation's dates; ``days`` holds the recurring ones as they fall in ``year``.

    A recurring day occurs only while the regulation (and the norm that fixes it) is in force:
    never before the entry into force, never after a repeal. One-off dates (entry into force,
    repeal) are always listed, on their own date, so a reader sees when the regime starts.
    """
    model = loaded.model
    regulation = model.regulation
    norms = loaded.norms

    def cite(eids: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(eids), tuple(citation(e, document) for e in eids)

    entries: list[CalendarDay] = []
    cites, citations = cite(regulation.cites_in_force)
    entries.append(CalendarDay(regulation.in_force, "entry_into_force", IN_FORCE, "Entry into force",
                               "the regulation takes effect", None, cites,
                               citations, regulation.in_force))
    if regulation.repealed:
        entries.append(CalendarDay(regulation.repealed, "repeal", REPEAL, "Repeal",
                                   "the regulation ceases to have effect",
                                   None, (), (), regulation.repealed))
    days = list(entries)
    for recurring in model.dates:
        start, end = _in_force_span(regulation, norms.get(recurring.norm) if recurring.norm else None)
        first = _first_on_or_after(recurring, start)
        if first is None or (end is not None and first > end):
            continue  # never in force on that day of the year (or not before the calendar ends)
        cites, citations = cite(recurring.cites)
        entry = CalendarDay(first, recurring.id, RECURRING, recurring.label, recurring.what, recurring.norm,
                            cites, citations, first, end)
        entries.append(entry)
        occurrence = _in_year(recurring, year)
        if occurrence and first <= occurrence and (end is None or occurrence <= end):
            days.append(replace(entry, date=occurrence))
    days.sort(key=lambda d: (d.date, d.id))
    return Calendar(regulation.id, regulation.title, year, regulation.in_force, regulation.repealed,
                    tuple(days), tuple(entries))


def _in_force_span(regulation: Regulation, norm: Norm | None) -> tuple[dt.date, dt.date | None]:
    """First and last day a date's norm is in force (the regulation's span, narrowed by the norm).

    A repeal takes effect on its date, so the last day in force is the day before; a norm's
    ``validity.end`` is its last day in force.
    """
    start = regulation.in_force
    end = _day_before(regulation.repealed) if regulation.repealed else None
    if norm is not None and norm.validity is not None:
        if norm.validity.start and norm.validity.start > start:
            start = norm.validity.start
        if norm.validity.end and (end is None or norm.validity.end < end):
            end = norm.validity.end
    return start, end


def _day_before(day: dt.date) -> dt.date:
    """The day before; the calendar's first day for itself (a repeal then leaves no day in force,
    which the model checker reports)."""
    return day - dt.timedelta(days=1) if day > dt.date.min else day


def _in_year(recurring: RecurringDate, year: int) -> dt.date | None:
    """The day in ``year``; None for 29 February in a common year (RFC 5545 skips it too), and
    beyond the calendar's last year (9999)."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    try:
        return dt.date(year, recurring.month, recurring.day)
    except ValueError:
        if (recurring.month, recurring.day) == (2, 29):
            return None
        raise ModelError(f"date {recurring.id!r}: {recurring.month}/{recurring.day} is not a day of the year",
                         expected="a month and a day that exist") from None


def _first_on_or_after(recurring: RecurringDate, start: dt.date) -> dt.date | None:
    """The first occurrence on or after ``start``; None when the calendar ends before one.

    Eight years always hold a 29 February (leap years are at most eight apart), so the search
    is bounded even for that day.
    """
    for year in range(start.year, min(start.year + 8, dt.MAXYEAR) + 1):
        day = _in_year(recurring, year)
        if day is not None and day >= start:
            return day
    return None


def parse_year(text: str) -> int:
    """A year given on the command line or in a request; anything but four digits is an error."""
    value = str(text).strip()
    if not re.fullmatch(r"[0-9]{4}", value) or int(value) == 0:
        raise QueryError(f"malformed year {text!r}", expected="a year of four digits, e.g. 2026")
    return int(value)


# --- iCalendar (RFC 5545) -------------------------------------------------------------------

_LINE_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded


def to_ics(calendar: Calendar) -> str:
    """The calendar as an iCalendar file: one VEVENT per recurring day (yearly) and one-off date.

    All-day events (DTSTART;VALUE=DATE). DTSTAMP is the entry into force, so the same model
    always gives the same bytes; UIDs are built from the model's ids.
    """
    stamp = f"{_ics_date(calendar.in_force)}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//lawcode//{calendar.regulation}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape(calendar.title),
    ]
    for entry in calendar.entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(entry, calendar)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_date(entry.first)}",
        ]
        if entry.first < dt.date.max:  # without DTEND an all-day event lasts the one day (RFC 5545 3.6.1)
            lines.append(f"DTEND;VALUE=DATE:{_ics_date(entry.first + dt.timedelta(days=1))}")
        if entry.kind == RECURRING:
            lines.append("RRULE:FREQ=YEARLY" + (f";UNTIL={_ics_date(entry.until)}" if entry.until else ""))
        lines += [
            "SUMMARY:" + _escape(entry.label),
            "DESCRIPTION:" + _escape(_description(entry, calendar)),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_date(day: dt.date) -> str:
    """YYYYMMDD with four digits of year, also for years before 1000 (``%Y`` drops the zeros)."""
    return day.isoformat().replace("-", "")


def _uid(entry: CalendarDay, calendar: Calendar) -> str:
    """Stable across runs: the model's ids only (recurring days apart from the one-off dates)."""
    prefix = "date." if entry.kind == RECURRING else ""
    return f"{prefix}{entry.id}.{calendar.regulation}@lawcode"


def _description(entry: CalendarDay, calendar: Calendar) -> str:
    rests_on = "; ".join(f"{c} ({e})" for c, e in zip(entry.citations, entry.cites, strict=True))
    parts = [entry.what]
    if rests_on:
        parts.append("Rests on: " + rests_on)
    if entry.norm:
        parts.append("Norm: " + entry.norm)
    parts.append(calendar.title)
    return "\n".join(parts)


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _LINE_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
