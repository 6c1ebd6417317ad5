"""Fixtures for the HTTP API tests (imported by the test modules): an application over the
shipped TAR model and its text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import TAR, corpus_file

TAR_ID = "tar-counter-espionage-2021"

# A synthetic regulation (invented words) for writing tests.
SHED_TEXT = """Invented Rules on Garden Sheds

Chapter I General Provisions

Article 1 These Rules apply to garden sheds.

Article 2 An owner shall paint a shed every year. The duty in Article 1 of these Rules does not apply to tents.

Chapter II Final Provisions

Article 3 These Rules take effect on 1 May 2020.
"""


@pytest.fixture(scope="session", name="tar_library")
def tar_library_fixture():
    from lawcode.api.library import Library

    return Library.load(["tar-counter-espionage-2021"], str(corpus_file(TAR)), store=False)


@pytest.fixture(scope="module", name="client")
def client_fixture(tar_library):
    from lawcode.api.app import create_app

    with TestClient(create_app(tar_library, web=False)) as test_client:
        yield test_client

# Its model (invented, own words): one duty, for owners of sheds that are not tents.
SHED_MODEL = """lawcode_model: 1
regulation:
  id: shed
  title: Invented Rules on Garden Sheds
  short_title: Shed Rules
  jurisdiction: xx
  text:
    file: shed.txt
    fingerprint: "FINGERPRINT"
  in_force: 2020-05-01
  cites_in_force: [chp_II__art_3]
actors:
  - id: owner
    label: owner of a garden shed
    cites: [chp_I__art_2]
facts:
  - id: is_tent
    meaning: the shed is a tent
    question: Is the shed a tent?
    about: owner
    cites: [chp_I__art_2]
norms:
  - id: art2-paint
    kind: duty
    bearer: owner
    action: paint the shed every year
    unless: is_tent
    cites: [chp_I__art_2]
"""


def _with_fingerprint(model: str, text: str) -> str:
    """The model naming its text's fingerprint (the store keeps a model only with its own text)."""
    from lawcode.text.parse import parse_text

    return model.replace("FINGERPRINT", parse_text(text).fingerprint())


SHED_MODEL = _with_fingerprint(SHED_MODEL, SHED_TEXT)
