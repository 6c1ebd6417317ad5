"""The scenario-test file format: cases a model author writes, with what each must answer.

A file holds cases for one regulation. A case puts questions on one situation (actor or roles,
facts, date) - ``ask`` (the norms that apply), ``explain`` of a norm, ``assess`` (what was
contravened), a procedure run, a calendar year, a ``who`` search - and lists what each answer must
contain. Expectations are about norms, provisions, states and dates the model names; nothing is
compared as free text, so a test survives rewording of actions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lawcode.model.schema import IDENTIFIER, NORM_ID


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt expectation must never pass by testing nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Undetermined(Strict):
    """A norm that must be undetermined, and (when given) exactly the facts it waits for."""

    norm: str = Field(pattern=NORM_ID)
    missing: list[str] | None = Field(None, description="the unknown facts that could decide it, in any order")


class Explained(Strict):
    """What the explanation of one norm for the case's actor must show."""

    norm: str = Field(pattern=NORM_ID)
    status: str | None = Field(None, pattern=r"^(applies|undetermined|does_not_apply)$")
    cites: list[str] = Field(default=[], description="eIds the explanation must cite (the norm's and, "
                                                     "for derived facts, those of each concept in the chain)")
    decided_by: list[str] = Field(default=[], description="parts that must be among those that decided it "
                                                          "(condition, unless, bearer, validity, ...)")


class Assessed(Strict):
    """What ``assess`` must find for one norm, given what happened (the case's facts)."""

    norm: str = Field(pattern=NORM_ID)
    result: str = Field(pattern=r"^(contravened|not_contravened|undetermined)$")
    provisions: list[str] = Field(default=[], description="eIds the assessment must rest on")
    missing: list[str] | None = Field(None, description="undetermined: exactly the facts it waits for")


class ProcedureRun(Strict):
    """Events run through a procedure from its initial state, and where they must lead."""

    name: str = Field(pattern=IDENTIFIER, description="procedure id")
    events: list[str] = []
    state: str | None = Field(None, description="the state the events must reach")
    final: bool | None = None
    refused: list[str] = Field(default=[], description="events that must be refused in the state reached")
    refused_at: int | None = Field(None, ge=1, description="the events must be refused at this step (1-based) "
                                                                "instead of reaching a state")


class CalendarDate(Strict):
    date: dt.date
    id: str = Field(description="the recurring date's id, or entry_into_force / repeal")


class CalendarYear(Strict):
    year: int = Field(ge=1000, le=9999)
    dates: list[CalendarDate] = Field(default=[], description="dates the year must list")
    absent: list[str] = Field(default=[], description="date ids that must not fall in the year")


class WhoSearch(Strict):
    terms: list[str] = Field(min_length=1)
    actors: list[str] = Field(default=[], description="actors that must be among the answer's")
    norms: list[str] = Field(default=[], description="norm ids that must be among the answer's")
    absent_actors: list[str] = []


class Case(Strict):
    """One question to the model and what its answer must hold."""

    name: str = Field(min_length=1)
    note: str | None = Field(None, description="why the case matters: the reading it pins down")
    as_: str | list[str] | None = Field(None, alias="as", description="actor id, or a list of roles held at once")
    date: dt.date | None = Field(None, description="date of the question; defaults to the file's ``date``")
    facts: dict[str, bool] = Field(default={}, description="facts that hold (true) or not (false); others unknown")
    in_force: bool | None = Field(None, description="whether the regulation must be in force on the date")
    applies: list[str] = Field(default=[], description="norm ids that must apply")
    undetermined: list[str | Undetermined] = Field(default=[], description="norms that must be undetermined")
    absent: list[str] = Field(default=[], description="norm ids that must not appear at all")
    only: bool = Field(False, description="applies and undetermined list every norm of the answer, no more")
    explain: list[Explained] = []
    assess: list[Assessed] = Field(default=[], description="prohibitions and duties assessed on the facts")
    procedure: ProcedureRun | None = None
    calendar: CalendarYear | None = None
    who: WhoSearch | None = None

    @property
    def roles(self) -> tuple[str, ...]:
        if self.as_ is None:
            return ()
        return (self.as_,) if isinstance(self.as_, str) else tuple(self.as_)

    @property
    def asks(self) -> bool:
        """Whether the case puts an ``ask`` question (it has expectations about norms)."""
        return bool(self.applies or self.undetermined or self.absent or self.only or self.in_force is not None)


class ScenarioFile(Strict):
    """A file of scenario tests for one regulation."""

    lawcode_tests: int = Field(1, description="scenario-test format version")
    regulation: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="the regulation id the cases are about")
    date: dt.date | None = Field(None, description="default date of every case (the key is not ``on``, "
                                                      "which YAML reads as true)")
    cases: list[Case] = Field(min_length=1)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of scenario-test files."""
    schema = ScenarioFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lawcode scenario tests"
    return schema
