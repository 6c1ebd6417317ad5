"""Model files built to exhaust memory, the stack or the parser: each is one clear error (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import assert_clear_error, run_cli

from lawcode.model.limits import MAX_MODEL_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times


def _laughs(levels: int) -> str:
    """A "billion laughs": each level aliases the previous one nine times (9**levels copies)."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


CASES = {
    # name: (model text, fragments of the one-line error, the line it names)
    "billion-laughs": (_laughs(9), ["anchor &l0", "not allowed"], 1),
    "recursive-alias": ("regulation:\n  id: x\na: &a [*a]\n", ["anchor &a"], 3),
    "alias-only": ("regulation: *nowhere\n", ["YAML"], 1),
    "python-tag": ('regulation: !!python/object/apply:os.system ["true"]\n', ["tag", "python/object/apply"], 1),
    "local-tag": ("regulation:\n  id: !secret x\n", ["tag !secret"], 2),
    "merge-key": ("regulation:\n  id: x\n  <<: {title: y}\n", ["merge key <<"], 3),
    "nul-byte": ("regulation:\n  id: x\n  title: a\x00b\n", ["NUL byte"], 3),
    "control-char": ("regulation:\n  id: x\n  title: a\x07b\n", ["U+0007"], 3),
    "null-key": ("regulation:\n  id: x\nactors: []\n~: 1\n", ["not ~ (null)"], 4),
    "float-key": ("regulation:\n  id: x\nactors: []\n\n1.5: 1\n", ["not 1.5 (float)"], 5),
    "bool-key": ("regulation:\n  id: x\n  yes: 1\n", ["(bool)"], 3),
    "too-deep": ("a: " + "[" * (MAX_YAML_DEPTH + 1) + "]" * (MAX_YAML_DEPTH + 1) + "\n",
                 [f"nested more than {MAX_YAML_DEPTH} deep"], 1),
    "very-deep": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", ["nest"], 1),  # "nested ... deep" or "nesting"
    "too-many-nodes": ("a: [" + "1," * (MAX_YAML_NODES + 1) + "]\n", [f"more than {MAX_YAML_NODES:,} YAML nodes"], 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_model_file_is_one_clear_error(tmp_path: Path, name: str) -> None:
    text, fragments, line = CASES[name]
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    run = run_cli("check", "model.yaml", cwd=tmp_path)
    assert_clear_error(run, f"model.yaml:{line}:", *fragments)


def test_a_model_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "model.yaml").write_bytes(b"regulation:\n  id: x\n  title: caf\xe9\n")
    assert_clear_error(run_cli("check", "model.yaml", cwd=tmp_path), "model.yaml:3:", "not UTF-8")


def test_a_model_larger_than_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    with (tmp_path / "model.yaml").open("w", encoding="utf-8") as stream:
        stream.write("regulation:\n")
        stream.write(("# " + "x" * 1022 + "\n") * (MAX_MODEL_BYTES // 1024 + 1))
    run = run_cli("check", "model.yaml", cwd=tmp_path, megabytes=200)
    assert_clear_error(run, "model.yaml:", f"larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")


def test_a_directory_given_as_model_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").mkdir()
    assert_clear_error(run_cli("check", "m.yaml", cwd=tmp_path), "m.yaml")
