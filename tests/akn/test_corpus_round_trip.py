"""Every corpus text: unique, valid eIds; a schema-valid Akoma Ntoso export that reads back equal."""

from __future__ import annotations

import re

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.akn.validate import validate_akn
from lawcode.text.parse import parse_text

_EID = re.compile(r"[a-z]+_[0-9A-Za-z]+(?:_[0-9]+)?(?:__[a-z]+_[0-9A-Za-z]+(?:_[0-9]+)?)*")


@pytest.mark.parametrize("name", [TAR, GDPR, UK_EQUALITY, CAPE_TOWN, COPPA])
def test_corpus_text_round_trips_through_valid_akn(name):
    doc = parse_text(corpus_file(name).read_bytes(), name)
    eids = [node.eid for node in doc.walk()]
    assert len(eids) == len(set(eids)) and all(_EID.fullmatch(eid) for eid in eids)
    xml = to_akn(doc)
    assert validate_akn(xml, name) == []
    back = from_akn(xml, name)
    assert back.body == doc.body and back.references == doc.references and back.definitions == doc.definitions
