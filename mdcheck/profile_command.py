"""``mdcheck profile check FILE`` and ``mdcheck profile infer ARTICLE.md``.

``infer`` derives a starting profile from a good article: its title, its sections in
order, and, when consecutive sections share the same subsection titles (the numbered trend
sections of a trend article), one repeated section with those subsections. The article
always validates against the profile inferred from it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from mdcheck.article.outline import build_outline, has_content
from mdcheck.article.profiles import (
    Profile,
    front_matter_values,
    profile_from_data,
    read_profile_data,
    title_count,
)
from mdcheck.errors import ConfigError
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import normalize, strip_inline_markup

SCHEMA_URL = "https://mdcheck.dev/schemas/profile.schema.json"


def profile_command(action: str, path: str) -> int:
    """Run ``profile check`` or ``profile infer``; problems raise ConfigError (exit 2)."""
    if action == "check":
        profile = check_profile_file(path)
        count = len(profile.sections)
        print(f"{path}: valid profile '{profile.name}' ({count} section{'s' * (count != 1)})")
        return 0
    sys.stdout.write(json.dumps(infer_profile_file(path), ensure_ascii=False, indent=2) + "\n")
    return 0


def check_profile_file(path: str) -> Profile:
    """Load and validate a profile file (``-`` reads JSON from standard input)."""
    if path == "-":
        try:
            data = json.loads(sys.stdin.read())
        except ValueError as exc:
            raise ConfigError(f"-: invalid JSON in profile: {exc}") from None
        return profile_from_data(data, "-")
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"{path}: profile file does not exist")
    return profile_from_data(read_profile_data(file), path)


def infer_profile_file(path: str) -> dict[str, Any]:
    from mdcheck.run.files import UnreadableError, read_source

    try:
        source = read_source(path)
    except (OSError, UnreadableError) as exc:
        raise ConfigError(f"{path}: cannot read the article: {exc}") from None
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(path).stem).strip("-.") or "inferred"
    return infer_profile(Document.from_text(source.text, path), stem)


def infer_profile(doc: Document, name: str) -> dict[str, Any]:
    """A profile that the document satisfies, as profile-format data."""
    values = front_matter_values(doc)
    h1 = next((h for h in doc.headings if h.level == 1), None)
    fm_title = values.get("title") if isinstance(values.get("title"), str) else None
    title = "h1" if h1 is not None else ("front-matter" if fm_title else "none")
    levels = [h.level for h in doc.headings if h.level > 1]
    level = min(levels) if levels else 2
    probe = Profile(name, "-", (), level=level)
    nodes = build_outline(doc, probe)
    children = [tuple(normalize(child.title) for child in node.children) for node in nodes]
    run = _repeated_run(children)
    sections: list[dict[str, Any]] = []
    for position, node in enumerate(nodes):
        if run and position in run[1:]:
            continue
        subsections = [{"name": c.title, "titles": [c.title]} for c in node.children]
        if run and position == run[0]:
            subsections = _merged_subsections([nodes[p] for p in run])
            entry: dict[str, Any] = {"name": "section", "pattern": ".", "min": len(run)}
            entry["max"] = None
            announced = title_count(strip_inline_markup(h1.text) if h1 else fm_title or "")
            if announced is not None and announced[0] == len(run):
                entry["count-from-title"] = True
        else:
            entry = {"name": node.title, "titles": [node.title]}
        if subsections:
            entry["subsections"] = subsections
        sections.append(entry)
    data: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": name,
        "description": f"Inferred from {Path(doc.path).name}; edit the titles and counts.",
        "title": title,
        "level": level,
        "strict": False,
    }
    if nodes:
        start = h1.end_line if h1 is not None and h1.line < nodes[0].heading.line else 0
        data["lead"] = has_content(doc.body_lines[start : nodes[0].heading.line - 1])
    data["sections"] = sections or [{"name": "section", "pattern": ".", "min": 0, "max": None}]
    return data


def _repeated_run(children: list[tuple[str, ...]]) -> list[int]:
    """Positions of the longest run of two or more consecutive sections with the same
    number of subsections whose titles, position by position, never collide; empty when
    there is none. (The numbered trend sections of a trend article.)"""
    best: list[int] = []
    start = 0
    while start < len(children):
        end = start + 1
        while (
            end < len(children)
            and children[start]
            and len(children[end]) == len(children[start])
            and _distinct_positions(children[start : end + 1])
        ):
            end += 1
        if end - start >= 2 and end - start > len(best):
            best = list(range(start, end))
        start = end
    return best


def _distinct_positions(group: list[tuple[str, ...]]) -> bool:
    """Whether no title stands at two different positions across the group."""
    seen: dict[str, int] = {}
    for titles in group:
        for position, title in enumerate(titles):
            if seen.setdefault(title, position) != position:
                return False
    return True


def _merged_subsections(nodes: list[Any]) -> list[dict[str, Any]]:
    """Subsection entries of a repeated section: at each position, every title used."""
    merged: list[dict[str, Any]] = []
    for position, child in enumerate(nodes[0].children):
        titles: list[str] = []
        for node in nodes:
            title = node.children[position].title
            if normalize(title) not in {normalize(t) for t in titles}:
                titles.append(title)
        merged.append({"name": child.title, "titles": titles})
    return merged
