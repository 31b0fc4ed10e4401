"""What trend articles mean: section numbering, numbered outlines, outline profiles,
comparison tables, and the shapes of generated text.

May import: ``mdcheck.util``, ``mdcheck.diagnostic``, ``mdcheck.errors``,
``mdcheck.markdown`` and ``mdcheck.schema``. Never rules, configuration or running.
"""
