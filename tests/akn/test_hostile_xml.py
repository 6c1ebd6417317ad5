"""Akoma Ntoso input that would crash or silently lose words is refused with a clear error (exit 2)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.akn.validate import validate_akn
from lawcode.akn.xml import MAX_DEPTH
from lawcode.errors import AknError
from lawcode.text.document import Document, Reference, make_node
from lawcode.text.parse import parse_text

_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def _with_entity() -> bytes:
    """A valid lawcode export whose words use an entity declared in an internal DTD."""
    xml = to_akn(parse_text("Article 1: Boats float.\n"))
    return xml.replace(_DECLARATION, b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY co "Company">]>\n'
                       ).replace(b"Boats float.", b"The &co; floats.")


def _nested(depth: int) -> bytes:
    head = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><body>'
    return (head + b"".join(b'<part eId="p%d">' % i for i in range(depth)) + b"</part>" * depth
            + b"</body></act></akomaNtoso>")


def test_an_entity_is_refused_naming_the_doctype_line():
    for read in (validate_akn, from_akn):
        with pytest.raises(AknError) as caught:
            read(_with_entity(), "entity.xml")
        assert caught.value.line == 2 and "DOCTYPE" in caught.value.message


def test_validate_on_an_entity_exits_2_with_one_line(tmp_path):
    path = tmp_path / "entity.xml"
    path.write_bytes(_with_entity())
    run = subprocess.run([sys.executable, "-m", "lawcode", "validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{path}:2: the file has a document type declaration" in run.stderr


def test_deep_nesting_is_refused_not_a_crash():
    for read in (validate_akn, from_akn):
        with pytest.raises(AknError) as caught:
            read(_nested(1_200), "deep.xml")
        assert f"more than {MAX_DEPTH} deep" in caught.value.message
    assert from_akn(_nested(50), "ok.xml").body[0].eid == "p0"  # ordinary depth is read


def test_export_places_many_references_in_one_provision_in_linear_time():
    """Placing a provision's references used to compare each with all before it (a 4.7 MB text
    took 41 s to export); 40 000 in one provision must take well under the bound."""
    count = 40_000  # the quadratic placing took 32 s for 20 000
    words = " ".join(f"under Article {n + 1}," for n in range(count))
    node = make_node("art_1", "article", "1", None, words)
    refs = tuple(Reference("art_1", f"Article {n + 1}", f"art_{n + 1}") for n in range(count))
    doc = Document(source="many.txt", title=None, body=(node,), references=refs)
    start = time.perf_counter()
    xml = to_akn(doc)
    assert time.perf_counter() - start < 10  # generous: about 0.2 s on a shared 2-core machine
    assert xml.count(b"<ref ") == count
