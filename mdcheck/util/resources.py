"""Locating the JSON Schemas shipped with mdcheck.

In a built wheel the schemas live in ``mdcheck/schemas/``; in a source checkout (or an
editable install) they are the repository's top-level ``schemas/`` folder.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any


@functools.cache  # the package does not move while mdcheck runs
def schemas_dir() -> Path:
    package = Path(__file__).resolve().parent.parent  # mdcheck/, above util/
    installed = package / "schemas"
    if installed.is_dir():
        return installed
    return package.parent / "schemas"


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a shipped schema by file name, e.g. ``"config.schema.json"``."""
    path = schemas_dir() / name
    try:
        with path.open(encoding="utf-8") as handle:
            data: dict[str, Any] = json.load(handle)
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"shipped schema {path} cannot be read: {exc}") from exc
    return data
