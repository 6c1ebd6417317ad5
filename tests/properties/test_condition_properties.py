"""Properties of the condition language: what is printed parses back; anything else is a ModelError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawcode.errors import ModelError
from lawcode.model.conditions import And, Const, Expr, Fact, Not, Or, facts_of, parse_condition
from lawcode.model.limits import MAX_CONDITION_DEPTH

KEYWORDS = {"and", "or", "not", "true", "false"}
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(lambda n: n not in KEYWORDS)
leaves = st.one_of(names.map(Fact), st.booleans().map(Const))


def _extend(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    operands = st.lists(inner, min_size=2, max_size=4).map(tuple)
    return st.one_of(inner.map(Not), operands.map(And), operands.map(Or))


trees = st.recursive(leaves, _extend, max_leaves=24)


def _depth(expr: Expr) -> int:
    """Parentheses and ``not`` as the printed form nests them."""
    if isinstance(expr, (Fact, Const)):
        return 0
    if isinstance(expr, Not):
        return 1 + _depth(expr.operand)
    return max(_depth(o) + (1 if isinstance(o, (And, Or)) else 0) for o in expr.operands)


@given(trees)
def test_a_printed_condition_parses_back_to_the_same_tree(expr: Expr) -> None:
    if _depth(expr) <= MAX_CONDITION_DEPTH:
        assert parse_condition(str(expr)) == expr
        assert facts_of(parse_condition(str(expr))) == facts_of(expr)


@given(st.text(max_size=300))
def test_any_text_is_a_condition_or_a_model_error_naming_file_and_line(source: str) -> None:
    try:
        parse_condition(source, file="m.yaml", line=7)
    except ModelError as error:
        assert str(error).startswith("m.yaml:7: condition ")
        assert "\n" not in str(error)  # one line: the condition is quoted with its escapes


@given(st.lists(st.sampled_from(["(", ")", "not", "and", "or", "a", "b", "true", " "]), max_size=200))
def test_any_sequence_of_tokens_parses_or_fails_cleanly(tokens: list[str]) -> None:
    source = " ".join(tokens)
    try:
        expr = parse_condition(source)
    except ModelError:
        return
    assert facts_of(expr) <= {"a", "b"}


@given(st.integers(min_value=MAX_CONDITION_DEPTH + 1, max_value=20_000), st.sampled_from(["(", "not "]))
def test_nesting_beyond_the_limit_is_refused_at_any_depth(depth: int, opener: str) -> None:
    closer = ")" if opener == "(" else ""
    try:
        parse_condition(opener * depth + "x" + closer * depth, file="m.yaml", line=3)
    except ModelError as error:
        assert f"nested more than {MAX_CONDITION_DEPTH} deep" in error.message
    else:
        raise AssertionError("a condition nested beyond the limit was accepted")
