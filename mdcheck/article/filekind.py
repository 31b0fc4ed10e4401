"""What kind of file a document is, and so which checks apply to it.

mdcheck is run over whole repositories: next to the articles it was made for there are
READMEs and changelogs, documentation pages and blog posts, snippets included into other
pages and templates that a site generator fills in. A check that is right for one kind is
a false alarm on another (a README needs no front matter; a Hugo archetype's front matter
is a Go template, not YAML). Every rule that depends on the kind asks :func:`classify`,
which answers once per document:

``article``
    a profile applies: the front matter names one (``profile: trend-article``), the
    configuration selects one (``profile = …``), or the document is recognisably a trend
    article (its outline, see :func:`mdcheck.article.outline.looks_like`). The profile's
    front-matter schema and outline apply, and front matter is required.
``page``
    any other content: a documentation page, a blog post, a note. Only what is wrong on
    any page is reported (the minimal front-matter schema, ``page.frontmatter.schema.json``).
``project-file``
    a repository's own files by their well-known names, without front matter: README,
    CHANGELOG, LICENSE, CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, AGENTS.md, CLAUDE.md and
    the like. They are read on a forge, not published by a site generator: no front
    matter or title needed. (With front matter, such a file is a page of the site.)
``partial``
    a piece included into other pages: ``*.snippet.md``, ``*.partial.md``, a file whose
    name starts with ``_`` (``_sidebar.md``; not Hugo's ``_index.md``), a file in an
    ``_includes``, ``_partials``, ``partials`` or ``_snippets`` folder, or a headless Hugo
    bundle (``headless: true``, or ``_build``/``build`` with ``render: never``/``false``).
``template``
    a file a generator fills in: in an ``archetypes``, ``_templates``, ``ISSUE_TEMPLATE``
    or ``PULL_REQUEST_TEMPLATE`` folder, named ``pull_request_template.md`` /
    ``issue_template.md``, a path with ``{{`` in it (cookiecutter), or front matter that
    holds template syntax (``{{ .Date }}``, ``{% … %}``).

The profile decision is the one the ART rules always made; the other kinds come first, so
a configured profile is not applied to a README or a snippet (a ``profile:`` key in the
file's own front matter still is).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from mdcheck.markdown.document import Document

if TYPE_CHECKING:
    from mdcheck.article.profiles import Profile


class Kind(str, Enum):
    ARTICLE = "article"
    PAGE = "page"
    PROJECT_FILE = "project-file"
    PARTIAL = "partial"
    TEMPLATE = "template"


CONTENT_KINDS = frozenset({Kind.ARTICLE, Kind.PAGE})
"""Kinds that a site publishes as pages: front matter and titles matter there."""

PROJECT_FILE_NAMES = frozenset(
    {
        "readme",
        "changelog",
        "changes",
        "history",
        "news",
        "releases",
        "release-notes",
        "release_notes",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "contributors",
        "maintainers",
        "codeowners",
        "contributing",
        "code_of_conduct",
        "code-of-conduct",
        "security",
        "support",
        "governance",
        "funding",
        "agents",
        "claude",
        "gemini",
        "copilot-instructions",
        "conventions",
        "upgrading",
        "todo",
        "roadmap",
    }
)
"""Stems (lower case) of a repository's own files; ``README.zh-CN.md`` and
``README_en.md`` count as README."""

PARTIAL_FOLDERS = frozenset({"_includes", "_partials", "partials", "_snippets", "_fragments"})
TEMPLATE_FOLDERS = frozenset(
    {"archetypes", "_templates", "issue_template", "pull_request_template"}
)
TEMPLATE_NAMES = frozenset({"pull_request_template", "issue_template"})
PARTIAL_SUFFIXES = (".snippet", ".partial", ".include", ".fragment")
_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_LANGUAGE_SUFFIX = re.compile(r"^(?P<name>[a-z_-]+?)(?:[._-][a-z]{2}(?:[_-][a-z0-9]{2,4})?)?$")


class FileKind(NamedTuple):
    """The kind of a document, why, and the profile that applies to it (articles only)."""

    kind: Kind
    reason: str
    profile: Profile | None = None

    @property
    def is_content(self) -> bool:
        return self.kind in CONTENT_KINDS

    def describe(self) -> str:
        """``article (profile trend-article): recognised by its outline``."""
        profile = f" (profile {self.profile.name})" if self.profile is not None else ""
        return f"{self.kind.value}{profile}: {self.reason}"


class ProfileChoice(NamedTuple):
    """What the configuration says about profiles (the ART rules' ``profile`` options)."""

    configured: Profile | None = None
    off: bool = False  # profile = "none": no profile, not even for recognised articles
    inline: Mapping[str, Any] = {}
    key: str = ""  # identifies the settings in the per-document memo


DEFAULT_CHOICE = ProfileChoice()


def classify(doc: Document, choice: ProfileChoice = DEFAULT_CHOICE) -> FileKind:
    """The kind of ``doc`` under the configuration's profile settings (answered once)."""
    return doc.memo(("filekind", choice.key), lambda: _classify(doc, choice))


def _classify(doc: Document, choice: ProfileChoice) -> FileKind:
    named = _front_matter_profile(doc, choice)
    if named is not None:
        return FileKind(Kind.ARTICLE, "its front matter names the profile", named)
    by_path = path_kind(doc.path)
    if by_path is not None:
        return FileKind(*by_path)
    if doc.front_matter is None and is_project_file(doc.path):
        return FileKind(Kind.PROJECT_FILE, f"{PurePath(doc.path).name} is a repository file")
    by_content = _content_kind(doc)
    if by_content is not None:
        return FileKind(*by_content)
    if choice.off or _profile_off_in_front_matter(doc):
        return FileKind(Kind.PAGE, "profile none: no outline checks")
    if choice.configured is not None:
        return FileKind(Kind.ARTICLE, "the configuration selects the profile", choice.configured)
    from mdcheck.article.outline import looks_like
    from mdcheck.article.profiles import default_profile

    default = default_profile()
    if looks_like(doc, default):
        return FileKind(Kind.ARTICLE, "recognised by its outline", default)
    return FileKind(Kind.PAGE, "no profile applies")


def path_kind(path: str) -> tuple[Kind, str] | None:
    """The kind that the path alone tells (partial, template), or None."""
    if path in ("", "-"):
        return None
    pure = PurePath(path.replace("\\", "/"))
    folders = [part.lower() for part in pure.parent.parts]
    name = pure.name
    stem = _stem(name).lower()
    if "{{" in path:
        return Kind.TEMPLATE, "its path is a template (holds {{)"
    for folder in reversed(folders):
        if folder in TEMPLATE_FOLDERS:
            return Kind.TEMPLATE, f"it is in a {folder} folder"
        if folder in PARTIAL_FOLDERS:
            return Kind.PARTIAL, f"it is in a {folder} folder"
    if stem in TEMPLATE_NAMES:
        return Kind.TEMPLATE, f"its name {name} is a template's"
    if stem.endswith(PARTIAL_SUFFIXES):
        return Kind.PARTIAL, f"its name {name} marks a snippet"
    if stem.startswith("_") and stem != "_index":
        return Kind.PARTIAL, f"its name {name} starts with _"
    return None


def is_project_file(path: str) -> bool:
    """Whether the file's name is one of a repository's own files (``README.md``,
    ``README.zh-CN.md``, ``CHANGELOG.md``, ``AGENTS.md``, ...)."""
    stem = _stem(PurePath(path.replace("\\", "/")).name).lower()
    if stem in PROJECT_FILE_NAMES:
        return True
    match = _LANGUAGE_SUFFIX.match(stem)
    return match is not None and match.group("name") in PROJECT_FILE_NAMES


def _stem(name: str) -> str:
    """The name without its Markdown suffix (``a.snippet.md`` -> ``a.snippet``)."""
    lower = name.lower()
    for suffix in (".markdown", ".mdown", ".mkd", ".md", ".mdx", ".txt"):
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _content_kind(doc: Document) -> tuple[Kind, str] | None:
    """Partials and templates recognised by their front matter."""
    block = doc.front_matter
    if block is None:
        return None
    raw = "\n".join(doc.lines[index] for index in block.content_indexes)
    if ("{{" in raw or "{%" in raw) and _TEMPLATE_SYNTAX.search(raw):
        return Kind.TEMPLATE, "its front matter holds template syntax"
    from mdcheck.article.profiles import front_matter_values

    values = front_matter_values(doc)
    if values.get("headless") is True:
        return Kind.PARTIAL, "headless: true"
    for key in ("_build", "build"):
        build = values.get(key)
        if isinstance(build, Mapping) and build.get("render") in ("never", False, "false"):
            return Kind.PARTIAL, f"{key}: render: {build.get('render')}"
    return None


def _front_matter_profile(doc: Document, choice: ProfileChoice) -> Profile | None:
    """The profile that the document's own front matter names (``profile: …``)."""
    if doc.front_matter is None:
        return None
    from mdcheck.article.profiles import front_matter_values, resolve
    from mdcheck.errors import ConfigError

    reference = front_matter_values(doc).get("profile")
    if not isinstance(reference, str) or not reference.strip() or is_off(reference):
        return None
    base = Path(doc.path).parent if doc.path != "-" else Path.cwd()
    try:
        return resolve(reference.strip(), choice.inline, base)
    except ConfigError as exc:
        raise ConfigError(f"{doc.path}: front matter 'profile': {exc}") from None


def _profile_off_in_front_matter(doc: Document) -> bool:
    if doc.front_matter is None:
        return False
    from mdcheck.article.profiles import front_matter_values

    return is_off(front_matter_values(doc).get("profile"))


def is_off(reference: object) -> bool:
    """``profile = "none"`` (or ``profile: none``) turns the outline checks off."""
    return isinstance(reference, str) and PurePath(reference).name.lower() == "none"
