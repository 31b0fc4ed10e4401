# ruff: noqa: E501  (a Markdown table's rows are one line each)
"""What docs/rules.md says about the hygiene family as a whole: its defaults and why."""

from __future__ import annotations

DEFAULTS_NOTE = """\
## Hygiene rules (HY) and markdownlint

The HY rules are markdownlint's rule set on mdcheck's parse: ``HY022`` is ``MD022``, and
every rule answers to markdownlint's code and alias (``--select MD022``,
``ignore = ["no-bare-urls"]``, ``<!-- markdownlint-disable MD033 -->``). Rules mdcheck had
already keep their codes: MD001 = HD002, MD025 = HD001, MD040 = CF004, MD043 ~ ART001 /
ART002, MD047 = DOC001, MD056 = TB001. Parameters keep markdownlint's names in kebab case
(``lines_above`` -> ``lines-above``).

**Defaults.** The rules markdownlint enables by default are on, except those that are
noise on articles and ordinary documentation sites (measured on the public-docs corpus
and the Markdown installed on a Debian system):

| rule | default | why |
| --- | --- | --- |
| HY013 line-length (MD013) | off | articles are written a paragraph a line; wrapping is a style, not a defect (3,262 findings on the corpus, none a defect) |
| HY007 bullet-indent (MD007) | off | four spaces a level is as common as two and Python-Markdown (MkDocs) requires it; both render alike |
| HY014 dollar-without-output (MD014) | off | ``$ command`` prompts are a deliberate convention of many documentation sites (134 findings on one site's docs) |
| HY028 blanks-in-blockquote (MD028) | off | two quotes separated by a blank line are two quotes in CommonMark; authors write them on purpose |

Parameters that differ from markdownlint's defaults, for the same reason: HY024
``siblings-only = true`` (articles repeat a subsection title under every section), HY010
``code-blocks = false`` (Go and Makefile code needs tabs).
Semantics that differ on purpose are named in each rule's text below (HY003 after a setext
title, HY018 before a digit, HY020 for ``C#``, HY026 for an ellipsis, HY029 for a list
that starts again after a code block, HY036 for ``**标题：**`` labels).
"""
