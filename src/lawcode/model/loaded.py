"""A loaded model: the validated model file, the lines it came from, its conditions parsed.

This module imports neither pydantic nor YAML: the engine works on a LoadedModel whether it was
just validated (:mod:`lawcode.model.loader`) or read back from the cache
(:mod:`lawcode.model.snapshot`) - the same classes (:mod:`lawcode.model.objects`) either way -
and a question answered from the cache never pays for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from lawcode.model.conditions import Expr
from lawcode.model.ontology import Ontology

if TYPE_CHECKING:
    from lawcode.model.issues import Issue
    from lawcode.model.objects import Actor, FactDecl, Model, Norm, Procedure, Reading, RecurringDate


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


@dataclass(frozen=True, eq=False)  # identity: one loaded model is one object (and a cache key)
class LoadedModel:
    """A validated model with the lines it came from and its conditions parsed.

    ``issues`` holds what :mod:`lawcode.model.consistency` found wrong in the model's own
    references; :func:`~lawcode.model.loader.read_valid_model` refuses a model with any, :func:`read_model` (for the
    checker, which reports them all) keeps them here.
    """

    model: Model
    path: str
    lines: Mapping[tuple[Any, ...], int]
    conditions: Mapping[str, Expr | None]  # norm id -> parsed ``condition``
    exceptions: Mapping[str, Expr | None]  # norm id -> parsed ``unless``
    definitions: Mapping[str, Expr]  # actor id -> parsed ``defined_by`` (defined subclasses only)
    issues: tuple[Issue, ...] = field(default=())
    links: Mapping[tuple[str, str], Expr] = field(default_factory=dict)  # (actor, may-be parent) -> ``when``
    # fact id -> expanded ``derived_by``
    concepts: Mapping[str, Expr] = field(default_factory=lambda: MappingProxyType({}))
    # norm id -> parsed ``contravened_by``
    conduct: Mapping[str, Expr] = field(default_factory=lambda: MappingProxyType({}))

    def line_of(self, path: tuple[Any, ...]) -> int:
        """Line of ``path`` (keys and indices) in the file, or of its nearest enclosing part."""
        return find_line(self.lines, path)

    @cached_property
    def actors(self) -> Mapping[str, Actor]:
        return _by_id(self.model.actors)

    @cached_property
    def facts(self) -> Mapping[str, FactDecl]:
        return _by_id(self.model.facts)

    @cached_property
    def norms(self) -> Mapping[str, Norm]:
        return _by_id(self.model.norms)

    @cached_property
    def procedures(self) -> Mapping[str, Procedure]:
        return _by_id(self.model.procedures)

    @cached_property
    def dates(self) -> Mapping[str, RecurringDate]:
        return _by_id(self.model.dates)

    @cached_property
    def readings(self) -> Mapping[str, Reading]:
        return _by_id(self.model.readings)

    @cached_property
    def ontology(self) -> Ontology:
        return Ontology(self.model.actors)

    def norm_line(self, norm_id: str) -> int:
        """Line where the (first) norm with this id starts; 0 when there is none."""
        index = self._norm_index.get(norm_id)
        return 0 if index is None else self.line_of(("norms", index))

    @cached_property
    def _norm_index(self) -> Mapping[str, int]:
        """Position of each norm id in the file (its first use, if a faulty model repeats it)."""
        index: dict[str, int] = {}
        for position, norm in enumerate(self.model.norms):
            index.setdefault(norm.id, position)
        return index


def _by_id(items: Iterable[T]) -> Mapping[str, T]:
    """A read-only map of model objects (actors, facts, norms, ...) by their ``id``."""
    return MappingProxyType({item.id: item for item in items})


def find_line(lines: Mapping[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    """Line of ``path`` (keys and indices) in a model file, or of its nearest enclosing part."""
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            return line
    return 1
