"""Measure mdcheck against the markdown-it-py floor and its peers; write bench/RESULTS.md.

    python bench/run.py                  # full run: 2,000 articles, 0.5/5/50 MB files
    python bench/run.py --quick          # small run: 200 articles, 0.5/5 MB files
    python bench/run.py --install-peers  # first install rumdl, pymarkdown (venv) and
                                         # markdownlint-cli2 (npm) under bench/out/

Every measurement is a fresh process, timed by wall clock, with its peak resident memory
from ``wait4``. Measurements alternate (round 1 runs each once, then round 2, ...) so a
busy machine slows all of them alike; the table shows medians. Ratios are against the
floor measured in the same run: read + decode + markdown-it-py's full parse of every file,
no rules (``bench/floor.py``). Peers that are not installed are skipped and listed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import big_name, generate  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "sample-article.md"
PYMARKDOWN_SUBSET = 100  # pymarkdown is slow (and quadratic in file size): a subset only


@dataclass
class Measurement:
    key: str
    label: str
    argv: list[str]
    runs: int
    setup: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    timed_out: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.times)


GNU_TIME = Path("/usr/bin/time")


def run_once(m: Measurement, cwd: Path, env: dict[str, str], timeout: float) -> None:
    """Run once; time it and record its peak memory (or that it took over ``timeout`` s).

    A child's ``ru_maxrss`` starts at its parent's size (the kernel keeps the high-water
    mark across exec), so GNU time, a small process, starts the command when present.
    """
    if m.setup is not None:
        m.setup()
    report = cwd / ".peak-rss"
    argv = [str(GNU_TIME), "-f", "%M", "-o", str(report), *m.argv] if GNU_TIME.exists() else m.argv
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if elapsed >= timeout:
        m.timed_out = True
        return
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{m.label}: exit status {proc.returncode}: {' '.join(m.argv)}")
    m.times.append(elapsed)
    if GNU_TIME.exists():
        kb = int(report.read_text().split()[-1])
    else:
        kb = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    m.peak_kb = max(m.peak_kb, kb)


def install_peers(out: Path) -> None:
    venv = out / "peers"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "rumdl", "pymarkdownlnt"], check=True)
    if shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(out / "node"), "markdownlint-cli2"],
            check=True,
        )
    else:
        print("npm not found: markdownlint-cli2 not installed", file=sys.stderr)


def peers(
    out: Path, data: Path, runs: int, pymarkdown_corpus: bool = False
) -> tuple[list[Measurement], list[str]]:
    found: list[Measurement] = []
    skipped: list[str] = []
    rumdl = out / "peers" / "bin" / "rumdl"
    if rumdl.exists():
        argv = [str(rumdl), "check", "--no-cache", "--no-config", str(data / "corpus")]
        found.append(Measurement("rumdl", "rumdl (corpus, no cache)", argv, runs))
    else:
        skipped.append("rumdl (`pip install rumdl` into bench/out/peers)")
    cli2 = out / "node" / "node_modules" / ".bin" / "markdownlint-cli2"
    if cli2.exists() and shutil.which("node"):
        argv = [str(cli2), "corpus/**/*.md"]
        found.append(Measurement("cli2", "markdownlint-cli2 (corpus)", argv, min(runs, 3)))
    else:
        skipped.append("markdownlint-cli2 (`npm install markdownlint-cli2` into bench/out/node)")
    pymarkdown = out / "peers" / "bin" / "pymarkdown"
    if pymarkdown.exists():
        argv = [str(pymarkdown), "scan", str(data / "subset")]
        label = f"pymarkdown ({PYMARKDOWN_SUBSET}-file subset)"
        found.append(Measurement("pymarkdown", label, argv, min(runs, 3)))
        if pymarkdown_corpus:  # minutes per run: once
            argv = [str(pymarkdown), "scan", str(data / "corpus")]
            found.append(Measurement("pymarkdown-full", "pymarkdown (corpus)", argv, 1))
    else:
        skipped.append("pymarkdown (`pip install pymarkdownlnt` into bench/out/peers)")
    return found, skipped


def plan(args: argparse.Namespace, out: Path, data: Path) -> tuple[list[Measurement], list[str]]:
    py = sys.executable
    runs = args.runs
    config = ["--config", str(data / "mdcheck.toml")]
    mdcheck = [py, "-m", "mdcheck", *config, "-q"]
    corpus = str(data / "corpus")
    cache = data / "cache"
    jobs = str(args.jobs)

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def ms(key: str, label: str, argv: list[str], n: int = runs, **kw: object) -> Measurement:
        return Measurement(key, label, argv, n, **kw)  # type: ignore[arg-type]

    floor = [py, str(BENCH / "floor.py")]
    small = data / "big" / big_name(5)
    found = [
        ms("floor", "floor: markdown-it-py full parse, 1 process", [*floor, corpus]),
        ms("floorN", f"floor, {jobs} processes", [*floor, corpus, "--jobs", jobs]),
        ms(
            "blockN",
            f"markdown-it-py block parse only (no inline pass), {jobs} processes",
            [*floor, corpus, "--jobs", jobs, "--block-only"],
        ),
        ms("jobs1", "mdcheck --jobs 1 --no-cache", [*mdcheck, "--jobs", "1", "--no-cache", corpus]),
        ms(
            "jobsN",
            f"mdcheck --jobs {jobs} --no-cache",
            [*mdcheck, "--jobs", jobs, "--no-cache", corpus],
        ),
        ms(
            "cold",
            f"mdcheck --jobs {jobs}, empty cache",
            [*mdcheck, "--jobs", jobs, "--cache-dir", str(cache), corpus],
            setup=clear_cache,
        ),
        ms(
            "warm",
            f"mdcheck --jobs {jobs}, warm cache",
            [*mdcheck, "--jobs", jobs, "--cache-dir", str(cache), corpus],
        ),
        ms("import", 'python -c "import markdown_it"', [py, "-c", "import markdown_it"], runs * 3),
        ms(
            "single",
            "mdcheck --no-cache one.md (the sample article)",
            [py, "-m", "mdcheck", "--no-cache", "one.md"],
            runs * 3,
        ),
        ms("single-warm", "mdcheck one.md, cached", [py, "-m", "mdcheck", "one.md"], runs * 3),
        ms(
            "subset",
            f"mdcheck --jobs {jobs} ({PYMARKDOWN_SUBSET}-file subset)",
            [*mdcheck, "--jobs", jobs, "--no-cache", str(data / "subset")],
        ),
        ms("floor5", "floor, 5 MB file", [*floor, str(small)], runs),
        ms("md5", "mdcheck, 5 MB file", [*mdcheck, "--no-cache", str(small)], runs),
    ]
    if not args.quick:
        large = data / "big" / big_name(50)
        found.append(
            ms(
                "md50",
                "mdcheck, 50 MB file",
                [*mdcheck, "--no-cache", str(large)],
                runs,
            )
        )
    skipped: list[str] = []
    if not args.no_peers:
        more, skipped = peers(out, data, runs, args.pymarkdown_corpus)
        found += more
    else:
        skipped.append("all peers (--no-peers)")
    return found, skipped


def prepare(args: argparse.Namespace, out: Path) -> Path:
    data = out / ("quick" if args.quick else "full")
    articles = 200 if args.quick else 2000
    sizes = [0.5, 5] if args.quick else [0.5, 5, 50]
    generate(data, articles, args.seed, sizes)
    subset = data / "subset"
    subset.mkdir(exist_ok=True)
    for path in sorted((data / "corpus").glob("*.md"))[:PYMARKDOWN_SUBSET]:
        target = subset / path.name
        if not target.exists():
            shutil.copyfile(path, target)
    shutil.copyfile(SAMPLE, data / "one.md")
    config = 'select = ["ALL"]\n'
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    if "max-file-size" in schema.get("properties", {}):
        config += "max-file-size = 200_000_000\n"  # the 50 MB file must really be linted
    (data / "mdcheck.toml").write_text(config, encoding="utf-8")
    return data


def corpus_size(folder: Path) -> tuple[int, int]:
    files = list(folder.glob("*.md"))
    return len(files), sum(f.stat().st_size for f in files)


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def write_results(
    path: Path,
    args: argparse.Namespace,
    data: Path,
    found: dict[str, Measurement],
    skipped: list[str],
) -> str:
    files, size = corpus_size(data / "corpus")
    floor = found["floor"].median
    lines = [
        "# Benchmark results",
        "",
        "Written by `python bench/run.py"
        + (" --quick" if args.quick else "")
        + "`; rerun it to refresh. Medians of alternating runs on one machine"
        f" ({_machine(args.jobs)}).",
        f"Corpus: {files} generated trend articles, {size / 1e6:.1f} MB"
        ' (`bench/generate.py`); every mdcheck rule on (`select = ["ALL"]`);'
        " mdcheck's modules compiled to bytecode first, as an installed package's are.",
        "",
        "| Measurement | Median (s) | vs floor | Peak memory (MB) | Runs |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for m in found.values():
        base = floor
        if m.key in ("md5", "md50", "floor5"):
            base = (
                found["floor5"].median * (10 if m.key == "md50" else 1)
                if "floor5" in found
                else m.median
            )
        ratio = (
            ""
            if m.key
            in ("import", "single", "single-warm", "subset", "pymarkdown", "pymarkdown-full")
            else fmt_ratio(m.median / base)
        )
        lines.append(
            f"| {m.label} | {m.median:.3f} | {ratio} | {m.peak_kb / 1024:.0f} | {len(m.times)} |"
        )
    lines += [
        "",
        "Ratios of the 5 MB and 50 MB rows are against the floor on the 5 MB file (times 10 for"
        " 50 MB). Peak memory with several processes is the largest single process.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Met |",
        "| --- | ---: | :---: |",
    ]
    for label, value, limit, higher in targets(found, files):
        met = value >= limit if higher else value <= limit
        sign = "≥" if higher else "≤"
        lines.append(
            f"| {label} ({sign} {limit:g}) | {fmt_ratio(value)} | {'yes' if met else 'NO'} |"
        )
    if "blockN" in found and "rumdl" in found:
        block = found["blockN"].median
        lines += [
            "",
            f"For reference: markdown-it-py's block parse alone (no rules; mdcheck's block"
            f" scanner replaces it on plain articles) takes"
            f" {fmt_ratio(block / found['rumdl'].median)} rumdl's time on {args.jobs} processes.",
        ]
    if skipped:
        lines += ["", "Skipped: " + "; ".join(skipped) + "."]
    if "pymarkdown" in found:
        whole = (
            "It also ran once on the whole corpus (`--pymarkdown-corpus`): the target row uses"
            " that time."
            if "pymarkdown-full" in found
            else "The target row scales the subset time to the corpus by file count"
            " (`--pymarkdown-corpus` times the whole corpus once instead)."
        )
        lines += [
            "",
            f"pymarkdown gets the first {PYMARKDOWN_SUBSET} files (it takes minutes on the"
            " whole corpus and grows quadratically with file size). " + whole,
        ]
        if "subset" in found:
            subset = found["subset"].median
            lines += [
                "",
                f"On those {PYMARKDOWN_SUBSET} files alone, pymarkdown takes"
                f" {fmt_ratio(found['pymarkdown'].median / subset)} mdcheck's time; mdcheck's"
                f" run there ({subset:.3f} s) is mostly starting Python and its workers, which"
                " bounds that ratio whatever the speed per file.",
            ]
        lines.append("")
    text = "\n".join(lines).rstrip("\n") + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def targets(found: dict[str, Measurement], files: int) -> list[tuple[str, float, float, bool]]:
    """(label, measured ratio, limit, higher is better) for each measured target."""
    t = {key: m.median for key, m in found.items()}
    t["pymarkdown-corpus"] = t.get("pymarkdown", 0) * files / PYMARKDOWN_SUBSET
    wanted = [
        ("mdcheck --jobs 1 / floor", "jobs1", "floor", 1.25, False),
        ("speed-up of all cores over --jobs 1", "jobs1", "jobsN", 1.6, True),
        ("warm cache / cold run (all cores, --no-cache)", "warm", "jobsN", 0.25, False),
        ("mdcheck one.md / import markdown_it", "single", "import", 2.0, False),
        ("50 MB / 5 MB (linearity)", "md50", "md5", 11.0, False),
        ("mdcheck all cores / rumdl", "jobsN", "rumdl", 2.5, False),
        ("mdcheck all cores, first run with the cache / rumdl", "cold", "rumdl", 2.5, False),
        ("markdownlint-cli2 / mdcheck all cores", "cli2", "jobsN", 10.0, True),
        (
            "pymarkdown / mdcheck all cores, whole corpus"
            if "pymarkdown-full" in t
            else "pymarkdown (subset time scaled to the corpus) / mdcheck all cores",
            "pymarkdown-full" if "pymarkdown-full" in t else "pymarkdown-corpus",
            "jobsN",
            100.0,
            True,
        ),
    ]
    return [
        (label, t[top] / t[bottom], limit, higher)
        for label, top, bottom, limit, higher in wanted
        if t.get(top) and t.get(bottom)
    ]


def _machine(jobs: int) -> str:
    from importlib.metadata import version

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs, all-cores runs use {jobs}; Python {platform.python_version()};"
        f" markdown-it-py {version('markdown-it-py')}; mdcheck at {commit or 'unknown commit'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, no 50 MB file")
    parser.add_argument("--runs", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", default=str(BENCH / "out"), help="work folder (git-ignored)")
    parser.add_argument("--results", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--install-peers", action="store_true")
    parser.add_argument("--no-peers", action="store_true", help="measure mdcheck only")
    parser.add_argument(
        "--pymarkdown-corpus",
        action="store_true",
        help="also run pymarkdown once on the whole corpus (minutes), not only on the subset",
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="give up on a measurement after this (s)"
    )
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.install_peers:
        install_peers(out)
    data = prepare(args, out)
    measurements, skipped = plan(args, out, data)
    for name in skipped:
        print(f"skipped: {name}", file=sys.stderr)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    # measure mdcheck as installed packages run: from bytecode, like markdown-it-py
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "mdcheck")], check=True, env=env
    )
    rounds = max(m.runs for m in measurements)
    for number in range(rounds):
        print(f"round {number + 1}/{rounds}", file=sys.stderr)
        for m in measurements:
            if len(m.times) < m.runs and not m.timed_out:
                run_once(m, data, env, args.timeout)
                shown = f"{m.times[-1]:8.3f} s" if not m.timed_out else "timed out"
                print(f"  {shown}  {m.label}", file=sys.stderr)
    found = {m.key: m for m in measurements if m.times}
    skipped += [
        f"{m.label} (timed out after {args.timeout:g} s)" for m in measurements if not m.times
    ]
    print(write_results(Path(args.results), args, data, found, skipped))


if __name__ == "__main__":
    main()
