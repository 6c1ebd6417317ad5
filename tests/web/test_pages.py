"""The web pages, read as HTML: the reader, a norm, the interview, the graph, errors as pages."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from webhelp import BASE, TAR_ID, web_fixture, web_library_fixture  # noqa: F401 (fixtures)

from conftest import TAR, corpus_file, needs_program


def test_home_lists_the_regulation_and_its_pages(web):
    html = web.get("/").text
    for page in ("read", "interview", "review", "graph"):
        assert f'href="{BASE}/{page}"' in html


def test_reader_shows_a_chapter_with_every_provision_at_its_eid(web, web_library):
    document = web_library.get("tar-counter-espionage-2021").document
    html = web.get(f"{BASE}/read/chp_II").text
    chapter = document.get("chp_II")
    for node in chapter.walk():
        if node is not chapter:
            assert f'id="{node.eid}"' in html


def test_reader_links_cross_references_and_shows_norms_beside_the_article(web):
    html = web.get(f"{BASE}/read/chp_II").text
    # art 14(1) refers to article 13: the words are a link to its address
    assert re.search(rf'<a class="xref" href="{BASE}/p/chp_II__art_13">article 13 of these Regulations</a>', html)
    aside = html[html.index('aria-label="Norms resting on Art. 14"'):]
    assert f'href="{BASE}/norm/art14.1.1-major-matters-reporting"' in aside[:aside.index("</aside>")]


def test_a_provision_address_opens_its_chapter_at_it(web):
    response = web.get(f"{BASE}/p/13(1)")
    assert response.status_code == 303
    assert response.headers["location"] == f"{BASE}/read/chp_II#chp_II__art_13__para_nn_1"


def test_norm_page_explains_for_its_bearer_by_default(web, web_library):
    norm = web_library.get("tar-counter-espionage-2021").loaded.norms["art14.1.1-major-matters-reporting"]
    html = web.get(f"{BASE}/norm/{norm.id}").text
    assert f"Why, for {norm.bearer}" in html
    assert "Why, for citizen" in web.get(f"{BASE}/norm/{norm.id}", params={"as": "citizen"}).text
    assert "<blockquote" in html


def _follow_interview(web, url: str, answers: dict[str, str]) -> tuple[str, list[str]]:
    """Answer each question the interview asks (default: I don't know); the last page and the
    questions asked, in order."""
    asked = []
    for _ in range(50):
        response = web.get(url)
        if response.status_code == 303:
            url = response.headers["location"]
            continue
        html = response.text
        match = re.search(r'name="q" value="([^"]+)"', html)
        if match is None:
            return html, asked
        name = match.group(1)
        asked.append(name)
        state = "&".join(f"{k}={v}" for k, vs in parse_qs(urlsplit(url).query).items() for v in vs)
        url = f"{BASE}/interview?{state}&q={name}&a={answers.get(name, 'unknown')}"
    raise AssertionError("the interview did not end")


def test_interview_asks_only_what_matters_and_ends_with_the_grouped_result(web):
    html, asked = _follow_interview(web, f"{BASE}/interview?as=enterprise", {"in_key_unit_directory": "yes"})
    assert asked[0] == "in_key_unit_directory"  # it decides the most undetermined norms
    assert len(asked) == len(set(asked))
    for heading in ("Applies", "Undetermined", "Owed to you"):
        assert f"{heading} (" in html
    assert "Is your unit listed" in html and "<strong>yes</strong>" in html
    assert "<blockquote" in html
    share = re.search(r'id="share-link" href="([^"]+)"|href="([^"]+)" id="share-link"', html)
    assert share is not None


def test_interview_answers_change_the_result(web):
    def applies(url):
        html = web.get(url).text
        return int(re.search(r"Applies \((\d+)\)", html).group(1))

    assert applies(f"{BASE}/interview?as=enterprise&fact=in_key_unit_directory&done=true") > \
        applies(f"{BASE}/interview?as=enterprise&fact=in_key_unit_directory=false&done=true")


def test_interview_takes_several_roles(web):
    html = web.get(f"{BASE}/interview?as=enterprise&as=citizen&fact=in_key_unit_directory&done=true").text
    assert "As enterprise, citizen" in html and "as citizen" in html
    # "why?" explains a finding for the role it comes from, on the facts given
    assert "/norm/art7.1-units-take-measures?as=enterprise&amp;fact=in_key_unit_directory" in html


def test_graph_draws_svg_and_filters(web):
    needs_program("dot", "graphviz")
    html = web.get(f"{BASE}/graph").text
    assert html.count("<svg") == 1 + 3  # the norm graph and one state diagram per procedure
    only_duties = web.get(f"{BASE}/graph", params={"kind": "prohibition", "chapter": "chp_II"}).text
    table = only_duties[only_duties.index("<tbody>"):only_duties.index("</tbody>")]
    assert table.count("<tr>") >= 1 and "duty</td>" not in table


def test_without_graphviz_the_graph_page_says_so_and_opens_its_tables(monkeypatch):
    import graphviz

    from lawcode.api.app import create_app
    from lawcode.api.library import Library

    def no_dot(*args: object, **kwargs: object) -> str:
        raise graphviz.ExecutableNotFound(["dot", "-Tsvg"])

    monkeypatch.setattr(graphviz.Digraph, "pipe", no_dot)
    library = Library.load([TAR_ID], str(corpus_file(TAR)), store=False)
    with TestClient(create_app(library)) as client:
        response = client.get(f"{BASE}/graph")
    assert response.status_code == 200
    html = response.text
    assert "apt install graphviz" in html and "<svg" not in html and 'class="diagram"' not in html
    procedures = library.get(TAR_ID).loaded.model.procedures
    assert html.count("<details open>") == 1 + len(procedures) >= 2  # the norms' table and each procedure's


def test_errors_on_pages_are_pages(web):
    for url, status in ((f"{BASE}/p/99", 404), (f"{BASE}/read/nope", 404), (f"{BASE}/interview?as=nobody", 422),
                        (f"{BASE}/interview?as=enterprise&unknown=nothing", 422),
                        ("/r/nothing/read", 404), (f"{BASE}/graph?kind=nonsense", 404)):
        response = web.get(url)
        assert response.status_code == status
        assert response.headers["content-type"].startswith("text/html")
        assert 'role="alert"' in response.text


def test_pages_have_labels_and_headings(web):
    for url in (f"{BASE}/interview", f"{BASE}/interview?as=enterprise", f"{BASE}/graph"):
        html = web.get(url).text
        assert html.count("<h1") == 1 and '<html lang="en">' in html
        for control in re.findall(r'<(?:input|select)[^>]*id="([^"]+)"', html):
            assert f'for="{control}"' in html, control


def test_review_shows_an_article_with_the_norms_beneath_each_provision(web, web_library):
    from lawcode import service

    regulation = web_library.get("tar-counter-espionage-2021")
    html = web.get(f"{BASE}/review", params={"article": "14"}).text
    expected = service.review(regulation.loaded, regulation.document, "14")
    for provision in expected["provisions"]:
        assert f'id="{provision["eid"]}"' in html
        for norm in provision["norms"]:
            assert f'href="{BASE}/norm/{norm["norm"]}"' in html
    assert 'rel="next" href="/r/tar-counter-espionage-2021/review?article=chp_II__art_15"' in html
    assert web.get(f"{BASE}/review", params={"article": "99"}).status_code == 422


def test_graph_says_in_tables_what_it_draws(web, web_library):
    html = web.get(f"{BASE}/graph").text
    model = web_library.get("tar-counter-espionage-2021").loaded.model
    for procedure in model.procedures:
        for transition in procedure.transitions:
            assert f"<td>{transition.event}" in html
    assert 'role="img" aria-label="Graph of' not in html  # the norms drawn are links, not a picture


def test_a_text_of_sections_alone_is_read_on_one_page():
    from lawcode.text.parse import parse_text
    from lawcode.web import reader

    chaptered = parse_text("Rules\n\nChapter I General\n\nArticle 1 One.\n\nChapter II Last\n\nArticle 2 Two.\n")
    assert [p.key for p in reader.pages(chaptered)] == ["chp_I", "chp_II"]
    assert reader.page_of(chaptered, "chp_II__art_2") == "chp_II"
    sections = parse_text("An Act\n\n1 Short title\n\n(1) This Act is the Sheds Act.\n\n"
                          "2 Paint\n\n(1) An owner must paint a shed.\n")
    assert [node.kind for node in sections.body] == ["section", "section"]
    assert [p.key for p in reader.pages(sections)] == [reader.ALL]
    assert reader.page_of(sections, "sec_2") == reader.ALL


def test_home_lists_the_regulations_in_the_store_with_their_pages(tmp_path, monkeypatch, web_library):
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.web import reader

    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    text = "Invented Pier Rules\n\nArticle 1 A visitor shall keep off the pier at night.\n\nArticle 2 Article 1 does not apply to anglers.\n"
    Library(dict(web_library.regulations)).ingest("pier", text, None)
    library = Library.load([TAR_ID], str(corpus_file(TAR)))  # as a restarted server: the store listed
    from lawcode.api.library import Stored

    assert isinstance(library.regulations["pier"], Stored)  # listed, read when first asked for
    with TestClient(create_app(library)) as client:
        home = client.get("/").text
        assert 'href="/r/pier/read"' in home and 'href="/r/pier/interview"' not in home  # a text without a model
        first = client.get(f"/r/pier/read/{reader.ALL}")  # the first request reads it (async page: on a thread)
        assert first.status_code == 200 and "keep off the pier at night" in first.text
        assert not isinstance(library.regulations["pier"], Stored)
        page = client.get("/r/pier/p/1")  # the provision, on its page of the reader
        assert page.status_code == 200 and "keep off the pier at night" in page.text
