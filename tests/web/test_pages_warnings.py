"""An answer's warnings on the web pages that show it: the norm page (its explanation) and the
interview's result.

The warning is produced as a user meets it (see tests/store/test_shipped_model_and_store.py): a
changed copy of the shipped TAR text, ingested under the shipped text's file name into a real
corpus store (a SQLite file), is a later version of the shipped regulation, in force today, so an
answer from the shipped model must say the store holds another text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webhelp import BASE, TAR_ID, web_library_fixture  # noqa: F401 (fixture)

from conftest import TAR, corpus_file, run_main

IN_FORCE = "2025-01-01"  # the changed text's first day in force: the pages answer for today, after it
NORM = "art14.1.1-major-matters-reporting"
RESULT_PAGES = (f"{BASE}/norm/{NORM}", f"{BASE}/interview?as=enterprise&done=true")


def _warnings_on(page: str) -> list[str]:
    """The text of each warning in the page's warning note (role="status"), as a user reads it."""
    notes = re.findall(r'<div class="warnings" role="status">(.*?)</div>', page, flags=re.DOTALL)
    assert len(notes) <= 1, "one note holds an answer's warnings"
    paragraphs = re.findall(r"<p>(.*?)</p>", notes[0], flags=re.DOTALL) if notes else []
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).split()) for p in paragraphs]


@pytest.fixture
def changed_text_in_store(tmp_path: Path, monkeypatch, capsys) -> Path:
    """A corpus store holding a changed TAR text (one word added) in force from IN_FORCE."""
    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    original = corpus_file(TAR).read_text(encoding="utf-8")
    changed = tmp_path / "changed" / TAR
    changed.parent.mkdir()
    changed.write_text(original.replace(" shall ", " shall promptly ", 1), encoding="utf-8")
    code, _out, err = run_main(monkeypatch, capsys, "ingest", str(changed), "--in-force", IN_FORCE)
    assert code == 0, err
    return changed


def test_a_result_page_shows_the_warning_that_the_store_holds_another_text(changed_text_in_store, web_library):
    from lawcode.api.app import create_app
    from lawcode.service import stored_text_warning

    expected = stored_text_warning(web_library.get(TAR_ID).loaded)
    assert expected is not None and f"{TAR_ID}@1, in force from {IN_FORCE}, is the stored text of {TAR_ID}" in expected
    with TestClient(create_app(web_library)) as client:
        for url in RESULT_PAGES:
            page = client.get(url)
            assert page.status_code == 200, url
            assert _warnings_on(page.text) == [f"Warning: {expected}"], url
            # near the answer: before the first finding the page shows
            assert page.text.index('class="warnings"') < page.text.index('class="finding'), url


def test_a_result_page_without_warnings_has_no_warning_note(web_library, monkeypatch):
    from lawcode.api.app import create_app

    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)  # no store: the service warns of nothing
    with TestClient(create_app(web_library)) as client:
        for url in RESULT_PAGES:
            page = client.get(url)
            assert page.status_code == 200, url
            assert 'class="warnings"' not in page.text and 'role="status"' not in page.text, url
            assert "Warning:" not in page.text, url


def test_the_engine_s_own_warnings_show_too(web_library):
    """A fact given that no norm reaching the asker uses is named in a warning, on the page as in the API."""
    from lawcode.api.app import create_app

    with TestClient(create_app(web_library)) as client:
        query = "as=citizen&fact=in_key_unit_directory&done=true"
        api = client.get(f"/api/regulations/{TAR_ID}/ask?{query}").json()
        assert api["warnings"] and all("in_key_unit_directory" in w for w in api["warnings"])
        page = client.get(f"{BASE}/interview?{query}")
        assert _warnings_on(page.text) == [f"Warning: {w}" for w in api["warnings"]]
