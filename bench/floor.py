"""The floor: read, decode and fully parse every file with markdown-it-py; no rules.

    python bench/floor.py PATH... [--jobs N] [--block-only]

Uses the parser configuration mdcheck uses (CommonMark plus tables and strikethrough),
with the inline pass on (``--block-only``: off; the block structure alone, which is what
mdcheck's own block scanner builds for plain articles). Folders are walked for
``*.md``. ``--jobs N`` spreads the files over N processes (default 1), as
``mdcheck --jobs N`` does.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markdown_it import MarkdownIt


def _parser(block_only: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"])
    return md.disable("inline") if block_only else md


def parse_files(paths: list[str], block_only: bool = False) -> int:
    md = _parser(block_only)
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
    parser.add_argument("--block-only", action="store_true", help="skip the inline pass")
    args = parser.parse_args()
    files = files_under(args.paths)
    if args.jobs <= 1 or len(files) < 2:
        total = parse_files(files, args.block_only)
    else:
        size = max(1, len(files) // (args.jobs * 8))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        with ProcessPoolExecutor(args.jobs) as pool:
            total = sum(pool.map(parse_files, chunks, [args.block_only] * len(chunks)))
    print(f"{len(files)} files, {total} block tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
