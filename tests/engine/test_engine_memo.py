"""What the engine memoises per model and roles never changes an answer: not between questions
with other facts, not against an exhaustive search for the minimal sets."""

import shutil
from itertools import combinations, product
from pathlib import Path

import pytest

from lawcode.engine import queries
from lawcode.engine.abduction import minimal_sets
from lawcode.engine.applicability import engine_for, strongest
from lawcode.engine.findings import APPLIES, DOES_NOT_APPLY, UNDETERMINED
from lawcode.errors import QueryError
from lawcode.facts import parse_facts
from lawcode.service import load_model, model_path

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"
MODELS = ("tar-counter-espionage-2021", "uk-equality-act-2010")
# Sets of up to 3 facts: deep enough for conjunctions, disjunctions and overrides, quick enough.
BUDGET = 3 ** 3
ON = {"tar-counter-espionage-2021": "2021-06-01", "uk-equality-act-2010": "2011-06-01"}


def fresh(tmp_path, ref):
    """The same model loaded anew (another file, so another LoadedModel and Engine): its
    engine has answered nothing yet."""
    copy = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}.yaml"
    shutil.copy(model_path(ref), copy)
    return load_model(copy)


def fact_sets(model, count=3):
    """A few fact sets, each of a different size and with true and false values."""
    names = sorted(model.facts)
    return [[], [names[0], f"{names[1]}=false"], [f"{n}=false" for n in names[2:2 + count]] + [names[-1]]]


def answer(model, roles, facts, on):
    """The answer as a dict, or the message of the error the question gets."""
    try:
        return queries.ask(model, roles, facts, on).to_dict()
    except QueryError as error:
        return str(error)


@pytest.mark.parametrize("ref", [HIVES, *MODELS])
def test_the_same_roles_with_other_facts_get_their_own_answer(tmp_path, ref):
    shared = load_model(ref)
    on = ON.get(str(ref), "2021-06-01")
    actors = sorted(shared.actors)
    roles_list = [(a,) for a in actors[:6]] + [tuple(actors[:2])]
    asked = {}
    for facts in fact_sets(shared) * 2:  # each fact set twice, after the others, same roles
        for roles in roles_list:
            got = answer(shared, roles, facts, on)
            assert asked.setdefault((roles, str(facts)), got) == got
    for facts in fact_sets(shared):  # an engine that was asked with these facts only
        alone = fresh(tmp_path, ref)
        for roles in roles_list:
            assert asked[(roles, str(facts))] == answer(alone, roles, facts, on)
    assert sum(len(a["findings"]) for a in asked.values() if isinstance(a, dict)) > 0


def exhaustive(engine, norm, matches, facts, on, goal, budget):
    """Every assignment of the unknown facts of ``norm`` up to the budget's size, kept when it
    gives ``goal`` and no proper part of it does; in minimal_sets' order (smaller first, then
    fact-name order, true before false)."""
    unknown = sorted(set().union(*(engine.relevant_facts(norm, m) for m in matches)) - facts.keys())
    largest = len(unknown)
    while largest and 3 ** largest > budget:
        largest -= 1
    reaching = []
    for size in range(1, largest + 1):
        for names in combinations(unknown, size):
            for values in product((True, False), repeat=size):
                assignment = dict(zip(names, values, strict=True))
                if strongest([engine.status(norm, m, {**facts, **assignment}, on) for m in matches])[0] == goal:
                    reaching.append(assignment)
    return [a for a in reaching if not any(b != a and b.items() <= a.items() for b in reaching)]


@pytest.mark.parametrize("ref", MODELS)
def test_minimal_sets_are_those_of_an_exhaustive_search(ref):
    import datetime as dt

    model = load_model(ref)
    engine = engine_for(model)
    on = dt.date.fromisoformat(ON[ref])
    compared = 0
    for actor in sorted(model.actors)[::2]:  # every other actor, to stay quick
        for facts in fact_sets(model)[1:]:
            given = parse_facts(facts)
            merged = {**given, **engine.implied_facts(actor)}
            for norm, match in engine.candidates(actor):
                value = engine.status(norm, match, merged, on).value
                if value != UNDETERMINED:
                    continue
                for goal in (APPLIES, DOES_NOT_APPLY):
                    found = minimal_sets(engine, norm, [match], merged, on, goal, BUDGET)[0]
                    assert found == exhaustive(engine, norm, [match], merged, on, goal, BUDGET), (actor, norm.id)
                    compared += 1
    assert compared > 100


def test_a_model_no_longer_asked_about_is_freed_with_its_engine(tmp_path):
    """A long-running server reads many models (stored versions); the engines kept for them are
    bounded, and a model that falls out of use is freed with its engine."""
    import gc
    import weakref

    from lawcode.model.loader import read_valid_model

    first = read_valid_model(HIVES)
    queries.ask(first, ("keeper",), on="2021-06-01")
    gone = weakref.ref(first)
    del first
    for _ in range(20):  # more models than the engines kept
        queries.ask(read_valid_model(HIVES), ("keeper",), on="2021-06-01")
    gc.collect()
    assert gone() is None
