"""Article profiles: the required outline of one kind of article, loaded and validated.

A profile (JSON or TOML, validated against ``schemas/profile.schema.json``) lists the
sections of an article in order; each has accepted titles in any language or a pattern,
how many times it may occur, and its required subsections. The default profile
``trend-article`` is shipped in ``schemas/profiles/``. A profile is selected by name or path
in the configuration (``profile = …``, per glob in ``[[overrides]]``), or in the article's
front matter (``profile: …``); profiles can also be written inline (``[profiles.NAME]``).
A profile that does not validate is a :class:`~mdcheck.config.settings.ConfigError` naming the
profile and the failing part.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mdcheck.article.numerals import chinese_to_int
from mdcheck.errors import ConfigError
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import normalize
from mdcheck.schema.quickschema import surely_valid
from mdcheck.util.resources import load_schema, schemas_dir

DEFAULT_PROFILE = "trend-article"
PROFILE_SUFFIXES = (".json", ".toml")
_EN_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_EN_COUNT = "|".join(_EN_NUMBERS)
# (words one of which a title must hold, pattern, flags). Most titles hold none of the
# words, so each pattern is compiled only when a title could match it (start-up time).
_TITLE_COUNTS: tuple[tuple[tuple[str, ...], str, int], ...] = (
    (("大",), r"(?<![0-9])(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*大", 0),
    (
        ("个",),
        r"(?<![0-9])(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*个(?:主要|重要|关键)?(?:趋势|方向|领域)",
        0,
    ),
    (
        ("trends", "directions", "areas", "shifts", "developments"),
        rf"\b(?P<n>\d{{1,2}}|{_EN_COUNT})\s+(?:(?:key|major|big|top|emerging|important|"
        r"biggest|main|technology|tech|ai)\s+)*(?:trends|directions|areas|shifts|developments)\b",
        re.IGNORECASE,
    ),
    (("top",), rf"\btop\s+(?P<n>\d{{1,2}}|{_EN_COUNT})\b", re.IGNORECASE),
)


class Part(NamedTuple):
    """A section or subsection of a profile."""

    name: str
    titles: tuple[str, ...]
    title_keys: frozenset[str]  # the titles normalised, as classifying compares them
    pattern: re.Pattern[str] | None
    min: int
    max: int | None  # None: no limit
    count_from_title: bool = False
    subsections: tuple[Part, ...] = ()

    @property
    def repeated(self) -> bool:
        return self.max is None or self.max > 1

    def display(self) -> str:
        """The first accepted titles, as shown in messages: ``技术路线比较 / Comparison``."""
        if self.titles:
            return " / ".join(self.titles[:2])
        return f"a title matching /{self.pattern.pattern if self.pattern else ''}/"


class Profile(NamedTuple):
    name: str
    source: str  # the file, or "inline profile NAME", or "shipped profile NAME"
    sections: tuple[Part, ...]
    title: str = "h1-or-front-matter"
    level: int = 2
    strict: bool = False
    lead: bool = False
    min_body_chars: int = 0
    front_matter_schema: str | None = None
    description: str = ""

    def __hash__(self) -> int:
        # A profile keys the per-document analyses every ART rule asks for; hashing all its
        # nested parts on each look-up cost more than the look-up saved. Equal profiles
        # still hash alike: they have the same name and source.
        return hash((self.name, self.source))


# -- loading --------------------------------------------------------------------------------


@functools.cache  # the shipped files do not change while mdcheck runs
def shipped_profiles() -> dict[str, Path]:
    folder = schemas_dir() / "profiles"
    return {path.stem: path for path in sorted(folder.glob("*.json"))}


@functools.cache  # shipped, so it does not change while mdcheck runs: no stat per document
def default_profile() -> Profile:
    """The shipped profile used for documents that look like trend articles."""
    return load_profile_file(shipped_profiles()[DEFAULT_PROFILE], shipped=True)


def is_profile_path(reference: str) -> bool:
    return reference.endswith(PROFILE_SUFFIXES)


def resolve(
    reference: str, inline: Mapping[str, Any] | None = None, base: Path | None = None
) -> Profile:
    """The profile named or located by ``reference`` (a name, or a .json/.toml path).

    Names are looked up among ``inline`` profiles first, then the shipped ones. Relative
    paths are taken from ``base``. A configuration option marked as a path arrives
    absolute; a name that arrived that way is recognised by its missing suffix.
    """
    if is_profile_path(reference):
        path = Path(reference)
        if base is not None and not path.is_absolute():
            path = base / path
        return load_profile_file(path)
    name = Path(reference).name if "/" in reference or "\\" in reference else reference
    if inline and name in inline:
        data = inline[name]
        if isinstance(data, Mapping) and "name" not in data:
            data = {"name": name, **data}
        return profile_from_data(data, f"inline profile '{name}'", expected_name=name)
    shipped = shipped_profiles()
    if name in shipped:
        return load_profile_file(shipped[name], shipped=True)
    known = ", ".join(sorted({*shipped, *(inline or {})}))
    raise ConfigError(
        f"unknown profile '{name}': not a shipped or inline profile (known: {known}); "
        "a profile file's path must end in .json or .toml"
    )


def load_profile_file(path: Path, *, shipped: bool = False) -> Profile:
    """A profile file, read once (again when it changes). A ``shipped`` profile is valid
    (the test suite checks it against the schema), so it skips schema validation."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise ConfigError(f"{path}: profile file does not exist") from None
    return _load_cached(str(path), stamp, shipped)


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, stamp: int, shipped: bool) -> Profile:
    return profile_from_data(read_profile_data(Path(path)), path, trusted=shipped)


def read_profile_data(path: Path) -> Any:
    """The raw data of a profile file (JSON, or TOML for a .toml file)."""
    if path.suffix == ".toml":
        from mdcheck.util.toml import load_toml

        return load_toml(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read profile: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: profile is not UTF-8 text: {exc.reason}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: invalid JSON in profile: {exc}") from None


def validation_problem(data: Any) -> str | None:
    """The first problem of a profile's data, as ``where: what``, or None when valid."""
    if surely_valid(data, load_schema("profile.schema.json")):
        return _semantic_problem(data)  # plainly valid: no need to import jsonschema
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema("profile.schema.json"))
    errors = sorted(
        (e for e in validator.iter_errors(data) if not _only_unevaluated(e)),
        key=lambda e: (len(e.absolute_path), list(map(str, e.path))),
    )
    if errors:
        error = errors[0]
        return f"{_location(list(error.absolute_path))}: {_describe(error)}"
    return _semantic_problem(data)


def profile_from_data(
    data: Any, source: str, expected_name: str | None = None, *, trusted: bool = False
) -> Profile:
    problem = _semantic_problem(data) if trusted else validation_problem(data)
    if problem is not None:
        raise ConfigError(f"{source}: invalid profile: {problem}")
    return Profile(
        name=data["name"] if expected_name is None else expected_name,
        source=source,
        sections=tuple(_part(entry) for entry in data["sections"]),
        title=data.get("title", "h1-or-front-matter"),
        level=data.get("level", 2),
        strict=data.get("strict", False),
        lead=data.get("lead", False),
        min_body_chars=data.get("min-body-chars", 0),
        front_matter_schema=data.get("front-matter-schema"),
        description=data.get("description", ""),
    )


def _part(entry: Mapping[str, Any]) -> Part:
    pattern = entry.get("pattern")
    titles = tuple(entry.get("titles", ()))
    return Part(
        name=entry["name"],
        titles=titles,
        title_keys=frozenset(normalize(title) for title in titles),
        pattern=re.compile(pattern) if pattern else None,
        min=entry.get("min", 1),
        max=entry.get("max", 1),
        count_from_title=entry.get("count-from-title", False),
        subsections=tuple(_part(sub) for sub in entry.get("subsections", ())),
    )


def _semantic_problem(data: Any) -> str | None:
    for index, section in enumerate(data["sections"]):
        where = f"sections[{index}]"
        for part, place in [(section, where)] + [
            (sub, f"{where}.subsections[{i}]")
            for i, sub in enumerate(section.get("subsections", []))
        ]:
            pattern = part.get("pattern")
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    return f"{place}.pattern: not a valid regular expression ({exc})"
            low, high = part.get("min", 1), part.get("max", 1)
            if high is not None and low > high:
                return f"{place}: min ({low}) is greater than max ({high})"
    return None


def _allowed_keys(error: Any) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    if error.validator == "unevaluatedProperties":
        allowed |= set(load_schema("profile.schema.json")["$defs"]["part"]["properties"])
    return sorted(allowed)


def _only_unevaluated(error: Any) -> bool:
    """An unevaluatedProperties error caused only by another error in the same entry."""
    if error.validator != "unevaluatedProperties" or not isinstance(error.instance, dict):
        return False
    return not set(error.instance) - set(_allowed_keys(error))


def _location(path: list[Any]) -> str:
    out = "profile"
    for part in path:
        out = f"{out}[{part}]" if isinstance(part, int) else f"{out}.{part}"
    return out.removeprefix("profile.") if path else "the top level"


def _describe(error: Any) -> str:
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = _allowed_keys(error)
        unknown = sorted(set(error.instance) - set(allowed))
        return f"unknown key '{unknown[0] if unknown else '?'}'; expected one of: " + ", ".join(
            allowed
        )
    if error.validator == "type":
        return f"must be {_kind(error.validator_value)}, got {error.instance!r}"
    if error.validator == "enum":
        return "must be one of " + ", ".join(repr(v) for v in error.validator_value)
    if error.validator == "anyOf":
        return "needs 'titles' or 'pattern'"
    return str(error.message)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_kind(v) for v in value)
    text = "an object" if value == "object" else f"a {value}"
    return "an array" if value == "array" else ("an integer" if value == "integer" else text)


# -- front matter values --------------------------------------------------------------------


def front_matter_values(doc: Document) -> Mapping[str, Any]:
    """The front matter as a read-only mapping; empty when absent or unreadable (the FM
    rules say why). Uses the document's one bounded, safe read of the block; the ART
    rules of one document share it."""
    return doc.memo("profiles.front_matter_values", lambda: _front_matter_values(doc))


def _front_matter_values(doc: Document) -> Mapping[str, Any]:
    parsed = doc.front_matter_data
    data = parsed.data if parsed is not None else None
    return MappingProxyType(data if isinstance(data, dict) else {})


@functools.lru_cache(maxsize=1024)  # pure; a series of articles repeats its title's shape
def title_count(text: str) -> tuple[int, str] | None:
    """The number of items a title announces (三大趋势 -> 3, Top 5 -> 5) and its words."""
    folded = _fold_case(text)
    for words, pattern, flags in _TITLE_COUNTS:
        if not any(word in folded for word in words):
            continue
        match = re.compile(pattern, flags).search(text)  # compiled once: re caches it
        if match is None:
            continue
        raw = match.group("n")
        value = (
            int(raw)
            if raw.isdigit()
            else _EN_NUMBERS.get(raw.lower()) or chinese_to_int(raw.replace("两", "二"))
        )
        if value is not None and 2 <= value <= 20:
            return value, match.group().strip()
    return None


def _fold_case(text: str) -> str:
    """``text`` lower-cased so that a word an IGNORECASE pattern matches in it is found by
    ``in``: the pattern also matches "ı" and "İ" as "i" and "ſ" as "s"."""
    folded = text.lower()
    if folded.isascii():
        return folded
    return folded.replace("i\u0307", "i").replace("ı", "i").replace("ſ", "s")
