"""Node stays an immutable value however it is built (the parser and importer seal drafts, for speed)."""

from __future__ import annotations

import dataclasses

import pytest

from lawcode.text.document import Document, Node, make_node


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



HARBOUR = """Harbour Rules

Chapter I: General

Article 1: Owners shall:
(1) moor boats;
(2) show lights;
and keep records.

Crews shall obey.

Article 2: Duties
1. Pilots shall board ships.
Pilots shall also keep a log.
(a) of every ship;
(b) of every tide,
kept for a year.
2. Masters shall report.
"""


def test_every_parsed_node_is_a_frozen_node_with_its_fields_in_final_form():
    """The parser makes nodes as drafts and gives the fields that grew (children, lines, wrap-up)
    their Node form before sealing: no list may leak into a Document."""
    from lawcode.text.parse import parse_text

    doc = parse_text(HARBOUR)
    nodes = list(doc.walk())
    for node in nodes:
        assert type(node) is Node
        assert isinstance(node.children, tuple) and all(type(child) is Node for child in node.children)
        assert isinstance(node.text, str) and isinstance(node.wrap_up, str)
        assert node.heading is None or (isinstance(node.heading, str) and node.heading)
        same = Node(*(getattr(node, field.name) for field in dataclasses.fields(Node)))
        assert node == same and hash(node) == hash(same)
        with pytest.raises(dataclasses.FrozenInstanceError):
            node.text = ""  # type: ignore[misc]
    lead_in = doc.get("chp_I__art_2__para_1")
    assert lead_in.text == "Pilots shall board ships.\nPilots shall also keep a log."
    assert lead_in.wrap_up == "kept for a year." and len(lead_in.children) == 2
    assert doc.get("chp_I__art_1__para_nn_1").wrap_up == "and keep records."
    assert doc.get("chp_I__art_1__para_nn_2").children == ()


def test_a_draft_has_the_slots_of_a_node_and_becomes_an_equal_frozen_one():
    """The parser's drafts become their Nodes in place (their class is switched), which Python
    allows only while the two classes have the same slots."""
    from lawcode.text.document import NodeDraft

    assert sorted(NodeDraft.__slots__) == sorted(field.name for field in dataclasses.fields(Node))
    assert sorted(Node.__slots__) == sorted(NodeDraft.__slots__)
    leaf = NodeDraft("art_1__para_1", "paragraph", "(1)", None, ["Boats", "float."], [], ["and", "sink."], 3)
    parent = NodeDraft("art_1", "article", "1", "Scope", "", [leaf], "", 1)
    node = parent.become_node()
    assert node is parent and type(node) is Node
    leaf.become_node()
    made = Node("art_1", "article", "1", "Scope", "",
                (Node("art_1__para_1", "paragraph", "(1)", None, "Boats\nfloat.", (), "and\nsink.", 3),), "", 1)
    assert node == made and hash(node) == hash(made) and repr(node) == repr(made)
    assert type(node.children) is tuple and node.children[0] is leaf
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.text = "Boats sink."  # type: ignore[misc]


def test_walk_gives_a_node_then_everything_in_it_in_reading_order():
    def node(eid: str, *children: Node) -> Node:
        return Node(eid, "paragraph", None, None, "", children)

    article = node("a", node("a1", node("a1x", node("a1x1")), node("a1y")), node("a2"))
    document = Document(source="synthetic", title=None, body=(article, node("b", node("b1"))))
    assert [n.eid for n in article.walk()] == ["a", "a1", "a1x", "a1x1", "a1y", "a2"]
    assert [n.eid for n in document.walk()] == ["a", "a1", "a1x", "a1x1", "a1y", "a2", "b", "b1"]
    assert [n.eid for n in node("leaf").walk()] == ["leaf"]
