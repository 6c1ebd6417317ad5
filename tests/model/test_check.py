"""``lawcode check``: a model against its text. Synthetic model+text pairs for each problem type,
then the shipped TAR model against the real corpus text and broken copies of both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import garden
from lawcode import service
from lawcode.cli import app
from lawcode.model.check import check_model
from lawcode.model.loader import read_model

FIXTURES = Path(__file__).parent / "fixtures"
TAR_MODEL = Path(service.__file__).parent / "regulations" / "tar-counter-espionage-2021" / "model.yaml"




def run_check(model: Path, text: Path | None):
    loaded = read_model(model)
    document = service.read_document(text) if text is not None else None
    return check_model(loaded, document)


def codes(items) -> list[str]:
    return [i.code for i in items]


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_clean_pair_passes(tmp_path):
    report = run_check(*garden(tmp_path))
    assert report.ok and report.errors == () and report.warnings == ()
    assert report.lint  # the regulation's own features are still pointed out


def test_unknown_eid_has_line_and_closest_eids(tmp_path):
    model, text = garden(tmp_path, {"    cites: [chp_II__art_5__para_nn_1]": "    cites: [chp_II__art_5__para_nn_2]"})
    report = run_check(model, text)
    assert codes(report.errors) == ["unknown-eid"]
    error = report.errors[0]
    assert error.line == line_of(model, "chp_II__art_5__para_nn_2") and error.eid == "chp_II__art_5__para_nn_2"
    assert "norm art5.1-inspect" in error.message and "closest: chp_II__art_5__para_nn_1" in error.message


def test_unknown_eids_everywhere_the_model_cites(tmp_path):
    model, text = garden(tmp_path, {
        "  cites_in_force: [chp_III__art_7__para_nn_1]": "  cites_in_force: [chp_III__art_8]",
        "  - eid: chp_I__art_1\n": "  - eid: chp_I__art_11\n",
        "    cites: [chp_I__art_2__para_nn_1]\n  - id: garden_office": "    cites: [chp_I__art_3]\n  - id: garden_office",
        "        mode: may\n        cites: [chp_III__art_6__para_nn_1]": "        mode: may\n        cites: [chp_III__art_6__para_nn_9]",
    })
    report = run_check(model, text)
    assert sorted(e.eid for e in report.errors if e.code == "unknown-eid") == [
        "chp_III__art_6__para_nn_9", "chp_III__art_8", "chp_I__art_11", "chp_I__art_3"]
    assert all(e.line for e in report.errors if e.code == "unknown-eid")
    assert ("uncovered-article", "chp_I__art_1") in [(e.code, e.eid) for e in report.errors]


def test_uncovered_article(tmp_path):
    model, text = garden(tmp_path, {"non_normative:\n  - eid: chp_I__art_1\n    reason: purpose clause\n": ""})
    report = run_check(model, text)
    assert [(e.code, e.eid) for e in report.errors] == [("uncovered-article", "chp_I__art_1")]
    assert "article 1 " in report.errors[0].message


def test_fingerprint_mismatch_names_both_fingerprints(tmp_path):
    model, text = garden(tmp_path, text_edits={"free of weeds": "free of nettles"})
    report = run_check(model, text)
    assert codes(report.errors) == ["fingerprint-mismatch"]
    message = report.errors[0].message
    assert service.read_document(text).fingerprint() in message
    assert service.read_document(FIXTURES / "garden.txt").fingerprint() in message
    assert "regulation.text.fingerprint" in message
    assert report.errors[0].line == line_of(model, "fingerprint:")


def test_without_text_the_text_checks_are_reported_as_not_done(tmp_path):
    model, _ = garden(tmp_path, {"    cites: [chp_II__art_5__para_nn_1]": "    cites: [chp_IX__art_99]"})
    report = run_check(model, None)
    assert codes(report.warnings) == ["text-not-checked"]
    assert "NOT checked" in report.warnings[0].message


def test_procedure_problems(tmp_path):
    model, text = garden(tmp_path, {
        "      - id: withdrawn\n        label: plot withdrawn\n        final: true\n":
            "      - id: withdrawn\n        label: plot withdrawn\n        final: true\n"
            "      - id: appealed\n        label: appeal lodged\n",
        "      - from: holding\n        to: holding": "      - from: withdrawn\n        to: holding",
    })
    report = run_check(model, text)
    found = sorted((e.code, e.line) for e in report.errors)
    withdrawn, appealed = line_of(model, "- id: withdrawn"), line_of(model, "- id: appealed")
    assert found == [("dead-end-state", appealed), ("final-state-exit", withdrawn),
                     ("unreachable-state", appealed)]


def test_unknown_states_and_initial(tmp_path):
    model, text = garden(tmp_path, {"    initial: holding": "    initial: holdin",
                                    "        to: withdrawn": "        to: withdrawm"})
    report = run_check(model, text)
    assert sorted(codes(report.errors)) == ["unknown-state", "unknown-state"]
    assert any("did you mean holding" in e.message for e in report.errors)


def test_dates_need_a_real_day_and_a_known_norm(tmp_path):
    model, text = garden(tmp_path, {"    month: 3\n    day: 1": "    month: 2\n    day: 30",
                                    "    norm: art3.1.2-fee": "    norm: art3.1.2-fees"})
    report = run_check(model, text)
    assert sorted((e.code, e.line) for e in report.errors) == [
        ("invalid-date", line_of(model, "day: 30")), ("unknown-norm", line_of(model, "norm: art3.1.2-fees"))]


def test_undeclared_actor_fact_and_missing_bearer_reported_together(tmp_path):
    model, text = garden(tmp_path, {
        "    about: resident": "    about: citizen",
        "    condition: fee_unpaid": "    condition: fee_late",
        "  - id: art5.1-inspect\n    kind: duty\n    bearer: garden_office\n": "  - id: art5.1-inspect\n    kind: duty\n",
    })
    report = run_check(model, text)
    assert sorted(codes(report.errors)) == ["missing-bearer", "undeclared-actor", "undeclared-fact"]


# --- the command line -------------------------------------------------------------------------


def test_cli_human_output_groups_and_exit_codes(tmp_path):
    model, text = garden(tmp_path)
    result = CliRunner().invoke(app, ["check", str(model), "--text", str(text)])
    assert result.exit_code == 0, result.output
    assert result.output.index("Errors (0)") < result.output.index("Warnings (0)") < result.output.index("Lint")
    assert all(len(line) <= 100 for line in result.output.splitlines())
    lint = result.output[result.output.index("Lint"):].splitlines()
    codes = {code for line in lint[2:] for code in ("undefined-term", "external-law", "open-ended",
                                                     "discretionary", "no-consequence") if f"[{code}]" in line}
    assert codes and all(code in lint[1] for code in codes)  # the kinds of note are summed up first

    model, text = garden(tmp_path, {"    cites: [chp_II__art_5__para_nn_1]": "    cites: [chp_II__art_5__para_nn_2]"})
    result = CliRunner().invoke(app, ["check", str(model), "--text", str(text)])
    assert result.exit_code == 1
    assert f"garden.yaml:{line_of(model, 'chp_II__art_5__para_nn_2')} [unknown-eid]" in result.output


def test_cli_json_shape(tmp_path):
    model, text = garden(tmp_path, {"non_normative:\n  - eid: chp_I__art_1\n    reason: purpose clause\n": ""})
    result = CliRunner().invoke(app, ["check", str(model), "--text", str(text), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data) == ["model", "text", "errors", "warnings", "lint"]
    assert data["errors"] == [{"code": "uncovered-article", "message": data["errors"][0]["message"],
                               "eid": "chp_I__art_1"}]
    assert {item["code"] for item in data["lint"]} >= {"open-ended", "discretionary", "no-consequence"}


def test_cli_unreadable_model_exits_2_with_file_and_line(tmp_path):
    model, _ = garden(tmp_path, {"    kind: prohibition": "    kind: prohibition\n    kind: duty  # twice"})
    result = subprocess.run([sys.executable, "-c", "from lawcode.cli import main; main()", "check", str(model)],
                            capture_output=True, text=True, env={**os.environ, "LAWCODE_CORPUS": ""})
    assert result.returncode == 2
    assert f"{model}:{line_of(model, 'kind: duty  # twice')}: duplicate key 'kind'" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_command_prints_and_writes_the_json_schema(tmp_path):
    result = CliRunner().invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "lawcode model file" and "norms" in schema["properties"]
    out = tmp_path / "schema.json"
    assert CliRunner().invoke(app, ["schema", "--output", str(out)]).exit_code == 0
    assert json.loads(out.read_text()) == schema


# --- the shipped TAR model against the real text ---------------------------------------------


@pytest.fixture
def tar_model() -> Path:
    return TAR_MODEL


def broken_tar(tmp_path: Path, tar_model: Path, old: str, new: str) -> Path:
    source = tar_model.read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / tar_model.name
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_tar_model_passes_against_the_corpus_text(tar_model, tar_path):
    report = run_check(tar_model, tar_path)
    assert report.errors == (), [e.message for e in report.errors]
    assert report.warnings == ()
    assert {"open-ended", "discretionary", "external-law"} <= set(codes(report.lint))
    result = CliRunner().invoke(app, ["check", "tar-counter-espionage-2021", "--text", str(tar_path)])
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 100 for line in result.output.splitlines())


def test_tar_changed_eid_is_reported(tmp_path, tar_model, tar_path):
    path = broken_tar(tmp_path, tar_model, "chp_II__art_13__para_nn_1__list_1__item_5",
                      "chp_II__art_13__para_nn_1__list_1__item_55")
    report = run_check(path, tar_path)
    assert codes(report.errors) == ["unknown-eid"]
    assert report.errors[0].line == line_of(path, "chp_II__art_13__para_nn_1__list_1__item_55")
    assert "chp_II__art_13__para_nn_1__list_1__item_5" in report.errors[0].message.split("closest:")[1]


def test_tar_article_without_norms_is_uncovered(tmp_path, tar_model, tar_path):
    article = "chp_II__art_13"
    data = yaml.safe_load(tar_model.read_text(encoding="utf-8"))
    kept = [n for n in data["norms"] if not any(c == article or c.startswith(article + "__") for c in n["cites"])]
    assert len(kept) < len(data["norms"])
    data["norms"] = kept
    path = tmp_path / tar_model.name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    report = run_check(path, tar_path)
    assert ("uncovered-article", article) in [(e.code, e.eid) for e in report.errors]


def test_tar_changed_fingerprint_is_reported(tmp_path, tar_model, tar_path):
    fingerprint = read_model(tar_model).model.regulation.text.fingerprint
    path = broken_tar(tmp_path, tar_model, fingerprint, "sha256:" + "0" * 64)
    report = run_check(path, tar_path)
    assert codes(report.errors) == ["fingerprint-mismatch"]
    assert fingerprint in report.errors[0].message and "0" * 64 in report.errors[0].message


def test_tar_text_with_one_word_changed_is_reported(tmp_path, tar_model, tar_path):
    text = tar_path.read_text(encoding="utf-8")
    copy = tmp_path / tar_path.name
    copy.write_text(text.replace(" shall ", " should ", 1), encoding="utf-8")
    report = run_check(tar_model, copy)
    assert codes(report.errors) == ["fingerprint-mismatch"]


def test_a_schedule_named_where_no_norm_looks_is_a_warning(tmp_path):
    report = run_check(*garden(tmp_path, text_edits={
        "with regard to the \"Municipal Land Act\".": "with regard to the \"Municipal Land Act\". Schedule 2 has effect."}))
    [warning] = [w for w in report.warnings if w.code == "schedule-dropped"]
    assert "names Schedule 2 (in chp_I__art_1" in warning.message


def test_a_schedule_named_in_a_cited_provision_is_seen(tmp_path):
    report = run_check(*garden(tmp_path, text_edits={
        "Article 5: The garden office shall inspect every plot each spring.":
        "Article 5: The garden office shall inspect every plot each spring, as Schedule 4 provides."}))
    assert "schedule-dropped" not in codes(report.warnings)
