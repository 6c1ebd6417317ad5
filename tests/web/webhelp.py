"""Fixtures for the web page tests (imported by the test modules): the TAR regulation served."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import TAR, corpus_file

TAR_ID = "tar-counter-espionage-2021"
BASE = f"/r/{TAR_ID}"


@pytest.fixture(scope="session", name="web_library")
def web_library_fixture():
    from lawcode.api.library import Library

    return Library.load([TAR_ID], str(corpus_file(TAR)), store=False)


@pytest.fixture(scope="module", name="web")
def web_fixture(web_library):
    from lawcode.api.app import create_app

    with TestClient(create_app(web_library), follow_redirects=False) as client:
        yield client
