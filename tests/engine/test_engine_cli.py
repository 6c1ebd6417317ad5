"""The ask / explain / what-if / who commands: JSON output, readable output, and bad input
(a clear message listing what is known, exit code 2, no traceback)."""

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.cli import app, main

HIVES = str(Path(__file__).parent / "fixtures" / "hives.yaml")


def run(*args):
    result = CliRunner().invoke(app, [*args, "--model", HIVES])
    assert result.exit_code == 0, result.output
    return result.output


def run_main(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["lawcode", *args, "--model", HIVES])
    with pytest.raises(SystemExit) as exit_:
        main()
    return exit_.value.code, capsys.readouterr()


def test_ask_json_is_the_service_answer():
    answer = json.loads(run("ask", "--as", "farm", "--fact", "near_school", "--on", "2021-06-01", "--format", "json"))
    assert answer["as"] == "farm" and answer["facts"] == {"near_school": True}
    assert {f["norm"]: f["status"] for f in answer["findings"]}["art2.2-fence-hives"] == "undetermined"


def test_ask_human_output_groups_by_kind_and_says_what_would_decide():
    out = run("ask", "--as", "farm", "--on", "2021-06-01")
    applies, undetermined = out.split("UNDETERMINED")
    assert "Duties" in applies and "mark every hive" in applies and "Art. 2(1)" in applies
    assert "would apply if: emergency = false (Has an emergency been declared?)" in " ".join(undetermined.split())
    assert "Permissions" in undetermined
    assert "--text PATH" in out  # the synthetic model's text is nowhere: say how to get quotes
    assert max(len(line) for line in out.splitlines()) <= 100


def test_ask_before_entry_into_force():
    out = run("ask", "--as", "farm", "--on", "2020-12-31")
    assert "nothing in" in out and "2021-01-01" in out


def test_explain_and_what_if_and_who_render():
    out = run("explain", "art5.1", "--as", "farm", "-f", "sells_honey", "-f", "emergency", "--on", "2021-06-01")
    assert "art5.2-emergency-sale displaces it" in out and "emergency = true (given)" in out
    out = run("what-if", "art3.1", "--as", "farm", "--on", "2021-06-01")
    assert "exempted=false, in_register=true" in out
    answer = json.loads(run("what-if", "art2.2", "--as", "farm", "--stop", "--on", "2021-06-01", "--format", "json"))
    assert answer["goal"] == "stop" and {"emergency": True} in answer["sets"]
    out = run("who", "educate")
    assert "big_farm" in out and "Art. 3(1)(2)" in out


@pytest.mark.parametrize("args, message, known", [
    (["ask", "--as", "farmm"], "unknown actor 'farmm'", "known: farm,"),
    (["ask", "--as", "farm", "--fact", "emergncy"], "unknown fact 'emergncy'", "known: emergency,"),
    (["ask", "--as", "farm", "--fact", "emergency=maybe"], "neither true nor false", "known: true, false"),
    (["ask", "--as", "farm", "--fact", "emergency", "--fact", "emergency=false"], "given twice", ""),
    (["ask", "--as", "farm", "--on", "1 June 2021"], "malformed date", "YYYY-MM-DD"),
    (["explain", "art77", "--as", "farm"], "unknown norm 'art77'", "known:"),
    (["what-if", "nothing", "--as", "farm"], "unknown norm 'nothing'", "known:"),
])
def test_bad_input_exits_2_with_a_clear_message(monkeypatch, capsys, args, message, known):
    code, captured = run_main(monkeypatch, capsys, *args)
    assert code == 2
    assert captured.err.startswith("lawcode: error: ") and message in captured.err and known in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_ask_on_the_shipped_model_quotes_the_text_it_is_given(tar_path, tar_document):
    result = CliRunner().invoke(app, ["ask", "-r", "tar-counter-espionage-2021", "--as", "enterprise", "--on", "2021-06-01",
                                      "--text", str(tar_path)])
    assert result.exit_code == 0, result.output
    words = tar_document.get("chp_II__art_13__para_nn_1__list_1__item_6").full_text().split()
    flat = " ".join(result.output.split())
    assert "Art. 13(1)(6): " + " ".join(words[:4]) in flat
    assert "--text PATH" not in result.output


def test_a_provision_behind_several_findings_is_quoted_once(tar_path, tar_document):
    result = CliRunner().invoke(app, ["ask", "-r", "tar-counter-espionage-2021", "--as", "network_operator",
                                      "--fact", "network_used_to_endanger_security",
                                      "--text", str(tar_path)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    opening = " ".join(tar_document.get("chp_II__art_22__para_nn_2").full_text().split()[:6])
    assert flat.count("Art. 22(2): " + opening) == 1
    assert flat.count("Art. 22(2): quoted above") >= 2


def test_quotes_come_from_the_text_given_and_the_engine_does_not_keep_it(tar_path, tar_model):
    """An answer quotes the Document it is given; once the caller lets go of that Document, the
    engine's memo of quotations does not keep it alive (a long-running server reads many)."""
    import gc
    import weakref

    from lawcode.engine.queries import ask
    from lawcode.text.parse import parse_text

    document = parse_text(tar_path.read_bytes(), source=str(tar_path))
    quoted = ask(tar_model, "enterprise", on="2021-06-01", document=document).to_dict()["findings"][0]["quote"]
    assert quoted[0]["text"] == document.get(quoted[0]["eid"]).full_text()
    gone = weakref.ref(document)
    del document
    gc.collect()
    assert gone() is None
