"""Bilingual texts: Chinese lines interleaved with the English translation are set aside, never read as English."""

from __future__ import annotations

import pytest

from lawcode.errors import TextError
from lawcode.text.bilingual import PARALLEL_CHINESE, is_chinese
from lawcode.text.parse import parse_text

BILINGUAL = """\
养蜂条例
Beekeeping Rules

第一章 总则
Chapter I General Provisions

第一条 为了安全养蜂，制定本条例。
Article 1 These Rules are made so that bees are kept safely.

第二条 养蜂人应当：
Article 2 A keeper shall:
（一）登记每个蜂箱；
(1) register each hive;
（二）标记每个蜂箱。
(2) mark each hive.
"""


def test_the_english_version_is_the_document():
    doc = parse_text(BILINGUAL, "bees.txt")
    assert doc.title == "Beekeeping Rules"
    assert [a.eid for a in doc.articles()] == ["chp_I__art_1", "chp_I__art_2"]
    assert [i.text for i in doc.get("chp_I__art_2__para_nn_1").children] == ["register each hive;", "mark each hive."]
    assert not any(is_chinese(node.text) for node in doc.walk())


def test_every_chinese_line_is_reported_as_set_aside():
    doc = parse_text(BILINGUAL, "bees.txt")
    chinese_lines = [no for no, line in enumerate(BILINGUAL.splitlines(), start=1) if is_chinese(line)]
    assert [d.line for d in doc.removed if d.message == PARALLEL_CHINESE] == chinese_lines == [1, 4, 7, 10, 12, 14]


def test_an_english_line_quoting_a_chinese_term_is_kept():
    doc = parse_text("Article 1: The term \u56fd\u5bb6 means the state.\n", "term.txt")
    assert doc.get("art_1__para_nn_1").text == "The term \u56fd\u5bb6 means the state."


def test_a_text_only_in_chinese_is_not_emptied_but_refused_with_its_first_line():
    with pytest.raises(TextError) as caught:
        parse_text("\u7b2c\u4e00\u6761 \u517b\u8702\u3002\n", "zh.txt")
    assert caught.value.line == 1
