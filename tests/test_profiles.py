"""Profiles: loading and validation, selection, outline matching, inference and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mdcheck.api import lint_text
from mdcheck.article.outline import classify, heading_title
from mdcheck.article.profiles import Part, profile_from_data, resolve, title_count
from mdcheck.cli import main
from mdcheck.config import Config, ConfigError, config_from_table
from mdcheck.markdown.document import Document
from mdcheck.profile_command import infer_profile

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = (FIXTURES / "sample-article.md").read_text(encoding="utf-8")
ROOT = Path(__file__).parent.parent


def art(text: str, path: str = "article.md", **table: object) -> list[str]:
    config = config_from_table({"select": ["ART"], **table}, None, "the top level")
    return [f"{d.span.line} {d.code} {d.message}" for d in lint_text(text, path, config)]


def _trend() -> Part:
    return next(part for part in resolve("trend-article").sections if part.name == "trend")


# -- validation ------------------------------------------------------------------------------


def test_shipped_profile_is_valid() -> None:
    profile = resolve("trend-article")
    assert [part.name for part in profile.sections] == [
        "contents",
        "introduction",
        "trend",
        "questions",
        "closing",
        "references",
        "appendix",
    ]
    assert [sub.name for sub in _trend().subsections] == [
        "current state",
        "comparison",
        "advice",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sections": [{"name": "a", "titles": ["A"]}]}, "the top level: 'name' is a required"),
        ({"name": "p", "sections": []}, "sections: [] should be non-empty"),
        ({"name": "p", "sections": [{"name": "a"}]}, "sections[0]: needs 'titles' or 'pattern'"),
        (
            {"name": "p", "sections": [{"name": "a", "titles": "A"}]},
            "sections[0].titles: must be an array, got 'A'",
        ),
        (
            {"name": "p", "sections": [{"name": "a", "titles": ["A"], "repeat": 2}]},
            "sections[0]: unknown key 'repeat'; expected one of: count-from-title, max, min, "
            "name, pattern, subsections, titles",
        ),
        (
            {"name": "p", "sections": [{"name": "a", "pattern": "(["}]},
            "sections[0].pattern: not a valid regular expression",
        ),
        (
            {"name": "p", "sections": [{"name": "a", "titles": ["A"], "min": 2, "max": 1}]},
            "sections[0]: min (2) is greater than max (1)",
        ),
        (
            {
                "name": "p",
                "sections": [
                    {"name": "a", "titles": ["A"], "subsections": [{"name": "b", "min": -1}]}
                ],
            },
            "sections[0].subsections[0]",
        ),
        ({"name": "p", "title": "h2", "sections": [{"name": "a", "titles": ["A"]}]}, "title: "),
    ],
)
def test_invalid_profile_names_the_failing_part(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        profile_from_data(data, "my.profile.json")
    text = str(info.value)
    assert text.startswith("my.profile.json: invalid profile: ")
    assert message in text
    assert "\n" not in text


def test_invalid_profile_from_configuration_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.json").write_text('{"name": "bad", "sections": [{"name": "x"}]}')
    (tmp_path / "mdcheck.toml").write_text('profile = "bad.json"\n')
    (tmp_path / "a.md").write_text("# T\n\nText.\n")
    assert main([str(tmp_path / "a.md")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"mdcheck: error: {tmp_path / 'bad.json'}: invalid profile: sections[0]: "
        "needs 'titles' or 'pattern'\n"
    )


def test_unknown_profile_in_front_matter_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text("---\nprofile: nope\n---\n# T\n")
    assert main([str(tmp_path / "a.md")]) == 2
    err = capsys.readouterr().err
    assert "front matter 'profile': unknown profile 'nope'" in err
    assert err.count("\n") == 1


def test_invalid_inline_profile_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match=r"inline profile 'x': invalid profile: sections: "):
        config_from_table({"profiles": {"x": {"sections": 3}}}, None, "x").settings_for("a.md")


# -- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("1.2 技术路线比较", "comparison"),
        ("**2.2 技术路线比较**", "comparison"),
        ("（二）技术路线对比", "comparison"),
        ("3.2 Comparison of Approaches", "comparison"),
        ("1.1 Current State", "current state"),
        ("1.1 技术发展现状", "current state"),
        ("1.3 [对开发者的建议](#advice)", "advice"),
        ("2.3 Recommendations for Developers", "advice"),
        ("1.4 市场规模", None),
    ],
)
def test_subsection_titles_match_without_numbers_and_markup(heading: str, part: str | None) -> None:
    subsections = _trend().subsections
    found = classify(heading_title(heading), subsections)
    assert (subsections[found].name if found is not None else None) == part


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("结语", "closing"),
        ("四、结语", "closing"),
        ("4. Conclusion", "closing"),
        ("引言", "introduction"),
        ("生成式 AI", "trend"),
    ],
)
def test_section_titles(heading: str, part: str) -> None:
    sections = resolve("trend-article").sections
    found = classify(heading_title(heading), sections)
    assert found is not None
    assert sections[found].name == part


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("2024 年人工智能领域的三大发展趋势分析", 3),
        ("2025 年十大技术趋势", 10),
        ("AI 的两个趋势", 2),
        ("Three AI Trends of 2024", 3),
        ("Top 5 trends in AI chips", 5),
        ("2024 年人工智能发展趋势分析", None),
        ("Python 3 in 2024", None),
    ],
)
def test_title_count(title: str, count: int | None) -> None:
    found = title_count(title)
    assert (found[0] if found else None) == count


def _sections(text: str) -> list[tuple[int, int]]:
    """(first line, end line) of each H3 block of the sample (0-based, end exclusive)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("### ")]
    ends = [
        next(j for j in range(i + 1, len(lines)) if lines[j].startswith(("### ", "---")))
        for i in starts
    ]
    return list(zip(starts, ends, strict=True))


NAMES = {"1": "current state", "2": "comparison", "3": "advice"}


@pytest.mark.parametrize("index", range(9))
def test_removing_any_subsection_reports_exactly_that_part(index: int) -> None:
    lines = SAMPLE.split("\n")
    start, end = _sections(SAMPLE)[index]
    number = lines[start][4:7]
    found = art("\n".join(lines[:start] + lines[end:]))
    assert len(found) == 1, found
    assert found[0].split(" ", 2)[1] == "ART001"
    assert f"section {number[0]} has no {NAMES[number[2]]} subsection" in found[0]


@pytest.mark.parametrize("index", range(9))
def test_moving_any_subsection_reports_exactly_that_part(index: int) -> None:
    lines = SAMPLE.split("\n")
    blocks = _sections(SAMPLE)
    start, end = blocks[index]
    group = index - index % 3
    first, last = blocks[group][0], blocks[group + 2][1]
    moved = lines[start:end]
    rest = lines[first:start] + lines[end:last]
    # the last subsection moves to the front of its section, the others to the end
    body = moved + rest if index % 3 == 2 else rest + moved
    found = art("\n".join(lines[:first] + body + lines[last:]))
    assert len(found) == 1, found
    assert found[0].split(" ", 2)[1] == "ART002"
    assert re.search(rf'{NAMES[lines[start][6]]} subsection "{lines[start][4:]}"', found[0])


def test_sample_outline_is_three_trends_of_three_subsections_and_a_closing() -> None:
    from mdcheck.article.outline import build_outline

    profile = resolve("trend-article")
    nodes = build_outline(Document.from_text(SAMPLE, "sample.md"), profile)
    parts = [profile.sections[n.part].name if n.part is not None else None for n in nodes]
    assert parts == ["trend", "trend", "trend", "closing"]
    for node in nodes[:3]:
        assert [child.part for child in node.children] == [0, 1, 2]


# -- selection -------------------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path", [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md", ROOT / "CHANGELOG.md"]
)
def test_project_docs_have_no_art_findings(path: Path) -> None:
    assert art(path.read_text(encoding="utf-8"), str(path)) == []


def test_profile_applies_by_override_glob(tmp_path: Path) -> None:
    text = "# Notes\n\nIntro.\n\n## Things\n\nText.\n"
    table = {"overrides": [{"files": ["posts/*.md"], "profile": "trend-article"}]}
    config = config_from_table({"select": ["ART"], **table}, tmp_path / "mdcheck.toml", "x")
    assert lint_text(text, str(tmp_path / "other.md"), config) == []
    found = [d.message for d in lint_text(text, str(tmp_path / "posts" / "a.md"), config)]
    assert "the article has 1 trend section; profile trend-article requires at least 2" in found


def test_unrecognised_document_is_not_checked_without_a_profile() -> None:
    text = "# Notes\n\nIntro.\n\n## Things\n\n### Comparison\n\nText.\n"
    assert art(text) == []
    assert art(text, profile="trend-article") != []


def test_each_art_rule_reads_its_own_profile_setting() -> None:
    text = "# Notes\n\nIntro.\n\n## Things\n\n### Comparison\n\nText.\n"
    found = art(text, rules={"ART001": {"profile": "trend-article"}})
    assert found and {line.split()[1] for line in found} == {"ART001"}
    found = art(text, rules={"ART004": {"profile": "trend-article"}})
    assert [line.split()[1] for line in found] == ["ART004"]


def test_min_body_chars_option() -> None:
    text = "# Title\n\nShort body.\n"
    assert art(text) == []
    assert art(text, rules={"ART004": {"min-body-chars": 50}}) == [
        "1 ART004 the body has only 10 visible characters (min-body-chars is 50); "
        "the article looks unfinished, regenerate or complete it"
    ]


# -- inference and the CLI -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["sample-numbered.md", "english.md", "inline-profile.md"])
def test_inferred_profile_validates_and_accepts_its_article(tmp_path: Path, name: str) -> None:
    source = FIXTURES / "art" / name
    data = infer_profile(Document.from_text(source.read_text(encoding="utf-8"), name), "p")
    profile_file = tmp_path / "p.json"
    profile_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["profile", "check", str(profile_file)]) == 0
    config = config_from_table({"select": ["ART"], "profile": str(profile_file)}, None, "x")
    assert lint_text(source.read_text(encoding="utf-8"), name, config) == []


def test_inferred_profile_of_the_sample_repeats_the_trend_section() -> None:
    data = infer_profile(Document.from_text(SAMPLE, "sample.md"), "sample")
    assert [s.get("pattern") or s["titles"][0] for s in data["sections"]] == [".", "结语"]
    trend = data["sections"][0]
    assert (trend["min"], trend["max"], trend["count-from-title"]) == (3, None, True)
    assert [s["titles"] for s in trend["subsections"]] == [
        ["技术发展现状"],
        ["技术路线比较"],
        ["对开发者的建议"],
    ]


def test_profile_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "check", str(ROOT / "schemas/profiles/trend-article.json")]) == 0
    assert "valid profile 'trend-article' (7 sections)" in capsys.readouterr().out
    assert main(["profile", "infer", str(FIXTURES / "art" / "english.md")]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "english"
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "bad"}')
    assert main(["profile", "check", str(bad)]) == 2
    assert capsys.readouterr().err == (
        f"mdcheck: error: {bad}: invalid profile: the top level: 'sections' is a required "
        "property\n"
    )
    assert main(["profile", "check", str(tmp_path / "missing.json")]) == 2


def test_config_default_is_unchanged() -> None:
    assert Config(root=ROOT).settings_for("a.md").rules


def test_inferred_repeated_section_merges_the_titles_used_at_each_position() -> None:
    text = (FIXTURES / "art" / "english.md").read_text(encoding="utf-8")
    data = infer_profile(Document.from_text(text, "english.md"), "english")
    trend = data["sections"][0]
    assert (trend["pattern"], trend["min"]) == (".", 3)
    assert [s["titles"] for s in trend["subsections"]] == [
        ["Current State", "Current Status"],
        ["Comparison", "Comparison of Approaches"],
        ["Advice for Developers", "Recommendations for Developers"],
    ]


def test_profile_none_turns_the_outline_checks_off() -> None:
    text = (FIXTURES / "art" / "missing-comparison.md").read_text(encoding="utf-8")
    assert len(art(text)) == 1
    assert art(text, profile="none") == []
    off = text.replace(
        "            date: 2025-02-18", "            date: 2025-02-18\n            profile: none"
    )
    assert off != text
    assert art(off) == []


def test_shipped_profiles_are_valid_so_loading_them_may_skip_the_schema() -> None:
    from mdcheck.article.profiles import read_profile_data, shipped_profiles, validation_problem

    assert shipped_profiles()
    for path in shipped_profiles().values():
        assert validation_problem(read_profile_data(path)) is None
