"""Who carries norms about a subject: light stemming, all terms, grouped by bearer."""

from pathlib import Path

from lawcode.engine import queries
from lawcode.engine.who import stem
from lawcode.service import load_model

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"


def test_light_stemming_meets_related_words():
    assert stem("educate") == stem("education") == stem("educating") == stem("educational")
    assert stem("reports") == stem("reporting") == stem("report")
    assert stem("Labels") == stem("label")


def test_who_groups_matching_norms_by_bearer():
    answer = queries.who(load_model(HIVES), ["educate"]).to_dict()
    groups = {g["actor"]: [n["norm"] for n in g["norms"]] for g in answer["actors"]}
    assert groups == {"big_farm": ["art3.2-train-staff"], "inspector": ["art6.1-inspect"]}


def test_every_term_must_match_and_terms_keywords_count():
    model = load_model(HIVES)
    answer = queries.who(model, ["public", "education"]).to_dict()
    assert [g["actor"] for g in answer["actors"]] == ["inspector"]
    labelled = queries.who(model, ["labelling"]).to_dict()  # a `terms` keyword only
    assert [n["norm"] for g in labelled["actors"] for n in g["norms"]] == ["art2.1-mark-hives"]


def test_actor_label_matches_and_subclasses_are_named():
    answer = queries.who(load_model(HIVES), ["organisation", "mark"]).to_dict()
    assert answer["actors"][0]["actor"] == "unit"
    assert answer["actors"][0]["also"] == ["big_farm", "farm"]
