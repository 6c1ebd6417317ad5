"""Node stays an immutable value however it is built (its __init__ is hand-written for speed)."""

from __future__ import annotations

import dataclasses

import pytest

from lawcode.text.document import Node


def test_node_is_a_frozen_value():
    leaf = Node("art_1__para_1", "paragraph", "(1)", None, "Boats float.", line=3)
    same = Node(eid="art_1__para_1", kind="paragraph", num="(1)", heading=None, text="Boats float.", line=3)
    parent = Node("art_1", "article", "1", "Scope", "", (leaf,))
    assert leaf == same and hash(leaf) == hash(same)
    assert (leaf.children, leaf.wrap_up, parent.line) == ((), "", 0)
    assert parent.children[0] is leaf
    with pytest.raises(dataclasses.FrozenInstanceError):
        leaf.text = "Boats sink."  # type: ignore[misc]
    assert dataclasses.replace(leaf, text="Boats sink.").text == "Boats sink."
    assert dataclasses.astuple(leaf) == ("art_1__para_1", "paragraph", "(1)", None, "Boats float.", (), "", 3)
