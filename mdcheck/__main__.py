"""``python -m mdcheck``."""

import sys

try:
    from mdcheck.cli import entry
except ModuleNotFoundError as exc:  # run by a Python mdcheck is not installed in
    if exc.name is None or exc.name.partition(".")[0] == "mdcheck":
        raise
    print(
        f"mdcheck: error: {exc.name!r} is not installed for {sys.executable}; install mdcheck"
        " with its dependencies (pip install mdcheck-lint, or `make setup` in a clone and"
        " run .venv/bin/mdcheck)",
        file=sys.stderr,
    )
    sys.exit(2)

entry()
