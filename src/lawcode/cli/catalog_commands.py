"""lawcode catalog, procedure and calendar commands (registered on the app on import)."""

from lawcode.cli import app  # noqa: F401
