"""Find and read scenario-test files: each validated, each case with its line, each file with
the model it tests.

A test file sits in ``<regulation folder>/tests/``; the model it tests is the ``model.yaml`` of
that folder when there is one (a model author's own folder), otherwise the shipped model whose
id the file names. A file naming another regulation than its model is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from lawcode.errors import ModelError
from lawcode.model.loaded import find_line
from lawcode.model.schema_errors import first_schema_error
from lawcode.model.yamlsource import read_yaml
from lawcode.scenarios.schema import Case, ScenarioFile


class ScenarioError(ModelError):
    """A scenario-test file that cannot be read: YAML, schema, or the model it names."""


@dataclass(frozen=True)
class LoadedScenarios:
    """A validated test file, the line of each case, and the model file it tests."""

    path: Path
    tests: ScenarioFile
    case_lines: tuple[int, ...]
    model_path: Path

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(self.tests.cases)


def find_files(path: str | Path | None) -> list[Path]:
    """The test files at ``path`` (a file, or a folder searched for ``tests/*.yaml``), or those of
    every shipped regulation when ``path`` is None. Sorted, so runs are deterministic."""
    from lawcode.service import SHIPPED_MODELS

    if path is None:
        return sorted(SHIPPED_MODELS.glob("*/tests/*.yaml"))
    target = Path(path)
    if target.is_file():
        return [target]
    if not target.is_dir():
        raise ScenarioError("no such test file or folder", file=str(path),
                            expected="a scenario-test .yaml file, or a folder holding tests/*.yaml")
    found = sorted(p for p in target.rglob("*.yaml") if p.parent.name == "tests")
    if not found:
        raise ScenarioError("no scenario tests found here", file=str(path),
                            expected="a folder with tests/*.yaml files beside a model.yaml")
    return found


def read_scenarios(path: Path) -> LoadedScenarios:
    """Read and validate one test file; raise :class:`ScenarioError` naming file and line."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"cannot read the test file: {error}", file=file, expected="a UTF-8 YAML file") from None
    try:
        data, lines = read_yaml(text, file)
    except ModelError as error:
        raise ScenarioError(error.message, file=file, line=error.line, expected=error.expected) from None
    if not isinstance(data, dict):
        raise ScenarioError("a test file must be a mapping", file=file, line=1,
                            expected="top-level keys lawcode_tests, regulation, date, cases")
    try:
        tests = ScenarioFile.model_validate(data)
    except ValidationError as error:
        raise first_schema_error(error, data, lines, file, ScenarioFile, "lawcode schema --tests",
                                 ScenarioError) from None
    case_lines = tuple(find_line(lines, ("cases", i)) for i in range(len(tests.cases)))
    return LoadedScenarios(path, tests, case_lines, _model_for(path, tests.regulation))


def _model_for(path: Path, regulation: str) -> Path:
    from lawcode.service import shipped_model_paths

    beside = path.resolve().parent.parent / "model.yaml"
    if beside.is_file():
        return beside
    shipped = shipped_model_paths()
    if regulation in shipped:
        return shipped[regulation]
    raise ScenarioError(f"no model for regulation {regulation!r}: none beside the tests and none shipped",
                        file=str(path), line=1, expected="tests in <folder>/tests/ beside <folder>/model.yaml",
                        known=sorted(shipped))
