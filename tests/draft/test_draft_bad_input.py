"""Very long lists and sentences stay linear: generous bounds, to catch a hang, not to time."""

from __future__ import annotations

import time
import tracemalloc

from draftkit import text_of

from lawcode.draft import Draft, draft_document
from lawcode.draft.emit import model_yaml
from lawcode.text.parse import parse_text


def _draft(text: str, trace_memory: bool) -> tuple[float, int, Draft]:
    """Seconds, peak traced bytes (0 when not traced: tracing slows a big run several times), draft."""
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    drafted = draft_document(parse_text(text, "long.txt"))
    model_yaml(drafted)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace_memory else 0
    tracemalloc.stop()
    return seconds, peak, drafted


def test_a_list_of_ten_thousand_items():
    items = "\n".join(f"({n}) mark hive {n};" for n in range(1, 10_001))
    seconds, _, drafted = _draft(text_of(f"Keepers shall do the following:\n{items}"), trace_memory=False)
    assert len(drafted.norms) == 10_000 and {n.bearer for n in drafted.norms} == {"keeper"}
    assert seconds < 60


def test_a_sentence_of_fifty_thousand_words_is_read_in_part_and_says_so():
    words = " ".join(["keepers shall mark the hive and"] * 8_400)
    seconds, peak, drafted = _draft(text_of(words + " rest."), trace_memory=True)
    assert drafted.norms and seconds < 30 and peak < 200_000_000
    explained = " ".join(d for e in drafted.explanations for d in e.decisions)
    assert "only its first 3000 are analysed" in explained


def test_a_list_of_ten_thousand_items_drafted_as_one_norm_has_a_short_action():
    items = "\n".join(f"({n}) in market {n};" for n in range(1, 10_001))
    seconds, _, drafted = _draft(text_of(f"A seller must not refuse honey to a buyer—\n{items}"), trace_memory=False)
    [norm] = drafted.norms
    assert norm.action.endswith("(9992 more)") and len(norm.action) < 400
    assert seconds < 60


def test_ten_thousand_instruments_find_their_maker_in_linear_time():
    regulations = " ".join(f"Regulations may set fee {n}." for n in range(10_000))
    seconds, _, drafted = _draft(text_of(f"The warden may by regulations set fees. {regulations}"), trace_memory=False)
    assert {n.bearer for n in drafted.norms} == {"warden"} and len(drafted.norms) == 10_001
    assert seconds < 60
