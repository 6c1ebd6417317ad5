"""Reading XML bytes safely, with errors that name the file and line.

Shared by the importer and the validator so both refuse the same inputs the same way: no
external entities, no network, and a non-XML file is an :class:`AknError`, never a traceback.

A document type declaration is refused too. Akoma Ntoso documents have none, and the entities
one declares are never expanded here (expanding them is how "billion laughs" and external-entity
attacks work), so their text would silently go missing from what is read - and lxml's schema
validator fails with an internal error on an unexpanded entity. Elements may nest at most
:data:`MAX_DEPTH` deep: readers walk the tree recursively, and no real document comes close.
"""

from __future__ import annotations

from lxml import etree

from lawcode.errors import AknError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)


MAX_DEPTH = 200


def parse_xml(data: bytes, source: str) -> etree._ElementTree:
    """Parse ``data``; raise AknError with the line of the first syntax error, of a document
    type declaration, or of an element nested deeper than MAX_DEPTH."""
    if not data.strip():
        raise AknError("the file is empty", file=source, line=1, expected="an Akoma Ntoso XML document")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else None)
        message = (error.msg or str(error)).split(" (line ")[0]
        raise AknError(f"not well-formed XML: {message}", file=source, line=line,
                       expected="an Akoma Ntoso XML document") from None
    tree = etree.ElementTree(root)
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        at = data.find(b"<!DOCTYPE")
        raise AknError("the file has a document type declaration (<!DOCTYPE ...>); its entities are not read",
                       file=source, line=data.count(b"\n", 0, at) + 1 if at >= 0 else 1,
                       expected="an Akoma Ntoso document without a DOCTYPE, its characters written out "
                                "or as character references such as &#233;")
    _check_depth(root, source)
    return tree


def _check_depth(root: etree._Element, source: str) -> None:
    """Refuse elements nested deeper than MAX_DEPTH (walked without recursion)."""
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise AknError(f"elements are nested more than {MAX_DEPTH} deep", file=source, line=element.sourceline,
                           expected="an Akoma Ntoso document of ordinary depth (provisions, lists and inline "
                                    f"markup nested at most {MAX_DEPTH} elements deep)")
