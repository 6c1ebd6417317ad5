"""``lawcode parse --format json`` writes the Document node by node, with the bytes json.dumps would give."""

from __future__ import annotations

import io
import json

import pytest

from lawcode.text.json_output import write_json
from lawcode.text.parse import parse_text

TEXTS = [
    "Rules\n\nChapter I: General\n\nArticle 1: Keepers register \"hives\" \u2014 all of them.\n\n"
    "Article 2: A keeper shall:\n\n(1) mark each hive;\n\n(2) see article 1.\n",
    "1 Scope (1) Boats float. (2) Canoes:\n(a) float;\n(b) sink.\nand that is all.\n",
    "Article 1\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_streamed_json_is_what_json_dumps_gives(text):
    doc = parse_text(text)
    out = io.StringIO()
    write_json(doc, out.write)
    assert out.getvalue() == json.dumps(doc.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
    assert json.loads(out.getvalue())["fingerprint"] == doc.fingerprint()
