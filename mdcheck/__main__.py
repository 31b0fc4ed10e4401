"""``python -m mdcheck``."""

from mdcheck.cli import entry

entry()
