"""Compiled models: validated once, read back from the cache without pydantic, never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawcode.model import snapshot
from lawcode.model.loader import read_valid_model as validate
from lawcode.service import shipped_model_paths

HIVES = Path(__file__).parents[1] / "engine" / "fixtures" / "hives.yaml"


@pytest.mark.parametrize("model", [HIVES, *shipped_model_paths().values()], ids=lambda p: p.parent.name)
def test_the_cache_gives_back_the_very_model_validation_gave(tmp_path, model):
    """Same classes, same values: the engine cannot tell a cached model from a validated one."""
    from lawcode.engine.queries import ask

    validated = validate(model)
    file = tmp_path / "cache" / "models" / "m.json"
    snapshot.write_compiled(file, "k", validated)
    back = snapshot.read_compiled(file, "k")
    assert back is not None
    assert back.model == validated.model
    assert (back.lines, back.conditions, back.exceptions, back.definitions, back.links, back.concepts,
            back.conduct, back.issues) == (validated.lines, validated.conditions, validated.exceptions,
                                           validated.definitions, validated.links, validated.concepts,
                                           validated.conduct, validated.issues)
    if model == HIVES:
        assert ask(back, "farm", on="2021-06-01").to_dict() == ask(validated, "farm", on="2021-06-01").to_dict()
    with pytest.raises(AttributeError):
        back.model.norms[0].action = "something else"  # type: ignore[misc]


def test_a_changed_model_file_gets_a_new_cache_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWCODE_CACHE", str(tmp_path / "cache"))
    model = tmp_path / "hives.yaml"
    model.write_text(HIVES.read_text(encoding="utf-8"), encoding="utf-8")
    first = snapshot.cache_file(model, snapshot.cache_key(model))
    model.write_text(HIVES.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert snapshot.cache_file(model, snapshot.cache_key(model)) != first
    monkeypatch.setenv("LAWCODE_CACHE", "off")
    assert snapshot.cache_file(model, snapshot.cache_key(model)) is None


def test_a_damaged_cache_entry_is_not_trusted(tmp_path):
    file = tmp_path / "cache" / "models" / "m.json"
    file.parent.mkdir(parents=True, mode=0o700)
    file.parent.parent.chmod(0o700)
    for damaged in (b"not json", b"[]", b'{"format": "lawcode-compiled-model-2", "key": "k", "model": {}}',
                    b"[" * 100_000):
        file.write_bytes(damaged)
        assert snapshot.read_compiled(file, "k") is None


def _tampered(data: dict, how: str) -> dict:
    norm = data["model"]["fields"]["norms"][0]
    if how == "unknown class":
        norm["$object"] = "Record"
    elif how == "unknown field":
        norm["fields"]["colour"] = "red"
    elif how == "missing field":
        del norm["fields"]["cites"]
    elif how == "null inside a condition":
        data["definitions"] = {"x": {"not": None}}
    elif how == "null definition":
        data["definitions"] = {"x": None}
    return data


@pytest.mark.parametrize("how", ["unknown class", "unknown field", "missing field", "null inside a condition",
                                 "null definition"])
def test_a_cache_entry_of_another_shape_is_ignored(tmp_path, how):
    """Only the model's own classes with their own fields, and whole conditions, are read back."""
    file = tmp_path / "cache" / "models" / "hives.json"
    snapshot.write_compiled(file, "k", validate(HIVES))
    assert snapshot.read_compiled(file, "k") is not None
    file.write_text(json.dumps(_tampered(json.loads(file.read_text(encoding="utf-8")), how)), encoding="utf-8")
    assert snapshot.read_compiled(file, "k") is None


def test_a_question_from_the_cache_does_not_import_pydantic_or_yaml(tmp_path):
    env = {**os.environ, "LAWCODE_CACHE": str(tmp_path)}
    probe = ("import sys, json; from lawcode.service import load_model; from lawcode.engine.queries import ask; "
             "m = load_model({!r}); ask(m, 'enterprise'); "
             "print(json.dumps(['pydantic' in sys.modules, 'yaml' in sys.modules]))".format(str(shipped_model_paths()[
                 "tar-counter-espionage-2021"])))
    runs = [json.loads(subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                                      check=True).stdout) for _ in range(2)]
    assert runs[0] == [True, True]  # first time: validated, then compiled into the cache
    assert runs[1] == [False, False]  # then read back into the same classes
