"""The corpus commands used as a lawyer or a researcher would, with the mistakes they make.

Each test here is a defect found by using ``ingest``, ``search``, ``diff``, ``export`` and
``list`` end to end (on both backends where the store answers), kept so that it stays fixed.
"""

from __future__ import annotations

import json

import pytest

from conftest import run_main as lawcode
from lawcode.errors import QueryError
from lawcode.store import query as q

from .conftest import MARINA, write_text


@pytest.fixture
def marina(store_env, monkeypatch, capsys, tmp_path):
    assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)))[0] == 0


@pytest.mark.parametrize("query, message", [
    (" ".join(["fee"] * 3000), "more than the 500 a query may have"),
    (" OR ".join(f"w{n}" for n in range(2000)), "more than the 500 a query may have"),
    ("(" * 40 + "fee" + ")" * 40, "more than 32 parentheses inside one another"),
])
def test_a_query_too_long_or_too_deep_is_a_clear_error_not_a_traceback(marina, monkeypatch, capsys, query, message):
    code, _out, err = lawcode(monkeypatch, capsys, "search", query)
    assert code == 2 and message in err and "Traceback" not in err and "Recursion" not in err
    assert len(err) < 600  # the refused query is quoted in part, not pasted back whole


def test_the_longest_and_deepest_queries_allowed_are_answered():
    longest = " OR ".join(["fee"] * 125)[:q.MAX_LENGTH]
    for text in (longest, "(" * q.MAX_DEPTH + "fee" + ")" * q.MAX_DEPTH):
        parsed = q.parse(text)
        assert q.to_fts5(parsed) and q.to_tsquery(parsed)
    with pytest.raises(QueryError):
        q.parse("x" * (q.MAX_LENGTH + 1))


def test_reading_commands_never_create_the_default_store(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)
    store_file = tmp_path / "data" / "lawcode" / "corpus.sqlite3"
    code, out, _ = lawcode(monkeypatch, capsys, "list")
    assert code == 0 and f"the store at {store_file} holds no regulation yet" in out
    assert lawcode(monkeypatch, capsys, "search", "fee")[:2] == (0, "no match\n")
    for args in (("export", "marina"), ("diff", "marina", "marina@2"), ("delete", "marina", "--yes")):
        code, _out, err = lawcode(monkeypatch, capsys, *args)
        assert code == 2 and "no stored regulation 'marina'" in err
    assert not store_file.exists() and not store_file.parent.exists()
    assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)))[0] == 0
    assert store_file.is_file()  # writing creates it
    assert "marina@1" in lawcode(monkeypatch, capsys, "search", "fee")[1]


def test_an_unknown_kind_is_an_error_naming_the_kinds(marina, monkeypatch, capsys):
    code, _out, err = lawcode(monkeypatch, capsys, "search", "fee", "--kind", "dutty")
    assert code == 2 and "unknown kind 'dutty'" in err and "known: duty" in err
    code, out, _ = lawcode(monkeypatch, capsys, "search", "fee", "--kind", "item")
    assert code == 0 and "(item)" in out


def test_a_regulation_with_no_version_in_force_that_day_says_so(store_env, monkeypatch, capsys, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    assert lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2020-01-01")[0] == 0
    code, _out, err = lawcode(monkeypatch, capsys, "search", "fee", "--regulation", "marina", "--on", "2019-06-30")
    assert code == 2 and "no version of marina was in force on 2019-06-30" in err and "marina@1 from 2020-01-01" in err
    code, out, _ = lawcode(monkeypatch, capsys, "search", "fee", "--on", "2019-06-30")  # across the store: none
    assert (code, out) == (0, "no match\n")


@pytest.mark.parametrize("change, refusal", [
    (("/postgres", "/no_such_db"), 'database "no_such_db" does not exist'),
    (("lawcode@", "no_such_user@"), 'role "no_such_user" does not exist'),
])
def test_a_server_that_answers_but_refuses_is_not_called_unreachable(postgres, monkeypatch, capsys, change, refusal):
    monkeypatch.setenv("LAWCODE_DATABASE_URL", postgres.url.replace(*change))
    code, _out, err = lawcode(monkeypatch, capsys, "list")
    assert code == 2 and "refused the connection to database" in err and refusal in err
    assert "user, password and database name" in err
    assert "cannot reach" not in err and "server is running" not in err and "FATAL" not in err


def test_a_changed_lead_in_or_article_lists_every_norm_resting_on_it():
    from lawcode.store.diff import compare
    from lawcode.text.parse import parse_text

    from .conftest import GARDEN

    text = GARDEN.read_text()
    norms = [{"norm": f"item{n}", "kind": "duty", "cites": [f"chp_II__art_3__para_nn_1__list_1__item_{n}"]}
             for n in (1, 2, 3)] + [{"norm": "art4", "kind": "prohibition", "cites": ["chp_II__art_4__para_nn_1"]}]

    def reviewed(new: str) -> dict[str, tuple[str, ...]]:
        return {n.norm: n.reasons for n in compare(parse_text(text), parse_text(new), norms=norms).norms}

    assert reviewed(text.replace("the yearly fee", "the yearly fee in cash")) == {"item2": ("Art. 3(1)(2) changed",)}
    lead_in = reviewed(text.replace("shall perform the following", "may perform the following"))
    assert set(lead_in) == {"item1", "item2", "item3"}  # the lead-in decides what each item means
    assert reviewed(text.replace("light fires", "light open fires")) == {"art4": ("Art. 4 changed",)}
    assert reviewed(text) == {}


def test_files_of_one_name_in_two_folders_stored_as_versions_say_so(store_env, monkeypatch, capsys, tmp_path):
    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    write_text(tmp_path / "north", "bylaw.txt", MARINA)
    write_text(tmp_path / "south", "bylaw.txt", MARINA.replace("Marina Rules", "Harbour Rules").replace("fire", "bilge"))
    code, _out, err = lawcode(monkeypatch, capsys, "ingest", str(tmp_path))
    assert code == 0
    assert f"{tmp_path}/north/bylaw.txt as @1, {tmp_path}/south/bylaw.txt as @2 were stored as versions of one " \
           "regulation, bylaw: a text without a model is known by its file name" in err
    assert "lawcode delete bylaw@N" in err
    (tmp_path / "east").mkdir()
    write_text(tmp_path / "east", "bylaw.txt", MARINA.replace("fire", "sand"))
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(tmp_path / "east"), "--format", "json")
    assert code == 0 and json.loads(out)["notes"] == []  # one file at a time: a new version, as asked


def test_diff_of_a_missing_file_or_a_folder_says_so(marina, monkeypatch, capsys, tmp_path):
    for ref, problem in ((str(tmp_path / "old" / "marina.txt"), "no such file"), ("marina-2019.txt", "no such file"),
                         (str(tmp_path), "is a folder")):
        code, _out, err = lawcode(monkeypatch, capsys, "diff", ref, "marina")
        assert code == 2 and f"{ref}: {problem}" in err and "no stored regulation" not in err
    code, _out, err = lawcode(monkeypatch, capsys, "diff", "marin", "marina")
    assert code == 2 and "no stored regulation 'marin'" in err  # an id still gets the stored ids


def _garden(tmp_path):
    from lawcode.text.parse import parse_text

    from .conftest import GARDEN, GARDEN_MODEL

    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    return text, model


def test_asking_a_stored_regulation_before_it_is_in_force_answers_so(store_env, monkeypatch, capsys, tmp_path):
    text, model = _garden(tmp_path)  # the model: in force from 2024-05-01
    assert lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))[0] == 0
    for ref in ("riverside-gardens", "riverside-gardens@1"):  # as the version itself answers, and a shipped model
        code, out, err = lawcode(monkeypatch, capsys, "ask", "-r", ref, "--as", "plot_holder", "--on", "2024-01-01",
                                 "--format", "json")
        assert code == 0, err
        answer = json.loads(out)
        assert answer["in_force"] is False and answer["findings"] == [] and "2024-05-01" in answer["notice"]
    code, out, _ = lawcode(monkeypatch, capsys, "ask", "-r", "riverside-gardens", "--as", "plot_holder", "--on",
                           "2024-06-01", "--format", "json")
    assert code == 0 and json.loads(out)["in_force"] is True


def test_a_day_the_store_has_no_version_for_but_the_model_would_is_still_an_error(store_env, monkeypatch, capsys,
                                                                                    tmp_path):
    text, model = _garden(tmp_path)
    assert lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model), "--in-force", "2025-01-01")[0] == 0
    code, _out, err = lawcode(monkeypatch, capsys, "ask", "-r", "riverside-gardens", "--as", "plot_holder", "--on",
                              "2024-06-01")  # the model is in force then, the stored version not yet
    assert code == 2 and "no version of riverside-gardens was in force on 2024-06-01" in err


def test_the_api_answers_a_dated_question_from_the_version_in_force_as_the_cli_does(store_env, monkeypatch, capsys,
                                                                                    tmp_path):
    from fastapi.testclient import TestClient

    from lawcode.api.app import create_app
    from lawcode.api.library import Library

    text, model = _garden(tmp_path)  # version 1: in force from 2024-05-01
    assert lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))[0] == 0
    new_fingerprint = json.loads(lawcode(monkeypatch, capsys, "parse", str(write_text(
        tmp_path, "v2.txt", text.read_text().replace("free of weeds", "free of weeds and litter"))),
        "--format", "json")[1])["fingerprint"]
    later = tmp_path / "later"
    later.mkdir()
    write_text(later, "garden.txt", (tmp_path / "v2.txt").read_text())
    (later / "garden.yaml").write_text(model.read_text().replace("in_force: 2024-05-01", "in_force: 2026-01-01")
                                       .replace(model.read_text().split("fingerprint: ")[1].split()[0],
                                                new_fingerprint))
    assert lawcode(monkeypatch, capsys, "ingest", str(later / "garden.txt"), "--model", str(later / "garden.yaml"))[0] == 0

    question = ["--as", "plot_holder", "--on", "2025-01-01", "--format", "json"]
    cli = json.loads(lawcode(monkeypatch, capsys, "ask", "-r", "riverside-gardens", *question)[1])
    assert cli["in_force"] is True and cli["findings"]  # version 1 is in force then
    with TestClient(create_app(Library.load(["tar-counter-espionage-2021"]), web=False)) as client:
        params = {"as": "plot_holder", "on": "2025-01-01"}
        asked = client.get("/api/regulations/riverside-gardens/ask", params=params)
        assert asked.status_code == 200 and asked.json() == cli
        posted = client.post("/api/regulations/riverside-gardens/ask", json={"as": ["plot_holder"], "on": "2025-01-01"})
        assert posted.json() == cli
        weeding = client.get("/api/regulations/riverside-gardens/norms/art3.1.1-weeding/explain", params=params)
        assert weeding.json()["finding"]["status"] == "applies" and "litter" not in json.dumps(weeding.json())
        latest = client.get("/api/regulations/riverside-gardens/ask", params={"as": "plot_holder", "on": "2026-06-01"})
        assert "litter" in json.dumps(latest.json())  # version 2 on a day it is in force
        before = client.get("/api/regulations/riverside-gardens/ask", params={"as": "plot_holder", "on": "2020-01-01"})
        assert before.json()["in_force"] is False


def test_the_ingest_rate_of_a_slow_text_is_not_zero():
    from lawcode.cli.store_commands import rate

    assert rate(1, 3.3) == ", 0.3 texts/s" and rate(5, 3.9) == ", 1.3 texts/s" and rate(90, 5.0) == ", 18 texts/s"
    assert rate(0, 2.0) == "" and rate(3, 0.0) == ""


def test_export_of_a_named_version_with_a_day_asks_for_one_of_the_two(marina, monkeypatch, capsys):
    code, _out, err = lawcode(monkeypatch, capsys, "export", "marina@1", "--on", "2019-01-01")
    assert code == 2 and "marina@1 names a version and --on 2019-01-01 a day" in err
    assert lawcode(monkeypatch, capsys, "export", "marina@1", "--format", "md")[0] == 0
