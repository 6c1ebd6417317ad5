"""The real TAR regulation (read from the corpus at run time) through export, validation and import."""

from __future__ import annotations

from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.akn.validate import validate_akn


def test_tar_export_is_schema_valid_and_deterministic(tar_document):
    xml = to_akn(tar_document)
    assert validate_akn(xml, "tar.xml") == []
    assert to_akn(tar_document) == xml


def test_tar_round_trip(tar_document):
    back = from_akn(to_akn(tar_document), "tar.xml")
    assert back.body == tar_document.body
    assert back.references == tar_document.references
    assert back.title == tar_document.title
    assert back.fingerprint() == tar_document.fingerprint()
    assert sum(1 for n in back.walk() if n.kind == "article") == 32
