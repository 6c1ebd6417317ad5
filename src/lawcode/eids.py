"""Akoma Ntoso eIds taken apart: their components, parents and nesting.

An eId names a provision by its path from the top of the text, components joined by ``__``:
``chp_II__art_13__para_nn_1__list_1__item_5`` is item 5 of the first list of (unnumbered)
paragraph 1 of article 13 in chapter II. Each component is a short kind name and a number,
``art_13``; ``nn_`` marks a number the text does not print (the paragraph was counted).
Everything in lawcode that needs the structure of an eId asks this module, so that the one
convention is read one way.
"""

from __future__ import annotations

SEPARATOR = "__"


def parts(eid: str) -> list[str]:
    """The components of ``eid``, outermost first: ``chp_II__art_13`` -> ["chp_II", "art_13"]."""
    return eid.split(SEPARATOR)


def join(components: list[str] | tuple[str, ...]) -> str:
    """The eId made of ``components`` (the inverse of :func:`parts`)."""
    return SEPARATOR.join(components)


def kind_and_number(component: str) -> tuple[str, str]:
    """``para_nn_1`` -> ("para", "1"), ``art_13`` -> ("art", "13"); ("intro", "") for a bare name."""
    kind, _, number = component.partition("_")
    return kind, number.removeprefix("nn_")


def parent(eid: str) -> str | None:
    """The eId one component up (``chp_II__art_13`` -> ``chp_II``); None for a top-level eId.

    The parent eId need not name a node of the text: a list wrapper (``list_1``) is part of the
    path but not a provision of its own.
    """
    head, separator, _ = eid.rpartition(SEPARATOR)
    return head if separator else None


def lineage(eid: str) -> list[str]:
    """``eid`` and every eId above it, outermost first: ``a__b__c`` -> [a, a__b, a__b__c]."""
    components = parts(eid)
    return [join(components[:n]) for n in range(1, len(components) + 1)]


def is_inside(eid: str, container: str) -> bool:
    """True when ``eid`` is ``container`` itself or a provision within it (at any depth)."""
    return eid == container or eid.startswith(container + SEPARATOR)


def related(a: str, b: str) -> bool:
    """True when one of the two eIds is the other or lies within it."""
    return is_inside(a, b) or is_inside(b, a)


def depth(eid: str) -> int:
    """How deep a provision sits: the number of its components, list wrappers not counted (they add
    no level a reader sees): ``chp_II`` 1, ``chp_II__art_13__para_nn_1__list_1__item_5`` 4."""
    return sum(1 for component in parts(eid) if not component.startswith("list_"))
