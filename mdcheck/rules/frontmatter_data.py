"""Front-matter rules on the data (FM005-FM007): schema, duplicate keys, title vs H1.

They read ``Document.front_matter_data`` (read once, see :mod:`mdcheck.markdown.fmparse`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdcheck.article.filekind import Kind
from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.frontmatter import FrontMatterBlock
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.kinds import PROFILE_OPTIONS, KindRule

if TYPE_CHECKING:  # read on first use (Document.front_matter_data), not at start-up
    from mdcheck.article.profiles import Profile
    from mdcheck.markdown.fmparse import FrontMatterData


def _opener_span(doc: Document, block: FrontMatterBlock) -> Span:
    return doc.line_span(block.start_index + 1)


class FrontMatterSchema(KindRule):
    """The front matter does not match its JSON Schema.

    **Why.** Downstream tools rely on the metadata: a missing date, a date like
    ``18/02/2025``, a description that is only a generator placeholder such as
    ``Generated from 2025-02-17.md`` all end up on the published page.

    One finding per violation, located on the offending key or value; a missing required
    key is located on the block's opening line. When the block is not valid YAML (FM004),
    the one-line ``key: value`` lines that read on their own are still checked, so a
    broken title does not hide a placeholder description. The JSON output carries the instance's
    JSON pointer (``pointer``), the failed keyword (``keyword``) and what was expected
    (``expected``). YAML dates and date-times are validated as their ISO strings, with
    format checking on (``date``, ``date-time``).

    **Which schema.** It depends on the kind of file (``docs/file-kinds.md``):

    - an **article** (a profile applies) is checked against its profile's
      ``front-matter-schema``; the shipped trend-article profile's,
      ``schemas/trend-article.frontmatter.schema.json``, requires ``title`` (non-empty, no
      leading or trailing spaces), ``date`` (``YYYY-MM-DD`` or an ISO date-time) and
      ``description`` (non-empty, not a generator placeholder), and checks the optional
      ``tags`` / ``categories`` (lists of strings), ``author`` and ``draft`` (boolean);
    - any other **page** is checked against ``schemas/page.frontmatter.schema.json``,
      which requires nothing: a page's title may come from its H1 and Jekyll takes a
      post's date from its file name. Only what is wrong on any page is reported: a blank
      ``title``, a ``date`` that is no date (Jekyll's ``2013-07-25 09:08:38 +0200``,
      Hexo's ``2019-01-11 22:13`` and ISO date-times are dates), a ``description`` that
      is a generator placeholder;
    - README-like project files, partials and templates are not checked.

    A schema set in the configuration (``front-matter-schema``) applies to articles and
    pages alike. Other keys are allowed by the shipped schemas. The JSON report's
    ``data.schema`` names the schema a finding comes from.

    **Fix.** None.

    **Options.** ``schema``: path of a JSON Schema file, relative to the configuration
    file (top-level shorthand ``front-matter-schema = "path"``, also inside an
    ``[[overrides]]`` entry for one collection). A missing or invalid schema file is a
    configuration error.
    """

    code = "FM005"
    name = "front-matter-schema"
    summary = "Front matter does not match its JSON Schema"
    options = (
        Option(
            "schema",
            {"type": "string"},
            "",
            "JSON Schema file for the front matter (default: the article's profile's schema"
            " for articles, the page schema for other pages).",
            extra={"alias": "front-matter-schema", "path": True},
        ),
        *PROFILE_OPTIONS,
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        if self.settings["schema"]:  # a user schema: fail now, as a configuration error
            from mdcheck.schema.fmschema import compiled_validator

            compiled_validator(str(self.settings["schema"]))

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        parsed = doc.front_matter_data
        if parsed is None or (parsed.problem is not None and not parsed.partial):
            return
        schema = self.schema_for(doc)
        if schema is None:
            return
        from mdcheck.schema.fmschema import validate

        data = {} if parsed.data is None else parsed.data
        for violation in validate(schema, data):
            if parsed.partial and violation.keyword in ("required", "additionalProperties"):
                continue  # the key may be in the part that could not be read
            yield self.report(
                doc,
                _locate(doc, parsed, violation.pointer, violation.located_on),
                violation.message,
                extra=(
                    ("pointer", violation.pointer),
                    ("keyword", violation.keyword),
                    ("expected", violation.expected),
                    ("schema", schema_name(schema)),
                ),
            )

    def schema_for(self, doc: Document) -> str | None:
        """The schema file this document is checked against, or None (not checked)."""
        from mdcheck.schema.fmschema import default_schema_path, page_schema_path

        kind = self.kind_of(doc)
        if not kind.is_content:
            return None
        if self.settings["schema"]:
            return str(self.settings["schema"])
        if kind.kind is Kind.ARTICLE:
            named = _profile_schema(kind.profile) if kind.profile is not None else None
            return str(named or default_schema_path())
        return str(page_schema_path())


def _profile_schema(profile: Profile) -> Path | None:
    """The front-matter schema a profile names: a shipped schema's file name, or a path
    relative to the profile's file; None when it names none."""
    reference = profile.front_matter_schema
    if not reference:
        return None
    from mdcheck.util.resources import schemas_dir

    shipped = schemas_dir() / reference
    if Path(reference).name == reference and shipped.exists():
        return shipped
    path = Path(reference)
    source = Path(profile.source)
    if not path.is_absolute() and source.suffix in (".json", ".toml"):
        path = source.parent / path
    return path


def schema_name(schema: str) -> str:
    """A shipped schema by its file name, the user's by the path they gave."""
    from mdcheck.util.resources import schemas_dir

    path = Path(schema)
    return path.name if path.parent == schemas_dir() else schema


def _locate(doc: Document, parsed: FrontMatterData, pointer: str, on: str) -> Span:
    """The span of a pointer's value (or key), else of its nearest located ancestor."""
    if on == "block":
        return _opener_span(doc, parsed.block)
    if on == "key":
        pointer = pointer if pointer in parsed.locations else pointer.rpartition("/")[0]
    while pointer:
        location = parsed.locations.get(pointer)
        if location is not None:
            value = location.value
            empty = value.col == value.end_col  # e.g. "description:" with nothing after it
            if (on == "key" or empty) and location.key is not None:
                return location.key
            return value
        pointer = pointer.rpartition("/")[0]
    return _opener_span(doc, parsed.block)


class FrontMatterDuplicateKey(Rule):
    """A front-matter key is given twice in the same mapping.

    **Why.** YAML loaders silently keep the last value, so the first one (often the
    correct one, the generator appends a default) is lost without a warning.

    **Example.** ``title: AI 趋势`` on line 2 and ``title: Untitled`` on line 5.

    **Fix.** None: decide which value is right and remove the other line.
    """

    code = "FM006"
    name = "front-matter-duplicate-key"
    summary = "Front-matter key given twice"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        parsed = doc.front_matter_data
        if parsed is None:
            return
        for duplicate in parsed.duplicates:
            yield self.report(
                doc,
                duplicate.span,
                f"front-matter key '{duplicate.key}' is given again (first on line"
                f" {duplicate.first_line}); only the last value is kept: remove one",
            )


_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": '"',
        "》": '"',
        "。": ".",
        "、": ",",
    }
)
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))


def _is_cjk(ch: str) -> bool:
    return any(low <= ord(ch) <= high for low, high in _CJK_RANGES)


def normalise_title(text: str) -> str:
    """Compare titles without width, quote style, spacing and markup differences."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    words = text.split()
    if not words:
        return ""
    pieces = [words[0]]
    for previous, word in itertools.pairwise(words):  # 中文 AI = 中文AI: no space by CJK
        if not (_is_cjk(previous[-1]) or _is_cjk(word[0])):
            pieces.append(" ")
        pieces.append(word)
    return "".join(pieces)


class TitleMismatch(Rule):
    """The front-matter ``title`` differs from the article's H1.

    **Why.** The page title (from the front matter) and the visible heading should name
    the same article; after edits they often drift apart.

    The comparison ignores whitespace (also between Chinese and Latin text), inline
    markup (``**bold**``, `` `code` ``, links) and full-width versus half-width forms
    (Unicode NFKC, and Chinese quotation marks). A front-matter title together with an
    H1 is not an error by itself.

    **Example.** ``title: 2024 年 AI 趋势`` and ``# 2024 年人工智能趋势``.

    **Fix.** None: make the two the same.
    """

    code = "FM007"
    name = "title-mismatch"
    summary = "Front-matter title differs from the H1"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        parsed = doc.front_matter_data
        if parsed is None or not isinstance(parsed.data, dict):
            return
        title = parsed.data.get("title")
        h1 = next((h for h in doc.headings if h.level == 1), None)
        if not isinstance(title, str) or not title.strip() or h1 is None:
            return
        source = doc.block_token(h1.token_index + 1).content
        if title.strip() == source.strip():  # the same source reads the same: skip parsing
            return
        heading = _plain(doc, source)
        if normalise_title(_plain(doc, title)) == normalise_title(heading):
            return
        location = parsed.locations.get("/title")
        span = location.value if location is not None else _opener_span(doc, parsed.block)
        yield self.report(
            doc,
            span,
            f"front-matter title '{title.strip()}' differs from the H1 '{heading}' on line"
            f" {h1.line}; make them the same",
            extra=(("h1_line", str(h1.line)),),
        )


def _plain(doc: Document, source: str) -> str:
    """The text of inline Markdown without its markup."""
    from markdown_it.token import Token

    token = Token("inline", "", 0)
    token.content = source.strip()
    parts: list[str] = []
    stack = list(reversed(doc.inline(token)))
    while stack:
        child = stack.pop()
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            stack.extend(reversed(child.children))
    return "".join(parts).strip()
