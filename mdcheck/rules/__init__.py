"""The explicit registry of rules.

Each family module lists its rules in a ``RULES`` tuple; ``ALL_RULES`` is their
concatenation in documentation order. Adding a rule means adding its class to its family's
``RULES``.
"""

from __future__ import annotations

from functools import cache

from mdcheck.rules import (
    article_rules,
    cjk_emphasis,
    cjk_quotes,
    cjk_typography,
    document_rules,
    duplicate_files,
    fence_rules,
    frontmatter_rules,
    generated_rules,
    heading_rules,
    hygiene_atx,
    hygiene_blocks,
    hygiene_consistency,
    hygiene_headings,
    hygiene_inline,
    hygiene_lists,
    hygiene_style,
    hygiene_whitespace,
    links,
    meta,
    table_rules,
)
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.markdownlint_names import markdownlint_codes

ALL_RULES: tuple[type[Rule], ...] = (
    *document_rules.RULES,
    *frontmatter_rules.RULES,
    *heading_rules.RULES,
    *table_rules.RULES,
    *fence_rules.RULES,
    *article_rules.RULES,
    *cjk_emphasis.RULES,
    *generated_rules.RULES,
    *duplicate_files.RULES,
    *hygiene_atx.RULES,
    *hygiene_headings.RULES,
    *hygiene_whitespace.RULES,
    *hygiene_lists.RULES,
    *cjk_typography.RULES,
    *cjk_quotes.RULES,
    *hygiene_blocks.RULES,
    *hygiene_consistency.RULES,
    *hygiene_inline.RULES,
    *hygiene_style.RULES,
    *links.RULES,
    *meta.RULES,
)

__all__ = [
    "ALL_RULES",
    "Option",
    "Rule",
    "find_rule",
    "match_selector",
    "rule_aliases",
    "rules_for_markdownlint",
]


def find_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (any case), kebab-case name or alias, or None."""
    wanted = code_or_name.strip()
    for rule in ALL_RULES:
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return _by_alias().get(wanted.lower(), (None,))[0]


@cache
def _by_alias() -> dict[str, tuple[type[Rule], ...]]:
    """Alias (lower case) -> the rules that answer to it (markdownlint's MD022, ...)."""
    found: dict[str, list[type[Rule]]] = {}
    for rule in ALL_RULES:
        for alias in rule.aliases:
            found.setdefault(alias.lower(), []).append(rule)
    return {alias: tuple(rules) for alias, rules in found.items()}


def rules_for_markdownlint(name: str) -> list[type[Rule]]:
    """The rules answering to a markdownlint code, alias or tag (``headings``)."""
    by_alias = _by_alias()
    return [
        rule for code in sorted(markdownlint_codes(name)) for rule in by_alias.get(code.lower(), ())
    ]


def match_selector(selector: str) -> list[type[Rule]]:
    """Rules matched by a selector: ``ALL``, a code, a code prefix (``TB``), a name, or an
    alias (markdownlint's ``MD022`` or ``blanks-around-headings``)."""
    wanted = selector.strip()
    if not wanted:
        return []
    if wanted.upper() == "ALL":
        return list(ALL_RULES)
    found = [
        rule
        for rule in ALL_RULES
        if rule.code.startswith(wanted.upper()) or rule.name == wanted.lower()
    ]
    return found or list(_by_alias().get(wanted.lower(), ()))


@cache
def rule_aliases(code: str) -> tuple[str, ...]:
    """The aliases of the rule with this code (markdownlint's code and names), or ()."""
    for rule in ALL_RULES:
        if rule.code == code:
            return rule.aliases
    return ()
