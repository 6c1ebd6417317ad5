"""Reading XML bytes safely, with errors that name the file and line.

Shared by the importer and the validator so both refuse the same inputs the same way: no
external entities, no network, and a non-XML file is an :class:`AknError`, never a traceback.
"""

from __future__ import annotations

from lxml import etree

from lawcode.errors import AknError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)


def parse_xml(data: bytes, source: str) -> etree._ElementTree:
    """Parse ``data``; raise AknError with the line of the first syntax error."""
    if not data.strip():
        raise AknError("the file is empty", file=source, line=1, expected="an Akoma Ntoso XML document")
    try:
        return etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else None)
        message = (error.msg or str(error)).split(" (line ")[0]
        raise AknError(f"not well-formed XML: {message}", file=source, line=line,
                       expected="an Akoma Ntoso XML document") from None
