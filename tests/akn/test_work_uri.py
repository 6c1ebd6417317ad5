"""The Akoma Ntoso work URI of an export: given by the user, or the shipped model's for that text."""

from __future__ import annotations

from lxml import etree
from typer.testing import CliRunner

from lawcode.cli import app
from lawcode.service import load_model

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def _work_uri(xml: bytes) -> str:
    return etree.fromstring(xml).find(".//a:FRBRWork/a:FRBRthis", NS).get("value")


def test_the_corpus_text_exports_under_its_models_work_uri(tar_path):
    result = CliRunner().invoke(app, ["parse", str(tar_path), "--format", "akn"])
    assert result.exit_code == 0
    expected = load_model("tar-counter-espionage-2021").model.regulation.text.frbr_uri
    assert _work_uri(result.stdout_bytes) == expected


def test_a_given_work_uri_wins_and_a_malformed_one_is_refused(tar_path):
    given = CliRunner().invoke(app, ["parse", str(tar_path), "--format", "akn", "--frbr-uri", "/akn/xx/act/2021/1"])
    assert given.exit_code == 0 and _work_uri(given.stdout_bytes) == "/akn/xx/act/2021/1"
    bad = CliRunner().invoke(app, ["parse", str(tar_path), "--format", "akn", "--frbr-uri", "tar"])
    assert bad.exit_code != 0 and "not an Akoma Ntoso work URI" in str(bad.exception)
