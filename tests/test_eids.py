"""eIds taken apart the one way: components, parents, nesting, depth."""

from lawcode import eids

ITEM = "chp_II__art_13__para_nn_1__list_1__item_5"


def test_parts_and_join_are_inverse():
    assert eids.parts(ITEM) == ["chp_II", "art_13", "para_nn_1", "list_1", "item_5"]
    assert eids.join(eids.parts(ITEM)) == ITEM


def test_kind_and_number_drops_the_marker_of_an_unprinted_number():
    assert eids.kind_and_number("para_nn_1") == ("para", "1")
    assert eids.kind_and_number("art_13a") == ("art", "13a")
    assert eids.kind_and_number("preamble") == ("preamble", "")


def test_parent_is_one_component_up_and_none_at_the_top():
    assert eids.parent(ITEM) == "chp_II__art_13__para_nn_1__list_1"
    assert eids.parent("chp_II") is None


def test_lineage_runs_from_the_outermost_to_the_eid_itself():
    assert eids.lineage("chp_II__art_13__para_1") == ["chp_II", "chp_II__art_13", "chp_II__art_13__para_1"]


def test_is_inside_needs_a_whole_component_not_a_prefix_of_one():
    assert eids.is_inside(ITEM, "chp_II__art_13")
    assert eids.is_inside("chp_II__art_13", "chp_II__art_13")
    assert not eids.is_inside("chp_II__art_130", "chp_II__art_13")
    assert not eids.is_inside("chp_II", "chp_II__art_13")


def test_related_is_nesting_either_way():
    assert eids.related("art_1", "art_1__para_2") and eids.related("art_1__para_2", "art_1")
    assert not eids.related("art_1__para_2", "art_1__para_3")


def test_depth_does_not_count_list_wrappers():
    assert eids.depth("chp_II") == 1
    assert eids.depth(ITEM) == 4
