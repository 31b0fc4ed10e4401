"""The mdcheck language server (``mdcheck server``), speaking LSP over standard I/O.

It needs the ``lsp`` extra (``pip install 'mdcheck-lint[lsp]'``, which brings pygls). Nothing
here imports pygls at import time: :mod:`mdcheck.server.positions` is plain Python, and
:func:`serve` imports the protocol layer only when the server is started.
"""

from __future__ import annotations

LSP_PACKAGES = ("pygls", "lsprotocol", "cattrs", "attrs")


def serve() -> None:
    """Run the language server on standard input and output until the client exits."""
    from mdcheck.server.app import build_server

    build_server().start_io()
