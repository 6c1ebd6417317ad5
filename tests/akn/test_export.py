"""Akoma Ntoso export: schema validity, markup users rely on, determinism."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from akn_sample import widget_document
from lxml import etree

from lawcode.akn.export import to_akn
from lawcode.akn.names import AKN_NS
from lawcode.akn.validate import validate_akn

NS = {"a": AKN_NS}


def test_hand_built_document_is_schema_valid():
    widget_doc = widget_document()
    assert validate_akn(to_akn(widget_doc), "widgets.xml") == []


def test_export_is_deterministic():
    widget_doc = widget_document()
    first = to_akn(widget_doc)
    assert to_akn(replace(widget_doc)) == first  # a fresh, equal Document gives the same bytes
    assert date.today().isoformat().encode() not in first  # no "generated today" dates


def test_items_form_list_1_inside_content_with_lead_in_and_wrap_up():
    widget_doc = widget_document()
    root = etree.fromstring(to_akn(widget_doc))
    para = root.find(".//a:paragraph[@eId='chp_I__art_1__para_nn_1']", NS)
    content = para.find("a:content", NS)
    blocks = [etree.QName(el).localname for el in content]
    assert blocks == ["p", "blockList", "p"]
    block_list = content.find("a:blockList", NS)
    assert block_list.get("eId") == "chp_I__art_1__para_nn_1__list_1"
    assert [i.findtext("a:num", namespaces=NS) for i in block_list.findall("a:item", NS)] == ["(1)", "(2)", "(3)"]
    nested = block_list.find("a:item[2]/a:blockList", NS)
    assert nested.get("eId") == "chp_I__art_1__para_nn_1__list_1__item_2__list_1"
    assert content[2].text == "All of this applies from the start."


def test_provision_with_sub_provisions_uses_intro_and_wrap_up():
    widget_doc = widget_document()
    root = etree.fromstring(to_akn(widget_doc))
    art = root.find(".//a:article[@eId='chp_I__art_2']", NS)
    assert [etree.QName(el).localname for el in art] == ["num", "heading", "intro", "paragraph", "paragraph", "wrapUp"]
    assert art.findtext("a:heading", namespaces=NS) == "Scope"
    assert [p.text for p in art.findall("a:paragraph[2]/a:content/a:p", NS)] == ["Large ones.", "Also very large ones."]


def test_references_are_marked_up_in_the_words():
    widget_doc = widget_document()
    root = etree.fromstring(to_akn(widget_doc))
    lead_in = root.find(".//a:paragraph[@eId='chp_I__art_1__para_nn_1']/a:content/a:p", NS)
    internal, external = lead_in.findall("a:ref", NS)
    assert (internal.get("href"), internal.text) == ("#chp_I__art_2", "article 2")
    assert "".join(lead_in.itertext()) == "Makers shall, as article 2 and the Gadget Act say:"
    tlc = root.find(f".//a:references/a:TLCReference[@href='{external.get('href')}']", NS)
    assert tlc.get("showAs") == "Gadget Act" and external.text == "the Gadget Act"
    unresolved = root.find(".//a:inline[@name='unresolvedRef']", NS)
    assert unresolved.text == "the preceding item"


def test_meta_identifies_the_work_from_its_frbr_uri():
    widget_doc = widget_document()
    root = etree.fromstring(to_akn(widget_doc))
    act = root.find("a:act", NS)
    assert act.get("name") == "regulation"
    assert act.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS).get("value") == widget_doc.frbr_uri
    assert act.find("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "eng"
    dates = {el.get("date") for el in act.iterfind(".//a:FRBRdate", NS)}
    assert dates == {"2021-01-01"}
    assert act.findtext("a:preface/a:p/a:docTitle", namespaces=NS) == "The Widget Regulations"


def test_characters_xml_cannot_carry_are_replaced():
    from lawcode.text.document import Document, Node

    doc = Document("ff.txt", None, (Node("art_1", "article", "1", None, "page\x0cbreak \ud800 end"),))
    root = etree.fromstring(to_akn(doc))
    assert root.find(".//a:p", NS).text == "page\ufffdbreak \ufffd end"


def test_unicode_noncharacters_are_replaced_and_other_characters_kept():
    from lawcode.text.document import Document, Node

    words = "caf\u00e9\t\ufffe \uffff \uefbf \u00ef\u00bf"  # the last two share bytes with U+FFFE/U+FFFF
    doc = Document("nc.txt", None, (Node("art_1", "article", "1", None, words),))
    root = etree.fromstring(to_akn(doc))
    assert root.find(".//a:p", NS).text == "caf\u00e9\t\ufffd \ufffd \uefbf \u00ef\u00bf"


def test_a_phrase_citing_several_provisions_links_the_first_and_keeps_the_rest():
    widget_doc = widget_document()
    root = etree.fromstring(to_akn(widget_doc))
    para = root.find(".//a:paragraph[@eId='chp_I__art_1__para_nn_2']/a:content/a:p", NS)
    assert [(r.get("href"), r.text) for r in para.findall("a:ref", NS)] == [("#chp_I__art_1", "Articles 1 and 2")]
    kept = root.findall(".//a:proprietary/{urn:lawcode:akn}reference", NS)
    assert {(k.get("source"), k.get("words"), k.get("target")) for k in kept} == {
        ("chp_I__art_1__para_nn_2", "Articles 1 and 2", "chp_I__art_2"),
        ("chp_II__art_3", "words that are not there", "chp_I"),
    }


def test_items_mixed_with_sub_provisions_are_refused_in_either_order():
    from lawcode.text.document import Document, Node

    item = Node("art_1__list_1__item_1", "item", "(1)", None, "Boats float.")
    paragraph = Node("art_1__para_1", "paragraph", "1", None, "Boats sink.")
    for children in [(paragraph, item), (item, paragraph)]:
        doc = Document("mixed.txt", None, (Node("art_1", "article", "1", None, "", children),))
        with pytest.raises(ValueError, match="cannot be written as Akoma Ntoso"):
            to_akn(doc)


def test_eids_and_words_with_markup_characters_are_escaped():
    from lawcode.text.document import Document, Node

    eid = 'art_"1"&<2>'
    doc = Document("odd.txt", None, (Node(eid, "article", "1", "A & B", "x < y", line=2),))
    article = etree.fromstring(to_akn(doc)).find(".//a:article", NS)
    assert article.get("eId") == eid
    assert article.findtext("a:heading", namespaces=NS) == "A & B"
    assert article.findtext(".//a:p", namespaces=NS) == "x < y"
