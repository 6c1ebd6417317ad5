"""Facts that exclude each other: the members of an ``exclusive_group``.

Some questions have one answer among several, which the model writes as one fact per answer
(the protected characteristic a treatment concerns: age, or disability, or race, ...). Told that
one of them holds, the engine takes the others as false rather than leaving them unknown -
otherwise every answer would wait for "and was it also about age? about sex? ...".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from lawcode.errors import QueryError

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel


def excluded_by_choice(loaded: LoadedModel, facts: Mapping[str, bool]) -> dict[str, bool]:
    """The members of each exclusive group set false because another member is true in
    ``facts`` (facts already valued are left alone). Two true members of a group are an error."""
    groups: dict[str, list[str]] = {}
    for fact in loaded.model.facts:
        if fact.exclusive_group is not None:
            groups.setdefault(fact.exclusive_group, []).append(fact.id)
    found: dict[str, bool] = {}
    for group, members in groups.items():
        chosen = [name for name in members if facts.get(name) is True]
        if len(chosen) > 1:
            raise QueryError(f"facts {', '.join(chosen)} are given true together, but they exclude each other "
                             f"(group {group})", expected="at most one of " + ", ".join(members))
        if chosen:
            found.update((name, False) for name in members if name not in facts)
    return found
