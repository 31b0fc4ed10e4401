"""Running rules over files: the engine (rules over one Document, suppressions, the fixer),
file discovery and reading, processing one file, parallel workers and the result cache.

May import every layer below it: ``util``, ``diagnostic``, ``errors``, ``markdown``,
``schema``, ``article``, ``rules`` and ``config``. Never formatters, the server or the CLI.
"""
