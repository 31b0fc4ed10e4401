"""The floor: read, decode and fully parse every file with markdown-it-py; no rules.

    python bench/floor.py PATH... [--jobs N]

Uses the parser configuration mdcheck uses (CommonMark plus tables and strikethrough),
with the inline pass on. Folders are walked for ``*.md``. ``--jobs N`` spreads the files
over N processes (default 1), as ``mdcheck --jobs N`` does.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markdown_it import MarkdownIt


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"])


def parse_files(paths: list[str]) -> int:
    md = _parser()
    tokens = 0
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        tokens += len(md.parse(text))
    return tokens


def files_under(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(sorted(str(p) for p in Path(path).rglob("*.md")))
        else:
            found.append(path)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    files = files_under(args.paths)
    if args.jobs <= 1 or len(files) < 2:
        total = parse_files(files)
    else:
        size = max(1, len(files) // (args.jobs * 8))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        with ProcessPoolExecutor(args.jobs) as pool:
            total = sum(pool.map(parse_files, chunks))
    print(f"{len(files)} files, {total} block tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
