"""Shared test set-up: hypothesis profiles and a command-line runner.

Hypothesis profiles: ``ci`` (the default, about 150 examples per property, no deadline so
a loaded CI machine does not fail on timing) and ``thorough`` (2,000 examples). Choose with
``MDCHECK_HYPOTHESIS_PROFILE=thorough`` or set ``MDCHECK_HYPOTHESIS_EXAMPLES=N``.
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

REPO = Path(__file__).resolve().parent.parent

_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=_SUPPRESSED, print_blob=True
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=_SUPPRESSED
)
settings.load_profile(os.environ.get("MDCHECK_HYPOTHESIS_PROFILE", "ci"))
if os.environ.get("MDCHECK_HYPOTHESIS_EXAMPLES"):
    settings.register_profile(
        "custom",
        settings.get_profile(os.environ.get("MDCHECK_HYPOTHESIS_PROFILE", "ci")),
        max_examples=int(os.environ["MDCHECK_HYPOTHESIS_EXAMPLES"]),
    )
    settings.load_profile("custom")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``mdcheck`` in-process: ``cli("check", path, "--fix")`` -> Run(code, out, err)."""

    def run(*args: str | os.PathLike[str]) -> Run:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def run_subprocess(
    *args: str | os.PathLike[str], cwd: Path, timeout: float = 120, stdin: bytes = b""
) -> Run:
    """Run ``python -m mdcheck`` in a fresh interpreter, with a hard time limit."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "mdcheck", *map(str, args)],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )
