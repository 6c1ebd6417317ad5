"""An article's interpretation provisions, read as one definition.

Statutes define a term over several provisions of one article: "X means ...", then "a reference
to an X is a reference to ...", "X includes ...", "subsection (1) does not apply if ...", "... is
to be construed / treated as ...". Each is part of one rule of interpretation - what the
article's terms mean - not a norm of conduct of its own. So the definitions drafted from one
article become one definition norm, placed where the first stood, citing every provision they
came from and listing every term they define. Norms of conduct drafted from the same article
(a power to issue guidance, a duty) stay separate.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from lawcode.draft.words import key

if TYPE_CHECKING:  # the pipeline calls this module: its classes are only needed for the types
    from lawcode.draft.pipeline import DraftNorm

RULE = "interpretation-article"


def merge_definitions(norms: list[DraftNorm], heading: str | None) -> tuple[list[DraftNorm], dict[str, str]]:
    """The article's norms with its definitions merged into one, and the ids that were merged away
    (each mapped to the id that now stands for it). Fewer than two definitions: unchanged."""
    found = [n for n in norms if n.kind == "definition"]
    if len(found) < 2:
        return norms, {}
    first = found[0]
    terms = tuple(dict.fromkeys(t for n in found for t in n.terms)) or ((key(heading),) if heading else ())
    definiens = first.action.split(": ", 1)[-1]
    named = "; ".join(terms)
    merged = replace(
        first,
        action=f"{named}: {definiens}" if named else first.action,
        rule=f"{RULE}<{first.rule}",
        confidence=round(min(n.confidence for n in found), 2),
        condition=tuple(dict.fromkeys(c for n in found for c in n.condition)),
        defers_to=tuple(dict.fromkeys(d for n in found for d in n.defers_to)),
        open_ended=any(n.open_ended for n in found),
        terms=terms,
        also_cites=tuple(dict.fromkeys(e for n in found for e in (n.eid, *n.also_cites) if e != first.eid)),
        notes=(*first.notes, f"one definition for the article's {len(found)} interpretation provisions"),
    )
    gone = {n.id: first.id for n in found[1:]}
    return [merged if n is first else n for n in norms if n.id not in gone], gone
