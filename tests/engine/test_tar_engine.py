"""Golden answers on the shipped TAR model, written from the text (read in the corpus at run
time; nothing of it is copied here). Norm ids are matched by their article prefix, which the
model-file convention fixes (``art{A}.{P}[.{I}]-slug``), so a renamed slug does not break them.
"""

import pytest

from lawcode.engine import queries
from lawcode.service import load_model

JUNE = "2021-06-01"


@pytest.fixture(scope="module")
def tar():
    return load_model("tar-counter-espionage-2021")


def statuses(tar, actor, facts=(), on=JUNE, document=None) -> dict[str, str]:
    answer = queries.ask(tar, actor, list(facts), on, document=document).to_dict()
    return {f["norm"]: f["status"] for f in answer["findings"]}


def norm_ids(tar, prefix: str) -> list[str]:
    found = [n.id for n in tar.model.norms if n.id.startswith(prefix)]
    assert found, f"the TAR model has no norm {prefix}*"
    return found


def test_plain_enterprise_gets_article_13_and_article_14_waits_on_the_directory(tar):
    # Art 13 binds enterprises (among the units it lists); art 14 binds only units entered in
    # the directory of key units, which a plain enterprise may or may not be.
    found = statuses(tar, "enterprise")
    for norm in norm_ids(tar, "art13.1.1-") + norm_ids(tar, "art13.1.6-") + norm_ids(tar, "art13.1.9-"):
        assert found[norm] == "applies", norm
    for norm in norm_ids(tar, "art14.1."):
        assert found[norm] == "undetermined", norm
    answer = queries.ask(tar, "enterprise", [], JUNE).to_dict()
    for finding in answer["findings"]:
        if finding["norm"].startswith("art14.1."):
            assert finding["missing"] == ["in_key_unit_directory"]
            assert finding["would_apply_if"] == [{"in_key_unit_directory": True}]


def test_enterprise_in_the_directory_gets_articles_13_and_14(tar):
    found = statuses(tar, "enterprise", ["in_key_unit_directory"])
    for norm in norm_ids(tar, "art13.1.1-") + norm_ids(tar, "art14.1."):
        assert found[norm] == "applies", norm
    as_key_unit = statuses(tar, "key_unit")  # asking as the defined class implies the fact
    assert {n: as_key_unit[n] for n in norm_ids(tar, "art14.1.")} == {n: "applies" for n in norm_ids(tar, "art14.1.")}
    assert as_key_unit[norm_ids(tar, "art13.1.1-")[0]] == "applies"
    outside = statuses(tar, "enterprise", ["in_key_unit_directory=false"])
    assert not any(n.startswith("art14.1.") for n in outside)


def test_citizen_reporting_duty_depends_on_discovering_a_lead(tar):
    report = norm_ids(tar, "art18.2-report")[0]
    assert statuses(tar, "citizen")[report] == "undetermined"
    assert statuses(tar, "citizen", ["discovered_espionage_or_lead"])[report] == "applies"
    assert report not in statuses(tar, "citizen", ["discovered_espionage_or_lead=false"])
    # art 15 items 1, 2, 4 and 5 bind every citizen regardless; item 3 (telling the truth) is
    # tied to an investigation, so it is at least listed
    found = statuses(tar, "citizen")
    for prefix in ("art15.1.1-", "art15.1.2-", "art15.1.4-", "art15.1.5-"):
        for norm in norm_ids(tar, prefix):
            assert found[norm] == "applies", norm
    assert all(norm in found for norm in norm_ids(tar, "art15.1.3-"))


def test_network_operator_whose_network_is_misused(tar):
    # Art 22(2): the immediate steps only follow the discovery of misuse; the management and
    # technical measures bind every network operator.
    conditional = [n for n in norm_ids(tar, "art22.2-") if tar.conditions[n] is not None]
    assert conditional, "art 22(2) has steps that depend on discovering misuse"
    plain = statuses(tar, "network_operator")
    misused = statuses(tar, "network_operator", ["network_used_to_endanger_security"])
    for norm in norm_ids(tar, "art22.2-"):
        assert misused[norm] == "applies", norm
        assert plain[norm] == ("undetermined" if norm in conditional else "applies"), norm


def test_nothing_is_in_force_before_1_january_2021(tar):
    answer = queries.ask(tar, "enterprise", [], "2020-12-31").to_dict()
    assert answer["findings"] == [] and answer["in_force"] is False
    assert "2021-01-01" in answer["notice"] and "Art. 32" in answer["notice"]
    assert statuses(tar, "enterprise", on="2021-01-01")  # in force from that day


def test_quotes_come_from_the_text_with_human_citations(tar, tar_document):
    answer = queries.ask(tar, "enterprise", [], JUNE, document=tar_document).to_dict()
    item5 = next(f for f in answer["findings"] if f["norm"].startswith("art13.1.5-"))
    assert item5["citations"] == ["Art. 13(1)(5)"]
    quote = item5["quote"][0]
    assert quote["citation"] == "Art. 13(1)(5)"
    assert quote["text"] == tar_document.get(quote["eid"]).full_text()
    assert "overseas" in quote["text"]


def test_explain_reporting_duty_and_key_unit_duty(tar):
    report = norm_ids(tar, "art18.2-report")[0]
    answer = queries.explain(tar, "art18.2-report", "citizen", ["discovered_espionage_or_lead"], JUNE).to_dict()
    assert answer["finding"]["norm"] == report and answer["finding"]["status"] == "applies"
    assert answer["bearer"]["path"][0] == "citizen"
    condition = next(p for p in answer["parts"] if p["role"] == "condition")
    assert condition["facts"][0]["source"] == "given" and condition["value"] is True
    key = queries.explain(tar, norm_ids(tar, "art14.1.1-")[0], "enterprise", [], JUNE).to_dict()
    assert key["bearer"]["path"] == ["enterprise", "unit"]
    assert key["bearer"]["defined"][0]["actor"] == "key_unit"
    assert key["decided_by"] == ["defined_by:key_unit"]
    before = queries.explain(tar, report, "citizen", ["discovered_espionage_or_lead"], "2020-12-31").to_dict()
    assert before["decided_by"] == ["validity"] and before["validity"]["in_force"] is False


def test_what_if_on_the_tar_model(tar):
    key = queries.what_if(tar, norm_ids(tar, "art14.1.2-")[0], "enterprise", [], JUNE).to_dict()
    assert key["sets"] == [{"in_key_unit_directory": True}]
    report = queries.what_if(tar, "art18.2-report", "citizen", [], JUNE).to_dict()
    assert report["sets"] == [{"discovered_espionage_or_lead": True}]
    stop = queries.what_if(tar, "art18.2-report", "citizen", ["discovered_espionage_or_lead"], JUNE, stop=True).to_dict()
    assert stop["sets"] == [] and "no facts" in stop["notice"]  # only the known fact could stop it
    never = queries.what_if(tar, norm_ids(tar, "art15.1.1-")[0], "enterprise", [], JUNE).to_dict()
    assert never["sets"] == [] and "binds citizen" in never["notice"]


def test_who_does_publicity_and_education(tar):
    answer = queries.who(tar, ["publicity", "education"]).to_dict()
    norms = {n["norm"] for g in answer["actors"] for n in g["norms"]}
    # Art 12(9) state security organs, art 13(1)(6) units, art 23(2) committees, art 28 media
    for prefix in ("art12.1.9-", "art13.1.6-", "art23.2-", "art28.1-"):
        assert any(n.startswith(prefix) for n in norms), prefix
    by_actor = {g["actor"]: g for g in answer["actors"]}
    assert "enterprise" in by_actor["unit"]["also"]


def test_a_prefix_shared_by_norms_for_other_actors_still_names_the_actors_norm(tar):
    answer = queries.explain(tar, "art18.2", "citizen", [], JUNE).to_dict()
    assert answer["finding"]["norm"] == norm_ids(tar, "art18.2-report")[0]
    assert answer["finding"]["bearer"] == "citizen"
