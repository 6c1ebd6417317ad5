"""Bad requests get JSON a person can act on and a 4xx, never a 500."""

from __future__ import annotations

import pytest
from apihelp import TAR_ID, client_fixture, tar_library_fixture  # noqa: F401 (fixtures)


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["error"]
    return body


def test_unknown_regulation_lists_the_known_ones(client):
    body = _error(client.get("/api/regulations/tar-counter-espionage/ask", params={"as": "enterprise"}), 404)
    assert body["known"][0] == TAR_ID


def test_unknown_provision_is_404_with_a_hint(client):
    body = _error(client.get(f"/api/regulations/{TAR_ID}/provisions/art_99"), 404)
    assert body["expected"]
    assert "/" not in body["error"]  # the text by its name, not by the server's path to it


@pytest.mark.parametrize("ref", ["...%2F..%2Fetc%2Fpasswd", "%00", "chp_II__art_13__para_nn_1%2F..",
                                 "a" * 201, "%E2%80%AE13"])
def test_path_tricks_in_an_eid_are_4xx(client, ref):
    response = client.get(f"/api/regulations/{TAR_ID}/provisions/{ref}")
    assert 400 <= response.status_code < 500
    assert response.json()["error"]


def test_unknown_role_and_fact_name_the_known_ones(client):
    body = _error(client.get(f"/api/regulations/{TAR_ID}/ask", params={"as": "enterprize"}), 422)
    assert body["known"][0] == "enterprise"
    body = _error(client.get(f"/api/regulations/{TAR_ID}/ask", params={"as": "enterprise", "fact": "in_key_unit"}),
                  422)
    assert "in_key_unit_directory" in body["known"][:3]
    _error(client.get(f"/api/regulations/{TAR_ID}/ask", params={"as": "enterprise", "fact": "x=maybe"}), 422)
    _error(client.get(f"/api/regulations/{TAR_ID}/ask", params={"as": "enterprise", "on": "2021-13-01"}), 422)
    _error(client.get(f"/api/regulations/{TAR_ID}/ask"), 422)


def test_unknown_norm_procedure_and_event(client):
    _error(client.get(f"/api/regulations/{TAR_ID}/norms/art99/explain", params={"as": "enterprise"}), 404)
    _error(client.get(f"/api/regulations/{TAR_ID}/procedures/nope"), 404)
    body = _error(client.get(f"/api/regulations/{TAR_ID}/procedures/telecom_equipment_seal",
                             params={"event": "release"}), 422)
    assert "order_correction" in body["error"]


def test_malformed_json_is_400_and_a_wrong_shape_422(client):
    url = f"/api/regulations/{TAR_ID}/ask"
    _error(client.post(url, content=b"{", headers={"content-type": "application/json"}), 400)
    _error(client.post(url, json={"as": "enterprise", "facts": {"x": "perhaps"}}), 422)
    _error(client.post(url, json=[1, 2]), 422)


def test_an_oversized_body_is_413_before_it_is_read(tar_library):
    from fastapi.testclient import TestClient

    from lawcode.api.app import create_app

    with TestClient(create_app(tar_library, web=False, max_body=1000)) as small:
        body = _error(small.post(f"/api/regulations/{TAR_ID}/ask", content=b"x" * 5000,
                                 headers={"content-type": "application/json"}), 413)
        assert "1000" in body["error"]

        def chunks():
            for _ in range(10):
                yield b" " * 500

        _error(small.post(f"/api/regulations/{TAR_ID}/ask", content=chunks(),
                          headers={"content-type": "application/json"}), 413)


def test_unknown_address_and_method_are_json(client):
    _error(client.get("/api/nothing-here"), 404)
    _error(client.delete("/api/regulations"), 405)
