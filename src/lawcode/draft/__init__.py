"""Draft a model file from a regulation's text, with transparent rules (see :mod:`.pipeline`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawcode.draft.lexicon import Lexicon
from lawcode.draft.pipeline import Draft, draft_document

if TYPE_CHECKING:  # the model classes (and pydantic) are only needed when --actors names a model
    from lawcode.model.loaded import LoadedModel

__all__ = ["Draft", "Lexicon", "draft_document", "lexicon_from_models"]


def lexicon_from_models(models: list[LoadedModel]) -> Lexicon:
    """A lexicon that knows the actors of the given LoadedModels (by label and id)."""
    lexicon = Lexicon()
    for loaded in models:
        for actor in loaded.model.actors:
            lexicon.learn_model_actor(actor.id, actor.label, list(actor.is_a), str(loaded.path))
    return lexicon
