"""The compiled-model cache cannot run code, cannot be swapped, and leaves nothing half-written."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from lawcode.model import snapshot
from lawcode.model.loader import read_valid_model as validate

HIVES = Path(__file__).parents[1] / "engine" / "fixtures" / "hives.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LAWCODE_CACHE", str(folder))
    return folder


def _store(model: Path) -> tuple[Path, str]:
    key = snapshot.cache_key(model)
    file = snapshot.cache_file(model, key)
    assert file is not None
    snapshot.write_compiled(file, key, validate(model))
    return file, key


def test_the_cache_is_json_in_a_private_folder_with_no_temporary_file_left(cache: Path) -> None:
    file, key = _store(HIVES)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["key"] == key
    assert (cache.stat().st_mode & 0o777, file.parent.stat().st_mode & 0o777) == (0o700, 0o700)
    assert file.stat().st_mode & 0o077 == 0
    assert sorted(p.name for p in file.parent.iterdir()) == [file.name]


def test_a_planted_pickle_is_never_executed(cache: Path, tmp_path: Path) -> None:
    file, key = _store(HIVES)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple:
            return (os.system, (f"touch {marker}",))

    file.write_bytes(pickle.dumps(Payload()))
    assert snapshot.read_compiled(file, key) is None
    assert not marker.exists()


def test_an_entry_whose_key_is_not_the_models_is_ignored(cache: Path) -> None:
    file, key = _store(HIVES)
    data = json.loads(file.read_text(encoding="utf-8"))
    data["key"] = "0" * 64
    file.write_text(json.dumps(data), encoding="utf-8")
    assert snapshot.read_compiled(file, key) is None


def test_an_entry_naming_a_foreign_enum_is_ignored(cache: Path) -> None:
    file, key = _store(HIVES)
    text = file.read_text(encoding="utf-8").replace("lawcode.model.kinds:NormKind", "os:OSError", 1)
    file.write_text(text, encoding="utf-8")
    assert snapshot.read_compiled(file, key) is None


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o755 | 0o002])
def test_a_cache_folder_others_can_write_is_not_used(cache: Path, mode: int, caplog: pytest.LogCaptureFixture) -> None:
    file, key = _store(HIVES)
    cache.chmod(mode)
    assert snapshot.read_compiled(file, key) is None
    assert "not a folder of yours that only you can write" in caplog.text
    os.unlink(file)
    snapshot.write_compiled(file, key, validate(HIVES))
    assert not file.exists()


def test_a_cache_file_others_can_write_is_not_used(cache: Path) -> None:
    file, key = _store(HIVES)
    file.chmod(0o666)
    assert snapshot.read_compiled(file, key) is None


def test_a_symlinked_cache_file_is_not_followed(cache: Path, tmp_path: Path) -> None:
    file, key = _store(HIVES)
    elsewhere = tmp_path / "elsewhere.json"
    file.rename(elsewhere)
    file.symlink_to(elsewhere)
    assert snapshot.read_compiled(file, key) is None


def test_a_failed_write_leaves_no_temporary_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = snapshot.cache_key(HIVES)
    file = snapshot.cache_file(HIVES, key)
    assert file is not None

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(snapshot.os, "replace", broken)
    snapshot.write_compiled(file, key, validate(HIVES))
    assert list(file.parent.iterdir()) == []


def test_the_cache_folder_is_made_where_its_parents_do_not_exist_yet(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAWCODE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh" / "home" / ".cache"))
    file, key = _store(HIVES)
    assert file.is_relative_to(tmp_path / "fresh" / "home" / ".cache" / "lawcode")
    assert snapshot.read_compiled(file, key) is not None
