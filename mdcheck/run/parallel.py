"""Running many files: the result cache first, then worker processes for the rest.

The cache is looked up here first, so a rerun where little changed starts no pool. A file
is read for that only when the cache holds some entry for its path (a first run reads no
file twice). Workers hand their new cache entries back with their results, and this
process writes them all at the end.

Files are spread over ``jobs`` worker processes in chunks of similar byte size; results
are put back in input order, so the report is the same as with ``--jobs 1``. Small runs
stay in this process: a single file never starts a pool, and otherwise the first files
are linted here while timing them, and workers start only if the rest would take longer
than starting them costs. How long a file takes depends on the rules that are on, so
this is measured rather than guessed from sizes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdcheck.run.engine import paused_gc
from mdcheck.run.process import FileResult, RunOptions, process_file, size_limit

if TYPE_CHECKING:
    import multiprocessing.context

    from mdcheck.config import Config
    from mdcheck.run.cache import Entry, ResultCache

#: Lint in this process for about this long (seconds) to learn how fast files go ...
PROBE_SECONDS = 0.05
#: ... and start workers only if the rest would take longer than this in one process.
POOL_WORTH_SECONDS = 0.25
#: Stop measuring as soon as the rest would take this many times POOL_WORTH_SECONDS.
CLEARLY_PAYS = 4.0
#: Per-file cost, in bytes of text, added to each file's size when estimating.
FILE_OVERHEAD_BYTES = 1024
#: Each chunk takes about 1/(CHUNK_SHARE x jobs) of the bytes not yet handed out, so the
#: chunks shrink as the run goes on: large ones while there is plenty left, small ones at
#: the end, where a worker waiting for the last one would otherwise idle ...
CHUNK_SHARE = 4
#: ... down to 1/(SMALLEST_SHARE x jobs) of all the bytes.
SMALLEST_SHARE = 32


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def process_files(
    files: Sequence[str],
    configs: Sequence[Config],
    options: RunOptions,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Process ``files[i]`` under ``configs[i]``; results in the same order."""
    if cache is not None and options.fix:
        cache = None  # fixing reads and writes the files themselves: never cached
    results = _process_files(files, configs, options, jobs=jobs, cache=cache)
    if cache is not None:
        cache.flush()
    return results


def _process_files(
    files: Sequence[str],
    configs: Sequence[Config],
    options: RunOptions,
    *,
    jobs: int,
    cache: ResultCache | None,
) -> list[FileResult]:
    if jobs <= 1 or len(files) <= 1:
        return [process_file(p, c, options, cache) for p, c in zip(files, configs, strict=True)]
    results: list[FileResult | None] = [None] * len(files)
    pending: list[tuple[int, int]] = []  # (index, size in bytes)
    for index, (path, config) in enumerate(zip(files, configs, strict=True)):
        if cache is not None and cache.knows(path):
            hit, size = _lookup(cache, path, config)
        else:  # nothing stored for this path: a miss, told without reading the file
            hit, size = None, _size(path)
        if hit is not None:
            results[index] = hit
        else:
            pending.append((index, size))
    done, seconds_per_byte = _probe(
        files, configs, options, cache=cache, pending=pending, results=results
    )
    rest = pending[done:]
    if len(rest) <= 1 or not _pool_pays(rest, seconds_per_byte):
        for index, _ in rest:
            results[index] = process_file(files[index], configs[index], options, cache)
    else:
        for index, result in _run_pool(
            files, configs, options, jobs=jobs, cache=cache, pending=rest
        ):
            results[index] = result
    return [result for result in results if result is not None]


def _probe(
    files: Sequence[str],
    configs: Sequence[Config],
    options: RunOptions,
    *,
    cache: ResultCache | None,
    pending: list[tuple[int, int]],
    results: list[FileResult | None],
) -> tuple[int, float | None]:
    """Lint the first pending files here for about PROBE_SECONDS.

    Returns how many were done and the seconds per byte they took (None when too few
    were timed). The first file is not timed: it pays for imports and parser set-up.
    Measuring stops early once the files left would clearly take long enough for the
    pool (CLEARLY_PAYS times POOL_WORTH_SECONDS): a large run wastes no time here.
    """
    done = 0
    weight = 0
    start = 0.0
    left = sum(size + FILE_OVERHEAD_BYTES for _, size in pending)  # bytes not linted yet
    while done < len(pending):
        if done == 1:
            start = time.perf_counter()
        elif done > 1:
            elapsed = time.perf_counter() - start
            if elapsed >= PROBE_SECONDS:
                break
            if left * elapsed >= CLEARLY_PAYS * POOL_WORTH_SECONDS * weight:
                break
        if done == 0 and PROBE_SECONDS <= 0:
            break
        index, size = pending[done]
        results[index] = process_file(files[index], configs[index], options, cache)
        left -= size + FILE_OVERHEAD_BYTES
        if done >= 1:
            weight += size + FILE_OVERHEAD_BYTES
        done += 1
    if done < 2 or weight == 0:
        return done, None
    return done, (time.perf_counter() - start) / weight


def _pool_pays(rest: list[tuple[int, int]], seconds_per_byte: float | None) -> bool:
    """Whether the files left would take long enough in one process to start workers."""
    if seconds_per_byte is None:
        return True  # nothing measured yet: a large run, or a test asking for the pool
    left = sum(size + FILE_OVERHEAD_BYTES for _, size in rest)
    return left * seconds_per_byte >= POOL_WORTH_SECONDS


def _lookup(cache: ResultCache, path: str, config: Config) -> tuple[FileResult | None, int]:
    from mdcheck.run.files import TooLargeError, read_bytes

    try:
        raw = read_bytes(path, size_limit(path, config))
    except (OSError, TooLargeError):
        return None, 0  # process_file reports it
    diagnostics = cache.get(cache.key(path, config, raw), path)
    if diagnostics is None:
        return None, len(raw)
    return FileResult(path, diagnostics), len(raw)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _chunks(pending: list[tuple[int, int]], jobs: int) -> list[list[int]]:
    """Consecutive runs of file indexes, for ``jobs`` workers, of shrinking byte sizes
    (see CHUNK_SHARE)."""
    left = sum(file_size for _, file_size in pending)
    smallest = max(1, left // (jobs * SMALLEST_SHARE))
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, file_size in pending:
        current.append(index)
        size += file_size
        if size >= max(smallest, left // (jobs * CHUNK_SHARE)):
            chunks.append(current)
            left -= size
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


# -- worker side ----------------------------------------------------------------------------

_state: dict[str, object] = {}


def _init(
    files: Sequence[str],
    configs: Sequence[Config],
    options: RunOptions,
    cache: ResultCache | None,
) -> None:
    _state["files"] = files
    _state["configs"] = configs
    _state["options"] = options
    if cache is not None:
        cache.take()  # entries the main process recorded before starting workers are its own
    _state["cache"] = cache


def _work(chunk: list[int]) -> tuple[list[tuple[int, FileResult]], list[Entry]]:
    """Lint a chunk; its results and the cache entries they made (for the main process)."""
    files: Sequence[str] = _state["files"]  # type: ignore[assignment]
    configs: Sequence[Config] = _state["configs"]  # type: ignore[assignment]
    options: RunOptions = _state["options"]  # type: ignore[assignment]
    cache: ResultCache | None = _state["cache"]  # type: ignore[assignment]
    results = [(i, process_file(files[i], configs[i], options, cache)) for i in chunk]
    return results, cache.take() if cache is not None else []


def _run_pool(
    files: Sequence[str],
    configs: Sequence[Config],
    options: RunOptions,
    *,
    jobs: int,
    cache: ResultCache | None,
    pending: list[tuple[int, int]],
) -> list[tuple[int, FileResult]]:
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(pending, jobs)
    context = _context()
    out: list[tuple[int, FileResult]] = []
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)),
        mp_context=context,
        initializer=_init,
        initargs=(list(files), list(configs), options, cache),
    ) as pool:
        parts = pool.map(_work, chunks)  # (the workers start here, the collector on)
        # Unpickling the results makes many objects, none in a reference cycle: without
        # the pause, the collector would walk the growing pile of results again and again
        # (more than half of this process's time while the workers run).
        with paused_gc():
            for part, entries in parts:
                out.extend(part)
                if cache is not None:
                    cache.add(entries)
    return out


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe and cheap (Linux): workers start without re-importing."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
