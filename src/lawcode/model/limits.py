"""The limits lawcode puts on a model file, in one place (the README's "Limits and errors" cites them).

A model file is written by a person, but it may come from anyone: a file that is too big, too
deep or too clever must fail fast with a clear message, never exhaust memory or the stack. Each
limit is far above what a real model needs (the shipped model of a 32-article regulation is
83 KB, about 9,000 YAML nodes, nested 6 deep, conditions nested 3 deep).
"""

from __future__ import annotations

MAX_MODEL_BYTES = 16 * 1024 * 1024
"""Size of a model file: about 200 times the shipped model; enough for some 50,000 norms."""

MAX_YAML_NODES = 2_000_000
"""Scalars, mappings and lists in a model file, counted as written (aliases are refused)."""

MAX_YAML_DEPTH = 32
"""Mappings and lists inside one another; the format itself needs 6."""

MAX_CONDITION_DEPTH = 32
"""Parentheses and ``not`` inside one another in one condition (``not not x`` is 2 deep)."""
