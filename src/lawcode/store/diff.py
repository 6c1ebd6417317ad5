"""Compare two versions (or two regulations) article by article, aligned by content.

Articles are paired in three passes, each only over what the earlier ones left:

1. the same words (whatever the number): unchanged, or renumbered;
2. the same number and words at least half alike (:data:`SIMILAR`): changed in place;
3. the most alike remaining pairs, best first, at least half alike: changed and renumbered.

Similarity is the Dice coefficient of the two articles' sets of word pairs (bigrams), counted
through an index of the bigrams, so that two 500-article texts compare in well under a second.
What is left is added (only in the new text) or removed (only in the old). A pair whose order
relative to the other pairs changed (outside the longest run kept in order), or whose chapter or
part changed, is *moved*. Each changed pair carries a word-level diff.

The norms to review are those of a stored model (the old version's, else the new one's) that
cite a provision whose words changed, or the words of a provision above it (a lead-in decides
what its items mean), or one inside an article that was removed, or renumbered (its eIds are no
longer the same). A change to one item of an article does not list the norms resting on the
article's other items, which say what they said.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lawcode import eids
from lawcode.text.document import Document, Node

SIMILAR = 0.5
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])")  # a word or a punctuation mark, with the spaces before it


@dataclass(frozen=True)
class Article:
    """One aligned unit: an article (or a section, in texts without articles)."""

    eid: str
    num: str
    heading: str
    words: tuple[str, ...]
    container: str  # the eId of the chapter/part around it ("" at top level)
    position: int

    @property
    def citation(self) -> str:
        from lawcode.engine.quote import citation

        return citation(self.eid)

    def to_dict(self) -> dict[str, Any]:
        return {"eid": self.eid, "num": self.num, "citation": self.citation, "heading": self.heading or None}


@dataclass(frozen=True)
class Pair:
    old: Article
    new: Article
    similarity: float
    status: tuple[str, ...]  # unchanged, or some of: changed, renumbered, moved
    diff: tuple[tuple[str, str], ...] = ()  # ("=", words), ("-", removed words), ("+", added words)

    def to_dict(self) -> dict[str, Any]:
        data = {"old": self.old.to_dict(), "new": self.new.to_dict(), "status": list(self.status),
                "similarity": round(self.similarity, 3)}
        if self.diff:
            data["diff"] = [list(part) for part in self.diff]
        return data


@dataclass(frozen=True)
class NormToReview:
    norm: str
    kind: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"norm": self.norm, "kind": self.kind, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Comparison:
    old_label: str
    new_label: str
    pairs: tuple[Pair, ...]
    added: tuple[Article, ...]
    removed: tuple[Article, ...]
    norms: tuple[NormToReview, ...] = ()
    model: str | None = None  # the stored model whose norms were checked
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> dict[str, int]:
        counts = Counter(s for p in self.pairs for s in p.status)
        return {"aligned": len(self.pairs), "unchanged": counts["unchanged"], "changed": counts["changed"],
                "renumbered": counts["renumbered"], "moved": counts["moved"], "added": len(self.added),
                "removed": len(self.removed), "norms_to_review": len(self.norms)}

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old_label, "new": self.new_label, "summary": self.summary(),
                "pairs": [p.to_dict() for p in self.pairs], "added": [a.to_dict() for a in self.added],
                "removed": [a.to_dict() for a in self.removed], "model": self.model,
                "norms_to_review": [n.to_dict() for n in self.norms], "notes": list(self.notes)}


Side = tuple[str, Document, list[dict[str, Any]], str | None]  # label, text, norms, model id


def articles(document: Document) -> list[Article]:
    """The document's aligned units, in reading order."""
    units = []
    for position, node in enumerate(document.articles()):
        container = eids.parent(node.eid) or ""
        units.append(Article(node.eid, (node.num or "").rstrip("."), node.heading or "", _words(node), container,
                             position))
    return units


def _words(node: Node) -> tuple[str, ...]:
    return tuple(_SPACE.split(" ".join(filter(None, (node.heading, node.full_text()))).strip()))


def compare(old: Document, new: Document, old_label: str = "old", new_label: str = "new",
            norms: Iterable[dict[str, Any]] = (), model: str | None = None, norms_side: str = "old") -> Comparison:
    """Align ``old`` and ``new`` (see the module's docstring) and list the norms to review."""
    old_units, new_units = articles(old), articles(new)
    matches = _align(old_units, new_units)
    moved = _out_of_order(matches)
    pairs = []
    for o, n, similarity in sorted(matches, key=lambda m: m[1].position):
        status = []
        if o.words != n.words:
            status.append("changed")
        if o.num != n.num:
            status.append("renumbered")
        if (o.position, n.position) in moved or _container_name(old, o) != _container_name(new, n):
            status.append("moved")
        diff = _word_diff(" ".join(o.words), " ".join(n.words)) if "changed" in status else ()
        pairs.append(Pair(o, n, similarity, tuple(status) or ("unchanged",), diff))
    paired_old = {o.eid for o, _, _ in matches}
    paired_new = {n.eid for _, n, _ in matches}
    added = tuple(n for n in new_units if n.eid not in paired_new)
    removed = tuple(o for o in old_units if o.eid not in paired_old)
    reviewed = _norms_to_review(norms, pairs, added if norms_side == "new" else removed, norms_side, (old, new))
    return Comparison(old_label, new_label, tuple(pairs), added, removed, tuple(reviewed), model)


def compare_sides(old: Side, new: Side) -> Comparison:
    """Compare two sides, each (label, Document, the norms of its stored model, model id), listing
    for review the norms of the older side's model, or of the newer's when only it has one."""
    old_label, old_doc, old_norms, old_model = old
    new_label, new_doc, new_norms, new_model = new
    use_old = bool(old_norms) or not new_norms
    return compare(old_doc, new_doc, old_label, new_label, norms=old_norms if use_old else new_norms,
                   model=old_model if use_old else new_model, norms_side="old" if use_old else "new")


def _container_name(document: Document, unit: Article) -> str:
    """The heading of the chapter/part around an article (its number when it has none).

    Headings, not eIds or numbers, so that renumbering the chapters does not make every article
    after an inserted chapter "moved".
    """
    node = document.get(unit.container) if unit.container else None
    return (node.heading or f"{node.kind} {node.num}") if node is not None else ""


def _bigrams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    lowered = [w.lower() for w in words]
    return set(itertools.pairwise(lowered)) if len(lowered) > 1 else {tuple(lowered)}


def _align(old: list[Article], new: list[Article]) -> list[tuple[Article, Article, float]]:
    matches: list[tuple[Article, Article, float]] = []
    free_old = {o.eid: o for o in old}
    by_words: dict[tuple[str, ...], list[Article]] = defaultdict(list)
    for o in old:
        by_words[o.words].append(o)
    free_new = []
    for n in new:  # pass 1: the same words
        same = [o for o in by_words.get(n.words, []) if o.eid in free_old]
        if same:
            o = min(same, key=lambda c: (c.num != n.num, abs(c.position - n.position)))
            matches.append((o, n, 1.0))
            del free_old[o.eid]
        else:
            free_new.append(n)
    old_grams = {o.eid: _bigrams(o.words) for o in free_old.values()}
    new_grams = {n.eid: _bigrams(n.words) for n in free_new}
    by_num = {o.num: o for o in free_old.values()}
    rest = []
    for n in free_new:  # pass 2: the same number, alike enough
        same_num = by_num.get(n.num)
        score = _dice(old_grams[same_num.eid], new_grams[n.eid]) if same_num and same_num.eid in free_old else 0.0
        if same_num is not None and score >= SIMILAR:
            matches.append((same_num, n, score))
            del free_old[same_num.eid]
        else:
            rest.append(n)
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for o in free_old.values():
        for gram in old_grams[o.eid]:
            index[gram].append(o.eid)
    candidates = []
    for n in rest:  # pass 3: the most alike, best first
        shared = Counter(eid for gram in new_grams[n.eid] for eid in index.get(gram, ()))
        for eid, common in shared.items():
            score = 2 * common / (len(old_grams[eid]) + len(new_grams[n.eid]))
            if score >= SIMILAR:
                candidates.append((score, free_old[eid].position, n.position, eid, n))
    taken_new: set[str] = set()
    for score, _, _, eid, n in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if eid in free_old and n.eid not in taken_new:
            matches.append((free_old.pop(eid), n, score))
            taken_new.add(n.eid)
    return matches


def _dice(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _out_of_order(matches: list[tuple[Article, Article, float]]) -> set[tuple[int, int]]:
    """Pairs outside the longest run whose new order follows the old order (patience sorting)."""
    ordered = sorted(((o.position, n.position) for o, n, _ in matches))
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(ordered)
    for i, (_, new_position) in enumerate(ordered):
        k = bisect.bisect_left(tails, new_position)
        if k == len(tails):
            tails.append(new_position)
            tail_index.append(i)
        else:
            tails[k] = new_position
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    kept = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(ordered[i])
        i = previous[i]
    return set(ordered) - kept


def _word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The parts of ``old`` kept ("="), removed ("-") and of ``new`` added ("+"), word by word.

    Words and punctuation marks are separate tokens (each with the spaces before it), so "head."
    against "head after dusk." removes " after dusk" rather than the word "head."; joining the
    "=" and "-" parts gives ``old`` back, the "=" and "+" parts ``new``.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("+", "".join(b[j1:j2])))
    return tuple(parts)


def _norms_to_review(norms: Iterable[dict[str, Any]], pairs: list[Pair], unpaired: tuple[Article, ...],
                     side: str, documents: tuple[Document, Document]) -> list[NormToReview]:
    """Norms citing a provision whose words changed (see the module's docstring), or inside an
    article that went (or came), or whose eIds changed."""
    from lawcode.engine.quote import citation

    status: dict[str, str] = {}  # whatever a norm cites inside these articles is to be reviewed
    reworded: set[str] = set()  # changed in place: only what a norm cites whose words changed
    for pair in pairs:
        article = pair.old if side == "old" else pair.new
        other = pair.new if side == "old" else pair.old
        if "changed" in pair.status and article.eid == other.eid:
            reworded.add(article.eid)
        elif "changed" in pair.status:
            then = "now" if side == "old" else "was"
            status[article.eid] = f"{article.citation} changed ({then} {other.citation})"
        elif article.eid != other.eid:
            status[article.eid] = f"{article.citation} is now {other.citation}: its eIds changed" if side == "old" \
                else f"{article.citation} was {other.citation}: its eIds changed"
    for article in unpaired:
        status[article.eid] = f"{article.citation} {'removed' if side == 'old' else 'added'}"
    cited_in = documents[0 if side == "old" else 1]
    result = []
    for norm in norms:
        reasons = {status[a] for eid in norm["cites"] for a in eids.lineage(eid) if a in status}
        reasons |= {f"{citation(eid, cited_in)} changed" for eid in norm["cites"]
                    if any(a in reworded for a in eids.lineage(eid))
                    and _wording(documents[0], eid) != _wording(documents[1], eid)}
        if reasons:
            result.append(NormToReview(norm["norm"], norm["kind"], tuple(sorted(reasons))))
    return result


def _wording(document: Document, eid: str) -> tuple[str, ...] | None:
    """What a provision says: the words of each provision above it (headings, lead-ins, what
    follows a list), then its own with all beneath it, spaces aside; None when there is none."""
    node = document.get(eid)
    if node is None:
        return None
    above = [n for n in map(document.get, eids.lineage(eid)[:-1]) if n is not None]
    words = [part for n in above for part in (n.heading, n.text, n.wrap_up)] + [node.heading, node.full_text()]
    return tuple(" ".join((part or "").split()) for part in words)
