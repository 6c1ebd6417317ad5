"""Compiled models: a validated model kept as plain data, cached, read back without pydantic.

Validating a model file costs little; importing pydantic and building the schema classes costs
about 230 ms, most of a one-question command. So a model that was validated once is stored in
a cache as plain records (the same attribute names as the schema classes, no pydantic), keyed by
the bytes of the model file and of the code that reads it; the next command reads the record
form back and never imports pydantic or YAML. Any change to the file or to lawcode's model code
gives a new key, so a stale compiled model is never used.

The cache lives in ``$LAWCODE_CACHE``, else ``$XDG_CACHE_HOME/lawcode``, else
``~/.cache/lawcode``; ``LAWCODE_CACHE=off`` turns it off. A cache that cannot be written is
skipped: it only saves time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from lawcode.model.loaded import LoadedModel

_FORMAT = b"lawcode-compiled-model-1"


class Record:
    """A read-only record with the fields of one schema object (a norm, an actor, ...)."""

    def __init__(self, kind: str, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_kind", kind)
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k != "_kind")
        return f"{self._kind}({shown})"


def compile_model(loaded: LoadedModel) -> LoadedModel:
    """The same LoadedModel with its pydantic model turned into plain records."""
    return dataclasses.replace(loaded, model=_plain(loaded.model))


def _plain(value: Any) -> Any:
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a pydantic model: a record with the same attribute names
        return Record(type(value).__name__, {name: _plain(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool, type(None), Enum)) or hasattr(value, "isoformat"):
        return value
    raise TypeError(f"cannot compile a {type(value).__name__}")


def cache_file(model_path: Path) -> Path | None:
    """Where the compiled form of this model file (as it is now) is kept, or None if off."""
    setting = os.environ.get("LAWCODE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    folder = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lawcode"
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    digest.update(model_path.read_bytes())
    for source in sorted(Path(__file__).parent.glob("*.py")):  # the code that reads models
        digest.update(source.read_bytes())
    return folder / "models" / f"{model_path.stem}-{digest.hexdigest()[:32]}.pickle"


def read_compiled(file: Path | None) -> LoadedModel | None:
    """The compiled model stored at ``file``, or None when there is none (or it is unreadable)."""
    if file is None or not file.is_file():
        return None
    try:
        with file.open("rb") as stream:
            loaded = pickle.load(stream)
    except Exception:  # a damaged cache entry is rebuilt, never trusted
        return None
    return loaded if isinstance(loaded, LoadedModel) else None


def write_compiled(file: Path | None, loaded: LoadedModel) -> None:
    """Store a compiled model; a folder that cannot be written is left alone."""
    if file is None:
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(loaded, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(file)  # atomic: a reader sees the old state or the whole new file
    except OSError:
        return
