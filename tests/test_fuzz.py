"""A short run of the atheris fuzz target (fuzz/fuzz_mdcheck.py); skipped without atheris.

Long runs: see docs/reliability.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def test_short_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install '.[fuzz]')")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    completed = subprocess.run(
        [
            sys.executable,
            str(FUZZ / "fuzz_mdcheck.py"),
            "-runs=1500",
            "-max_total_time=20",
            "-max_len=4096",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
            str(FUZZ / "seeds"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = completed.stdout + completed.stderr
    crash = output.find("=== Uncaught Python exception")
    assert completed.returncode == 0, output[crash:][:4000] if crash >= 0 else output[-4000:]
    assert "Done " in completed.stderr
