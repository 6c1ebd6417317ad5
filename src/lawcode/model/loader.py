"""Load a model file into a :class:`LoadedModel`, or say precisely (file and line) why not.

Why YAML: model files are written and reviewed by people. YAML has comments (the modeller says
why a provision is read one way), multi-line prose for actions and notes, and - composed
node by node, see :mod:`lawcode.model.yamlsource` - a line for every key, which every error
message names. TOML was the alternative; it nests arrays of tables (norms in a list, each with
lists of cites and a validity table) awkwardly, and JSON has no comments.

Loading goes in four steps, each failing with a :class:`ModelError` that names file and line:
YAML syntax and duplicate keys; the schema (pydantic: unknown field, wrong type, missing field,
its ``loc`` mapped back to the YAML line); the conditions (parsed, never evaluated as Python);
then the references inside the model (declared actors and facts, known norm ids, unique ids, no
cycles - see :mod:`lawcode.model.consistency`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from pydantic import ValidationError

from lawcode.errors import ModelError
from lawcode.model.conditions import Expr, parse_condition
from lawcode.model.derived import expand_definitions, with_concepts
from lawcode.model.issues import ERROR
from lawcode.model.limits import MAX_MODEL_BYTES
from lawcode.model.loaded import LoadedModel as LoadedModel
from lawcode.model.loaded import find_line
from lawcode.model.objects import Model
from lawcode.model.schema import Model as ModelFile
from lawcode.model.schema import validate
from lawcode.model.schema_errors import first_schema_error
from lawcode.model.yamlsource import Path as YamlPath
from lawcode.model.yamlsource import read_yaml


def read_valid_model(path: str | Path) -> LoadedModel:
    """Load and validate a model file; raise :class:`ModelError` on its first problem."""
    loaded = read_model(path)
    errors = [i for i in loaded.issues if i.severity == ERROR]
    if errors:
        first = errors[0]
        more = f" [and {len(errors) - 1} more problem(s); `lawcode check` lists them all]" if len(errors) > 1 else ""
        raise ModelError(first.message + more, file=loaded.path, line=first.line)
    return loaded


def read_model(path: str | Path) -> LoadedModel:
    """Load a model file, keeping problems in its references as ``issues`` rather than raising.

    Syntax, schema and condition errors still raise: without them there is no model to check.
    """
    from lawcode.model.consistency import reference_issues

    file = str(path)
    data, lines = read_yaml(read_model_text(Path(path), file), file)
    if not isinstance(data, dict):
        raise ModelError("the model file must be a mapping", file=file, line=1,
                         expected="top-level keys regulation, actors, facts, norms, ...")
    try:
        model = validate(data)
    except ValidationError as error:
        raise first_schema_error(error, data, lines, file, ModelFile, "lawcode schema") from None
    concepts = _concepts(model, lines, file)

    def parsed(source: str, path: YamlPath) -> Expr:
        return with_concepts(parse_condition(source, file=file, line=find_line(lines, path)), concepts)

    def optional(source: str | None, path: YamlPath) -> Expr | None:
        return None if source is None else parsed(source, path)

    conditions = {n.id: optional(n.condition, ("norms", i, "condition")) for i, n in enumerate(model.norms)}
    exceptions = {n.id: optional(n.unless, ("norms", i, "unless")) for i, n in enumerate(model.norms)}
    definitions = {
        a.id: parsed(a.defined_by, ("actors", i, "defined_by"))
        for i, a in enumerate(model.actors) if a.defined_by is not None
    }
    links = {
        (a.id, link.actor): parsed(link.when, ("actors", i, "may_be", k, "when"))
        for i, a in enumerate(model.actors) for k, link in enumerate(a.may_be)
    }
    conduct = {n.id: parsed(n.contravened_by, ("norms", i, "contravened_by"))
               for i, n in enumerate(model.norms) if n.contravened_by is not None}
    loaded = LoadedModel(
        model=model, path=file, lines=MappingProxyType(dict(lines)),
        conditions=MappingProxyType(conditions), exceptions=MappingProxyType(exceptions),
        definitions=MappingProxyType(definitions), links=MappingProxyType(links),
        concepts=MappingProxyType(concepts), conduct=MappingProxyType(conduct),
    )
    issues = sorted(reference_issues(loaded), key=lambda i: (i.line or 0, i.code, i.message))
    return replace(loaded, issues=tuple(issues))


def read_model_text(path: Path, file: str) -> str:
    """The model file as text: at most MAX_MODEL_BYTES of UTF-8, or an error naming the line."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_MODEL_BYTES + 1)
    except FileNotFoundError:
        raise ModelError("no such model file", file=file, expected="a path to a model .yaml file") from None
    except IsADirectoryError:
        raise ModelError("this is a directory, not a model file", file=file,
                         expected="a path to a model .yaml file") from None
    except OSError as error:
        raise ModelError(f"cannot read the model file: {error.strerror}", file=file,
                         expected="a readable model .yaml file") from None
    if len(raw) > MAX_MODEL_BYTES:
        raise ModelError(f"the model file is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB", file=file,
                         expected="a model file of at most that size")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ModelError(f"byte 0x{raw[error.start]:02X} is not UTF-8", file=file, line=line,
                         expected="a UTF-8 text file (save the model as UTF-8)") from None


def _concepts(model: Model, lines: Mapping[YamlPath, int], file: str) -> dict[str, Expr]:
    """The defined concepts (facts with ``derived_by``), each with its definition expanded."""
    sources: dict[str, Expr] = {}
    lines_of: dict[str, int] = {}
    for i, fact in enumerate(model.facts):
        if fact.derived_by is not None:
            sources[fact.id] = parse_condition(fact.derived_by, file=file,
                                               line=find_line(lines, ("facts", i, "derived_by")))
            lines_of[fact.id] = find_line(lines, ("facts", i))
    return expand_definitions(sources, lines_of, file)
