"""Dates: the day a regulation takes effect, and days of the year on which something happens."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = "(?P<month>" + "|".join(m.capitalize() for m in MONTHS) + ")"
_FULL = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"),
)
_RECURRING = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s*\d{4})"),
)


def full_date(words: str) -> dt.date | None:
    """The first complete calendar date in the words ("January 1, 2021", "1 January 2021")."""
    found = [m for pattern in _FULL for m in [pattern.search(words)] if m]
    for match in sorted(found, key=lambda m: m.start()):
        try:
            return dt.date(
                int(match.group("year")), MONTHS.index(match.group("month").lower()) + 1, int(match.group("day"))
            )
        except ValueError:
            continue
    return None


def recurring_days(words: str) -> list[tuple[int, int]]:
    """Days of the year named without a year ("April 15th", "1 November"), as (month, day)."""
    days: list[tuple[int, tuple[int, int]]] = []
    for pattern in _RECURRING:
        for match in pattern.finditer(words):
            month, day = MONTHS.index(match.group("month").lower()) + 1, int(match.group("day"))
            try:
                dt.date(2024, month, day)  # a leap year: 29 February is a valid day of the year
            except ValueError:
                continue
            days.append((match.start(), (month, day)))
    out: list[tuple[int, int]] = []
    for _, pair in sorted(days):
        if pair not in out:
            out.append(pair)
    return out
