"""The store's user-facing errors: part of the one :class:`~lawcode.errors.LawcodeError` family."""

from __future__ import annotations

from lawcode.errors import LawcodeError


class StoreError(LawcodeError):
    """A store that cannot be opened or used: unreachable server, newer schema, unknown entry."""
