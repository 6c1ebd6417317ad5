"""Read YAML keeping the line of every key and list item, and refusing duplicate keys.

``yaml.safe_load`` forgets where things were and silently keeps the last of two equal keys, so
a model file with a typo would give errors without a line, or lose a norm without a word. Here
the YAML is composed into nodes first (which carry their marks) and built into plain Python
data by hand, recording ``path -> line`` on the way.
"""

from __future__ import annotations

from typing import Any

import yaml

from lawcode.errors import ModelError

# libyaml's parser when PyYAML has it (ten times faster on a large model); same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple  # keys and list indices from the document root, e.g. ("norms", 3, "cites", 0)


def read_yaml(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse ``text``; return the data and the 1-based line of every path in it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ModelError("the model file is empty", file=file, line=1,
                             expected="a mapping with regulation, actors and norms")
        lines: dict[Path, int] = {(): node.start_mark.line + 1}
        return _build(node, (), lines, loader, file), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "not YAML"
        if error.context and error.context_mark and error.problem_mark:
            what += f" ({error.context}, which started at line {error.context_mark.line + 1})"
        raise ModelError(f"YAML syntax error: {what}", file=file, line=mark.line + 1 if mark else None,
                         expected="well-formed YAML (check indentation, colons and quotes)") from None
    finally:
        loader.dispose()


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], loader: "_Loader", file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, file)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise ModelError(f"a key must be a plain word, not {type(key).__name__}", file=file, line=line,
                                 expected="a field name")
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


def _scalar(node: yaml.Node, loader: "_Loader", file: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise ModelError("a key must be a plain word", file=file, line=node.start_mark.line + 1,
                         expected="a field name")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as error:  # e.g. 2021-02-30
        raise ModelError(f"cannot read value {node.value!r}: {error}", file=file,
                         line=node.start_mark.line + 1, expected="a valid value (dates as YYYY-MM-DD)") from None
