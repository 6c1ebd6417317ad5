"""`lawcode search` on both backends: ranking, phrases, prefixes, operators, filters, dates, errors."""

from __future__ import annotations

import json

import pytest

from conftest import run_main as lawcode
from lawcode.errors import QueryError
from lawcode.store import query as q

from .conftest import GARDEN, GARDEN_MODEL, HARBOUR, MARINA, write_text

LIGHTHOUSE = """Lighthouse Rules

Article 1: The keeper shall light the lamp at dusk.

Article 2: The keeper shall log each mooring fee paid by a visiting boat.

Article 3: A fee for the use of the mooring is set by the council.

Article 4: Registration of visitors is kept by the keeper.
"""


@pytest.fixture
def corpus(store_env, monkeypatch, capsys, tmp_path):
    for name, text in (("marina.txt", MARINA), ("lighthouse.txt", LIGHTHOUSE)):
        assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, name, text)))[0] == 0
    return lambda *args: _search(monkeypatch, capsys, *args)


def _search(monkeypatch, capsys, *args):
    code, out, err = lawcode(monkeypatch, capsys, "search", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)["hits"]


def test_a_phrase_matches_only_words_in_that_order(corpus):
    phrase = corpus('"mooring fee"', "--regulation", "lighthouse")
    assert [h["eid"] for h in phrase] == ["art_2__para_nn_1"]
    assert {h["version"] for h in corpus('"mooring fee"')} == {"lighthouse@1", "marina@1"}
    words = corpus("mooring fee", "--regulation", "lighthouse")
    assert {h["eid"] for h in words} >= {"art_2__para_nn_1", "art_3__para_nn_1"}


def test_prefixes_and_stems(corpus):
    assert {h["eid"] for h in corpus("regist*")} == {"chp_I__art_2__para_nn_1__list_1__item_1", "art_4__para_nn_1"}
    assert [h["eid"] for h in corpus("lamps")] == ["art_1__para_nn_1"]  # stemmed: lamps finds lamp


def test_a_prefix_finds_the_words_that_begin_with_it_where_stemming_cuts_into_it(corpus):
    # the index holds "mooring" as "moor" and "registration" as "registr": neither begins with the prefix
    moori = corpus("moori*")
    assert moori and {h["eid"] for h in moori} == {h["eid"] for h in corpus("mooring")}
    assert all("**mooring**" in h["snippet"] or "**moored**" in h["snippet"] for h in moori)
    assert [(h["eid"], "**Registration**" in h["snippet"]) for h in corpus("registrat*")] == [("art_4__para_nn_1", True)]
    assert [h["eid"] for h in corpus('"of visitors" AND registrat*')] == ["art_4__para_nn_1"]
    assert [h["eid"] for h in corpus('"mooring fe"*', "--regulation", "lighthouse")] == ["art_2__para_nn_1"]


def test_boolean_operators(corpus):
    assert {h["eid"] for h in corpus("lamp OR registration")} == {"art_1__para_nn_1", "art_4__para_nn_1"}
    assert {h["eid"] for h in corpus("keeper NOT (lamp OR registration)")} == {"art_2__para_nn_1"}
    assert {h["eid"] for h in corpus("keeper AND fee")} == {"art_2__para_nn_1"}


def test_hits_are_ranked_and_highlighted_with_citations(corpus):
    hits = corpus("fee", "--regulation", "marina")
    assert [h["citation"] for h in hits] == ["Art. 2(1)(3)"]
    assert "**fee**" in hits[0]["snippet"] and hits[0]["kind"] == "item"
    ranked = corpus("keeper", "--regulation", "lighthouse")
    assert [h["score"] for h in ranked] == sorted((h["score"] for h in ranked), reverse=True)
    # --kind: each hit cites the narrowest provision of that kind that the query matches on its own
    articles = corpus("fee", "--kind", "article")
    assert {(h["version"], h["citation"]) for h in articles} == {("lighthouse@1", "Art. 2"), ("lighthouse@1", "Art. 3"),
                                                                  ("marina@1", "Art. 2")}
    assert {h["kind"] for h in articles} == {"article"}
    assert [h["citation"] for h in corpus("fee", "--kind", "item")] == ["Art. 2(1)(3)"]
    assert corpus("lamp", "--kind", "item") == []  # lighthouse has no items: its articles hold the word


DOCK = """Dock Rules

Article 1: The dock fee is due each quarter, and the fee is paid to the dockmaster, fee by fee:

(1) boats moor at the pier;

(2) visitors sign the book.

Article 2: The dockmaster shall:

(1) collect the fee;

(2) keep the book.
"""


def test_a_search_by_kind_reads_past_best_rows_whose_match_is_not_in_a_provision_of_that_kind(
        store_env, monkeypatch, capsys, tmp_path):
    assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "dock.txt", DOCK)))[0] == 0
    ranked = _search(monkeypatch, capsys, "fee")
    assert ranked[0]["eid"].startswith("art_1")  # the best row holds items, but not the word in one
    [hit] = _search(monkeypatch, capsys, "fee", "--kind", "item", "--limit", "1")
    assert hit["citation"] == "Art. 2(1)(1)"


def test_snippets_belong_to_each_search_in_a_row_and_in_threads_at_once(corpus, store_url):
    from concurrent.futures import ThreadPoolExecutor

    from lawcode.store.search import search
    from lawcode.store.store import Store

    queries = ["keeper", "mooring fee", "lamp OR registration", "regist*", "fee"] * 4
    with Store.open(store_url) as store:
        alone = [[(h.ref, h.snippet) for h in search(store, query).hits] for query in queries]
    assert all(alone) and all("**" in snippet for hits in alone for _, snippet in hits)

    def in_a_thread(query: str) -> list[tuple[str, str]]:
        with Store.open(store_url) as store:
            return [(h.ref, h.snippet) for h in search(store, query).hits]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(in_a_thread, queries)) == alone


def test_norms_are_searched_by_action_and_actor(store_env, monkeypatch, capsys, tmp_path):
    from lawcode.text.parse import parse_text

    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))
    norms = [h for h in _search(monkeypatch, capsys, "weeds") if h["what"] == "norm"]
    assert norms and all(h["citations"] for h in norms)
    bearer = norms[0]["actors"][0]
    assert _search(monkeypatch, capsys, "weeds", "--actor", bearer)
    code, _out, err = lawcode(monkeypatch, capsys, "search", "weeds", "--actor", "nobody_at_all")
    assert code == 2 and "no stored norm searched binds 'nobody_at_all'" in err and bearer in err
    assert {h["kind"] for h in _search(monkeypatch, capsys, "weeds", "--kind", norms[0]["kind"])} == {norms[0]["kind"]}


@pytest.fixture
def garden_of_kinds(store_env, monkeypatch, capsys, tmp_path):
    """The garden with its model, and actors that are a plot holder (a tenant) or may be one (a club)."""
    from lawcode.text.parse import parse_text

    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    tenant = ("  - id: allotment_tenant\n    label: allotment tenant\n    is_a: [plot_holder]\n"
              "  - id: gardening_club\n    label: gardening club\n"
              "    may_be:\n      - {actor: plot_holder, when: club_granted_plot}\n  - id: garden_office\n")
    club_fact = ("  - id: club_granted_plot\n    meaning: the club has been granted a plot\n"
                 "    question: Has the garden office granted the club a plot?\n    about: gardening_club\n"
                 "  - id: fee_unpaid\n")
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint())
                     .replace("  - id: garden_office\n", tenant, 1).replace("  - id: fee_unpaid\n", club_fact, 1))
    assert lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))[0] == 0


def test_an_actor_finds_the_norms_of_what_it_is_a_kind_of(garden_of_kinds, monkeypatch, capsys):
    def norms(actor: str) -> set[str]:
        return {h["norm"] for h in _search(monkeypatch, capsys, "plot OR fire OR fee OR weeds", "--actor", actor,
                                           "--limit", "100") if h["what"] == "norm"}

    holder = norms("plot_holder")
    assert holder and "art3.1.1-weeding" in holder
    assert norms("allotment_tenant") == holder  # a tenant is a plot holder: bound by the same norms
    assert norms("resident") == holder  # a resident with a plot is one (plot_holder is defined so)
    office = norms("garden_office")
    assert office and "art3.1.1-weeding" not in office and office < holder  # the office's norms concern plot holders
    code, _out, err = lawcode(monkeypatch, capsys, "search", "plot", "--actor", "plot_holdr")
    assert code == 2 and "known: plot_holder" in err  # misspelt: the error names it, closest first


def test_a_norm_found_by_actor_says_when_it_concerns_an_actor_only_if_it_is_one_it_may_be(
        garden_of_kinds, monkeypatch, capsys):

    def only_if(actor: str) -> dict[str, list[str]]:
        return {h["norm"]: h["actor_only_if"] for h in _search(monkeypatch, capsys, "weeds OR fee", "--actor", actor)
                if h["what"] == "norm"}

    assert only_if("plot_holder")["art3.1.1-weeding"] == [] == only_if("allotment_tenant")["art3.1.1-weeding"]
    assert only_if("resident")["art3.1.1-weeding"] == ["has_plot"]  # a resident is a plot holder if granted one
    # a club may be a plot holder (a may-be link), and a plot holder is a resident granted a plot
    assert only_if("gardening_club")["art3.1.1-weeding"] == ["club_granted_plot and has_plot"]
    code, out, _err = lawcode(monkeypatch, capsys, "search", "weeds", "--actor", "resident")
    assert code == 0 and "concerns resident only if has_plot" in out
    code, out, _err = lawcode(monkeypatch, capsys, "search", "weeds", "--actor", "plot_holder")
    assert code == 0 and "art3.1.1-weeding" in out and "only if" not in out


def test_the_version_in_force_is_searched(store_env, monkeypatch, capsys, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2020-01-01")
    path.write_text(MARINA.replace("each quarter", "each month"), encoding="utf-8")
    lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2025-01-01")
    assert _search(monkeypatch, capsys, "quarter") == []
    assert [h["version"] for h in _search(monkeypatch, capsys, "quarter", "--on", "2024-06-30")] == ["marina@1"]


def test_search_export_and_diff_on_a_day_name_the_versions_whose_day_of_entry_into_force_is_unknown(
        store_env, monkeypatch, capsys, tmp_path):
    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)), "--in-force", "2020-01-01")
    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "lighthouse.txt", LIGHTHOUSE)))

    def searched(*args):
        code, out, err = lawcode(monkeypatch, capsys, "search", "mooring", *args)
        assert code == 0, err
        return out, err

    out, err = searched("--on", "2019-06-30", "--format", "json")
    answer = json.loads(out)
    assert {h["version"] for h in answer["hits"]} == {"lighthouse@1"}  # marina is not in force yet
    assert answer["in_force_unknown"] == ["lighthouse@1"]
    out, err = searched("--on", "2024-06-30")
    assert "lighthouse@1: stored with no day of entry into force, so not known to be in force on 2024-06-30" in err
    assert "marina@1" in out and "marina@1" not in err
    out, err = searched("--format", "json")  # no day asked about: the latest versions, nothing to qualify
    assert json.loads(out)["in_force_unknown"] == [] and err == ""
    out, err = searched("--on", "2024-06-30", "--regulation", "marina", "--format", "json")
    assert json.loads(out)["in_force_unknown"] == []
    undated = "lighthouse@1: stored with no day of entry into force, so not known to be in force on 2024-06-30"
    code, out, err = lawcode(monkeypatch, capsys, "export", "lighthouse", "--on", "2024-06-30", "--format", "md")
    assert code == 0 and "keeper" in out and f"{undated}; written out as if in force" in err
    code, out, err = lawcode(monkeypatch, capsys, "diff", "marina", "lighthouse", "--on", "2024-06-30")
    assert code == 0 and f"{undated}; compared as if in force" in err and "marina@1:" not in err
    for command in (["export", "marina", "--on", "2024-06-30"], ["diff", "lighthouse@1", "marina", "--on", "2024-06-30"],
                    ["export", "lighthouse"]):
        code, _out, err = lawcode(monkeypatch, capsys, *command)
        assert code == 0 and "no day of entry into force" not in err, command  # a day known, or none asked


def test_a_search_narrowed_by_kind_finds_only_rows_that_hold_one_and_a_prefix_never_matches_a_kind(corpus):
    assert {h["eid"] for h in corpus("keeper", "--kind", "paragraph")} >= {"art_1__para_nn_1", "art_4__para_nn_1"}
    assert corpus("keeper", "--kind", "chapter") == [] and corpus("keeper", "--kind", "item") == []
    assert [(h["kind"], h["citation"]) for h in corpus("penalties", "--kind", "chapter")] == [("chapter", "Chapter II")]
    # the index names each row's kinds ("kindparagraph"): no prefix of a word reaches them
    for prefix in ("kin*", "kind*", "kindpa*"):
        assert corpus(prefix) == [], prefix


def test_human_output_names_version_citation_and_eid(corpus, monkeypatch, capsys):
    code, out, _ = lawcode(monkeypatch, capsys, "search", "lamp")
    assert code == 0 and "lighthouse@1  Art. 1  art_1__para_nn_1 (paragraph)" in out and "lamp" in out


def test_a_terminal_names_the_first_few_other_provisions_of_a_hit_and_json_all(store_env, monkeypatch, capsys,
                                                                               tmp_path):
    paragraphs = "\n".join(f"({number}) Term {number} means a quay of class {number}." for number in range(1, 11))
    text = f"Quay Rules\n\nArticle 1 Definitions\n\n{paragraphs}\n"
    assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "quay.txt", text)))[0] == 0
    code, out, _ = lawcode(monkeypatch, capsys, "search", "quay")
    assert code == 0
    assert "also Art. 1(2), Art. 1(3), Art. 1(4), Art. 1(5), Art. 1(6), Art. 1(7) and 3 more (--format json " in out
    [hit] = _search(monkeypatch, capsys, "quay")
    assert len(hit["also"]) == 9 and hit["also"][-1]["citation"] == "Art. 1(10)"


@pytest.mark.parametrize("bad, message", [
    ('"mooring fee', "unbalanced quote"),
    ("(fee OR lamp", "'(' is never closed"),
    ("fee)", "')' without its '('"),
    ("fee AND", "ends with an operator"),
    ("OR fee", "OR needs something on both sides"),
    ("NOT fee", "NOT needs something before it"),
    ("fee OR OR lamp", "OR needs something on both sides"),
    ("", "it is empty"),
    ("***", "has no letters or digits"),
])
def test_a_malformed_query_is_a_clear_error(corpus, monkeypatch, capsys, bad, message):
    code, _out, err = lawcode(monkeypatch, capsys, "search", bad)
    assert code == 2 and message in err and "expected words" in err
    assert "sql" not in err.lower() and "Traceback" not in err


def test_query_syntax_never_reaches_the_database_raw():
    parsed = q.parse("o'brien: NEAR(x) col:fee*")
    assert q.to_fts5(parsed) == '((("o brien" AND "NEAR") AND "x") AND "col fee" *)'
    assert q.to_tsquery(parsed) == "(((('o' <-> 'brien') & 'NEAR') & 'x') & ('col' <-> 'fee':*))"
    # a prefix's completion is looked for where the prefix is: never in the index's column of kinds
    assert q.to_fts5(q.Words(("kindentitlement",), completes=True), "body heading") == '{body heading} : "kindentitlement"'
    with pytest.raises(QueryError):
        q.parse('say "hello')


def test_a_query_matching_too_many_rows_is_ranked_among_the_first_stored_and_says_so(corpus, monkeypatch, capsys):
    from lawcode.store import search as search_module

    everything = corpus("keeper", "--regulation", "lighthouse")
    assert len(everything) == 3
    monkeypatch.setattr(search_module, "CANDIDATES", 2)
    _code, out, _err = lawcode(monkeypatch, capsys, "search", "keeper", "--regulation", "lighthouse",
                               "--format", "json")
    answer = json.loads(out)
    assert answer["ranked_among_first"] == 2
    assert {h["eid"] for h in answer["hits"]} == {"art_1__para_nn_1", "art_2__para_nn_1"}  # the first two stored
    _code, out, err = lawcode(monkeypatch, capsys, "search", "keeper", "--regulation", "lighthouse")
    assert "more than 2 articles and norms match" in err
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    _, out, _ = lawcode(monkeypatch, capsys, "search", "keeper", "--format", "json")
    assert json.loads(out)["ranked_among_first"] is None


def _gardens(store, tmp_path, count: int, tag: str, edits: dict[str, str] | None = None) -> None:
    """``count`` regulations, each a garden text of its own with its model (``edits`` made to each model)."""
    from lawcode.store.prepare import prepare
    from lawcode.text.parse import parse_text

    for number in range(count):
        name = f"garden-{tag}-{number}.txt"
        text = write_text(tmp_path, name, GARDEN.read_text().replace("tidy", f"tidy ({tag} {number})", 1))
        source = GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint())
        source = source.replace("file: garden.txt", f"file: {name}").replace(
            "  id: riverside-gardens\n", f"  id: gardens-{tag}-{number}\n", 1)
        for old, new in (edits or {}).items():
            source = source.replace(old, new, 1)
        model = write_text(tmp_path, name.replace(".txt", ".yaml"), source)
        store.add(prepare(str(text), str(model)))


def test_a_search_by_actor_loads_each_model_once_however_many_are_searched(open_store, tmp_path, monkeypatch):
    from lawcode.model import loader
    from lawcode.store.search import search

    _gardens(open_store, tmp_path, 20, "many")
    validated: list[str] = []
    validate = loader.read_valid_model
    monkeypatch.setattr(loader, "read_valid_model", lambda path: validated.append(str(path)) or validate(path))
    first = search(open_store, "weeds OR fee", actor="plot_holder", limit=100)
    assert len({hit.version for hit in first.hits}) == 20 and len(validated) <= 20
    validated.clear()
    again = search(open_store, "weeds OR fee", actor="plot_holder", limit=100)
    assert again == first and validated == []  # the ontologies' answers were kept: no model validated again
    office = search(open_store, "plot OR fire OR fee OR weeds", actor="garden_office", limit=100)
    assert len({hit.version for hit in office.hits}) == 20 and validated == []  # another actor: no model either


def test_a_search_by_actor_reads_no_model_file_once_its_answers_are_kept(open_store, tmp_path, monkeypatch):
    from lawcode.store.search import search
    from lawcode.store.store import Store

    _gardens(open_store, tmp_path, 5, "read")
    first = search(open_store, "weeds OR fee", actor="plot_holder", limit=100)
    read: list[int] = []
    model_source = Store.model_source
    monkeypatch.setattr(Store, "model_source", lambda store, version: read.append(version.id) or
                        model_source(store, version))
    assert search(open_store, "weeds OR fee", actor="plot_holder", limit=100) == first and read == []
    # a version stored before digests were kept: its model file is read to make the digest
    open_store.backend.run("UPDATE versions SET model_digest = NULL")
    assert search(open_store, "weeds OR fee", actor="plot_holder", limit=100) == first and len(read) == 5


def test_a_replaced_model_answers_by_its_own_ontology(open_store, tmp_path):
    from lawcode.store.search import search

    def found(actor: str) -> set[str]:
        return {hit.ref for hit in search(open_store, "weeds OR fee", actor=actor, limit=100).hits}

    _gardens(open_store, tmp_path, 1, "replaced")
    with pytest.raises(QueryError, match="no stored norm searched binds 'allotment_tenant'"):
        found("allotment_tenant")  # not an actor of this model
    assert found("plot_holder")
    tenant = "  - id: allotment_tenant\n    label: allotment tenant\n    is_a: [plot_holder]\n  - id: garden_office\n"
    _gardens(open_store, tmp_path, 1, "replaced", {"  - id: garden_office\n": tenant})  # the same text: model replaced
    [regulation] = open_store.regulations()
    assert len(regulation.versions) == 1
    assert found("allotment_tenant") == found("plot_holder")


@pytest.mark.parametrize("model", ["tar-counter-espionage-2021", "uk-equality-act-2010", "garden"])
def test_an_actor_no_ontology_holds_is_only_itself(model):
    """What the kept answers of a search by actor rest on: by the engine's own reading, an actor the
    model does not declare matches no bearer but itself (so its answer needs no model)."""
    from lawcode.engine.applicability import Engine
    from lawcode.service import load_model

    loaded = load_model(GARDEN_MODEL if model == "garden" else model, strict=False)
    engine = Engine(loaded)
    bearers = {one for norm in loaded.model.norms for one in (norm.bearer, norm.counterparty, norm.beneficiary) if one}
    assert bearers and "nobody_at_all" not in engine.ontology.actors
    assert [one for one in sorted(bearers) if engine.bearer_match("nobody_at_all", one).matches] == []


def test_a_hit_cites_the_narrowest_provision_that_holds_all_the_words_it_matched(store_env, monkeypatch, capsys,
                                                                               tmp_path):
    assert lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "harbour.txt", HARBOUR)))[0] == 0

    def cited(*args: str) -> list[tuple[str, list[str]]]:
        return [(h["citation"], [a["citation"] for a in h["also"]]) for h in _search(monkeypatch, capsys, *args)]

    assert cited("register") == [("Art. 2(1)(a)", [])]
    assert cited('"the boat"') == [("Art. 2(1)(a)", [])]  # PostgreSQL leaves "the" out of its index
    assert cited("fee AND waives") == [("Art. 2(1)", [])]  # an item's word and its paragraph's closing words
    assert cited("register AND clean") == [("Art. 2", [])]  # words of two paragraphs: the article holds both
    assert cited("duties") == [("Art. 2", [])]  # the article's heading
    [(first, also)] = cited("owner")  # both paragraphs: one hit for the article, the other paragraph with it
    assert sorted([first, *also]) == ["Art. 2(1)", "Art. 2(2)"]
    assert cited("register", "--kind", "paragraph") == [("Art. 2(1)", [])]
    assert cited("register AND clean", "--kind", "paragraph") == []
    [hit] = _search(monkeypatch, capsys, "waives")
    assert hit["eid"] == "chp_I__art_2__para_1" and "**waives**" in hit["snippet"] and "clean" not in hit["snippet"]
