"""Akoma Ntoso import: lawcode's own output round-trips; bluebell's layout is read; bad input is reported."""

from __future__ import annotations

import pytest
from akn_sample import widget_document

from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.errors import AknError


def test_round_trip_gives_an_equal_document():
    widget_doc = widget_document()
    back = from_akn(to_akn(widget_doc), "widgets.xml")
    assert back.body == widget_doc.body  # eIds, kinds, nums, headings, words, wrap-ups, lines
    assert back.references == widget_doc.references
    assert (back.title, back.preamble, back.frbr_uri, back.language) == (
        widget_doc.title, widget_doc.preamble, widget_doc.frbr_uri, widget_doc.language)
    assert back.fingerprint() == widget_doc.fingerprint()


BLUEBELL_STYLE = b"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta><references source="#cobalt">
      <TLCOrganization eId="cobalt" href="https://github.com/laws-africa/cobalt" showAs="cobalt"/>
    </references></meta>
    <preface><p eId="preface__p_1">The Widget Rules</p></preface>
    <body>
      <chapter eId="chp_I">
        <num>I</num>
        <heading>Rules</heading>
        <article eId="chp_I__art_1">
          <num>1</num>
          <paragraph eId="chp_I__art_1__para_nn_1">
            <content>
              <p eId="chp_I__art_1__para_nn_1__p_1">Makers shall, as <ref href="#chp_I__art_2" eId="chp_I__art_1__para_nn_1__p_1__ref_1">article 2</ref> says:</p>
              <blockList eId="chp_I__art_1__para_nn_1__list_1">
                <item eId="chp_I__art_1__para_nn_1__list_1__item_1">
                  <num>(1)</num>
                  <p eId="chp_I__art_1__para_nn_1__list_1__item_1__p_1">make <b>good</b> widgets;</p>
                </item>
                <listWrapUp eId="chp_I__art_1__para_nn_1__list_1__wrapup_1">and no more.</listWrapUp>
              </blockList>
            </content>
          </paragraph>
        </article>
        <article eId="chp_I__art_2">
          <num>2</num>
          <content><p eId="chp_I__art_2__p_1">Only this.</p></content>
        </article>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""


def test_reads_bluebell_layout():
    doc = from_akn(BLUEBELL_STYLE, "bluebell.xml")
    para = doc.get("chp_I__art_1__para_nn_1")
    assert para.text == "Makers shall, as article 2 says:"
    assert para.wrap_up == "and no more."
    assert [(i.eid, i.num, i.text) for i in para.children] == [
        ("chp_I__art_1__para_nn_1__list_1__item_1", "(1)", "make good widgets;")]
    assert doc.get("chp_I__art_2").text == "Only this."
    assert doc.get("chp_I").heading == "Rules"
    assert doc.title == "The Widget Rules"
    assert [(r.source, r.words, r.target) for r in doc.references] == [
        ("chp_I__art_1__para_nn_1", "article 2", "chp_I__art_2")]


def test_non_xml_is_an_error_with_a_line():
    with pytest.raises(AknError) as caught:
        from_akn(b"<akomaNtoso>\n<act>\n</akomaNtoso>\n", "broken.xml")
    assert caught.value.file == "broken.xml" and caught.value.line == 3
    assert "not well-formed" in str(caught.value)


def test_a_provision_without_eid_is_an_error_with_its_line():
    data = BLUEBELL_STYLE.replace(b'<article eId="chp_I__art_2">', b"<article>")
    with pytest.raises(AknError) as caught:
        from_akn(data, "no-eid.xml")
    assert caught.value.line == data[: data.index(b"<article>")].count(b"\n") + 1
    assert "no eId" in str(caught.value)


def test_duplicate_eids_are_an_error():
    data = BLUEBELL_STYLE.replace(b'eId="chp_I__art_2"', b'eId="chp_I__art_1"')
    with pytest.raises(AknError, match="duplicate eId 'chp_I__art_1'"):
        from_akn(data, "dup.xml")


def test_other_xml_is_not_akoma_ntoso():
    with pytest.raises(AknError, match="root element is html"):
        from_akn(b"<html><body/></html>", "page.html")


SYNTHETIC_TEXT = """The Widget Rules

Chapter I: General

Article 1: These Rules govern widgets.

Article 2: Widget makers shall:

(1) label widgets;

(2) keep the records article 1 of these Rules asks for.
"""


def test_a_parsed_text_round_trips():
    from lawcode.text.parse import parse_text

    parsed = parse_text(SYNTHETIC_TEXT.encode(), "widgets.txt")
    back = from_akn(to_akn(parsed), "widgets.xml")
    assert back.body == parsed.body and back.references == parsed.references
    assert back.get("chp_I__art_2__para_nn_1__list_1__item_2").line == 11
    assert [r.target for r in back.references] == ["chp_I__art_1"]
