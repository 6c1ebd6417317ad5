"""Drafting rules for statutes in the UK style (numbered sections with subsections): interpretation
provisions, lists that are one norm, powers given through regulations, Schedules the text lacks.
Synthetic texts only."""

from __future__ import annotations

from lawcode.draft import draft_document
from lawcode.draft.emit import model_data
from lawcode.draft.pipeline import Draft
from lawcode.text.parse import parse_text


def statute(*sections: str) -> Draft:
    body = "\n".join(f"{n} {words}" for n, words in enumerate(sections, 1))
    return draft_document(parse_text(f"Bees Act 2030\n\n{body}\n", "bees.txt"))


def test_an_interpretation_section_is_one_definition_citing_every_provision():
    draft = statute(
        "Interpretation (1) In this Act “ keeper ” means a person who keeps bees. "
        "(2) A reference to a swarm is a reference to bees that have left a hive. "
        "(3) A hive is to be treated as occupied if it holds a queen."
    )
    [norm] = draft.norms
    assert norm.kind == "definition" and norm.rule.startswith("interpretation-article<")
    assert (norm.eid, norm.also_cites) == ("sec_1__subsec_1", ("sec_1__subsec_2", "sec_1__subsec_3"))
    assert "keeper" in norm.terms
    assert model_data(draft)["norms"][0]["cites"] == ["sec_1__subsec_1", "sec_1__subsec_2", "sec_1__subsec_3"]


def test_definitions_after_a_norm_of_conduct_are_its_terms():
    draft = statute(
        "Hives (1) A keeper must register each hive. (2) A seller must not sell honey from a sick hive. "
        "(3) In this section “ hive ” means a box for bees. (4) The reference in subsection (1) to a keeper "
        "includes a tenant of the land."
    )
    register, sell = draft.norms
    assert (register.kind, register.also_cites) == ("duty", ("sec_1__subsec_4",))  # the subsection it names
    assert (sell.kind, sell.also_cites, sell.terms) == ("prohibition", ("sec_1__subsec_3",), ("hive",))


def test_a_power_s_list_and_regulations_that_may_provide():
    draft = statute(
        "Powers (1) The Minister may by regulations amend section 2 so as to— (a) add a kind of bee; "
        "(b) remove a kind of bee. (2) Regulations under subsection (1) may make provision about fees. "
        "(3) The Minister may by order provide that a keeper is entitled to a grant."
    )
    amend, fees, grant = draft.norms
    assert (amend.kind, amend.bearer, amend.eid) == ("power", "minister", "sec_1__subsec_1")
    assert amend.action.startswith("by regulations amend section 2") and "(2) remove a kind of bee" in amend.action
    assert (fees.kind, fees.bearer, fees.action) == ("power", "minister", "by regulations make provision about fees")
    # what the order may provide is its content, not a right of its own
    assert (grant.kind, grant.bearer) == ("power", "minister") and "entitled to a grant" in grant.action


def test_a_person_acting_in_a_capacity_is_a_role():
    draft = statute(
        "Conduct (1) A person must not, in the exercise of a public function, harass a keeper. "
        "(2) A person must not, in relation to inspecting a hive— (a) damage the hive; (b) take honey."
    )
    labels = {n.bearer: draft.lexicon.actors[n.bearer].label for n in draft.norms if n.bearer}
    assert [n.bearer for n in draft.norms][:1] == ["person_exercising_public_function"]
    assert any("inspecting a hive" in label for label in labels.values())
    assert all(n.kind == "prohibition" for n in draft.norms)


def test_interpretive_passives_are_definitions_not_duties():
    draft = statute(
        "Swarms (1) A swarm must be treated as part of the hive it left. (2) The references to a hive are to "
        "a box for bees."
    )
    assert [n.kind for n in draft.norms] == ["definition"]  # one definition: the article's two


def test_a_schedule_the_text_lacks_makes_the_article_s_norms_subject_to_it():
    draft = statute("Sales (1) A seller must label honey. (2) Schedule 3 (exceptions) has effect.")
    [norm] = draft.norms
    [(schedule, fact)] = norm.subject_to
    assert schedule == "Schedule 3" and "Schedule 3" in draft.facts[fact].meaning
    entry = model_data(draft)["norms"][0]
    assert entry["subject_to"] == [{"schedule": "Schedule 3", "exception": fact}]


def test_an_exception_to_the_bearers_of_a_duty_that_applies():
    draft = statute("Adjustments (1) A duty to fence hives applies to a keeper, except in relation to a wild swarm.")
    [norm] = draft.norms
    assert norm.bearer == "keeper" and norm.unless is not None


def test_a_restriction_of_the_person_acted_on_is_a_condition():
    draft = statute(
        "Markets (1) A seller must not refuse a person who has paid the fee by closing the stall. "
        "(2) A seller must not refuse a person (B) upon whom the warden has conferred a licence."
    )
    paid, licensed = draft.norms
    assert [draft.facts[f].meaning for f in paid.condition] == ["person who has paid the fee"]
    assert [draft.facts[f].meaning for f in licensed.condition] == [
        "person upon whom the warden has conferred a licence"
    ]


def test_a_thing_restricted_by_a_participle_is_no_condition():
    [norm] = statute("Hives (1) A keeper must register a hive kept in the town.").norms
    assert norm.condition == ()
