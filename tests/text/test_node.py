"""Node stays an immutable value however it is built (the parser builds it with make_node, for speed)."""

from __future__ import annotations

import dataclasses

import pytest

from lawcode.text.document import Node, make_node


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


def test_a_node_from_make_node_is_the_same_frozen_value():
    args = ("art_1__para_1", "paragraph", "(1)", None, "Boats float.", (), "", 3)
    fast = make_node(*args)
    assert type(fast) is Node and fast == Node(*args) and hash(fast) == hash(Node(*args))
    assert dataclasses.astuple(fast) == args
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "Boats sink."  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del fast.text
    assert make_node("art_1", "article", "1", "Scope", "", (fast,)).children == (fast,)

