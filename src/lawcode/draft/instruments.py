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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lawcode import eids

if TYPE_CHECKING:
    from lawcode.draft.pipeline import DraftNorm

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


def makers(norms: Sequence[DraftNorm], article: str, subject: str) -> list[str]:
    """Who makes the instrument the subject names, for a clause of ``article`` (see the module
    docstring); [] when the text empowered no one to make one before."""
    made = [n for n in norms if n.bearer and n.kind in ("power", "duty") and _MAKES.match(n.action)]
    if not made:
        return []
    here = [n for n in made if eids.is_inside(n.eid, article)]
    named = _SUBSECTION.search(subject)
    if named is not None:
        wanted = [n for n in here if f"subsec_{named.group('num')}" in eids.parts(n.eid)]
        here = wanted or here
    chosen = here[0] if here else made[-1]
    return [n.bearer for n in made if n.eid == chosen.eid and n.action == chosen.action and n.bearer]

