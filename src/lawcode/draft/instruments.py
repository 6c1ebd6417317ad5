"""Powers given through an instrument: "Regulations may ...", "An order under subsection (1) may ...".

The subject of such a sentence is the instrument, not who acts: the sentence says what the
maker of the regulations or order may put in it. So it is a power, and its bearer is whoever
the text empowered to make that instrument - the bearer of the "may by regulations / by order"
norm of the subsection it names ("under subsection (1)"), else the first one in the same
section ("under this section"), else the last one the text gave before (the general
rule-maker, where the text names no one).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lawcode import eids

if TYPE_CHECKING:
    from lawcode.draft.pipeline import DraftNorm

RULE = "instrument-may"  # the rule name of a power drafted from "Regulations may ..."
_INSTRUMENT = re.compile(
    r"^(?:the |an? |any )?(?P<what>regulations?|orders?|rules|provision made)\b(?P<rest>.{0,120})$",
    re.IGNORECASE | re.DOTALL,
)
_MAKES = re.compile(r"^by (?:regulations|order)\b", re.IGNORECASE)
_SUBSECTION = re.compile(r"\bsubsection \((?P<num>\w+)\)", re.IGNORECASE)


def instrument_of(subject: str) -> str | None:
    """'regulations' or 'order' when the clause's subject names an instrument, else None."""
    match = _INSTRUMENT.match(subject.strip())
    if match is None:
        return None
    what = match.group("what").lower()
    return "order" if what.startswith("order") else "regulations"


def makes_instrument(action: str) -> bool:
    """Whether an action is made by regulations or order ("by regulations amend section 1")."""
    return _MAKES.match(action.strip()) is not None


class Makers:
    """The norms by which the text empowers someone to make regulations or orders, as drafted so
    far: indexed by article, so that finding an instrument's maker costs the same at any length."""

    def __init__(self) -> None:
        self._by_article: dict[str, list[DraftNorm]] = {}
        self._last: list[DraftNorm] = []  # the norms of the last empowering provision of the text

    def note(self, norm: DraftNorm, article: str) -> None:
        """Remember ``norm`` when it gives a power to make regulations or orders ("may by regulations")."""
        if not (norm.bearer and norm.kind in ("power", "duty") and _MAKES.match(norm.action)):
            return
        mine = self._by_article.setdefault(article, [])
        if len(mine) < 64:  # the first ones of an article are those "under this section" means
            mine.append(norm)
        if self._last and (self._last[0].eid, self._last[0].action) != (norm.eid, norm.action):
            self._last = []
        self._last.append(norm)

    def of(self, article: str, subject: str) -> list[str]:
        """Who makes the instrument the subject names, for a clause of ``article`` (see the module
        docstring); [] when the text empowered no one to make one before."""
        here = self._by_article.get(article, [])
        named = _SUBSECTION.search(subject)
        if named is not None:
            wanted = [n for n in here if f"subsec_{named.group('num')}" in eids.parts(n.eid)]
            here = wanted or here
        group = here or self._last  # the norms of _last all share one provision and action
        if not group:
            return []
        first = (group[0].eid, group[0].action)
        return list(dict.fromkeys(n.bearer for n in group if (n.eid, n.action) == first and n.bearer))
