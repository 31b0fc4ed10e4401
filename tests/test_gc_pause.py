"""Linting pauses the cyclic garbage collector per document and always resumes it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from mdcheck.api import fix_text, lint_text
from mdcheck.run.engine import paused_gc

TEXT = "---\ntitle: T\n---\n\n# T\n\ntext  \n"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_lint_and_fix_leave_the_collector_running() -> None:
    lint_text(TEXT, "a.md")
    assert gc.isenabled()
    fix_text(TEXT, "a.md", unsafe=True)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_resumes_after_a_failure() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_nested_pause_does_not_resume_the_outer_one() -> None:
    with paused_gc():
        lint_text(TEXT, "a.md")
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        lint_text(TEXT, "a.md")
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
