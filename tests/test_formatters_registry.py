"""The formatter registry: every name loads the formatter of that name."""

from mdcheck.formatters import FORMATTERS, Formatter


def test_every_registered_name_loads_its_formatter() -> None:
    assert sorted(FORMATTERS) == ["github", "gitlab", "json", "jsonl", "junit", "sarif", "text"]
    for name, formatter in FORMATTERS.items():
        assert issubclass(formatter, Formatter)
        assert formatter.name == name
