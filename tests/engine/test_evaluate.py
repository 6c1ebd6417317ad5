"""Three-valued evaluation: unknown facts are unknown, never false."""

import pytest

from lawcode.engine.evaluate import evaluate
from lawcode.model.conditions import parse_condition

T, F, U = True, False, None


def value(source: str, **facts):
    return evaluate(parse_condition(source), facts).value


@pytest.mark.parametrize("a, b, conj, disj", [
    (T, T, T, T), (T, F, F, T), (F, F, F, F),
    (T, U, U, T), (F, U, F, U), (U, U, U, U),
])
def test_kleene_tables(a, b, conj, disj):
    facts = {k: v for k, v in (("a", a), ("b", b)) if v is not None}
    assert value("a and b", **facts) is conj
    assert value("a or b", **facts) is disj
    assert value("b and a", **facts) is conj
    assert value("b or a", **facts) is disj


def test_not_of_unknown_is_unknown_and_missing_fact_is_not_false():
    assert value("not a") is None
    assert value("not a", a=False) is True
    assert value("a and not b", a=True) is None


def test_constants():
    assert value("true and a", a=True) is True
    assert value("false or a") is None


def test_unknown_lists_only_the_facts_that_can_still_decide():
    result = evaluate(parse_condition("(a and b) or c"), {"a": False})
    assert result.value is None
    assert result.unknown == {"c"}  # b cannot matter once a is false
    result = evaluate(parse_condition("a and (b or c)"), {})
    assert result.unknown == {"a", "b", "c"}


def test_decided_names_the_facts_the_value_rests_on():
    result = evaluate(parse_condition("a and b and c"), {"a": True, "b": False, "c": True})
    assert result.value is False
    assert result.decided == {"b"}
    result = evaluate(parse_condition("a or b"), {"a": True, "b": True})
    assert result.decided == {"a", "b"}
