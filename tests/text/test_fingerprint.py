"""The text fingerprint: the same digest as its definition, computed once, and only when needed."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import GDPR, TAR, corpus_file
from lawcode.service import with_work_uri
from lawcode.text.document import Document, make_node
from lawcode.text.parse import parse_text

_SPACE = re.compile(r"\s+")


def _by_definition(doc: Document) -> str:
    """docs/decisions/0003: per node, each of eId, number, heading, words, wrap-up with whitespace
    runs made one space and stripped, each followed by U+001F; U+001E after each node."""
    digest = hashlib.sha256()
    for node in doc.walk():
        for part in (node.eid, node.num or "", node.heading or "", node.text, node.wrap_up):
            digest.update(_SPACE.sub(" ", part).strip().encode("utf-8") + b"\x1f")
        digest.update(b"\x1e")
    return "sha256:" + digest.hexdigest()


def test_the_fingerprint_is_the_documented_digest():
    odd = make_node("art_1", "article", " 1\u2003", "Scope\x1f  x", "\u00a0Boats  float\n\tand\u3000sink ", (),
                    "\x1c kept ", 3)
    doc = Document(source="odd.txt", title=None, body=(odd, make_node("art_2", "article", "2", None, "")))
    assert doc.fingerprint() == _by_definition(doc)
    for name in (TAR, GDPR):
        parsed = parse_text(corpus_file(name).read_bytes(), name)
        assert parsed.fingerprint() == _by_definition(parsed)


@pytest.mark.parametrize("odd", [
    " leading", "trailing ", "two  spaces", "two\nlines", "line \nbreak", "\n", " ", "\x1f", "in\x1ebetween", "tab\there",
    "no-break\u00a0space", "next\x85line", "line\u2028separator", "vertical\x0btab", "carriage\rreturn",
])
@pytest.mark.parametrize("field", ["num", "heading", "text", "wrap_up"])
def test_one_odd_part_is_normalised_like_the_rest(odd, field):
    """A text's parts are hashed as they stand when they are normal; one part with whitespace to
    normalise, wherever it stands, still gives the documented digest."""
    parts = {"num": "2", "heading": "Boats", "text": "Boats float.", "wrap_up": ""} | {field: odd}
    nodes = (make_node("art_1", "article", "1", "Scope", "Rules\napply."),
             make_node("art_2", "article", parts["num"], parts["heading"], parts["text"], (), parts["wrap_up"]))
    doc = Document(source="odd.txt", title=None, body=nodes)
    assert doc.fingerprint() == _by_definition(doc)


def test_exporting_another_text_does_not_compute_its_fingerprint():
    doc = parse_text("Harbour Rules\n\nArticle 1: Boats float.\n", "harbour.txt")
    assert with_work_uri(doc) is doc
    assert "_fingerprint" not in doc.__dict__  # cached only once computed


def test_the_shipped_model_s_text_still_gets_its_work_uri():
    doc = parse_text(corpus_file(TAR).read_bytes(), "renamed.txt")  # found by its title
    assert with_work_uri(doc).frbr_uri.startswith("/akn/cn-xz/")
