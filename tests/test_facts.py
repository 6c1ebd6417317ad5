"""Facts as a user types them (``--fact``, the API's and web pages' ``fact=``): one parser."""

from __future__ import annotations

import pytest

from lawcode.errors import QueryError
from lawcode.facts import parse_facts


def test_facts_may_repeat_with_the_same_value():
    assert parse_facts(["a", "a=true", "b=no"]) == {"a": True, "b": False}


@pytest.mark.parametrize("specs, message", [(["a=maybe"], "neither true nor false"),
                                            (["a", "a=false"], "given twice")])
def test_a_fact_with_no_clear_value_is_an_error(specs, message):
    with pytest.raises(QueryError, match=message):
        parse_facts(specs)


def test_the_interfaces_read_facts_without_the_engine_s_query_module():
    from pathlib import Path

    import lawcode

    root = Path(lawcode.__file__).parent
    for folder in ("api", "web"):
        for module in (root / folder).glob("*.py"):
            assert "engine.queries import parse_facts" not in module.read_text(encoding="utf-8"), module
