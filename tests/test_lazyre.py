"""LazyPattern answers as the compiled pattern does, and compiles only when first used."""

from __future__ import annotations

import re

from mdcheck.util.lazyre import LazyPattern


def test_compiles_on_first_use_only() -> None:
    lazy = LazyPattern(r"(?P<n>\d+)", re.ASCII)
    assert lazy._compiled is None
    assert lazy.pattern == r"(?P<n>\d+)"
    assert lazy.search("a 12") is not None
    assert lazy.compiled is lazy._compiled
    assert lazy.compiled.flags & re.ASCII


def test_methods_match_the_compiled_pattern() -> None:
    lazy, compiled = LazyPattern(r"[a-z]+"), re.compile(r"[a-z]+")
    text = "ab 12 cd ef"
    assert lazy.match(text).group() == compiled.match(text).group()
    assert lazy.match(text, 3) is None
    assert lazy.search(text, 3).span() == compiled.search(text, 3).span()
    assert lazy.search(text, 0, 1).span() == (0, 1)
    assert [m.span() for m in lazy.finditer(text, 1)] == [
        m.span() for m in compiled.finditer(text, 1)
    ]
    assert lazy.sub("-", text) == "- 12 - -"
    assert lazy.sub(lambda m: m.group().upper(), text, 1) == "AB 12 cd ef"
