"""lawcode: a regulation as structured, citable, executable law."""

__version__ = "0.1.0"
