"""GEN010: near-duplicate articles across the files of one run (a collection check)."""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule


class NearDuplicateFile(Rule):
    """Two files of the run hold nearly the same article.

    **Why.** Generation pipelines that rerun a day's job publish the same article under
    two dates (``2025-02-17.md`` and ``2025-02-18.md``), or a second generation that only
    reworded a few sentences.

    **How.** A collection check over the files of one run: each checked file's text
    (front matter left out) becomes a MinHash signature over five-word shingles (each
    Chinese character counts as a word); files whose signatures agree on a band are
    compared, and a pair at least ``threshold`` similar (estimated Jaccard similarity of
    the shingle sets) is reported on both files, each naming the other as the run names
    it (the most similar one, with the number of further ones). The work is linear in the
    number of files; it is done after the files are linted, in the main process (the
    files' text is read again, not parsed), so it gives the same
    result with any ``--jobs`` and with the result cache. Files shorter than
    ``min-words`` are not compared. A standard-input run has no other files: nothing to
    report.

    **Off by default.** Documentation sites keep near-duplicate pages on purpose
    (versioned docs, ``v1/`` and ``v2/``; one page per platform), and the check needs the
    whole set of files; turn it on for article folders: ``extend-select = ["GEN010"]``.
    Inline suppression comments do not apply to it (use ``per-file-ignores``).

    **Example.** ``this article is 93% the same as posts/2025-02-17.md (and 1 more file);
    keep one of them``.

    **Fix.** None: delete or rewrite one of the copies.
    """

    code = "GEN010"
    name = "near-duplicate-file"
    summary = "Another file of the run holds nearly the same article"
    enabled_by_default = False
    options = (
        Option(
            "threshold",
            {"type": "number", "minimum": 0.5, "maximum": 1},
            0.8,
            "Least estimated similarity (Jaccard, of five-word shingles) reported.",
        ),
        Option(
            "min-words",
            {"type": "integer", "minimum": 5},
            100,
            "Files with fewer words (Chinese characters count one each) are not compared.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        return iter(())  # see mdcheck.run.collection: the check runs over the whole run


RULES: tuple[type[Rule], ...] = (NearDuplicateFile,)
