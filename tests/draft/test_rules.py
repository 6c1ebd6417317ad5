"""The drafting rules, one construction at a time, on synthetic sentences."""

from __future__ import annotations

import pytest
from draftkit import draft_of, label, norms_of


@pytest.mark.parametrize(
    "sentence, kind, rule",
    [
        ("Keepers shall register each hive.", "duty", "shall"),
        ("Keepers must register each hive.", "duty", "must"),
        ("Keepers are to register each hive.", "duty", "is-to"),
        ("Keepers have the obligation to register each hive.", "duty", "obligation-to"),
        ("Keepers must not feed the bees sugar.", "prohibition", "must-not"),
        ("Keepers shall not feed the bees sugar.", "prohibition", "must-not"),
        ("No person shall release a swarm in the market.", "prohibition", "no-one-shall"),
        ("It is prohibited to release a swarm in the market.", "prohibition", "it-is-prohibited"),
        ("Keepers may sell honey at the gate.", "permission", "may"),
        ("Keepers have the right to inspect the town register.", "right", "right-to"),
        ("A keeper who sells tainted honey is liable to a fine.", "consequence", "liable-to"),
        ("Keepers should plant flowers near the hives.", "principle", "should"),
    ],
)
def test_kind_from_the_modal_and_its_construction(sentence, kind, rule):
    [norm] = norms_of(sentence)
    assert (norm.kind, norm.rule.split("+")[0]) == (kind, rule)
    assert 0 < norm.confidence <= 1


def test_may_of_an_organ_is_a_power_and_a_request_of_a_person_a_right():
    drafted = norms_of("The hive inspectorate may close a hive.", "Keepers may request an inspection from the warden.")
    assert [(n.kind, n.discretionary) for n in drafted] == [("power", True), ("right", True)]


def test_relative_clause_modal_is_not_the_sentence_s_own():
    assert norms_of("Other duties that shall be performed are listed in the annex.") == []


def test_month_may_is_not_the_modal():
    assert norms_of("The register opened on 3 May 2020 for every keeper.") == []


def test_plurals_and_articles_name_one_actor():
    draft = draft_of("Wardens shall count the hives.", "The warden shall keep the count.")
    assert {n.bearer for n in draft.norms} == {"warden"}


def test_two_coordinated_bearers_get_one_norm_each():
    draft = draft_of("Keepers and wardens shall report dead swarms.")
    assert [n.bearer for n in draft.norms] == ["keeper", "warden"]


def test_a_list_ending_in_other_names_a_class_with_its_kinds():
    draft = draft_of("Farms, schools, clubs and other associations shall keep a register of hives.")
    [norm] = draft.norms
    assert norm.bearer == "association"
    assert all("association" in draft.lexicon.actors[a].is_a for a in ("farm", "school", "club"))
    assert label(draft, "association") == "farms, schools, clubs and other associations"


def test_any_a_or_b_is_one_actor_for_both():
    [norm] = norms_of("Hives must not be moved at night by any keeper or helper.")
    assert norm.bearer == "keeper_helper" and norm.kind == "prohibition"


def test_a_list_lead_in_passes_bearer_and_modal_to_every_item():
    draft = draft_of(
        "Keepers shall perform the following duties:\n(1) register each hive;\n(2) mark each hive;\n"
        "(3) other duties that shall be performed."
    )
    assert [(n.eid.rsplit("_", 1)[-1], n.kind, n.bearer) for n in draft.norms] == [
        ("1", "duty", "keeper"),
        ("2", "duty", "keeper"),
        ("3", "duty", "keeper"),
    ]
    assert [n.open_ended for n in draft.norms] == [False, False, True]
    assert all(n.rule == "list-item<shall" for n in draft.norms)


def test_a_leading_where_clause_is_a_named_fact_with_a_question():
    draft = draft_of("Where a swarm escapes, the keeper shall tell the warden at once.")
    [norm] = draft.norms
    [fact] = norm.condition
    assert draft.facts[fact].meaning == "a swarm escapes"
    assert draft.facts[fact].question.endswith("a swarm escapes?")
    assert draft.facts[fact].about == norm.bearer == "keeper"


def test_a_restricted_subject_and_a_trailing_when_are_conditions():
    draft = draft_of("Keepers holding more than ten hives shall hire a helper when the season opens.")
    [norm] = draft.norms
    assert norm.bearer == "keeper"
    assert [draft.facts[f].meaning for f in norm.condition] == ["holding more than ten hives", "the season opens"]


def test_a_second_clause_without_subject_keeps_the_bearer_and_its_own_condition():
    draft = draft_of("Keepers shall clean the hives, and where a hive is sick, shall burn its frames.")
    first, second = draft.norms
    assert first.bearer == second.bearer == "keeper"
    assert first.condition == () and [draft.facts[f].meaning for f in second.condition] == ["a hive is sick"]


def test_unless_and_without_consent_are_exceptions():
    draft = draft_of(
        "Keepers shall not move a hive unless the warden agrees.",
        "Wardens must not publish a keeper's name without the consent of the keeper.",
    )
    first, second = draft.norms
    assert draft.facts[first.unless].meaning == "the warden agrees"
    assert draft.facts[second.unless].meaning == "consent of the keeper given"


def test_deferrals_and_conflict_rules():
    draft = draft_of(
        "Keepers who win a prize are to be given awards in accordance with the relevant provisions of the town.",
        "Where other laws already provide for the punishment of such conduct, follow those provisions.",
    )
    award, conflict = draft.norms
    assert (award.kind, award.bearer, award.defers_to) == (
        "entitlement",
        "keeper",
        ("the relevant provisions of the town",),
    )
    assert conflict.kind == "conflict_rule" and conflict.condition


def test_a_failure_to_comply_makes_a_consequence():
    [norm] = norms_of("Where a keeper fails to register a hive, the warden shall order the keeper to register it.")
    assert (norm.kind, norm.bearer) == ("consequence", "warden")


def test_a_passive_with_an_agent_binds_the_agent_and_one_without_the_previous_bearer():
    draft = draft_of("Sick hives shall be burnt by the warden. The ashes shall be buried.")
    assert [(n.kind, n.bearer) for n in draft.norms] == [("duty", "warden"), ("duty", "warden")]
    assert draft.norms[1].confidence < draft.norms[0].confidence


def test_a_thing_as_subject_with_no_one_named_is_a_principle():
    [norm] = norms_of("Beekeeping work shall respect the neighbours.")
    assert (norm.kind, norm.bearer) == ("principle", None)


def test_dates_definitions_scope_and_entry_into_force():
    draft = draft_of(
        '"Keeper" as used in these Rules refers to anyone who keeps a hive.',
        "These Rules apply to the hives of the town.",
        "Keepers shall open their hives to visitors on June 20th.",
        "These Rules take effect on 1 May 2024.",
    )
    kinds = [n.kind for n in draft.norms]
    assert kinds == ["definition", "scope", "duty", "entry_into_force"]
    assert draft.norms[0].terms == ("keeper",)
    assert [(d.month, d.day, d.norm) for d in draft.days] == [(6, 20, draft.norms[2].id)]
    assert str(draft.in_force) == "2024-05-01" and draft.in_force_eid == draft.norms[3].eid


def test_actions_are_short_and_drop_what_the_model_says_elsewhere():
    [norm] = norms_of(
        "Keepers shall promptly, in accordance with law, register each hive with the office of the town "
        "that keeps the register of all the hives in the valley and the hills, so as to keep count."
    )
    assert norm.action.startswith("register each hive")
    assert len(norm.action.split()) <= 13 and norm.action.endswith("…")
    assert "so as to" not in norm.action


def test_every_sentence_is_explained():
    draft = draft_of("Keepers shall register each hive. The town is old.")
    reasons = {e.sentence: e.decisions for e in draft.explanations}
    assert any("rule shall" in d for d in reasons["Keepers shall register each hive."])
    assert any("left for review" in d for d in reasons["The town is old."])
    assert [r.eid for r in draft.review] == ["chp_I__art_1__para_nn_1"]


def test_definitions_without_quotes():
    draft = draft_of(
        "A reference to a keeper is a reference to anyone who keeps a hive.",
        "Honey includes—\n(a) comb honey;\n(b) pressed honey.",
        "A keeper neglects a hive if the keeper leaves it unopened for a year.",
    )
    assert [(n.kind, n.rule) for n in draft.norms] == [
        ("definition", "reference-is-reference-to"),
        ("definition", "term-means-or-includes"),
        ("definition", "if-statement-defines"),
    ]
    assert draft.review == []  # the items of "Honey includes—" belong to the definition


def test_a_duty_that_applies_to_listed_bearers():
    draft = draft_of(
        "A duty to fence the hives applies to—\n(a) a keeper;\n(b) a person who rents out land for hives.",
        "A duty to label honey applies to a seller.",
    )
    assert [(n.kind, n.bearer, n.action) for n in draft.norms] == [
        ("duty", "keeper", "fence the hives"),
        ("duty", "person_rent_out_land_hive", "fence the hives"),
        ("duty", "seller", "label honey"),
    ]


def test_a_lead_in_that_only_names_the_bearer():
    draft = draft_of("The warden—\n(a) must keep the register;\n(b) may close a hive.")
    assert [(n.kind, n.bearer) for n in draft.norms] == [("duty", "warden"), ("permission", "warden")]


def test_a_role_named_in_quotes_and_a_person_who_does_something_are_actors():
    draft = draft_of(
        'A person (a "honey-seller") who trades at the market must not sell watered honey.',
        "A person who keeps more than ten hives must not keep them in the town.",
    )
    first, second = draft.norms
    assert first.bearer == "honey_seller"
    assert second.bearer == "person_keep_more_than_ten_hive" and second.condition == ()


def test_items_that_only_complete_the_lead_in_action_are_one_norm_with_it():
    draft = draft_of(
        "A seller must not refuse honey to a buyer—\n(a) because of the buyer's age;\n(b) by closing the stall."
    )
    [norm] = draft.norms  # two ways of doing the one prohibited act
    assert (norm.kind, norm.bearer, norm.eid) == ("prohibition", "seller", "chp_I__art_1__para_nn_1")
    assert norm.action == "refuse honey to a buyer — (1) because of the buyer's age; (2) by closing the stall"
    assert norm.rule == "list-as-one<must-not"


def test_items_with_verbs_of_their_own_stay_one_norm_each():
    draft = draft_of("A seller must—\n(a) label the honey;\n(b) weigh the honey.")
    assert [(n.action, n.eid[-6:]) for n in draft.norms] == [("label the honey", "item_a"), ("weigh the honey", "item_b")]


def test_a_subject_that_names_a_thing_makes_no_actor():
    draft = draft_of("The register shall contain the name of every keeper.", "The warden shall keep a register. "
                     "The notice must state the fee.")
    assert [(n.kind, n.bearer) for n in draft.norms] == [("principle", None), ("duty", "warden"), ("duty", "warden")]
    assert set(draft.lexicon.actors) == {"warden"}


def test_a_leading_phrase_is_a_note_and_not_the_subject():
    draft = draft_of("Taking into account the weather, the season and the bees, the warden may close the market.",
                     "In addition to the duties of article 1, wardens such as the chief, the deputy and the clerk "
                     "shall keep a diary.")
    first, second = draft.norms
    assert (first.kind, first.bearer) == ("permission", "warden")
    assert first.notes[0].startswith("Taking into account the weather")
    assert second.bearer == "warden" and second.notes[0].startswith("In addition to the duties")


def test_the_first_other_actor_the_action_names_is_the_counterparty():
    draft = draft_of("Wardens shall inspect the hives.", "Keepers shall report a dead swarm to the wardens.",
                     "Keepers shall keep the equipment clean.")
    assert [n.counterparty for n in draft.norms] == [None, "warden", None]


def test_after_opens_a_condition_only_as_a_clause_and_items_keep_their_when():
    draft = draft_of("Sealed hives shall be opened by the warden after the disease is gone.",
                     "The warden shall reopen the market after the inspection.",
                     "Keepers shall perform the following duties:\n(1) report a swarm when it leaves the hive;")
    opened, reopened, report = draft.norms
    assert [draft.facts[f].meaning for f in opened.condition] == ["the disease is gone"]
    assert reopened.condition == () and reopened.action == "reopen the market after the inspection"
    assert [draft.facts[f].meaning for f in report.condition] == ["it leaves the hive"]


def test_a_phrase_between_the_modal_and_the_verb_is_a_note():
    [norm] = norms_of("A seller must not, in relation to the market, harass a buyer.")
    assert norm.action == "harass a buyer" and norm.notes == ("in relation to the market",)


def test_counterparty_is_not_a_co_actor_nor_an_activity_noun():
    draft = draft_of(
        "The wardens shall inspect hives. The guild shall organise markets. The keepers shall, in conjunction "
        "with the wardens, report swarms to the guild. Organisations shall help keepers. The keepers shall "
        "promote the organisation of markets.",
    )
    report, promote = draft.norms[2], draft.norms[4]
    assert report.counterparty == "guild"  # the wardens act with the keepers; the guild is reported to
    assert promote.counterparty is None  # "the organisation of" is the activity, not an actor


def test_counterparty_people_named_by_what_they_do_are_their_own_actor():
    draft = draft_of("Personnel shall keep records. The wardens shall train personnel involved with honey sales.")
    assert draft.norms[1].counterparty == "personnel_involved_honey_sale"
