"""A Document as JSON, written node by node.

``lawcode parse --format json`` on a large text used to build the whole tree as dicts, then the
whole JSON as one string (a 13 MB text with 840,000 provisions took 2 GB). Here the body is
written one node at a time, so memory stays that of the Document itself. The bytes are exactly
those of ``json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from lawcode.text.document import Document, Node

Write = Callable[[str], object]


def write_json(doc: Document, write: Write) -> None:
    """Write ``doc`` as JSON (and a final newline) through ``write``."""
    head = dataclasses.replace(doc, body=()).to_dict()  # every key but the body, in to_dict's order
    if "fingerprint" in head:
        head["fingerprint"] = doc.fingerprint()  # computed from the body the copy lacks
    keys = list(head)
    write("{\n")
    for position, key in enumerate(keys):
        write(f"  {_dumps(key, 2)}: ")
        if key == "body":
            _write_nodes(doc.body, 2, write)
        else:
            write(_dumps(head[key], 2))
        write(",\n" if position < len(keys) - 1 else "\n")
    write("}\n")


def _write_nodes(nodes: tuple[Node, ...], indent: int, write: Write) -> None:
    """A list of nodes whose opening bracket stands on a line indented by ``indent`` spaces."""
    if not nodes:
        write("[]")
        return
    inner = " " * (indent + 2)
    write("[\n")
    last = len(nodes) - 1
    for position, node in enumerate(nodes):
        write(inner)
        _write_node(node, indent + 2, write)
        write(",\n" if position < last else "\n")
    write(" " * indent + "]")


def _write_node(node: Node, indent: int, write: Write) -> None:
    """One node, its fields (all strings, numbers or null) one to a line, then its children."""
    inner = " " * (indent + 2)
    fields = "".join(f'{inner}"{key}": {_scalar(value)},\n' for key, value in node.own_dict().items())
    write(f'{{\n{fields}{inner}"children": ')
    _write_nodes(node.children, indent + 2, write)
    write("\n" + " " * indent + "}")


# A scalar is written the same with or without indentation; without it, json uses its C encoder.
_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _dumps(value: object, indent: int) -> str:
    """``value`` as json.dumps(indent=2) writes it at ``indent`` spaces of nesting."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return text.replace("\n", "\n" + " " * indent) if "\n" in text else text
