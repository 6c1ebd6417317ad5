"""Write a :class:`~lawcode.draft.pipeline.Draft` as a model file in the shipped format.

The file is YAML a person reviews: a header says it is a draft and how to read it; every norm's
``note`` starts with ``drafted:`` and names the rule that made it and a confidence; provisions
the drafter could not classify are listed as ``readings`` to decide (one per provision: the
question what it provides, the drafter's answer "no norm drafted", the other answers a reviewer
may give; none marked reviewed), and an article with no drafted norm at all is also a
``non_normative`` entry whose reason starts with ``TO REVIEW`` (so that ``lawcode check`` accepts
the file without pretending the article was read). Output is deterministic: same text, same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from lawcode.draft.pipeline import Draft, DraftNorm
from lawcode.draft.words import shorten

DRAFTED = "drafted:"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C dumper when PyYAML has it: same output, faster
REVIEW_PREFIX = "TO REVIEW"


def drafted_note(norm: DraftNorm) -> str:
    """The note that marks a norm as drafted: rule, confidence, then any further remarks."""
    note = f"{DRAFTED} rule {norm.rule}; confidence {norm.confidence:.2f}"
    return "; ".join([note, *norm.notes])


def parse_drafted_note(note: str | None) -> tuple[str, float] | None:
    """(rule, confidence) from a drafted norm's note, or None for a norm a person wrote."""
    match = re.match(rf"{DRAFTED} rule (\S+); confidence ([0-9.]+)", note or "")
    return (match.group(1), float(match.group(2))) if match else None


def model_data(draft: Draft) -> dict[str, Any]:
    """The draft as the mapping a model file holds (see :mod:`lawcode.model.schema`)."""
    document = draft.document
    file_name = Path(document.source).name
    stem = Path(file_name).stem
    regulation: dict[str, Any] = {
        "id": re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "drafted",
        "title": document.title or stem,
        "jurisdiction": "to review (not drafted)",
        "language": document.language,
        "text": {"file": file_name, "fingerprint": document.fingerprint()},
        "in_force": draft.in_force or dt.date(1, 1, 1),
    }
    if draft.in_force_eid:
        regulation["cites_in_force"] = [draft.in_force_eid]
    actors = []
    for actor in sorted(draft.lexicon.actors.values(), key=lambda a: a.id):
        entry: dict[str, Any] = {"id": actor.id, "label": actor.label}
        if actor.is_a:
            entry["is_a"] = sorted(actor.is_a)
        if actor.cites:
            entry["cites"] = list(actor.cites)
        entry["note"] = "drafted from the text" if actor.source == "text" else f"taken from {actor.source}"
        actors.append(entry)
    facts = [
        {"id": f.id, "meaning": f.meaning, "question": f.question, "about": f.about, "cites": [f.eid]}
        for f in draft.facts.values()
    ]
    norms = [_norm(n) for n in draft.norms]
    non_normative = [
        {
            "eid": a.eid,
            "reason": f"{REVIEW_PREFIX}: the drafter found no norm in this article; decide "
            "whether it is normative and model it, or say why not",
        }
        for a in draft.articles_without_norms()
    ]
    days = []
    repeated = Counter((d.month, d.day) for d in draft.days)
    for n, day in enumerate(draft.days, 1):
        days.append(
            {
                "id": f"day_{day.month:02d}_{day.day:02d}" + (f"_{n}" if repeated[(day.month, day.day)] > 1 else ""),
                "label": f"{day.day} {dt.date(2024, day.month, day.day):%B}",
                "month": day.month,
                "day": day.day,
                "what": day.what,
                "norm": day.norm,
                "cites": [day.eid],
            }
        )
    data: dict[str, Any] = {
        "lawcode_model": 1,
        "regulation": regulation,
        "actors": actors,
        "facts": facts,
        "non_normative": non_normative,
        "norms": norms,
    }
    if days:
        data["dates"] = days
    if draft.review:
        data["readings"] = readings(draft)
    return data


READING_ALTERNATIVES = (
    "a norm of conduct (duty, prohibition, permission, right, power) the reviewer writes",
    "a definition or a rule of interpretation of another norm",
    "no norm: explanatory, transitional or omitted words (list it under non_normative)",
)


def readings(draft: Draft) -> list[dict[str, Any]]:
    """One reading to decide per provision the drafter could not classify (its reasons joined)."""
    reasons: dict[str, list[str]] = {}
    for item in draft.review:
        reasons.setdefault(item.eid, []).append(shorten(item.reason, 24))
    return [
        {
            "id": "review-" + re.sub(r"[^a-z0-9]+", "-", eid.lower()).strip("-"),
            "question": f"What does {eid} provide? The drafter found no norm in it: " + "; ".join(why),
            "reading": "no norm drafted (to decide)",
            "alternatives": list(READING_ALTERNATIVES),
            "cites": [eid],
            "reviewed": False,
        }
        for eid, why in reasons.items()
    ]




def _norm(norm: DraftNorm) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": norm.id, "kind": norm.kind}
    if norm.bearer:
        entry["bearer"] = norm.bearer
    if norm.counterparty:
        entry["counterparty"] = norm.counterparty
    entry["action"] = norm.action
    if norm.condition:
        entry["condition"] = " and ".join(norm.condition)
    if norm.unless:
        entry["unless"] = norm.unless
    if norm.defers_to:
        entry["defers_to"] = list(norm.defers_to)
    if norm.open_ended:
        entry["open_ended"] = True
    if norm.discretionary:
        entry["discretionary"] = True
    if norm.terms:
        entry["terms"] = list(norm.terms)
    if norm.subject_to:
        entry["subject_to"] = [{"schedule": schedule, "exception": fact} for schedule, fact in norm.subject_to]
    entry["cites"] = [norm.eid, *norm.also_cites]
    entry["note"] = drafted_note(norm)
    return entry


def model_yaml(draft: Draft) -> str:
    """The draft as the text of a model file, with a header and a closing list for review."""
    data = model_data(draft)
    header = [
        "# DRAFT model written by `lawcode draft` from the text alone: review every norm before use.",
        "# Each norm's note says which rule made it and how sure that rule is (confidence 0-1).",
        "# Actions are short pointers cut from the text; rewrite them in your own words.",
        "# Provisions the drafter could not classify are readings to decide (see `readings`, at the end).",
    ]
    if draft.in_force is None:
        header.append("# No date of entry into force was found: regulation.in_force is a placeholder (0001-01-01).")
    parts = ["\n".join(header), "lawcode_model: 1"]
    for section in ("regulation", "actors", "facts", "non_normative", "norms", "dates", "readings"):
        if section in data:
            parts.append(
                yaml.dump(
                    {section: data[section]}, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100
                ).strip()
            )
    return "\n\n".join(parts) + "\n"
