"""An actor holding several roles at once (an employer that also serves the public).

Asked as several roles, the actor is each of them: the facts any one role settles by its
definition (``employer`` -> ``employs_or_recruits``) hold for the others too, so that a norm
reached through one role is not left waiting for a fact another role already answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lawcode.engine.applicability import Engine


def facts_for_roles(engine: Engine, roles: Iterable[str], facts: Mapping[str, bool]) -> dict[str, bool]:
    """``facts`` plus what each role implies, the given facts winning (a contradiction between a
    given fact and a role is reported when the question is checked, role by role)."""
    merged: dict[str, bool] = {}
    for role in roles:
        if role in engine.loaded.actors:
            merged.update(engine.implied_facts(role))
    merged.update(facts)
    return merged
