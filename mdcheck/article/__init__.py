"""What trend articles mean: section numbering, numbered outlines, outline profiles,
comparison tables, and the shapes of generated text: refusals and template slots
(``generated``), and what a chat model leaves behind (``leftovers``, ``titles``,
``endings``, read through ``blocks`` and matched with ``phrases``).

May import: ``mdcheck.util``, ``mdcheck.diagnostic``, ``mdcheck.errors``,
``mdcheck.markdown`` and ``mdcheck.schema``. Never rules, configuration or running.
"""
