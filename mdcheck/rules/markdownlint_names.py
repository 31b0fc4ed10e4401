"""markdownlint's rule names, aliases and tags, so mdcheck answers to them.

markdownlint names each rule by a code (``MD022``), one or two aliases
(``blanks-around-headings``) and a few tags (``headings``, ``blank_lines``). Its comments
(``<!-- markdownlint-disable MD033 -->``) and configuration files accept all three, case
insensitively. mdcheck's rules declare the code and aliases they answer to
(``Rule.aliases``); this table knows the rest of markdownlint's vocabulary, so a name
markdownlint knows is never mistaken for a typo, and a tag expands to its rules.
"""

from __future__ import annotations

from functools import cache

# code -> (aliases, tags), as markdownlint documents them (MD002, MD006, MD015-MD017 and
# MD057 are retired numbers)
MARKDOWNLINT_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "MD001": (("heading-increment",), ("headings",)),
    "MD003": (("heading-style",), ("headings",)),
    "MD004": (("ul-style",), ("bullet", "ul")),
    "MD005": (("list-indent",), ("bullet", "ul", "indentation")),
    "MD007": (("ul-indent",), ("bullet", "ul", "indentation")),
    "MD009": (("no-trailing-spaces",), ("whitespace",)),
    "MD010": (("no-hard-tabs",), ("whitespace", "hard_tab")),
    "MD011": (("no-reversed-links",), ("links",)),
    "MD012": (("no-multiple-blanks",), ("whitespace", "blank_lines")),
    "MD013": (("line-length",), ("line_length",)),
    "MD014": (("commands-show-output",), ("code",)),
    "MD018": (("no-missing-space-atx",), ("headings", "atx", "spaces")),
    "MD019": (("no-multiple-space-atx",), ("headings", "atx", "spaces")),
    "MD020": (("no-missing-space-closed-atx",), ("headings", "atx_closed", "spaces")),
    "MD021": (("no-multiple-space-closed-atx",), ("headings", "atx_closed", "spaces")),
    "MD022": (("blanks-around-headings",), ("headings", "blank_lines")),
    "MD023": (("heading-start-left",), ("headings", "spaces")),
    "MD024": (("no-duplicate-heading",), ("headings",)),
    "MD025": (("single-title", "single-h1"), ("headings",)),
    "MD026": (("no-trailing-punctuation",), ("headings",)),
    "MD027": (("no-multiple-space-blockquote",), ("blockquote", "whitespace", "indentation")),
    "MD028": (("no-blanks-blockquote",), ("blockquote", "whitespace")),
    "MD029": (("ol-prefix",), ("ol",)),
    "MD030": (("list-marker-space",), ("ol", "ul", "whitespace")),
    "MD031": (("blanks-around-fences",), ("code", "blank_lines")),
    "MD032": (("blanks-around-lists",), ("bullet", "ul", "ol", "blank_lines")),
    "MD033": (("no-inline-html",), ("html",)),
    "MD034": (("no-bare-urls",), ("links", "url")),
    "MD035": (("hr-style",), ("hr",)),
    "MD036": (("no-emphasis-as-heading",), ("headings", "emphasis")),
    "MD037": (("no-space-in-emphasis",), ("whitespace", "emphasis")),
    "MD038": (("no-space-in-code",), ("whitespace", "code")),
    "MD039": (("no-space-in-links",), ("whitespace", "links")),
    "MD040": (("fenced-code-language",), ("code", "language")),
    "MD041": (("first-line-heading", "first-line-h1"), ("headings",)),
    "MD042": (("no-empty-links",), ("links",)),
    "MD043": (("required-headings",), ("headings",)),
    "MD044": (("proper-names",), ("spelling",)),
    "MD045": (("no-alt-text",), ("accessibility", "images")),
    "MD046": (("code-block-style",), ("code",)),
    "MD047": (("single-trailing-newline",), ("blank_lines",)),
    "MD048": (("code-fence-style",), ("code",)),
    "MD049": (("emphasis-style",), ("emphasis",)),
    "MD050": (("strong-style",), ("emphasis",)),
    "MD051": (("link-fragments",), ("links",)),
    "MD052": (("reference-links-images",), ("images", "links")),
    "MD053": (("link-image-reference-definitions",), ("images", "links")),
    "MD054": (("link-image-style",), ("images", "links")),
    "MD055": (("table-pipe-style",), ("table",)),
    "MD056": (("table-column-count",), ("table",)),
    "MD058": (("blanks-around-tables",), ("table",)),
    "MD059": (("descriptive-link-text",), ("accessibility", "links")),
    "MD060": (("table-column-style",), ("table",)),
}


@cache
def _names() -> dict[str, frozenset[str]]:
    """Every markdownlint name (upper case) -> the rule codes it stands for."""
    names: dict[str, set[str]] = {}
    for code, (aliases, tags) in MARKDOWNLINT_RULES.items():
        for name in (code, *aliases, *tags):
            names.setdefault(name.upper(), set()).add(code)
    return {name: frozenset(codes) for name, codes in names.items()}


def markdownlint_codes(name: str) -> frozenset[str]:
    """The markdownlint codes a markdownlint name (code, alias or tag) stands for.

    Empty when markdownlint does not know the name. Case does not matter.
    """
    return _names().get(name.strip().upper(), frozenset())


def is_markdownlint_code(name: str) -> bool:
    return name.strip().upper() in MARKDOWNLINT_RULES


def markdownlint_name(code: str) -> str:
    """``MD022/blanks-around-headings``: how markdownlint prints a rule."""
    aliases, _tags = MARKDOWNLINT_RULES.get(code, ((), ()))
    return "/".join((code, *aliases))
