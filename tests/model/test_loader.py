"""Loading model files: every mistake a modeller can make is named with file, line and what was
expected. The broken files are edits of the small synthetic fixture, made at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawcode import service
from lawcode.errors import LawcodeError, ModelError
from lawcode.model.conditions import Fact, Not
from lawcode.model.loader import read_model, read_valid_model

GARDEN = Path(__file__).parent / "fixtures" / "garden.yaml"


def write(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the fixture with ``old`` replaced by ``new``; returns it and the line where
    ``new`` ends."""
    source = GARDEN.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    edited = source.replace(old, new)
    path = tmp_path / "model.yaml"
    path.write_text(edited, encoding="utf-8")
    line = source[: source.index(old)].count("\n") + 1 + new.rstrip("\n").count("\n")
    return path, line


def load_error(path: Path) -> ModelError:
    with pytest.raises(ModelError) as caught:
        read_valid_model(path)
    error = caught.value
    assert error.file == str(path)
    assert str(error).startswith(f"{path}:{error.line}: ")
    return error


def test_fixture_loads_with_lookups_lines_and_parsed_conditions():
    loaded = read_valid_model(GARDEN)
    assert loaded.issues == ()
    assert set(loaded.actors) == {"resident", "plot_holder", "garden_office"}
    assert loaded.norms["art4.1-no-fires"].bearer == "plot_holder"
    assert loaded.exceptions["art4.1-no-fires"] == Fact("festival")
    assert loaded.conditions["art6.1-withdraw"] == Fact("fee_unpaid")
    assert loaded.definitions == {"plot_holder": Fact("has_plot")}
    assert loaded.ontology.is_a("plot_holder", "resident")
    assert set(loaded.procedures) == {"withdrawal"} and set(loaded.dates) == {"fee_day"}
    lines = GARDEN.read_text().splitlines()
    assert lines[loaded.line_of(("norms", 3, "unless")) - 1].strip() == "unless: festival"
    assert lines[loaded.norm_line("art5.1-inspect") - 1].strip() == "- id: art5.1-inspect"
    # a path that does not exist in the file falls back to its nearest enclosing part
    assert loaded.line_of(("norms", 3, "validity", "start")) == loaded.norm_line("art4.1-no-fires")


def test_yaml_syntax_error_names_its_line(tmp_path):
    path, line = write(tmp_path, "  title: Riverside Municipal", "  title: Riverside: Municipal")
    error = load_error(path)
    assert error.line == line
    assert "YAML syntax error" in error.message
    # an unclosed bracket is noticed on the next line; the message says where it was opened
    path, line = write(tmp_path, "  title: Riverside Municipal", "  title: [Riverside Municipal")
    error = load_error(path)
    assert error.line == line + 1
    assert f"started at line {line}" in error.message


def test_unknown_field_names_line_and_the_allowed_fields(tmp_path):
    path, line = write(tmp_path, "    unless: festival\n", "    unless: festival\n    unles: festival\n")
    error = load_error(path)
    assert error.line == line
    assert "unknown field 'unles'" in error.message and "did you mean unless" in error.message
    assert "art4.1-no-fires" in error.message
    assert "condition" in error.expected and "cites" in error.expected


def test_wrong_type_names_line_and_accepted_values(tmp_path):
    path, line = write(tmp_path, "    kind: prohibition", "    kind: forbidden")
    error = load_error(path)
    assert error.line == line
    assert "'prohibition'" in error.message and "'forbidden'" in error.message


def test_missing_field_names_the_item_and_the_field(tmp_path):
    path, _ = write(tmp_path, "    action: light a fire on the plot\n", "")
    error = load_error(path)
    assert error.line == read_valid_model(GARDEN).norm_line("art4.1-no-fires")
    assert "missing field 'action'" in error.message
    assert error.expected  # the field's description says what belongs there


def test_condition_that_does_not_parse(tmp_path):
    path, line = write(tmp_path, "    unless: festival", "    unless: festival and (")
    error = load_error(path)
    assert error.line == line
    assert "ends too early" in error.message and "fact name" in error.expected


def test_undeclared_actor(tmp_path):
    path, line = write(tmp_path, "  - id: art5.1-inspect\n    kind: duty\n    bearer: garden_office",
                       "  - id: art5.1-inspect\n    kind: duty\n    bearer: garden_ofice")
    error = load_error(path)
    assert error.line == line
    assert "actor 'garden_ofice' is not declared" in error.message
    assert "did you mean garden_office" in error.message


def test_undeclared_fact(tmp_path):
    path, line = write(tmp_path, "    condition: fee_unpaid", "    condition: fee_unpaid and not fee_waived")
    error = load_error(path)
    assert error.line == line
    assert "fact 'fee_waived' is not declared" in error.message


def test_duplicate_key_is_an_error_not_silently_the_last(tmp_path):
    path, line = write(tmp_path, "    kind: prohibition\n", "    kind: prohibition\n    kind: duty\n")
    error = load_error(path)
    assert error.line == line
    assert f"duplicate key 'kind' (first at line {line - 1})" in error.message


def test_impossible_date_value(tmp_path):
    path, line = write(tmp_path, "  in_force: 2024-05-01", "  in_force: 2024-02-30")
    error = load_error(path)
    assert error.line == line and "2024-02-30" in error.message


def test_unknown_override_and_duplicate_ids(tmp_path):
    path, line = write(tmp_path, "    unless: festival\n", "    unless: festival\n    overrides: [art9.9-nothing]\n")
    error = load_error(path)
    assert error.line == line and "art9.9-nothing" in error.message

    path, line = write(tmp_path, "  - id: art7.1-in-force", "  - id: art5.1-inspect")
    error = load_error(path)
    assert error.line == line and "id 'art5.1-inspect' is used twice" in error.message


def test_two_may_be_links_to_one_actor_are_an_error_not_silently_the_last(tmp_path):
    links = ("  - id: garden_office\n    label: garden office\n    may_be:\n"
             "      - {actor: plot_holder, when: has_plot}\n      - {actor: plot_holder, when: festival}\n")
    path, line = write(tmp_path, "  - id: garden_office\n    label: garden office\n", links)
    error = load_error(path)
    assert error.line == line and "'plot_holder' is used twice in may_be of actor garden_office" in error.message
    assert f"first at line {line - 1}" in error.message and "join its conditions with 'or'" in error.message


def test_all_reference_problems_are_kept_for_the_checker(tmp_path):
    path, _ = write(tmp_path, "    bearer: garden_office\n    counterparty: plot_holder\n    action: inspect",
                    "    bearer: gardener\n    counterparty: tenant\n    action: inspect")
    with pytest.raises(ModelError, match=r"and 1 more problem"):
        read_valid_model(path)
    codes = [(i.code, i.line) for i in read_model(path).issues]
    assert [c for c, _ in codes] == ["undeclared-actor", "undeclared-actor"]
    assert codes[1][1] == codes[0][1] + 1


def test_cycles_in_ontology_and_priorities(tmp_path):
    path, _ = write(tmp_path, "    label: resident of the municipality",
                    "    label: resident of the municipality\n    is_a: [plot_holder]")
    assert [i.code for i in read_model(path).issues] == ["ontology-cycle"]
    source = GARDEN.read_text().replace("    unless: festival\n", "    unless: festival\n    overrides: [art5.1-inspect]\n")
    source = source.replace("    counterparty: plot_holder\n    action: inspect",
                            "    counterparty: plot_holder\n    overrides: [art4.1-no-fires]\n    action: inspect")
    path.write_text(source)
    issues = read_model(path).issues
    assert [i.code for i in issues] == ["priority-cycle"]
    assert "art4.1-no-fires overrides art5.1-inspect overrides art4.1-no-fires" in issues[0].message


def test_not_a_mapping_and_missing_file(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")
    assert load_error(path).line == 1
    with pytest.raises(ModelError, match="no such model file"):
        read_valid_model(tmp_path / "absent.yaml")


def test_service_loads_paths_and_names_shipped_ids(tmp_path):
    loaded = service.load_model(str(GARDEN))
    assert loaded.model.regulation.id == "riverside-gardens"
    with pytest.raises(LawcodeError) as caught:
        service.load_model("no-such-regulation")
    assert caught.value.known == sorted(service.shipped_model_paths())
    for regulation_id in service.shipped_model_paths():
        assert service.load_model(regulation_id).model.regulation.id == regulation_id


def test_text_for_model_uses_explicit_path_then_corpus(tmp_path, monkeypatch):
    loaded = read_valid_model(GARDEN)
    monkeypatch.delenv("LAWCODE_CORPUS", raising=False)
    assert service.text_for_model(loaded) is None
    explicit = service.text_for_model(loaded, GARDEN.parent)
    assert explicit is not None and explicit.get("chp_II__art_5__para_nn_1") is not None
    monkeypatch.setenv("LAWCODE_CORPUS", str(GARDEN.parent))
    assert service.text_for_model(loaded).fingerprint() == explicit.fingerprint()
    with pytest.raises(LawcodeError):
        service.text_for_model(loaded, tmp_path / "missing.txt")


def test_negated_definitions_parse_into_trees(tmp_path):
    path, _ = write(tmp_path, "    unless: festival", "    unless: not festival")
    assert read_valid_model(path).exceptions["art4.1-no-fires"] == Not(Fact("festival"))
