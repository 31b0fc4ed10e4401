"""Errors shared by every layer."""

from __future__ import annotations


class ConfigError(Exception):
    """A configuration problem; the message is one line naming the file and the key."""
