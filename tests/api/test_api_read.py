"""The reading endpoints answer what the service layer answers, as JSON (or AKN, iCalendar)."""

from __future__ import annotations

from apihelp import TAR_ID, client_fixture, tar_library_fixture  # noqa: F401 (fixtures)


def test_lists_the_shipped_regulation_with_its_text(client):
    listed = client.get("/api/regulations").json()["regulations"]
    assert [r["id"] for r in listed] == [TAR_ID]
    assert listed[0]["has_text"] and listed[0]["has_model"] and listed[0]["articles"] == 32


def test_structure_is_the_parsed_document(client, tar_library):
    body = client.get(f"/api/regulations/{TAR_ID}/structure").json()
    assert body == tar_library.get(TAR_ID).document.to_dict()


def test_akoma_ntoso_is_served_as_xml(client):
    response = client.get(f"/api/regulations/{TAR_ID}/akn")
    assert response.headers["content-type"].startswith("application/akn+xml")
    from lawcode.akn.validate import validate_akn

    assert validate_akn(response.content, "served") == []


def test_a_provision_by_eid_and_by_citation(client):
    by_eid = client.get(f"/api/regulations/{TAR_ID}/provisions/chp_II__art_13__para_nn_1").json()
    by_citation = client.get(f"/api/regulations/{TAR_ID}/provisions/13(1)").json()
    assert by_eid == by_citation
    assert by_eid["citation"] == "Art. 13(1)"
    assert any(n["norm"].startswith("art13.1") for n in by_eid["norms"])
    assert all(any(c.startswith("chp_II__art_13__para_nn_1") for c in n["cites"]) for n in by_eid["norms"])


def test_ask_answers_as_the_engine_does(client, tar_library):
    from lawcode.engine.queries import ask

    regulation = tar_library.get(TAR_ID)
    expected = ask(regulation.loaded, "enterprise", {"in_key_unit_directory": True}, "2022-01-01", None,
                   regulation.document).to_dict()
    got = client.get(f"/api/regulations/{TAR_ID}/ask",
                     params={"as": "enterprise", "fact": "in_key_unit_directory", "on": "2022-01-01"}).json()
    posted = client.post(f"/api/regulations/{TAR_ID}/ask",
                         json={"as": ["enterprise"], "facts": {"in_key_unit_directory": True},
                               "on": "2022-01-01"}).json()
    assert got == expected == posted


def test_ask_for_several_roles_combines_them_and_names_the_role(client):
    def norms(roles):
        answer = client.get(f"/api/regulations/{TAR_ID}/ask", params={"as": roles, "on": "2022-01-01"}).json()
        return {f["norm"]: f for f in answer["findings"]}

    enterprise, citizen, both = norms(["enterprise"]), norms(["citizen"]), norms(["enterprise", "citizen"])
    assert set(both) == set(enterprise) | set(citizen)
    only_citizen = next(n for n in citizen if n not in enterprise)
    assert both[only_citizen]["roles"] == ["citizen"]


def test_explain_what_if_who(client):
    explained = client.get(f"/api/regulations/{TAR_ID}/norms/art14.1.1/explain", params={"as": "enterprise"}).json()
    assert explained["finding"]["status"] == "undetermined"
    what_if = client.get(f"/api/regulations/{TAR_ID}/norms/art14.1.1/what-if", params={"as": "enterprise"}).json()
    assert {"in_key_unit_directory": True} in what_if["sets"]
    who = client.get(f"/api/regulations/{TAR_ID}/who", params={"term": ["publicity", "education"]}).json()
    assert who["actors"]


def test_procedures_and_a_run(client):
    listed = client.get(f"/api/regulations/{TAR_ID}/procedures").json()["procedures"]
    assert "telecom_equipment_seal" in [p["procedure"] for p in listed]
    run = client.get(f"/api/regulations/{TAR_ID}/procedures/telecom_equipment_seal",
                     params={"event": ["order_correction", "refuse_or_fall_short"]}).json()
    assert [s["event"] for s in run["path"]] == ["order_correction", "refuse_or_fall_short"]


def test_calendar_as_json_and_icalendar(client):
    days = client.get(f"/api/regulations/{TAR_ID}/calendar", params={"year": "2027"}).json()
    assert days["year"] == 2027 and days["days"]
    ics = client.get(f"/api/regulations/{TAR_ID}/calendar.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")


def test_review_takes_model_and_text_from_one_lookup_of_the_regulation(client, tar_library, monkeypatch):
    """A version stored between two lookups must not pair one version's model with another's text."""
    import dataclasses

    from lawcode import service
    from lawcode.text.parse import parse_text

    first = tar_library.get(TAR_ID)
    later = dataclasses.replace(first, loaded=None, document=parse_text("Rules\n\nArticle 13: Another text."))
    answers = iter([first, later, later])
    monkeypatch.setattr(tar_library, "get", lambda regulation_id: next(answers))
    body = client.get(f"/api/regulations/{TAR_ID}/review", params={"article": "13"}).json()
    assert body == service.review(first.loaded, first.document, "13")


def test_review_of_one_article(client, tar_library):
    from lawcode import service

    regulation = tar_library.get(TAR_ID)
    body = client.get(f"/api/regulations/{TAR_ID}/review", params={"article": "13"}).json()
    assert body == service.review(regulation.loaded, regulation.document, "13")
    assert body["provisions"][0]["citation"] == "Art. 13"
    assert any(p["norms"] for p in body["provisions"])


def test_check_reports_the_shipped_model_clean(client):
    report = client.get(f"/api/regulations/{TAR_ID}/check").json()
    assert report["errors"] == [] and report["model"] == TAR_ID
    assert report["text"] == "tar-counter-espionage-precautions-2021.txt"  # not where the server keeps it


def test_validate_an_akoma_ntoso_document(client):
    served = client.get(f"/api/regulations/{TAR_ID}/akn").content
    assert client.post("/api/validate", content=served, headers={"content-type": "application/xml"}).json() == \
        {"valid": True, "problems": []}
    broken = served.replace(b"<body>", b"<body><nonsense/>", 1)
    answer = client.post("/api/validate", content=broken, headers={"content-type": "application/xml"}).json()
    assert answer["valid"] is False and answer["problems"]
    not_xml = client.post("/api/validate", content=b"<<<", headers={"content-type": "application/xml"})
    assert not_xml.status_code == 422 and not_xml.json()["error"]


def test_assess_answers_as_the_engine_does():
    from fastapi.testclient import TestClient

    from conftest import UK_EQUALITY, corpus_file
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.engine.assess import assess

    library = Library.load(["uk-equality-act-2010"], str(corpus_file(UK_EQUALITY)), store=False)
    regulation = library.get("uk-equality-act-2010")
    facts = {"provides_service_to_public": True, "discrimination_in_services": True, "b_seeks": True,
             "schedule_3_exception": False}
    with TestClient(create_app(library, web=False)) as client:
        answer = client.get("/api/regulations/uk-equality-act-2010/assess",
                            params={"as": "service_provider", "on": "2020-01-01",
                                    "fact": [name if held else f"{name}=false" for name, held in facts.items()]}).json()
    assert answer == assess(regulation.loaded, ["service_provider"], facts, "2020-01-01", regulation.document).to_dict()
    assert any(a["result"] == "contravened" for a in answer["assessments"])


def test_readings_answer_as_the_engine_does(client, tar_library):
    from lawcode.engine.review import reading_list

    regulation = tar_library.get(TAR_ID)
    every = client.get(f"/api/regulations/{TAR_ID}/readings").json()
    assert every == reading_list(regulation.loaded, regulation.document).to_dict() and every["readings"]
    pending = client.get(f"/api/regulations/{TAR_ID}/readings", params={"pending": "true"}).json()
    assert pending == reading_list(regulation.loaded, regulation.document, reviewed=False).to_dict()
