"""Generated-text leftovers (GEN001-GEN009): what a chat model leaves in an article.

The analyses live in :mod:`mdcheck.article.leftovers`, :mod:`mdcheck.article.titles` and
:mod:`mdcheck.article.endings`; the phrase lists in :mod:`mdcheck.article.phrases`. Every
rule reads the rendered text of blocks (never code blocks, inline code or HTML comments)
and is anchored where the leftover appears, so that an article about chat models that
shows these tokens or phrases in code, or quotes them mid-article, is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Severity
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule


def _extend_option(kind: str) -> Option:
    from mdcheck.article.phrases import EXTEND_SCHEMA

    return Option(
        "extend-phrases",
        EXTEND_SCHEMA,
        {},
        f"More {kind} phrases, by language: {{zh = [...], en = [...], ja = [...]}}; "
        "compared without case, width and spacing differences.",
    )


class ChatTemplateToken(Rule):
    """A chat-template token is left in the text.

    **Why.** Pipelines that cut a model's raw output into an article sometimes keep the
    tokens that delimit the turns of the conversation: ``<|im_start|>``, ``<|im_end|>``,
    ``<|assistant|>``, ``<|user|>``, ``<|im_sep|>``, ``<|endoftext|>``, ``<|eot_id|>``,
    ``<｜end▁of▁sentence｜>``, ``<sop>``, ``[INST]`` / ``[/INST]``, ``<<SYS>>``. Readers
    see them as garbage.

    **What is reported.** Any token of the shape ``<|name|>`` (also with full-width
    bars), ``[INST]``, ``[/INST]``, ``<<SYS>>``, ``<sop>``, ``<eop>``; and ``<s>`` /
    ``</s>`` (which are also HTML strike-through tags) only alone on a line, opening the
    body or ending it. Tokens in code blocks, inline code and HTML comments are the
    subject of an article about chat templates, not leftovers.

    **Example.** ``chat-template token "<|im_end|>" left in the text; delete it``.

    **Fix (unsafe).** A token alone on its line is deleted with the line.
    """

    code = "GEN001"
    name = "chat-template-token"
    summary = "A chat-template token is left in the text"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.leftovers import chat_tokens

        for found in chat_tokens(doc):
            edits = [doc.delete_lines(*found.delete)] if found.delete else []
            yield self.report(
                doc,
                found.span,
                f'chat-template token "{found.found}" left in the text; delete it'
                + (" (fix: --unsafe-fixes)" if edits else ""),
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description=f"delete the line holding {found.found}",
            )


class PlaceholderTitle(Rule):
    """The title is a placeholder: ``## 文章标题``, ``# {{此处是文章标题}}``, ``# Title``.

    **Why.** A template's title slot that the pipeline never filled publishes an article
    called "文章标题" or "Title"; a front-matter ``title: "2025-02-17-2"`` (the file name)
    is the same failure one step earlier.

    **What is reported.** The first heading of the body and every H1 whose whole text
    (without a section number, markup and the brackets or braces around it) is a
    placeholder; a front-matter ``title`` that is one, or that is the file name's stem
    when the stem is a date or a number.

    **Default phrases.** Chinese: 标题, 文章标题, 题目, 主标题, 此处是文章标题, 这里是标题,
    在此输入标题, 请输入标题, 无标题 (and the like). English: Title, Heading, Article Title,
    Your Title Here, Title Goes Here, Insert Title Here, Enter Title, Untitled.
    ``extend-phrases`` adds whole titles.

    **Fix.** Write the title.
    """

    code = "GEN002"
    name = "placeholder-title"
    summary = "The title is a placeholder"
    severity = Severity.ERROR
    options = (_extend_option("placeholder title"),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.phrases import from_settings
        from mdcheck.article.titles import placeholder_titles

        for found in placeholder_titles(doc, from_settings("title", self.settings)):
            yield self.report(doc, found.span, found.message)


class TruncatedEnding(Rule):
    """The article stops before its end: mid-sentence, on an empty heading, in an
    unfinished list item or table row, or inside a code block that is never closed.

    **Why.** A generation that hits its length limit or times out is saved as it is:
    ``A: 代理机制的``, a last ``## 5. 总结`` with nothing under it, a table whose last row
    has two of its four cells.

    **How it is told.** Only the last block of the body is read, against the article's
    own habits:

    - a paragraph that ends on a comma, colon, enumeration comma or opening bracket;
      or one that ends on a letter, digit or ideograph when the article's other
      paragraphs (at least three of 20+ characters) nearly all (90%) end with closing
      punctuation. A last line that ends on a link, code or emphasis is a label, not a
      sentence.
    - a list whose last item ends that way while the list's other items (at least two)
      all end with punctuation;
    - a heading, when the article has paragraphs before it;
    - a table row with fewer cells than the header, or without the closing ``|`` the
      header has;
    - a code block that is never closed and has content (an empty one is a stray fence
      marker, reported by CF001 alone).

    **Fix.** None: finish or regenerate the article.
    """

    code = "GEN003"
    name = "truncated-ending"
    summary = "The article stops mid-sentence or mid-block"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.endings import truncated_ending

        found = truncated_ending(doc)
        if found is not None:
            yield self.report(doc, found.span, found.message)


class RepeatedContent(Rule):
    """A paragraph or a whole section repeats earlier text of the article word for word.

    **Why.** Models that loop, and pipelines that concatenate retries, publish the same
    paragraph or section twice.

    **What is compared.** Top-level paragraphs, and sections (a heading with the
    paragraphs up to the next heading), without whitespace, markup characters and
    punctuation, so that spacing and punctuation variants still match. Text shorter
    than ``min-length`` (Chinese characters count double) is not compared: short notes
    such as "See the API reference." recur on purpose. A paragraph inside a repeated
    section is reported with the section, not again. Repetition across files (a license
    footer on every page) is never a finding here.

    **Where.** A paragraph counts when it repeats one of its own section. A repeat in
    another section counts only in an article (a document with front matter), and not
    when the paragraph holds code or a link, a heading holds code, or the two sections
    have the same heading: reference documentation repeats a note under the headings of
    parallel functions or options on purpose. A section counts when it repeats a section
    under the same parent heading. An article (with front matter) whose second half has
    the first half's outline (heading levels and section numbers) in the other language
    (one half's headings Chinese, the other's not) repeats itself in translation; a
    README may be bilingual on purpose and is not read for this.

    **Example.** ``this paragraph repeats the one on line 12 ("…"); delete one of them``.

    **Fix.** None: decide which copy to keep.
    """

    code = "GEN004"
    name = "repeated-content"
    summary = "A paragraph or section is repeated"
    options = (
        Option(
            "min-length",
            {"type": "integer", "minimum": 1},
            100,
            "Shortest text compared, in characters (CJK characters count double).",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.endings import repeated_content

        for found in repeated_content(doc, self.settings["min-length"]):
            yield self.report(doc, found.span, found.message)


class LeakedPrompt(Rule):
    """Instructions of the prompt are left in the article.

    **Why.** Prompts carry constraints for the model (``字数不少于 3000 字``, ``Mermaid
    流程节点中不要有括号``, ``use Markdown headings``); a model that echoes them, or a
    pipeline that pastes the prompt's notes into the text, publishes them.

    **What is reported.** A paragraph (at any depth) that holds a word-count demand
    (``字数不少于 3000 字``, ``at least 1500 words``, ``word count:``), a parenthesised
    note that gives an order (``（备注：…不要…）``), a ``要求：`` / ``Requirements:`` line
    about the writing (length, format, headings, tone), an order about the output
    format (``以 Markdown 格式输出``, ``output in Markdown``, ``Note: use Markdown
    headings``), or a task statement opening the text (``请以…为题写一篇``, ``Write an
    article about…``). ``extend-phrases`` adds phrases looked for anywhere in a
    paragraph.

    **Fix.** None: delete the instruction and check the text around it.
    """

    code = "GEN005"
    name = "leaked-prompt"
    summary = "Instructions of the prompt are left in the text"
    options = (_extend_option("prompt"),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.leftovers import prompt_lines
        from mdcheck.article.phrases import from_settings

        for found in prompt_lines(doc, from_settings("prompt", self.settings)):
            yield self.report(
                doc,
                found.span,
                f'instruction of the prompt left in the text ("{found.found}"); delete it',
            )


class AssistantPreamble(Rule):
    """The article opens with the assistant's reply to its request.

    **Why.** "好的，我会严格遵循约束条件……", "以下是根据您的要求撰写的文章：",
    "Sure! Here's the article:" and the first lines of leaked reasoning ("嗯，用户让我…",
    "Okay, the user wants…") are the model talking to whoever asked, not the article.

    **What is reported.** Only the first block of the body, or the first after a leading
    H1, and only a paragraph; the same words quoted later in an article, or in code, are
    not. Default phrases, Chinese: 好的，/ 当然，/ 没问题，… at the start, 以下是根据您的
    要求…, 以下是一篇…文章：, 根据您的要求, 我会严格遵循…, 嗯，用户…, 用户让我…, 我需要写一篇….
    English: Sure! / Certainly, / Of course, at the start, Here's the article / your blog
    post …: (ending with a colon), Okay, the user…, The user wants…, As requested, I've
    written a…. ``extend-phrases`` adds phrases looked for anywhere in that paragraph.

    **Fix (unsafe).** Deletes the paragraph and the blank lines after it.
    """

    code = "GEN006"
    name = "assistant-preamble"
    summary = "The article opens with the assistant's reply"
    severity = Severity.ERROR
    fixable = True
    options = (_extend_option("preamble"),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.leftovers import preamble
        from mdcheck.article.phrases import from_settings

        found = preamble(doc, from_settings("preamble", self.settings))
        if found is None or found.delete is None:
            return
        yield self.report(
            doc,
            found.span,
            f'the article opens with the assistant\'s reply ("{found.found}"), not part of the '
            "article; delete it (fix: --unsafe-fixes)",
            edits=[doc.delete_lines(*found.delete)],
            applicability=Applicability.UNSAFE,
            fix_description="delete the assistant's opening paragraph",
        )


class AssistantClosing(Rule):
    """The article ends with the assistant's closing chatter.

    **Why.** "如需修改请告诉我", "Let me know if you'd like any changes", "Would you like me
    to expand…?" are addressed to whoever asked for the article, not to its readers.

    **What is reported.** The last paragraphs of the body (a thematic break right before
    them goes with them). Default phrases, Chinese: 如需修改 / 调整 / 补充…, 请告诉我,
    随时告诉我, 如果您需要我…, 我可以为您…, 需要我进一步…. English: Let me know if you'd
    like / you need…, Would you like me to…, If you'd like, I can…, I can also expand /
    adjust…, I hope this article helps. A writer's own sign-off ("希望对你有帮助",
    "Thanks for reading") is not chatter and is not in the lists. ``extend-phrases``
    adds phrases looked for anywhere in those paragraphs.

    **Fix (unsafe).** Deletes the paragraphs (and the break before them).
    """

    code = "GEN007"
    name = "assistant-closing"
    summary = "The article ends with the assistant's closing chatter"
    severity = Severity.ERROR
    fixable = True
    options = (_extend_option("closing"),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.leftovers import closing
        from mdcheck.article.phrases import from_settings

        for found in closing(doc, from_settings("closing", self.settings)):
            if found.delete is None:
                continue
            yield self.report(
                doc,
                found.span,
                f'the article ends with the assistant\'s chatter ("{found.found}"), not part '
                "of the article; delete it (fix: --unsafe-fixes)",
                edits=[doc.delete_lines(*found.delete)],
                applicability=Applicability.UNSAFE,
                fix_description="delete the assistant's closing paragraph",
            )


class ReasoningBlock(Rule):
    """The model's reasoning is left in the article: a ``<think>…</think>`` block.

    **Why.** Reasoning models write their deliberation between ``<think>`` and
    ``</think>`` (also ``<thinking>``, ``<reasoning>``); some templates put the opening
    tag in the prompt, so the output starts with reasoning and only a ``</think>`` ends
    it. Browsers hide the unknown tags and show the reasoning as text.

    **What is reported.** A block from ``<think>`` opening a line to its ``</think>``;
    a ``</think>`` before the first heading without an opening tag, from the first line
    of the body; an opening tag that is never closed. Tags in code and HTML comments are
    not looked at.

    **Fix (unsafe).** Deletes the lines from the opening tag to the closing one, when
    nothing follows the closing tag on its line.
    """

    code = "GEN008"
    name = "reasoning-block"
    summary = "The model's reasoning is left in the text"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        from mdcheck.article.leftovers import reasoning_blocks

        for found in reasoning_blocks(doc):
            span = found.span
            where = f"lines {span.line}–{span.end_line}" if span.end_line > span.line else ""
            message = (
                "the model's reasoning (<think> block"
                + (f", {where}" if where else "")
                + ") is left in the text; delete it"
            )
            if found.found.endswith("(never closed)"):
                message = "a <think> block of the model's reasoning opens here and is never closed"
            elif found.found == "</think>":
                message = (
                    f"the text up to this </think> ({where or 'line ' + str(span.line)}) is the "
                    "model's reasoning, left in the text; delete it"
                )
            edits = [doc.delete_lines(*found.delete)] if found.delete else []
            yield self.report(
                doc,
                span,
                message + (" (fix: --unsafe-fixes)" if edits else ""),
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description="delete the reasoning block",
            )


class TitleHeadingMismatch(Rule):
    """A body without an H1 opens with a title-like heading that differs from the
    front-matter title.

    **Why.** FM007 compares the front-matter title with the H1. Generated articles
    often have no H1 but open with a heading that stands as the title (the only one of
    its level, above all the others): when it names another article than the front
    matter does, one of the two is wrong.

    **What is compared.** The heading's text and the title without section numbers,
    markup, case, width, spaces and punctuation; one containing the other is a match (a
    subtitle). Docs pages whose first heading is one of several sections
    (``## Overview`` then ``## Install``) are not read.

    **Fix.** None: make them the same.
    """

    code = "GEN009"
    name = "title-heading-mismatch"
    summary = "The title-like first heading differs from the front-matter title"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        data = doc.front_matter_data
        if data is None or not isinstance(data.data, dict):
            return
        title = data.data.get("title")
        if not isinstance(title, str) or not title.strip():
            return
        from mdcheck.article.blocks import prose
        from mdcheck.article.titles import compare_key, is_placeholder, title_heading

        heading = title_heading(doc)
        if heading is None:
            return
        ours, theirs = compare_key(heading.text), compare_key(title)
        if not ours or not theirs or ours in theirs or theirs in ours or theirs.isdigit():
            return  # (a title made of the file name's digits is GEN002's)
        if is_placeholder(prose(heading.text)):
            return  # GEN002 reports it
        location = data.locations.get("/title")
        yield self.report(
            doc,
            doc.line_span(heading.line, _text_col(doc, heading.line, heading.text)),
            f'the first heading "{prose(heading.text)}" stands as the title but differs from '
            f'the front-matter title "{title.strip()}"'
            + (f" (line {location.value.line})" if location is not None else "")
            + "; make them the same",
        )


RULES: tuple[type[Rule], ...] = (
    ChatTemplateToken,
    PlaceholderTitle,
    TruncatedEnding,
    RepeatedContent,
    LeakedPrompt,
    AssistantPreamble,
    AssistantClosing,
    ReasoningBlock,
    TitleHeadingMismatch,
)


def _text_col(doc: Document, line: int, text: str) -> int:
    """1-based column of ``text`` on ``line`` (1 when it is not there)."""
    return doc.lines[line - 1].find(text) + 1 or 1
