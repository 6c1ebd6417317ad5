"""Compiled models: a validated model kept on disk as JSON, read back without pydantic.

Validating a model file costs little; importing pydantic and building the schema classes costs
about 230 ms, most of a one-question command. So a model that was validated once is stored in
a cache, keyed by the bytes of the model file and of the code that reads it; the next command
reads it back into the very classes validation gives (:mod:`lawcode.model.objects`) and never
imports pydantic or YAML.

What is read back is never trusted more than data:

- The cache file is JSON (objects of :mod:`lawcode.model.objects` by class name, dates, enum
  values, condition trees spelt out), so reading it can never run code, whoever wrote it.
  Anything that does not decode into exactly that shape is ignored and the model validated
  again.
- The file names its key (a SHA-256 of the model file's bytes, lawcode's model code and the
  Python version) in full; an entry whose key is not the key of the model file as it is now is
  ignored, so a stale or swapped entry is never used.
- The folder must belong to the user and be writable by no one else (created ``0700``); a file
  in it likewise. Otherwise the cache is not used at all, with a warning on stderr: anyone who
  could write there could hand every later question a model of their choosing.
- A compiled model is written to a private temporary file and renamed into place; the
  temporary file is removed whatever goes wrong.

The cache lives in ``$LAWCODE_CACHE``, else ``$XDG_CACHE_HOME/lawcode``, else
``~/.cache/lawcode``; ``LAWCODE_CACHE=off`` turns it off. A cache that cannot be written is
skipped: it only saves time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib
import json
import logging
import os
import stat
import sys
import tempfile
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lawcode.model import objects
from lawcode.model.conditions import And, Const, Derived, Expr, Fact, Not, Or
from lawcode.model.issues import Issue
from lawcode.model.limits import MAX_CONDITION_DEPTH
from lawcode.model.loaded import LoadedModel

_FORMAT = "lawcode-compiled-model-4"
# Modules whose Enum classes a compiled model may name (the norm kinds).
_ENUM_MODULES = ("lawcode.model.kinds",)

_OBJECT_CLASSES = frozenset(objects.CLASSES.values())

_log = logging.getLogger("lawcode.cache")


class _NotACompiledModel(ValueError):
    """The cache entry does not have the shape of a compiled model: it is ignored."""


# --- where, and under which key ---------------------------------------------------------------


def cache_folder() -> Path | None:
    """The folder compiled models are kept in, or None when the cache is off."""
    setting = os.environ.get("LAWCODE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lawcode"


def cache_key(model_path: Path) -> str:
    """SHA-256 of what a compiled model depends on: the model file (where it is, since the compiled
    model records its path and texts are found beside it, and what it holds), the code reading
    it, Python."""
    digest = hashlib.sha256(_FORMAT.encode())
    digest.update(sys.version.encode())
    digest.update(str(model_path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(model_path.read_bytes())
    for source in sorted(Path(__file__).parent.glob("*.py")):  # the code that reads models
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_file(model_path: Path, key: str, folder: Path | None = None) -> Path | None:
    """Where the compiled form of this model file under ``key`` is kept (in the cache ``folder``,
    else the user's), or None if off."""
    folder = folder if folder is not None else cache_folder()
    if folder is None:
        return None
    return folder / "models" / f"{model_path.stem}-{key[:32]}.json"


def _private(path: Path, *, folder: bool) -> bool:
    """Is ``path`` a real folder (or file) of this user that no one else can write?"""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_folder(file: Path, *, create: bool) -> bool:
    """The cache folder and its ``models`` folder exist (or were made ``0700``) and are private."""
    for folder in (file.parent.parent, file.parent):
        if create and not folder.exists():
            try:
                folder.parent.mkdir(parents=True, exist_ok=True)  # e.g. ~/.cache on a fresh machine
                folder.mkdir(mode=0o700)
            except OSError:
                return False
        if not folder.exists():
            return False
        if not _private(folder, folder=True):
            _log.warning("lawcode: warning: the model cache %s is not a folder of yours that only you can write; "
                         "it is not used (chmod 700 it, or set LAWCODE_CACHE to another folder, or to off)", folder)
            return False
    return True


# --- read and write ---------------------------------------------------------------------------


def read_compiled(file: Path | None, key: str) -> LoadedModel | None:
    """The compiled model stored at ``file`` under ``key``, or None (absent, foreign, damaged)."""
    if file is None or not _usable_folder(file, create=False) or not _private(file, folder=False):
        return None
    try:
        data = json.loads(file.read_bytes())
        if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("key") != key:
            return None
        return _decode_model(data)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):  # rebuilt, never trusted
        return None


def write_compiled(file: Path | None, key: str, loaded: LoadedModel) -> None:
    """Store a compiled model; a folder that cannot be (safely) written is left alone."""
    if file is None or not _usable_folder(file, create=True):
        return
    try:
        text = json.dumps({"format": _FORMAT, "key": key, **_encode_model(loaded)}, ensure_ascii=False,
                          separators=(",", ":"))
    except (ValueError, RecursionError):  # a model the format cannot hold is simply not cached
        return
    try:
        handle, partial = tempfile.mkstemp(dir=file.parent, prefix=".", suffix=".tmp")  # 0600, O_EXCL
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(partial, file)  # atomic: a reader sees the old state or the whole new file
    except OSError:
        pass
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


# --- the JSON form ----------------------------------------------------------------------------


def _encode_model(loaded: LoadedModel) -> dict[str, Any]:
    return {
        "model": _encode(loaded.model),
        "path": loaded.path,
        "lines": [[list(path), line] for path, line in loaded.lines.items()],
        "conditions": {k: _encode_expr(v) for k, v in loaded.conditions.items()},
        "exceptions": {k: _encode_expr(v) for k, v in loaded.exceptions.items()},
        "definitions": {k: _encode_expr(v) for k, v in loaded.definitions.items()},
        "links": [[list(key), _encode_expr(v)] for key, v in loaded.links.items()],
        "concepts": {k: _encode_expr(v) for k, v in loaded.concepts.items()},
        "conduct": {k: _encode_expr(v) for k, v in loaded.conduct.items()},
        "issues": [dataclasses.asdict(issue) for issue in loaded.issues],
    }


def _decode_model(data: dict[str, Any]) -> LoadedModel:
    lines = {tuple(_path(path)): _int(line) for path, line in data["lines"]}
    model = _decode(data["model"])
    if not isinstance(model, objects.Model):
        raise _NotACompiledModel("not a model")
    return LoadedModel(
        model=model,
        path=_str(data["path"]),
        lines=MappingProxyType(lines),
        conditions=MappingProxyType({_str(k): _decode_optional(v) for k, v in data["conditions"].items()}),
        exceptions=MappingProxyType({_str(k): _decode_optional(v) for k, v in data["exceptions"].items()}),
        definitions=MappingProxyType({_str(k): _decode_expr(v) for k, v in data["definitions"].items()}),
        links=MappingProxyType({(_str(actor), _str(parent)): _decode_expr(v) for (actor, parent), v in data["links"]}),
        concepts=MappingProxyType({_str(k): _decode_expr(v) for k, v in data["concepts"].items()}),
        conduct=MappingProxyType({_str(k): _decode_expr(v) for k, v in data["conduct"].items()}),
        issues=tuple(Issue(**issue) for issue in data["issues"]),
    )


def _encode(value: Any) -> Any:
    """Model objects, tuples, dates and enum members as JSON; each non-JSON value tagged."""
    if type(value) in _OBJECT_CLASSES:
        return {"$object": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Enum):
        return {"$enum": f"{type(value).__module__}:{type(value).__qualname__}", "value": value.value}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        raise _NotACompiledModel(type(value).__name__)
    if "$object" in value:
        cls = objects.CLASSES.get(_str(value["$object"]))
        if cls is None:
            raise _NotACompiledModel(f"no model class {value['$object']}")
        # JSON keys are strings; a field the class does not have is a TypeError, so not a model
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    if "$enum" in value:
        return _enum(_str(value["$enum"]))(value["value"])
    if "$date" in value:
        return dt.date.fromisoformat(_str(value["$date"]))
    raise _NotACompiledModel("an untagged mapping")


@functools.lru_cache(maxsize=8)
def _enum(name: str) -> type[Enum]:
    """The Enum class ``module:Name``, from the modules a model may use only (never any import)."""
    module, _, qualname = name.partition(":")
    if module not in _ENUM_MODULES:
        raise _NotACompiledModel(f"enum from {module}")
    found = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(found, type) and issubclass(found, Enum)):
        raise _NotACompiledModel(f"no enum {name}")
    return found


def _encode_expr(expr: Expr | None) -> Any:
    if expr is None:
        return None
    if isinstance(expr, Fact):
        return {"fact": expr.name}
    if isinstance(expr, Const):
        return {"const": expr.value}
    if isinstance(expr, Not):
        return {"not": _encode_expr(expr.operand)}
    if isinstance(expr, Derived):
        return {"derived": [expr.name, _encode_expr(expr.definition)]}
    return {"and" if isinstance(expr, And) else "or": [_encode_expr(o) for o in expr.operands]}


def _decode_optional(data: Any) -> Expr | None:
    """A norm's condition or exception: a condition, or None when the norm has none."""
    return None if data is None else _decode_expr(data)


def _decode_expr(data: Any, depth: int = 0) -> Expr:
    """A condition tree; None (or anything else that is not a condition) anywhere in it is an error."""
    if depth > MAX_CONDITION_DEPTH * 2 + 2 or not isinstance(data, dict) or len(data) != 1:
        raise _NotACompiledModel("not a condition")
    (tag, inner), = data.items()
    if tag == "fact":
        return Fact(_str(inner))
    if tag == "const" and isinstance(inner, bool):
        return Const(inner)
    if tag == "not":
        return Not(_decode_expr(inner, depth + 1))
    if tag == "derived" and isinstance(inner, list) and len(inner) == 2:
        return Derived(_str(inner[0]), _decode_expr(inner[1], depth + 1))
    if tag in ("and", "or") and isinstance(inner, list):
        operands = tuple(_decode_expr(o, depth + 1) for o in inner)
        return And(operands) if tag == "and" else Or(operands)
    raise _NotACompiledModel(f"condition {tag!r}")


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _NotACompiledModel("a name that is not a string")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _NotACompiledModel("a line that is not a number")
    return value


def _path(value: Any) -> list[str | int]:
    if not isinstance(value, list) or not all(isinstance(p, (str, int)) for p in value):
        raise _NotACompiledModel("a path that is not a list of keys")
    return value
