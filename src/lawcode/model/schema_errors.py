"""The first problem pydantic found in a YAML file, as an error naming the line and what was expected.

Both YAML formats lawcode reads - model files (:mod:`lawcode.model.schema`) and scenario tests
(:mod:`lawcode.scenarios.schema`) - are validated by pydantic against a root class. pydantic
reports every problem with a ``loc`` (keys and indices); this module picks the first in file
order, maps its ``loc`` back to the YAML line, names the item by its ``id`` (or ``name``), offers
the closest allowed field for an unknown one and the field's description as what was expected.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from lawcode.errors import ModelError
from lawcode.model.loaded import find_line
from lawcode.model.yamlsource import Path as YamlPath
from lawcode.suggest import did_you_mean


def first_schema_error(error: ValidationError, data: dict[str, Any], lines: Mapping[YamlPath, int], file: str,
                       root: type[BaseModel], described_by: str,
                       error_class: type[ModelError] = ModelError) -> ModelError:
    """The first schema problem (in file order) as an ``error_class``, with the count of the others.

    ``root`` is the class the whole file was validated against, ``data`` what was read from it;
    ``described_by`` the command that prints the format (said when a field has no description).
    """
    problems = sorted(error.errors(), key=lambda e: find_line(lines, e["loc"]))
    first = problems[0]
    loc = first["loc"]
    more = f" [and {len(problems) - 1} more problem(s)]" if len(problems) > 1 else ""
    where = _where(data, loc[:-1] if first["type"] in ("extra_forbidden", "missing") else loc)
    line = find_line(lines, loc)
    if first["type"] == "extra_forbidden":
        allowed = _fields_at(root, loc[:-1])
        return error_class(f"{where}unknown field {loc[-1]!r}{did_you_mean(str(loc[-1]), allowed)}{more}",
                           file=file, line=line, expected="one of " + ", ".join(allowed))
    if first["type"] == "missing":
        return error_class(f"{where}missing field {loc[-1]!r}{more}", file=file, line=line,
                           expected=_description(root, loc) or f"a value for {loc[-1]}")
    value = first.get("input")
    shown = f" (found {value!r})" if not isinstance(value, (dict, list)) else ""
    return error_class(f"{where}{first['msg']}{shown}{more}", file=file, line=line,
                       expected=_description(root, loc) or f"a value as `{described_by}` describes it")


def _where(data: Any, loc: YamlPath) -> str:
    """``norms[3] (art13.1-x).kind: `` - a path a reader can find, with the item's id (or name)."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
            node = node[part] if isinstance(node, list) and part < len(node) else None
            label = node.get("id", node.get("name")) if isinstance(node, dict) else None
            if isinstance(label, str):
                parts.append(f" ({label})")
        else:
            parts.append(("." if parts else "") + str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(parts) + ": " if parts else ""


def _class_at(root: type[BaseModel], loc: YamlPath) -> type[BaseModel] | None:
    """The schema class that describes the mapping at ``loc``."""
    cls: type[BaseModel] = root
    for part in loc:
        if isinstance(part, int):
            continue
        info = _field(cls, part)
        if info is None:
            return None
        inner = _model_in(info.annotation)
        if inner is None:
            return None
        cls = inner
    return cls


def _field(cls: type[BaseModel], name: str) -> FieldInfo | None:
    for field_name, info in cls.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _fields_at(root: type[BaseModel], loc: YamlPath) -> list[str]:
    cls = _class_at(root, loc)
    if cls is None:
        return []
    return [info.alias or name for name, info in cls.model_fields.items()]


def _description(root: type[BaseModel], loc: YamlPath) -> str | None:
    names = [p for p in loc if not isinstance(p, int)]
    if not names:
        return None
    cls = _class_at(root, tuple(loc[: max(i for i, p in enumerate(loc) if not isinstance(p, int))]))
    info = _field(cls, names[-1]) if cls is not None else None
    return info.description if info is not None else None
