"""The explicit registry of rules.

Each family module lists its rules in a ``RULES`` tuple; ``ALL_RULES`` is their
concatenation in documentation order. Adding a rule means adding its class to its family's
``RULES``.
"""

from __future__ import annotations

from mdcheck.rules import (
    article_rules,
    document_rules,
    fence_rules,
    frontmatter_rules,
    heading_rules,
    meta,
    table_rules,
)
from mdcheck.rules.base import Option, Rule

ALL_RULES: tuple[type[Rule], ...] = (
    *document_rules.RULES,
    *frontmatter_rules.RULES,
    *heading_rules.RULES,
    *table_rules.RULES,
    *fence_rules.RULES,
    *article_rules.RULES,
    *meta.RULES,
)

__all__ = ["ALL_RULES", "Option", "Rule", "find_rule", "match_selector"]


def find_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (any case) or kebab-case name, or None."""
    wanted = code_or_name.strip()
    for rule in ALL_RULES:
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def match_selector(selector: str) -> list[type[Rule]]:
    """Rules matched by a selector: ``ALL``, a code, a code prefix (``TB``) or a name."""
    wanted = selector.strip()
    if not wanted:
        return []
    if wanted.upper() == "ALL":
        return list(ALL_RULES)
    return [
        rule
        for rule in ALL_RULES
        if rule.code.startswith(wanted.upper()) or rule.name == wanted.lower()
    ]
