"""The model-file format: what a human writes to make a regulation executable.

A model file is YAML (comments, multi-line prose and line numbers for error messages; TOML
nests lists of tables poorly, and norms are long lists of small tables). It is validated by
these pydantic classes; ``lawcode schema`` publishes their JSON Schema. What validation gives
the rest of lawcode is not these classes but their frozen twins of :mod:`lawcode.model.objects`
(:func:`validate`), which the model cache can rebuild without pydantic
(docs/decisions/0012-model-objects.md says why).

Every piece of the model names the provisions it rests on by eId (``cites``). Actions are the
modeller's own concise words: the engine quotes the text itself from the corpus at run time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator

from lawcode.model import objects
from lawcode.model.kinds import NormKind

IDENTIFIER = r"^[a-z][a-z0-9_]*$"
NORM_ID = r"^[a-z][a-z0-9_.\-]*$"


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a model file must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Validity(Strict):
    """When a norm (or the regulation) is in force. Open ends mean "no limit in that direction"."""

    start: dt.date | None = Field(None, description="first day in force; defaults to the regulation's entry into force")
    end: dt.date | None = Field(None, description="last day in force (repeal, expiry)")


class TextRef(Strict):
    """The text a model was written for."""

    file: str = Field(description="file name of the text, looked up in --text, LAWCODE_CORPUS or the store")
    fingerprint: str = Field(description="Document.fingerprint() of the parsed text the model was written for")
    frbr_uri: str | None = Field(None, description="Akoma Ntoso work URI, e.g. /akn/cn-xz/act/regulation/2021/x")


class Amendment(Strict):
    date: dt.date
    description: str
    cites: list[str] = []


class Regulation(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str
    short_title: str | None = None
    jurisdiction: str
    language: str = "eng"
    text: TextRef
    in_force: dt.date = Field(description="date of entry into force")
    repealed: dt.date | None = None
    amendments: list[Amendment] = []
    cites_in_force: list[str] = Field(default=[], description="eIds that fix the entry into force")


class MayBe(Strict):
    """An is-a link the model cannot be sure of: this kind of actor may or may not be ``actor``.

    The engine treats the link like a defined subclass seen from below: a norm borne by
    ``actor`` reaches this kind only under ``when`` (a condition, usually one fact whose question
    decides the link), so an unknown answer gives "undetermined" with that question, never a
    silent "no". ``reading`` names the recorded reading that explains the doubt.
    """

    actor: str = Field(pattern=IDENTIFIER, description="the actor this kind may be a kind of")
    when: str = Field(description="condition under which it is one (facts combined with and / or / not)")
    reading: str | None = Field(None, description="id of the reading that records this choice")


class Actor(Strict):
    """A kind of addressee. ``is_a`` gives inheritance; ``defined_by`` makes a defined subclass;
    ``may_be`` records links that hold only under a condition.

    A defined subclass (``key_unit``: a ``unit`` for which ``in_key_unit_directory`` holds) is
    matched by an actor of the parent class when the defining condition holds.
    """

    id: str = Field(pattern=IDENTIFIER)
    label: str
    is_a: list[str] = []
    may_be: list[MayBe] = Field(default=[],
                                description="kinds this actor is only under a condition (undetermined until answered)")
    defined_by: str | None = Field(None, description="condition that makes a parent-class actor one of these")
    cites: list[str] = Field(default=[], description="eIds where the text names this actor")
    note: str | None = None


class FactDecl(Strict):
    id: str = Field(pattern=IDENTIFIER)
    meaning: str = Field(description="plain words: what it means for this fact to hold")
    question: str = Field(description="what an interview asks to learn it")
    about: str = Field(description="the actor id this fact is about")
    cites: list[str] = []
    derived_by: str | None = Field(None, description="a defined concept: the condition (over other facts) that "
                                                        "decides it when it is not given; explanations show the chain")
    exclusive_group: str | None = Field(None, pattern=IDENTIFIER, description="facts of one group exclude each "
                                           "other (the characteristic at issue): one given true makes the others false")


class SubjectTo(Strict):
    """A norm that applies "subject to" a part of the law the text does not hold (a Schedule).

    The exceptions there are unknown to the model, so they stay an open question: the fact
    ``exception`` (declared under facts, asking whether such an exception applies) acts as an
    exception of the norm, and the finding names the Schedule.
    """

    schedule: str = Field(description="the part named, as the text names it (Schedule 3, Part 2 of Schedule 9)")
    exception: str = Field(pattern=IDENTIFIER, description="fact id: an exception in that part applies")


class Norm(Strict):
    id: str = Field(pattern=NORM_ID)
    kind: NormKind
    bearer: str | None = Field(None, description="actor id; None only for kinds without a bearer "
                                                 "(scope, definition, principle, entry_into_force, conflict_rule)")
    counterparty: str | None = Field(None, description="actor the norm is owed to or acts upon")
    beneficiary: str | None = None
    action: str = Field(description="what the bearer must / may / must not do, in the modeller's own words")
    condition: str | None = Field(None, description="when it applies; facts combined with and / or / not")
    unless: str | None = Field(None, description="an exception written into the provision itself")
    overrides: list[str] = Field(default=[], description="norm ids this norm displaces when it applies")
    defers_to: list[str] = Field(default=[], description="external laws that take precedence (named as in the text)")
    validity: Validity | None = None
    open_ended: bool = Field(False, description="the text leaves the content open; no precision is invented")
    discretionary: bool = Field(False, description="the text says 'may': the bearer decides whether to act")
    breach_by: list[str] = Field(
        default=[], description="consequence norms: actor ids whose failure to perform their duties triggers it")
    terms: list[str] = Field(default=[], description="keywords for 'who' questions (publicity, education, reporting …)")
    cites: list[str] = Field(min_length=1, description="eIds the norm rests on")
    note: str | None = None
    subject_to: list[SubjectTo] = Field(default=[], description="exceptions in a part of the law that is not in the "
                                                                "text (a Schedule): named, and left open")
    contravened_by: str | None = Field(None, description="prohibitions and duties: the conduct (a condition) that "
                                                            "contravenes it, for `lawcode assess`")

    @field_validator("cites", "overrides")
    @classmethod
    def _no_duplicates(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("lists the same entry twice")
        return value


class NonNormative(Strict):
    """An article deliberately not modelled as norms, and why."""

    eid: str
    reason: str


class State(Strict):
    id: str = Field(pattern=IDENTIFIER)
    label: str
    final: bool = False


class Transition(Strict):
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    event: str = Field(pattern=IDENTIFIER)
    actor: str = Field(description="actor id who makes the step (or whose conduct is the event)")
    mode: str = Field("must", pattern=r"^(must|may|occurs)$",
                      description="must: a duty; may: discretionary; occurs: a fact in the world")
    label: str = ""
    cites: list[str] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Procedure(Strict):
    id: str = Field(pattern=IDENTIFIER)
    label: str
    initial: str
    states: list[State]
    transitions: list[Transition]
    cites: list[str] = []


class RecurringDate(Strict):
    """A day of the year on which the text says something is to happen."""

    id: str = Field(pattern=IDENTIFIER)
    label: str
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    what: str = Field(description="what happens that day, in the modeller's words")
    norm: str | None = Field(None, description="the norm that fixes it")
    cites: list[str] = Field(min_length=1)


class Reading(Strict):
    """One interpretive choice the model makes, recorded so that a reviewer can sign it off.

    Where the text is open to more than one reading, the model takes one; the reading says what
    the question was, which answer the model took, what the other answer would have been, the
    provisions it turns on, and whether a reviewer has confirmed it.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    question: str = Field(description="what the text leaves open")
    reading: str = Field(description="the answer the model takes")
    alternatives: list[str] = Field(min_length=1, description="the other answers a reader could give")
    cites: list[str] = Field(min_length=1, description="eIds of the provisions the question turns on")
    norms: list[str] = Field(default=[], description="norm ids the choice shapes")
    actors: list[str] = Field(default=[], description="actor ids the choice shapes")
    reviewed: bool = Field(False, description="a reviewer has confirmed the reading")
    note: str | None = None


class Model(Strict):
    """A whole model file."""

    lawcode_model: int = Field(1, description="model-file format version")
    regulation: Regulation
    actors: list[Actor]
    facts: list[FactDecl] = []
    norms: list[Norm]
    non_normative: list[NonNormative] = []
    procedures: list[Procedure] = []
    dates: list[RecurringDate] = []
    readings: list[Reading] = []


def validate(data: Any) -> objects.Model:
    """A model file's data (as read from YAML) validated, as the loaded model's classes.

    Raises pydantic's ``ValidationError``; :mod:`lawcode.model.loader` turns it into an error
    naming the line.
    """
    return cast(objects.Model, _to_object(Model.model_validate(data)))


def _to_object(value: Any) -> Any:
    """A validated schema object as the :mod:`lawcode.model.objects` class of the same name
    (same fields), recursively; lists become tuples."""
    if isinstance(value, BaseModel):
        cls = objects.CLASSES[type(value).__name__]
        return cls(**{name: _to_object(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return tuple(_to_object(item) for item in value)
    return value


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the model-file format."""
    schema = Model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lawcode model file"
    return schema

