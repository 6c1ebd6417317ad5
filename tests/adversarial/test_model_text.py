"""The text a model names, and the text an answer quotes: only the model's own, from the corpus folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import assert_clear_error, run_cli

from conftest import garden

ASK = ("ask", "--model", "garden.yaml", "--as", "plot_holder", "--format", "json")

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times


@pytest.mark.parametrize("name, problem", [
    ("/etc/hostname", "absolute path"),
    ("../../outside.txt", "climbs out"),
    ("texts/../../outside.txt", "climbs out"),
    ("..\\\\outside.txt", "climbs out"),
])
def test_a_text_file_outside_the_corpus_is_refused(tmp_path: Path, name: str, problem: str) -> None:
    model, _ = garden(tmp_path / "work", edits={"file: garden.txt": f"file: {json.dumps(name)}"})
    for args in (("check", "garden.yaml"), ASK):
        run = run_cli(*args, cwd=model.parent, env={"LAWCODE_CORPUS": str(model.parent)})
        assert_clear_error(run, "garden.yaml:10:", "regulation.text.file", problem)


def _quoted(stdout: str) -> list[str]:
    return [q["text"] for f in json.loads(stdout)["findings"] for q in f.get("quote", []) if "text" in q]


def test_a_link_out_of_the_corpus_folder_is_not_followed(tmp_path: Path) -> None:
    model, text = garden(tmp_path / "work", edits={"file: garden.txt": "file: linked.txt"})
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked.txt").write_bytes(text.read_bytes())
    assert _quoted(run_cli(*ASK, cwd=model.parent, env={"LAWCODE_CORPUS": str(corpus)}).stdout)
    (corpus / "linked.txt").unlink()
    (corpus / "linked.txt").symlink_to(text)  # the right text, but outside the corpus folder
    run = run_cli(*ASK, cwd=model.parent, env={"LAWCODE_CORPUS": str(corpus)})
    assert run.code == 0, run.stderr
    assert _quoted(run.stdout) == []


def test_the_model_s_own_text_is_quoted(tmp_path: Path) -> None:
    garden(tmp_path)
    run = run_cli(*ASK, "--text", "garden.txt", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert any("weeds" in quote for quote in _quoted(run.stdout))


@pytest.mark.parametrize("tamper, where", [
    ({"keep their plot free of weeds": "keep their plot free of roses"}, "words differ somewhere"),
    ({"Article 5: The garden office shall inspect every plot each spring.\n": ""}, "art_5"),
])
def test_a_tampered_text_is_never_quoted_as_the_regulation(tmp_path: Path, tamper: dict[str, str],
                                                            where: str) -> None:
    garden(tmp_path, text_edits=tamper)
    for env, args in (({}, ("--text", "garden.txt")), ({"LAWCODE_CORPUS": str(tmp_path)}, ())):
        run = run_cli(*ASK, *args, cwd=tmp_path, env=env)
        assert_clear_error(run, "garden.txt", "not the text the model", where)
        assert "roses" not in run.stdout and run.stdout == ""
