"""Rules whose checks depend on the kind of file (:mod:`mdcheck.article.filekind`).

:class:`KindRule` declares the ``profile`` and ``profiles`` options (top-level shorthands
``profile = …`` and ``[profiles.NAME]``, shared by every rule that reads them) and answers
which kind a document is under them: an article of a profile, a page, a project file, a
partial or a template. The answer is computed once per document and settings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from mdcheck.article.filekind import FileKind, Kind, ProfileChoice, classify, is_off
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule

if TYPE_CHECKING:
    from mdcheck.article.profiles import Profile

PROFILE_OPTIONS = (
    Option(
        "profile",
        {"type": ["string", "null"]},
        None,
        "Profile to check articles against: a name (trend-article, or an inline profile), "
        "a .json/.toml file relative to the configuration, or none (no outline checks, "
        "not even for recognised trend articles). Front matter `profile:` wins.",
        extra={"alias": "profile", "path": True},
    ),
    Option(
        "profiles",
        {"type": "object", "additionalProperties": {"type": "object"}},
        {},
        "Inline profiles by name, in the profile format (schemas/profile.schema.json).",
        extra={"alias": "profiles"},
    ),
)


class KindRule(Rule):
    """A rule that asks what kind of file it checks (and which profile applies)."""

    options: ClassVar[tuple[Option, ...]] = PROFILE_OPTIONS

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        from mdcheck.article.profiles import resolve

        super().__init__(options)
        inline = self.settings["profiles"]
        for name in inline:  # an invalid inline profile is a configuration error at once
            resolve(name, inline)
        reference = self.settings["profile"]
        off = is_off(reference)
        configured = resolve(reference, inline) if reference and not off else None
        # rules with the same settings share the answer for a document
        key = json.dumps([reference, inline], sort_keys=True, default=repr)
        self._choice = ProfileChoice(configured, off, inline, key)

    def kind_of(self, doc: Document) -> FileKind:
        return classify(doc, self._choice)

    def profile_for(self, doc: Document) -> Profile | None:
        return self.kind_of(doc).profile

    def is_article(self, doc: Document) -> bool:
        return self.kind_of(doc).kind is Kind.ARTICLE
