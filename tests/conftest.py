"""Shared test helpers: running the command line in-process or as a real subprocess.

Hypothesis profiles: ``ci`` (the default: 150 examples per property, no deadline so that a
loaded CI machine does not fail on timing) and ``thorough`` (2,000 examples). Choose one
with ``MDCHECK_HYPOTHESIS_PROFILE=thorough``, or set ``MDCHECK_HYPOTHESIS_EXAMPLES=N``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from mdcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample-article.md"

_RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=_RELAXED)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=_RELAXED
)
_PROFILE = os.environ.get("MDCHECK_HYPOTHESIS_PROFILE", "ci")
if os.environ.get("MDCHECK_HYPOTHESIS_EXAMPLES"):
    settings.register_profile(
        "custom",
        settings.get_profile(_PROFILE),
        max_examples=int(os.environ["MDCHECK_HYPOTHESIS_EXAMPLES"]),
    )
    _PROFILE = "custom"
settings.load_profile(_PROFILE)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``mdcheck ARGS`` in-process; returns exit code, stdout and stderr."""
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def engine_cli(cli: Callable[..., Run]) -> Callable[..., Run]:
    """``cli`` accepting paths; ``check`` runs select DOC001 and MC unless told otherwise.

    The outcomes checked with it are the engine's (MC rules) and DOC001's; other families
    are left out unless a test selects them, so that their findings do not change the output.
    """

    def run(*args: str | Path) -> Run:
        argv = [str(arg) for arg in args]
        if argv[:1] == ["check"] and "--select" not in argv:
            argv[1:1] = ["--select", "DOC001,MC"]
        return cli(*argv)

    return run


DOC_ONLY = 'select = ["DOC", "MC"]\n'


@pytest.fixture
def doc_only(tmp_path: Path) -> Path:
    """A project whose configuration runs only the DOC and MC rules (engine tests)."""
    config = tmp_path / "mdcheck.toml"
    config.write_text(DOC_ONLY, encoding="utf-8")
    return config


def run_subprocess(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m mdcheck ARGS`` as a separate process (real stdin, real exit)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mdcheck", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
