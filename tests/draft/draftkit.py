"""Small helpers the drafting tests share: synthetic texts, drafted in memory."""

from __future__ import annotations

from lawcode.draft import Lexicon, draft_document
from lawcode.draft.pipeline import Draft, DraftNorm
from lawcode.text.parse import parse_text


def text_of(*articles: str, title: str = "Rules on Keeping Bees") -> str:
    """A synthetic regulation with one chapter and the given articles, in the Chinese style."""
    body = "\n\n".join(f"Article {n}: {words}" for n, words in enumerate(articles, 1))
    return f"{title}\n\nChapter I: General Matters\n\n{body}\n"


def draft_of(*articles: str, lexicon: Lexicon | None = None) -> Draft:
    return draft_document(parse_text(text_of(*articles), "bees.txt"), lexicon)


def norms_of(*articles: str) -> list[DraftNorm]:
    return draft_of(*articles).norms


def label(draft: Draft, actor: str) -> str:
    return draft.lexicon.actors[actor].label
