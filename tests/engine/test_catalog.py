"""The catalog commands: what a model holds (actors, facts, norms, procedures), by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.engine.catalog import actor_catalog, fact_catalog, norm_catalog, parse_article, procedure_catalog
from lawcode.engine.findings import APPLIES, Finding, norm_fields
from lawcode.errors import QueryError
from lawcode.service import load_model

HARBOUR = Path(__file__).parent / "fixtures" / "harbour.yaml"


def run_json(*args) -> dict:
    from lawcode.cli import app

    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- norms ------------------------------------------------------------------------------------------


def assert_finding_field_names(loaded) -> None:
    """Each catalog entry has exactly the fields of an "applies" finding for the same norm (less
    status and quote), plus open_ended and condition, always present."""
    for entry in norm_catalog(loaded).to_dict()["norms"]:
        norm = loaded.norms[entry["norm"]]
        finding = Finding(norm_fields(loaded, norm), APPLIES).to_dict()
        assert list(finding)[:3] == ["norm", "kind", "status"]
        answer_names = set(finding) - {"status", "quote"}
        assert set(entry) == answer_names | {"open_ended", "condition"}
        assert {k: entry[k] for k in answer_names} == {k: finding[k] for k in answer_names}
        assert entry["open_ended"] is norm.open_ended and entry["condition"] == norm.condition


def test_norm_entries_have_the_field_names_of_an_ask_finding(harbour):
    assert_finding_field_names(harbour)


def test_norms_come_in_answer_order_duties_first(harbour):
    ids = [e["norm"] for e in norm_catalog(harbour).entries]
    assert ids == ["art13.1.2-train-staff", "art13.2-report-accidents", "art130.1-keep-logs", "art14.1-inspect",
                   "art30-entry-into-force"]


@pytest.mark.parametrize("spelling", ["13", "art_13", "Article 13", "Art. 13", "art13", " article 13 "])
def test_article_filter_accepts_the_usual_spellings_and_keeps_article_130_out(harbour, spelling):
    catalog = norm_catalog(harbour, article=spelling)
    assert [e["norm"] for e in catalog.entries] == ["art13.1.2-train-staff", "art13.2-report-accidents"]
    assert catalog.filters == {"article": spelling.strip()}


def test_article_filter_on_an_article_the_model_never_cites_lists_those_it_does(harbour):
    with pytest.raises(QueryError) as caught:
        norm_catalog(harbour, article="99")
    assert caught.value.known == ["13", "14", "30", "130"]


@pytest.mark.parametrize("text", ["thirteen", "13(2)", "art_", ""])
def test_unreadable_article_is_a_query_error(text):
    with pytest.raises(QueryError, match="as an article"):
        parse_article(text)


def test_kind_filter_and_unknown_kind(harbour):
    assert [e["norm"] for e in norm_catalog(harbour, kind="power").entries] == ["art14.1-inspect"]
    assert [e["norm"] for e in norm_catalog(harbour, article="13", kind="power").entries] == []
    with pytest.raises(QueryError) as caught:
        norm_catalog(harbour, kind="dutty")
    assert caught.value.known[0] == "duty"


def test_an_article_modelled_as_non_normative_says_why(tmp_path):
    text = HARBOUR.read_text(encoding="utf-8").replace(
        "\nprocedures:", "\nnon_normative:\n  - {eid: chp_I__art_3, reason: it only states a purpose}\n\nprocedures:")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = norm_catalog(load_model(path), article="3")
    assert catalog.entries == () and catalog.notes == ("Art. 3 is not modelled as norms: it only states a purpose",)


# --- actors, facts, procedures -------------------------------------------------------------------------


def test_actors_in_tree_order_with_parents_definition_and_norms_borne(harbour):
    entries = actor_catalog(harbour).entries
    assert [(e["actor"], e["depth"]) for e in entries] == [
        ("authority", 0), ("unit", 0), ("operator", 1), ("key_operator", 2)]
    key = entries[3]
    assert key["is_a"] == ["operator"] and key["ancestors"] == ["operator", "unit"]
    assert key["defined_by"] == "in_registry" and key["bears"] == ["art130.1-keep-logs"]
    assert key["citations"] == ["Art. 2"]


def test_facts_with_question_subject_and_users(harbour):
    entries = {e["fact"]: e for e in fact_catalog(harbour).entries}
    assert entries["handles_cargo"]["question"] == "Does the organisation handle cargo?"
    assert entries["handles_cargo"]["about"] == "unit" and entries["handles_cargo"]["used_by"] == ["art13.1.2-train-staff"]
    assert entries["in_registry"]["defines"] == ["key_operator"] and entries["in_registry"]["used_by"] == []


def test_procedures_with_states_events_and_provisions(harbour):
    entries = {e["procedure"]: e for e in procedure_catalog(harbour).entries}
    inspection = entries["inspection"]
    assert inspection["initial"] == "found" and inspection["final_states"] == ["corrected", "released"]
    assert inspection["events"][:2] == ["order_correction", "correct"]
    assert inspection["cites"] == ["chp_II__art_14", "chp_II__art_14__para_nn_1", "chp_II__art_14__para_nn_2"]
    assert entries["appeal"]["cites"] == ["chp_II__art_15"]


def test_cli_catalog_json_equals_the_python_functions(harbour):
    model = str(HARBOUR)
    assert run_json("actors", "--model", model) == actor_catalog(harbour).to_dict()
    assert run_json("facts", "--model", model) == fact_catalog(harbour).to_dict()
    assert run_json("procedures", "--model", model) == procedure_catalog(harbour).to_dict()
    assert run_json("norms", "--model", model, "--article", "art_13", "--kind", "duty") == \
        norm_catalog(harbour, "art_13", "duty").to_dict()


def test_cli_human_catalogs_fit_100_columns_and_show_names(harbour):
    from lawcode.cli import app

    for command, expected in (("actors", "key_operator"), ("facts", "Does the organisation handle cargo?"),
                              ("norms", "Duties"), ("procedures", "starts in: found")):
        result = CliRunner().invoke(app, [command, "--model", str(HARBOUR)])
        assert result.exit_code == 0, result.output
        assert expected in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 100


# --- the TAR model --------------------------------------------------------------------------------------


def test_tar_norm_entries_have_the_field_names_of_an_ask_finding(tar_model):
    assert_finding_field_names(tar_model)


def test_tar_catalog_entries_equal_the_findings_of_ask_less_what_depends_on_the_question(tar_model):
    from lawcode.engine.queries import ask

    catalog = {e["norm"]: e for e in norm_catalog(tar_model).to_dict()["norms"]}
    findings = ask(tar_model, "unit").to_dict()["findings"]
    assert findings and {f["status"] for f in findings} == {"applies", "undetermined"}
    for finding in findings:
        answer = {k: v for k, v in finding.items() if k not in ("status", "missing", "would_apply_if", "quote")}
        entry = {k: v for k, v in catalog[finding["norm"]].items() if v or k not in ("open_ended", "condition")}
        assert entry == answer


def test_tar_article_filter_returns_exactly_the_norms_citing_that_article(tar_model):
    entries = norm_catalog(tar_model, article="Article 13").entries
    assert entries
    expected = {n.id for n in tar_model.model.norms if any("__art_13__" in e + "__" for e in n.cites)}
    assert {e["norm"] for e in entries} == expected
    assert all(c.startswith("Art. 13") for e in entries for c in e["citations"] if "13" in c)


def test_with_the_text_any_citation_style_selects_the_provision_and_what_lies_inside(tar_model, tar_document):
    def ids(article):
        return {e["norm"] for e in norm_catalog(tar_model, article=article, document=tar_document).entries}

    article_13 = ids("Article 13")
    assert article_13 == ids("13") == ids("art_13") and article_13
    paragraph_1 = ids("13(1)")
    assert paragraph_1 and paragraph_1 < article_13
    assert all(c.startswith("Art. 13(1)") for e in norm_catalog(tar_model, article="13(1)", document=tar_document).entries
               for c in e["citations"] if c.startswith("Art. 13"))
    chapter_4 = ids("Chapter IV")
    assert ids("29") <= chapter_4 and ids("30") <= chapter_4 and not (chapter_4 & article_13)
    with pytest.raises(QueryError, match="no provision 'Article 99'"):
        ids("Article 99")


def test_tar_catalogs_name_every_actor_fact_and_procedure(tar_model):
    assert {e["actor"] for e in actor_catalog(tar_model).entries} == set(tar_model.actors)
    assert {e["fact"] for e in fact_catalog(tar_model).entries} == set(tar_model.facts)
    assert {e["procedure"] for e in procedure_catalog(tar_model).entries} == set(tar_model.procedures)
