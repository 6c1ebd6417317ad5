"""The lint of a regulation: open-ended provisions, discretion, undefined terms, external laws,
breaches without consequence. Synthetic model and texts only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lawcode.model.lint import defined_terms, lint_model
from lawcode.model.loader import read_valid_model
from lawcode.service import read_document
from lawcode.text.document import ARTICLE, PARAGRAPH, Document, Node, Reference

FIXTURES = Path(__file__).parent / "fixtures"


def garden(tmp_path: Path | None = None, old: str = "", new: str = ""):
    source = (FIXTURES / "garden.yaml").read_text(encoding="utf-8")
    if tmp_path is None:
        return read_valid_model(FIXTURES / "garden.yaml")
    assert source.count(old) == 1, old
    path = tmp_path / "garden.yaml"
    path.write_text(source.replace(old, new), encoding="utf-8")
    return read_valid_model(path)


def notes(loaded, document, code: str) -> list:
    return [i for i in lint_model(loaded, document) if i.code == code]


def text_of(*sentences: str) -> Document:
    """A one-article document with one paragraph per sentence."""
    paras = tuple(Node(f"art_1__para_{n}", PARAGRAPH, f"({n})", None, s) for n, s in enumerate(sentences, 1))
    return Document(source="synthetic", title=None, body=(Node("art_1", ARTICLE, "1", None, "", paras),))


def test_definitions_are_found_in_the_usual_drafting_patterns():
    document = text_of(
        '"Plot holders" as used in these Regulations refers to residents with a plot.',
        "“Compost heap” means a pile of garden waste left to rot.",
        "In this by-law, ‘shed’ includes a greenhouse.",
        'The word "fence" appears here without being defined.',
    )
    assert defined_terms(document) == {"plot holder", "compost heap", "shed"}


def test_undefined_terms_are_labels_the_text_uses_without_defining_them():
    loaded, document = garden(), read_document(FIXTURES / "garden.txt")
    found = {(i.message.split('"')[1], i.eid) for i in notes(loaded, document, "undefined-term")}
    # "plot holder" is defined in article 2; "resident of the municipality" is the model's own words
    assert found == {("garden office", "chp_I__art_2__para_nn_1")}
    assert notes(loaded, None, "undefined-term") == []


def test_open_ended_and_discretionary_norms_point_to_model_line_and_provision():
    loaded, document = garden(), read_document(FIXTURES / "garden.txt")
    [open_ended] = notes(loaded, document, "open-ended")
    assert open_ended.eid == "chp_II__art_3__para_nn_1__list_1__item_3"
    assert open_ended.line == loaded.norm_line("art3.1.3-other")
    [discretion] = notes(loaded, document, "discretionary")
    assert discretion.eid == "chp_III__art_6__para_nn_1" and "may withdraw the plot" in discretion.message


def test_duties_without_consequence_follow_the_ontology(tmp_path):
    loaded = garden()
    assert [i.message.split(":")[0] for i in notes(loaded, None, "no-consequence")] == ["art5.1-inspect"]
    # a sanction for any resident's breach covers the plot holder's duties (a plot holder is a resident)
    loaded = garden(tmp_path, "    breach_by: [plot_holder]", "    breach_by: [resident]")
    assert [i.message.split(":")[0] for i in notes(loaded, None, "no-consequence")] == ["art5.1-inspect"]
    # ... but one for the office's breaches says nothing about the plot holders'
    loaded = garden(tmp_path, "    breach_by: [plot_holder]", "    breach_by: [garden_office]")
    flagged = [i.message.split(":")[0] for i in notes(loaded, None, "no-consequence")]
    assert flagged == ["art3.1.1-weeding", "art3.1.2-fee", "art3.1.3-other", "art4.1-no-fires"]


def test_external_laws_from_the_text_and_from_defers_to(tmp_path):
    loaded = garden(tmp_path, "    unless: festival\n", "    unless: festival\n    defers_to: [Municipal Land Act]\n")
    document = read_document(FIXTURES / "garden.txt")
    document = replace(document, references=(
        Reference("chp_I__art_1__para_nn_1", '"Municipal Land Act"', external="Municipal Land Act"),
        Reference("chp_I__art_1__para_nn_1", "Fire Code", external="Fire Code"),
    ))
    found = {i.message: (i.eid, i.line) for i in notes(loaded, document, "external-law")}
    land = "relies on another law: Municipal Land Act (named in chp_I__art_1__para_nn_1; deferred to by art4.1-no-fires)"
    assert found == {
        land: ("chp_I__art_1__para_nn_1", loaded.norm_line("art4.1-no-fires")),
        "relies on another law: Fire Code (named in chp_I__art_1__para_nn_1)": ("chp_I__art_1__para_nn_1", None),
    }
