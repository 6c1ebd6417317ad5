"""A parsed Document as a value: it can be copied and sent to another process."""

from __future__ import annotations

import copy
import pickle

from lawcode.text.parse import parse_text


def test_a_parsed_document_survives_pickle_and_deepcopy_after_lookups():
    """Documents can be sent to worker processes: the cached eId view is not part of the state."""
    doc = parse_text(b"Article 1: Boats float.\n\nArticle 2: Boats sink, as article 1 of these Regulations says.\n",
                     "boats.txt")
    assert doc.get("art_1") is not None  # fills the cached view
    for clone in (pickle.loads(pickle.dumps(doc)), copy.deepcopy(doc)):
        assert clone == doc and clone.to_json() == doc.to_json()
        assert clone.get("art_2__para_nn_1").text.startswith("Boats sink")
