"""Diagrams of a model, laid out by Graphviz (``dot``) and drawn as SVG.

The norm graph shows who bears what towards whom: actors (ellipses) and norms (boxes, by kind)
with an arrow from the bearer to the norm and from the norm to its counterparty or
beneficiary. A procedure is drawn as its state diagram: states, the initial one marked, final
ones doubled, each transition labelled with its event, who acts and how, and its provision.

Where ``dot`` is not installed there is no drawing (None), and the page says so and shows its
tables, which say the same: a missing program of the system is not a server error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lawcode.engine.findings import norm_order
from lawcode.engine.quote import citation

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm, Procedure
    from lawcode.text.document import Document

KIND_COLOURS = {
    "duty": "#1f4e8c", "prohibition": "#a11d2b", "permission": "#2e6b30", "power": "#6b3fa0",
    "right": "#8a5a00", "entitlement": "#8a5a00", "consequence": "#5c4033",
}
_PROLOG = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def norms_in(loaded: LoadedModel, kind: str | None = None, chapter: str | None = None) -> list[Norm]:
    """The model's norms with a bearer, of ``kind`` and citing ``chapter`` (an eId) if given."""
    chosen = []
    for norm in sorted(loaded.model.norms, key=norm_order):
        if norm.bearer is None or (kind and norm.kind != kind):
            continue
        if chapter and not any(c == chapter or c.startswith(chapter + "__") for c in norm.cites):
            continue
        chosen.append(norm)
    return chosen


def norm_graph(loaded: LoadedModel, norms: list[Norm], document: Document | None,
               href: Callable[[str], str]) -> str | None:
    """The SVG of actors and ``norms`` between them; each norm links to ``href(norm id)``."""
    import graphviz

    graph = graphviz.Digraph("norms", graph_attr={"rankdir": "LR", "fontname": "Helvetica", "bgcolor": "white",
                                                  "tooltip": "who bears what towards whom"},
                             node_attr={"fontname": "Helvetica", "fontsize": "11"},
                             edge_attr={"color": "#555555", "arrowsize": "0.7"})
    actors: set[str] = set()
    for norm in norms:
        kind = norm.kind.value
        colour = KIND_COLOURS.get(kind, "#444444")
        cited = ", ".join(citation(e, document) for e in norm.cites)
        graph.node(f"norm__{norm.id}", f"{kind}\n{cited}", shape="box", style="rounded", color=colour,
                   fontcolor=colour, href=href(norm.id), tooltip=f"{norm.id}: {norm.action}", target="_top")
        if norm.bearer is not None:  # norms_in keeps only norms with one
            graph.edge(f"actor__{norm.bearer}", f"norm__{norm.id}", color=colour)
            actors.add(norm.bearer)
        for party in (norm.counterparty, norm.beneficiary):
            if party:
                style = "dashed" if party == norm.beneficiary else "solid"
                graph.edge(f"norm__{norm.id}", f"actor__{party}", style=style)
                actors.add(party)
    for actor_id in sorted(actors):
        actor = loaded.actors.get(actor_id)
        label = actor.label if actor is not None else actor_id
        graph.node(f"actor__{actor_id}", _wrap(label), shape="ellipse", style="filled", fillcolor="#f2f2f2",
                   tooltip=actor_id)
    return _svg(graph)


def procedure_graph(procedure: Procedure, document: Document | None) -> str | None:
    """The SVG state diagram of one procedure."""
    import graphviz

    from lawcode.engine.procedures import is_final

    graph = graphviz.Digraph(procedure.id, graph_attr={"rankdir": "TB", "fontname": "Helvetica", "bgcolor": "white"},
                             node_attr={"fontname": "Helvetica", "fontsize": "11"},
                             edge_attr={"fontname": "Helvetica", "fontsize": "10", "color": "#333333"})
    graph.node("__start", "", shape="point", width="0.15")
    for state in procedure.states:
        final = is_final(procedure, state.id)
        graph.node(state.id, _wrap(state.label or state.id), shape="box", style="rounded,filled",
                   fillcolor="#e8f0e8" if final else "#f2f2f2", peripheries="2" if final else "1", tooltip=state.id)
    graph.edge("__start", procedure.initial)
    for transition in procedure.transitions:
        cited = ", ".join(citation(e, document) for e in transition.cites)
        mode = transition.mode
        label = f"{transition.event}\n{transition.actor} {mode}\n{cited}".strip()
        graph.edge(transition.source, transition.target, label=label,
                   style="dashed" if mode == "may" else "solid")
    return _svg(graph)


def _wrap(text: str, width: int = 24) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _svg(graph: Any) -> str | None:
    """The SVG of ``graph`` without its XML prolog, to be placed inside an HTML page; None without ``dot``."""
    import graphviz

    try:
        drawn: str = graph.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        return None
    return _PROLOG.sub("", drawn, count=1)
