"""Read YAML keeping the line of every key and list item, and refusing duplicate keys.

``yaml.safe_load`` forgets where things were and silently keeps the last of two equal keys, so
a model file with a typo would give errors without a line, or lose a norm without a word. Here
the YAML is composed into nodes first (which carry their marks) and built into plain Python
data by hand, recording ``path -> line`` on the way.

Before that, the events of the YAML stream are scanned once (:func:`_scan`) and anything beyond
plain data is refused with its line: anchors and aliases (each alias would be copied, so a few
hundred bytes of them expand to gigabytes, and a recursive one never ends), tags (``!!python/...``
or any other) and merge keys (``<<``), more nodes or deeper nesting than
:mod:`lawcode.model.limits` allows. Keys must be plain words: ``~``, numbers and booleans are
refused where they are written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from lawcode.errors import ModelError
from lawcode.model.limits import MAX_YAML_DEPTH, MAX_YAML_NODES

# libyaml's parser when PyYAML has it (ten times faster on a large model); same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break

Path = tuple[str | int, ...]  # keys and list indices from the document root, e.g. ("norms", 3, "cites", 0)


def read_yaml(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse ``text``; return the data and the 1-based line of every path in it."""
    try:
        _scan(text, file)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, file) from None
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, file) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ModelError("the model file is empty", file=file, line=1,
                             expected="a mapping with regulation, actors and norms")
        lines: dict[Path, int] = {(): node.start_mark.line + 1}
        return _build(node, (), lines, loader, file), lines
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, file) from None
    finally:
        loader.dispose()


def _scan(text: str, file: str) -> None:
    """Refuse anchors, aliases, tags, too many nodes and too deep nesting, before any is built."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent):
            raise ModelError(f"YAML alias *{event.anchor} is not allowed in a model file", file=file, line=line,
                             expected="the value written out in full; anchors and aliases are refused")
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            continue
        if event.anchor is not None:
            raise ModelError(f"YAML anchor &{event.anchor} is not allowed in a model file", file=file, line=line,
                             expected="the value written out in full; anchors and aliases are refused")
        tag = getattr(event, "tag", None)  # scalars and collections carry one; the stubs say otherwise
        if tag is not None:
            raise ModelError(f"YAML tag {tag} is not allowed in a model file", file=file, line=line,
                             expected="plain values, lists and mappings, without tags")
        nodes += 1
        if nodes > MAX_YAML_NODES:
            raise ModelError(f"the model file has more than {MAX_YAML_NODES:,} YAML nodes", file=file, line=line,
                             expected="a model of at most that many values, lists and mappings")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ModelError(f"lists and mappings nested more than {MAX_YAML_DEPTH} deep", file=file,
                                 line=line, expected="the model format's structure (it needs 6 levels)")


def _syntax_error(error: yaml.MarkedYAMLError, text: str, file: str) -> ModelError:
    """The parser's problem, at its line; a problem found at the end of the file, at its last line."""
    last = len(_BREAK.findall(text.rstrip("\r\n\x85\u2028\u2029"))) + 1
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "not YAML"
    if error.context and error.context_mark and error.problem_mark:
        what += f" ({error.context}, which started at line {min(error.context_mark.line + 1, last)})"
    return ModelError(f"YAML syntax error: {what}", file=file, line=min(mark.line + 1, last) if mark else None,
                      expected="well-formed YAML (check indentation, colons and quotes)")


def _reader_error(error: yaml.reader.ReaderError, text: str, file: str) -> ModelError:
    """A character YAML refuses (a NUL byte, a control character), with its line."""
    character = error.character if isinstance(error.character, str) else chr(error.character)
    what = "a NUL byte (is this a binary file?)" if character == "\0" else f"the character U+{ord(character):04X}"
    line = len(_BREAK.findall(text, 0, error.position)) + 1
    return ModelError(f"{what} is not allowed in YAML", file=file, line=line,
                      expected="printable text (tabs and line breaks are the only control characters YAML allows)")


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], loader: yaml.SafeLoader, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ModelError("YAML merge key << is not allowed in a model file", file=file, line=line,
                                 expected="the keys written out in full")
            key = _scalar(key_node, loader, file)
            if not isinstance(key, str):
                shown = "~ (null)" if key is None else f"{key_node.value} ({type(key).__name__})"
                raise ModelError(f"a key must be a name, not {shown}", file=file, line=line,
                                 expected="a field name such as id, kind or cites")
            if key in result:
                raise ModelError(
                    f"duplicate key {key!r} (first at line {lines[path + (key,)]})", file=file, line=line,
                    expected="each key once in a mapping; YAML would otherwise silently keep the last one",
                )
            lines[path + (key,)] = line
            result[key] = _build(value_node, path + (key,), lines, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(_build(item, path + (index,), lines, loader, file))
        return items
    return _scalar(node, loader, file)


def _scalar(node: yaml.Node, loader: yaml.SafeLoader, file: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise ModelError("a key must be a plain word", file=file, line=node.start_mark.line + 1,
                         expected="a field name")
    if node.tag == _STR:  # most scalars: the text as written, without the constructor's machinery
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as error:  # e.g. 2021-02-30
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ModelError(f"cannot read value {node.value!r}: {problem}", file=file, line=node.start_mark.line + 1,
                         expected="a valid value (dates as YYYY-MM-DD; other text in quotes)") from None
