"""schemathesis against the OpenAPI document: generated requests, valid and not, never get a 5xx
and every answer fits the document (status code, content type, body schema). A small budget:
a few examples per operation, so the suite stays fast."""

from __future__ import annotations

import pytest
import schemathesis
from apihelp import TAR_ID, tar_library_fixture  # noqa: F401 (fixtures)
from hypothesis import HealthCheck, settings

from lawcode.api.app import create_app
from lawcode.api.library import Library

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out while editing

# The document does not depend on the regulations served: the app gets them before the tests run.
app = create_app(Library(), api_token="token-for-tests", web=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(autouse=True)
def _serving_tar(tar_library, tmp_path, monkeypatch):
    """The TAR regulation served; what the generated writes store goes to a store of the test's own."""
    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    app.state.library = Library(dict(tar_library.regulations))


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_keeps_its_openapi_document(case):
    if "regulation_id" in (case.path_parameters or {}):
        case.path_parameters["regulation_id"] = TAR_ID  # reach past the 404 for an unknown regulation
    # Not positive_data_acceptance: which roles, facts, norms and articles exist is the model's
    # vocabulary, not the document's, so a well-formed request may still name an unknown one (422).
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
