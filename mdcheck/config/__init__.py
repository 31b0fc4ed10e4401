"""Configuration: finding the file that applies to a path (``.mdcheck.toml``,
``mdcheck.toml``, ``[tool.mdcheck]`` in ``pyproject.toml``), validating it against its
schema, glob matching for ``exclude``, ``per-file-ignores`` and ``overrides``, and the
effective settings of one file.

May import: ``util``, ``diagnostic``, ``errors``, ``schema`` and ``rules`` (to validate
selectors and rule options). Never running, formatters, the server or the CLI.

``from mdcheck.config import Config`` keeps working: the names users import are here.
"""

from __future__ import annotations

from mdcheck.config.settings import (
    CONFIG_FILES,
    Config,
    ConfigResolver,
    FileSettings,
    config_from_table,
    config_schema,
    load_config_file,
)
from mdcheck.errors import ConfigError

__all__ = [
    "CONFIG_FILES",
    "Config",
    "ConfigError",
    "ConfigResolver",
    "FileSettings",
    "config_from_table",
    "config_schema",
    "load_config_file",
]
