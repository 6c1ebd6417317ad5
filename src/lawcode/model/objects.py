"""The loaded model's classes: what the engine, the service layer and every interface work on.

A model file is validated once, by the pydantic classes of :mod:`lawcode.model.schema` (the
file format, whose JSON Schema is published); what comes out of that validation, and what the
model cache (:mod:`lawcode.model.snapshot`) reads back, are these frozen dataclasses. They
import nothing but the standard library and :mod:`lawcode.model.kinds`, so a question answered
from the cache never imports pydantic, and their fields are plain values: lists in the file are
tuples here, so a loaded model cannot be changed by anyone it is handed to.

Each class has the name and the fields (same names, same defaults) of the schema class it comes
from; ``tests/model/test_objects.py`` keeps the two in step. What a field means is described
once, in the schema (``lawcode schema`` prints it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcode.model.kinds import NormKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Validity:
    """When a norm (or the regulation) is in force; an open end means no limit that way."""

    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRef:
    """The text a model was written for: its file name and fingerprint."""

    file: str
    fingerprint: str
    frbr_uri: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Amendment:
    date: dt.date
    description: str
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Regulation:
    id: str
    title: str
    short_title: str | None = None
    jurisdiction: str
    language: str = "eng"
    text: TextRef
    in_force: dt.date
    repealed: dt.date | None = None
    amendments: tuple[Amendment, ...] = ()
    cites_in_force: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class MayBe:
    """An is-a link that holds only when ``when`` does (see :class:`lawcode.model.schema.MayBe`)."""

    actor: str
    when: str
    reading: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A kind of addressee, with its is-a links, may-be links and definition."""

    id: str
    label: str
    is_a: tuple[str, ...] = ()
    may_be: tuple[MayBe, ...] = ()
    defined_by: str | None = None
    cites: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactDecl:
    """A fact the model's conditions use, with the question that asks for it."""

    id: str
    meaning: str
    question: str
    about: str
    cites: tuple[str, ...] = ()
    derived_by: str | None = None
    exclusive_group: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubjectTo:
    """Exceptions in a part of the law the text does not hold, left open as the fact ``exception``."""

    schedule: str
    exception: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Norm:
    """One duty, prohibition, permission, power, right, ... of the regulation."""

    id: str
    kind: NormKind
    bearer: str | None = None
    counterparty: str | None = None
    beneficiary: str | None = None
    action: str
    condition: str | None = None
    unless: str | None = None
    overrides: tuple[str, ...] = ()
    defers_to: tuple[str, ...] = ()
    validity: Validity | None = None
    open_ended: bool = False
    discretionary: bool = False
    breach_by: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    cites: tuple[str, ...]
    note: str | None = None
    subject_to: tuple[SubjectTo, ...] = ()
    contravened_by: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NonNormative:
    """An article deliberately not modelled as norms, and why."""

    eid: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    id: str
    label: str
    final: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Transition:
    """A step of a procedure (``from`` and ``to`` in the file)."""

    source: str
    target: str
    event: str
    actor: str
    mode: str = "must"
    label: str = ""
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Procedure:
    id: str
    label: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RecurringDate:
    """A day of the year on which the text says something is to happen."""

    id: str
    label: str
    month: int
    day: int
    what: str
    norm: str | None = None
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One interpretive choice the model makes, for a reviewer to sign off."""

    id: str
    question: str
    reading: str
    alternatives: tuple[str, ...]
    cites: tuple[str, ...]
    norms: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    reviewed: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Model:
    """A whole model."""

    lawcode_model: int = 1
    regulation: Regulation
    actors: tuple[Actor, ...]
    facts: tuple[FactDecl, ...] = ()
    norms: tuple[Norm, ...]
    non_normative: tuple[NonNormative, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    dates: tuple[RecurringDate, ...] = ()
    readings: tuple[Reading, ...] = ()


# Every class above by name: the schema's classes convert into these, and the model cache names
# them in its JSON (and can name nothing else).
CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    Validity, TextRef, Amendment, Regulation, MayBe, Actor, FactDecl, SubjectTo, Norm, NonNormative, State,
    Transition, Procedure, RecurringDate, Reading, Model,
)}
