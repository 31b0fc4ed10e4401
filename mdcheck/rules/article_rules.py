"""Article-profile rules (ART): the outline a kind of article must have, and the failure
shapes of generated articles.

ART001-ART003 and ART006 check the outline against a profile (``docs/profiles.md``). They
run when a profile is selected (``profile = …`` in the configuration or ``profile: …`` in
the front matter) or when the document is recognisably a trend article (at least two
sections each holding two or more of the trend-article subsections, one of them all three);
on other Markdown they stay silent. ART004 and ART005 run on every document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mdcheck.diagnostic import Applicability, Diagnostic, Severity, Span
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.kinds import PROFILE_OPTIONS, KindRule
from mdcheck.util.lazyre import LazyPattern

if TYPE_CHECKING:
    from mdcheck.article.generated import Placeholder
    from mdcheck.article.outline import OutlineFinding as Finding
    from mdcheck.article.profiles import Profile


class ProfileRule(KindRule):
    """Shared by the ART rules: which profile applies to a document (see
    :mod:`mdcheck.article.filekind`)."""


@functools.cache  # imported on first use, then found here without an import statement
def _outline_checks() -> tuple[
    Callable[[Document], Placeholder | None], Callable[[Document, Profile], tuple[Finding, ...]]
]:
    from mdcheck.article.generated import find_refusal
    from mdcheck.article.outline import check_outline

    return find_refusal, check_outline


class OutlineRule(ProfileRule):
    """An ART rule that reports one kind of outline finding."""

    kind = ""

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        find_refusal, check_outline = _outline_checks()
        profile = self.profile_for(doc)
        if profile is None or find_refusal(doc) is not None:
            return
        for finding in check_outline(doc, profile):
            if finding.kind == self.kind:
                yield self.report(doc, finding.span, finding.message)


class SectionMissing(OutlineRule):
    """A section or subsection that the article's profile requires is absent.

    **Why.** A trend article is useful because every trend is covered the same way; a
    generated article that silently drops the comparison of one trend, or the closing
    section, looks complete until a reader needs the missing part.

    **What is compared.** Heading titles without their number (``1.``, ``2.1``, ``二、``),
    inline markup, case and surrounding punctuation, against the profile's accepted titles
    (any language) or pattern; so ``### 2.2 技术路线比较``, ``### Comparison`` and
    ``### **技术路线比较**`` are all the comparison subsection. Also reported: an article
    with fewer repeated sections than the profile's minimum, or fewer than its title
    announces (``三大趋势``, ``Three Trends``, ``Top 5``), and an article without a title.

    **Example.** ``section 2 has no comparison subsection (技术路线比较 / Comparison); add it
    after "2.1 技术发展现状" (line 44)``, reported on the section's heading.

    **When it runs.** When a profile is selected in the configuration (``profile =``) or the
    front matter (``profile:``), or when the document is recognisably a trend article. See
    ``docs/profiles.md``.

    **Fix.** Write the missing part where the message says.

    **Options.** ``profile`` (top-level alias ``profile``) and ``profiles`` (alias
    ``profiles``, inline profiles), shared by the ART rules.
    """

    code = "ART001"
    name = "section-missing"
    aliases = ("MD043", "required-headings")
    summary = "A section required by the article profile is missing"
    severity = Severity.ERROR
    kind = "missing"


class SectionOrder(OutlineRule):
    """Sections or subsections appear in a different order than the profile requires.

    **Why.** Readers compare trends by reading the same part of each; a comparison that
    comes before the current state in one section breaks that.

    **How.** The longest run of headings already in profile order is kept; each heading
    outside it is reported once, with the heading it should come before or after.

    **Example.** ``section 1: current state subsection "1.2 技术发展现状" comes after
    comparison subsection "1.1 技术路线比较" (line 16); the profile puts it before, move it``

    **Fix.** Move the section. Options: as for ART001.
    """

    code = "ART002"
    name = "section-order"
    aliases = ("MD043", "required-headings")
    summary = "Sections are out of the profile's order"
    kind = "order"


class SectionUnexpected(OutlineRule):
    """A section the profile does not allow.

    **Why.** A strict profile (``"strict": true``) fixes the whole outline: a heading that
    matches none of its sections or subsections is reported. In every profile, a part
    that occurs more often than its ``max`` (two comparison subsections in one section),
    or more repeated sections than the title announces, is reported too.

    **Example.** ``section 1: subsection "1.4 市场规模" is not part of profile my-profile
    (allowed: current state, comparison, advice); rename or remove it``

    **Fix.** Rename the heading to an accepted title, merge it, or remove it; or relax the
    profile. Options: as for ART001.
    """

    code = "ART003"
    name = "section-unexpected"
    summary = "A section is not allowed by the article profile"
    kind = "unexpected"


class SectionEmpty(OutlineRule):
    """A section of the profile has a heading but no content before the next heading.

    **Why.** Generation pipelines that stop early or fail on one part leave a heading with
    nothing under it. A section whose content is its own subsections is not empty;
    thematic breaks (``---``) and HTML comments do not count as content.

    **Example.** ``section 2: comparison subsection "2.2 技术路线比较" has no content
    before the next heading; write it or remove the heading``

    **Fix.** Write the section. Options: as for ART001.
    """

    code = "ART006"
    name = "section-empty"
    summary = "A section required by the profile is empty"
    kind = "empty"


class GeneratedPlaceholder(ProfileRule):
    """The body is a refusal or error message, or still holds template left-overs.

    **Why.** Generation pipelines publish whatever the model or the search step returned:
    ``抱歉，这个问题未找到相关结果。``, ``As an AI language model…``, ``I'm sorry, but…``,
    an ``Error: …`` page, or a template that was never filled in.

    **What is reported.**

    - A refusal or error message that opens the body (or is the title) when no real
      article follows it; an ``As an AI language model`` / ``作为 AI 语言模型`` paragraph
      anywhere.
    - Template variables ``{{ title }}`` (undotted names only: Jekyll's ``{{ page.title }}``
      and Hugo's ``{{< shortcode >}}`` are left alone), placeholders ``[插入…]``,
      ``[待补充]``, ``[Insert …]``, ``[TBD]``, filler ``Lorem ipsum dolor``, and ``TODO`` /
      ``FIXME`` markers (``TODO:`` opening a paragraph line, ``[TODO …]``, ``[TBD]``) in
      articles, i.e. documents with front matter or a profile: READMEs and software docs
      keep TODO notes on purpose. "a TODO list" in a sentence, list items such as
      ``- TODO: tests``, "(TBD)" in prose, code and HTML comments are never reported.
    - A body shorter than ``min-body-chars`` visible characters (0, the default, turns
      this off; a selected profile may set its own minimum, ``trend-article`` sets 200).

    **Fix.** Regenerate the article, or write the missing text.

    **Options.** ``min-body-chars``; ``profile`` / ``profiles`` as for ART001.
    """

    code = "ART004"
    name = "generated-placeholder"
    summary = "The body is a refusal, an error message or an unfilled template"
    severity = Severity.ERROR
    options = (
        *PROFILE_OPTIONS,
        Option(
            "min-body-chars",
            {"type": "integer", "minimum": 0},
            0,
            "Fewest visible characters in the body (0: the selected profile's minimum, if any).",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.generated import find_leftovers, find_refusal, visible_chars

        article = doc.front_matter is not None or self.profile_for(doc) is not None
        refusal = find_refusal(doc, article=article)
        if refusal is not None:
            yield self.report(doc, refusal.span, refusal.message)
        for leftover in find_leftovers(doc, markers=article):
            yield self.report(doc, leftover.span, leftover.message)
        if refusal is not None:
            return
        minimum, source = self.settings["min-body-chars"], "min-body-chars is"
        if not minimum:
            profile = self.profile_for(doc)
            minimum = profile.min_body_chars if profile is not None else 0
            source = f"profile {profile.name if profile else ''} expects at least"
        count = visible_chars(doc, enough=minimum)
        if minimum and count < minimum:
            line = next((i + 1 for i, text in enumerate(doc.body_lines) if text.strip()), 1)
            yield self.report(
                doc,
                doc.line_span(line) if doc.lines else Span(1, 1, 1, 1),
                f"the body has only {count} visible characters ({source} {minimum}); "
                "the article looks unfinished, regenerate or complete it",
            )


_FILE_DATE = LazyPattern(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[-_.].*)?$")
_ANY_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FM_DATE = LazyPattern(r"^(?P<indent>\s*)date\s*[:=]\s*[\"']?(?P<date>\d{4}-\d{2}-\d{2})")


class DateMismatch(Rule):
    """The front-matter date disagrees with the date in the file name.

    **Why.** Jekyll (``_posts/2025-02-17-slug.md``) and Hugo (with ``:filename`` dates)
    take the date from the file name, while the front-matter ``date`` overrides it in the
    page and the permalink. Generation pipelines that name the file after one day and stamp
    another produce posts that sort, archive and link under the wrong day.

    **Example.** ``2025-02-17-ai-trends.md`` with ``date: 2025-02-18``. Page bundles
    (``2025-02-17-slug/index.md``) use the folder name. A time and zone after the date
    (``2025-02-17 10:00:00 +0800``) are ignored; only the day is compared.

    **Fix (unsafe).** Sets the front-matter date's day to the file name's; when the file
    name is the wrong one, rename the file instead.
    """

    code = "ART005"
    name = "date-mismatch"
    summary = "Front-matter date differs from the file name's date"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        block = doc.front_matter
        # the file or folder name holds the date, so the path does: most paths have none
        if block is None or doc.path == "-" or _ANY_DATE.search(doc.path) is None:
            return
        path = Path(doc.path)
        name = path.parent.name if path.stem in ("index", "_index") else path.stem
        match = _FILE_DATE.match(name)
        if match is None or not _valid(match.group("date")):
            return
        file_date = match.group("date")
        indexes = [i for i in block.content_indexes if doc.lines[i].strip()]
        if not indexes:
            return
        indent = min(len(doc.lines[i]) - len(doc.lines[i].lstrip()) for i in indexes)
        for index in indexes:
            found = _FM_DATE.match(doc.lines[index])
            if found is None or len(found.group("indent")) != indent:
                continue
            value = found.group("date")
            if value == file_date or not _valid(value):
                return
            line = index + 1
            start = doc.offset(line, found.start("date") + 1)
            span = doc.line_span(line, found.start("date") + 1, found.end("date") + 1)
            shown = path.name if path.stem not in ("index", "_index") else f"{name}/{path.name}"
            yield self.report(
                doc,
                span,
                f"front-matter date {value} disagrees with the file name {shown} "
                f"({file_date}); make them the same (fix: --unsafe-fixes sets {file_date})",
                edits=[doc.edit(start, start + len(value), file_date)],
                applicability=Applicability.UNSAFE,
                fix_description=f"set the front-matter date to {file_date}",
            )
            return


def _valid(text: str) -> bool:
    from mdcheck.schema.fmschema import is_date  # loaded already: the file has front matter

    return is_date(text)


RULES: tuple[type[Rule], ...] = (
    SectionMissing,
    SectionOrder,
    SectionUnexpected,
    GeneratedPlaceholder,
    DateMismatch,
    SectionEmpty,
)
