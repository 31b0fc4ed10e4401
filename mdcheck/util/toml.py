"""Reading a TOML file: the flat reader first, tomllib only when it cannot answer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mdcheck.errors import ConfigError
from mdcheck.util.flattoml import read_flat_toml


def load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None
    flat = read_flat_toml(raw)  # most files: no need to import tomllib
    if flat is not None:
        return flat
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode())
        return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text: {exc.reason}") from None
