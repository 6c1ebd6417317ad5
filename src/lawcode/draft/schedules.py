"""Schedules the text names but does not hold ("Schedule 3 (exceptions) has effect").

Their exceptions are not in the text, so a drafted norm must not read as if there were none.
The norms of the article that names a Schedule are drafted ``subject_to`` it: an exception there
is a fact the draft asks about ("Does an exception in Schedule 3 apply?"), never assumed away.
A Schedule named where a drafted norm already rests (a norm cites the provision) is left as the
citation shows it; one named in an article without norms stays for review with that article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from lawcode import eids
from lawcode.model.schedules import named_schedules

if TYPE_CHECKING:
    from lawcode.draft.pipeline import Draft


_HAS_EFFECT = re.compile(r"^Schedules? [\dA-Z]+(?: \([^)]{0,80}\))? (?:has|have) effect\.?$", re.IGNORECASE)


def mark_schedules(draft: Draft, fact: Callable[[str, str], str]) -> None:
    """Make the norms of each article that names a Schedule subject to it (see the module docstring).

    ``fact(words, eid)`` declares the exception fact and gives its id.
    """
    cited = {c for n in draft.norms for c in (n.eid, *n.also_cites)}  # marking changes no norm's cites
    articles = draft.document.articles()
    for schedule, naming in named_schedules(draft.document).items():
        if any(eids.related(e, c) for e in naming for c in cited):
            continue
        article = next((a.eid for a in articles if eids.is_inside(naming[0], a.eid)), None)
        if article is None:
            continue
        exception = fact(f"an exception in {schedule} applies", naming[0])
        marked = False
        for at, norm in enumerate(draft.norms):
            if eids.is_inside(norm.eid, article) and all(s != schedule for s, _ in norm.subject_to):
                draft.norms[at] = replace(norm, subject_to=(*norm.subject_to, (schedule, exception)))
                marked = True
        if marked:  # "Schedule 3 (exceptions) has effect" says no more than the subject_to now does
            only = {e for e in naming if _HAS_EFFECT.match(_text(draft, e))}
            draft.review = [r for r in draft.review if r.eid not in only]


def _text(draft: Draft, eid: str) -> str:
    node = draft.document.get(eid)
    return node.text.strip() if node is not None else ""
