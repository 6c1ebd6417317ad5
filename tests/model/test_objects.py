"""The loaded model's classes (lawcode.model.objects) stay in step with the file format
(lawcode.model.schema): each schema class has a twin with the same fields and defaults, and a
validated model is made of the twins only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from lawcode.model import objects, schema
from lawcode.model.loader import read_valid_model

HIVES = Path(__file__).parents[1] / "engine" / "fixtures" / "hives.yaml"
SCHEMA_CLASSES = {name: cls for name, cls in vars(schema).items()
                  if isinstance(cls, type) and issubclass(cls, schema.Strict) and cls is not schema.Strict}


def test_every_schema_class_has_a_twin_with_the_same_fields_and_defaults():
    assert sorted(SCHEMA_CLASSES) == sorted(objects.CLASSES)
    for name, cls in SCHEMA_CLASSES.items():
        twin = {f.name: f for f in dataclasses.fields(objects.CLASSES[name])}
        assert list(twin) == list(cls.model_fields), name  # same names, same order
        for field_name, info in cls.model_fields.items():
            default = twin[field_name].default
            if info.default is PydanticUndefined:
                assert default is dataclasses.MISSING, f"{name}.{field_name} has no default in the file format"
            else:
                expected = tuple(info.default) if isinstance(info.default, list) else info.default
                assert default == expected, f"{name}.{field_name}"


def _walk(value: object) -> list[object]:
    found = [value]
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            found += _walk(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found += _walk(item)
    return found


def test_a_validated_model_holds_frozen_objects_and_tuples_only():
    model = read_valid_model(HIVES).model
    parts = _walk(model)
    assert not any(isinstance(p, (BaseModel, list, dict)) for p in parts)
    assert {type(p).__name__ for p in parts if dataclasses.is_dataclass(p)} >= {"Model", "Regulation", "Norm", "Actor"}
    assert all(type(p).__dataclass_params__.frozen for p in parts if dataclasses.is_dataclass(p))
