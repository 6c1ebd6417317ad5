"""Schedules the text names but does not hold: never silently dropped.

A statute often puts its exceptions and details in Schedules that a text of its sections does not
include ("Schedule 3 (exceptions) has effect"). The model must show it saw each one: a norm
``subject_to`` it (its exceptions an open question), or at least a norm citing the provision
that names it. A Schedule named by a provision no norm cites, and marked nowhere, is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawcode import eids
from lawcode.model.issues import WARNING, Issue
from lawcode.model.loaded import LoadedModel
from lawcode.text.document import Document

_SCHEDULE = re.compile(r"\bSchedule\s+(\d+[A-Z]*)\b")


def named_schedules(document: Document) -> dict[str, list[str]]:
    """Each Schedule the text names ("Schedule 3"), with the eIds of the provisions naming it."""
    found: dict[str, list[str]] = {}
    for node in document.walk():
        for match in _SCHEDULE.finditer(node.text or ""):
            eids = found.setdefault(f"Schedule {match.group(1)}", [])
            if node.eid not in eids:
                eids.append(node.eid)
    return found


def schedule_issues(loaded: LoadedModel, document: Document) -> Iterator[Issue]:
    """A warning for each Schedule named in the text that the model neither marks nor cites."""
    marked = {entry.schedule for norm in loaded.model.norms for entry in norm.subject_to}
    cited = {eid for norm in loaded.model.norms for eid in norm.cites}
    for schedule, naming in named_schedules(document).items():
        if any(mark == schedule or mark.startswith(schedule + " ") for mark in marked):
            continue
        if any(eids.related(eid, cite) for eid in naming for cite in cited):  # the citation covers where it is named
            continue
        yield Issue("schedule-dropped",
                    f"the text names {schedule} (in {', '.join(naming)}), which it does not hold; no norm is "
                    f"subject_to it or cites where it is named",
                    severity=WARNING, eid=naming[0])
