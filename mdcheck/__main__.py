"""``python -m mdcheck``."""

from mdcheck.cli import main

raise SystemExit(main())
