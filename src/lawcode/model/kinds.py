"""The kinds of norm a model distinguishes.

Kept apart from the pydantic schema so that the engine can read a compiled model (see
:mod:`lawcode.model.snapshot`) without importing pydantic.
"""

from __future__ import annotations

from enum import Enum


class NormKind(str, Enum):
    duty = "duty"  # shall / must do
    prohibition = "prohibition"  # must not
    permission = "permission"  # may (a liberty of the bearer)
    power = "power"  # may, as an organ acting on others (discretionary authority)
    right = "right"  # an entitlement the bearer can claim from a counterparty
    definition = "definition"
    scope = "scope"
    principle = "principle"  # guiding principle without a specific bearer-action pair
    consequence = "consequence"  # what follows a breach
    conflict_rule = "conflict_rule"  # which rule wins where two collide (incl. deferring to other laws)
    entry_into_force = "entry_into_force"
    entitlement = "entitlement"  # a benefit granted by the regime (commendation, compensation)
