"""action.yml, the composite GitHub Action, run step by step as the Actions runner would
(bash -eo pipefail, inputs substituted, GITHUB_PATH / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
files) in a scratch repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

ACTION = ROOT / "action.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def load_action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_action_is_composite_and_passes_inputs_through_the_environment() -> None:
    action = load_action()
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        # an input expanded inside a script is a script-injection hole: env only
        assert "${{" not in step["run"], step["name"]
        for value in step.get("env", {}).values():
            for name in _EXPRESSION.findall(str(value)):
                assert name.startswith("github.") or name.removeprefix("inputs.") in declared


def run_action(
    repo: Path, tmp: Path, inputs: dict[str, str]
) -> list[subprocess.CompletedProcess[str]]:
    action = load_action()
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    context = {f"inputs.{k}": v for k, v in values.items()}
    context["github.action_path"] = str(ROOT)
    files = {
        name: tmp / name.lower() for name in ("GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")
    }
    for path in files.values():
        path.write_text("", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    base.update({k: str(v) for k, v in files.items()})
    base["RUNNER_TEMP"] = str(tmp)
    done = []
    for step in action["runs"]["steps"]:
        env = dict(base)
        extra = files["GITHUB_PATH"].read_text(encoding="utf-8").split()
        env["PATH"] = os.pathsep.join([*reversed(extra), base["PATH"]])
        for key, value in step.get("env", {}).items():
            env[key] = _EXPRESSION.sub(lambda m: context[m.group(1)], str(value))
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        done.append(proc)
        if proc.returncode != 0:
            break
    return done


@pytest.mark.slow
def test_action_in_a_scratch_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "mdcheck.toml").write_text('select = ["DOC001"]\n', encoding="utf-8")
    (repo / "docs" / "bad one.md").write_text("# Bad", encoding="utf-8")
    (repo / "docs" / "good.md").write_text("# Good\n", encoding="utf-8")
    steps = run_action(repo, tmp_path, {"args": "docs/"})
    install, sarif, annotate = steps
    assert install.returncode == 0, install.stderr[-3000:]
    assert sarif.returncode == 0, sarif.stderr
    assert (tmp_path / "github_output").read_text(encoding="utf-8") == "file=mdcheck.sarif\n"
    report = json.loads((repo / "mdcheck.sarif").read_text(encoding="utf-8"))
    [result] = report["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "docs/bad%20one.md", "uriBaseId": "%SRCROOT%"}
    assert annotate.returncode == 1  # findings fail the job; the SARIF file is written
    assert annotate.stdout.startswith("::error file=docs/bad one.md,line=1,col=6,")
    summary = (tmp_path / "github_step_summary").read_text(encoding="utf-8")
    assert "| `DOC001` | final-newline | error | 1 |" in summary

    (repo / "docs" / "bad one.md").write_text("# Fixed\n", encoding="utf-8")
    clean = run_action(repo, tmp_path, {"args": "docs/", "sarif-file": ""})
    assert [p.returncode for p in clean] == [0, 0, 0]
    assert (tmp_path / "github_output").read_text(encoding="utf-8") == "file=\n"
