"""Reading one file: decoded text and lines, front matter, the block scan and its tokens,
fences, the article wrapper, tables, sections and inline text.

Owns :class:`mdcheck.markdown.document.Document`, the parse of one file that every rule
reads. May import: ``mdcheck.util``, ``mdcheck.diagnostic``, ``mdcheck.errors``, and the
Markdown and YAML libraries. Never rules, configuration or running.
"""
