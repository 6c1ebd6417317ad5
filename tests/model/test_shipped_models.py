"""Every shipped model checks clean against the very text it was written for.

A change in how texts are parsed (an eId renamed, a word rejoined) changes the fingerprint and
may leave a model citing provisions that no longer exist; this is where that shows.
"""

from __future__ import annotations

import pytest

from conftest import corpus_file
from lawcode import service
from lawcode.model.check import check_model


@pytest.mark.parametrize("model_id", sorted(service.shipped_model_paths()))
def test_a_shipped_model_checks_clean_against_its_text(model_id):
    loaded = service.load_model(model_id)
    document = service.read_document(corpus_file(loaded.model.regulation.text.file))
    report = check_model(loaded, document)
    assert [i.message for i in report.errors] == []
    assert [i.message for i in report.warnings] == []
    assert loaded.model.regulation.text.fingerprint == document.fingerprint()
