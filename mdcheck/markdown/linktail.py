"""The part of a link after its text: ``(destination "title")`` or ``[label]``.

Read on the raw characters, as markdown-it-py reads them, but through arrays of next
positions built once per text (right to left, linear): the next unescaped quote, bracket
or parenthesis, the next space, and for each position the first ``)`` that closes more
parentheses than open after it. Each link tail is then read in time proportional to
itself, however many unclosed ``[a](b`` come before it.
"""

from __future__ import annotations

import re

_BAD_PROTOCOL = re.compile(r"(?:vbscript|javascript|file|data):")
_GOOD_DATA = re.compile(r"data:image/(?:gif|png|jpeg|webp);")


def normalize_label(label: str) -> str:
    """A reference label as definitions are matched: whitespace collapsed, case folded."""
    return " ".join(label.split()).casefold()


class LinkTails:
    """Link tails of one inline text (built for its first ``]``: most texts have none)."""

    def __init__(self, src: str, references: frozenset[str] | None) -> None:
        self.src = src
        self.n = n = len(src)
        self.references = references
        escaped = [False] * (n + 1)
        backslashes = 0
        for i, ch in enumerate(src):
            escaped[i] = backslashes % 2 == 1
            backslashes = backslashes + 1 if ch == "\\" else 0
        self.escaped = escaped
        # the next unescaped occurrence of each title or destination character
        nexts: dict[str, list[int]] = {}
        for ch in "\"')(<>[]\n":
            table = [n] * (n + 1)
            following = n
            for i in range(n - 1, -1, -1):
                if src[i] == ch and not escaped[i]:
                    following = i
                table[i] = following
            nexts[ch] = table
        self.next_of = nexts
        space = [n] * (n + 1)
        nonspace = [n] * (n + 1)
        following_space = following_nonspace = n
        for i in range(n - 1, -1, -1):
            if src[i] <= " ":
                following_space = i
            else:
                following_nonspace = i
            space[i] = following_space
            nonspace[i] = following_nonspace
        self.next_space = space  # the next space or control character
        self.next_nonspace = nonspace
        # paren balance: the first unescaped ")" at which the balance from i drops below 0
        balance = [0] * (n + 1)
        for i, ch in enumerate(src):
            step = 0
            if not escaped[i]:
                step = 1 if ch == "(" else -1 if ch == ")" else 0
            balance[i + 1] = balance[i] + step
        drop = [n] * (n + 1)
        stack: list[int] = []  # positions whose drop is not yet found
        for i in range(n + 1):
            while stack and balance[i] < balance[stack[-1]]:
                drop[stack.pop()] = i - 1  # src[i - 1] is the ")" that dropped below
            stack.append(i)
        self.balance = balance
        self.drop = drop

    def tail(self, pos: int, label_start: int) -> int:
        """The end of ``(destination "title")`` or ``[label]`` at ``pos``, right after
        the ``]`` of a link text that starts at ``label_start``, or -1 (markdown-it's
        order: the inline form first, then a reference)."""
        src, n = self.src, self.n
        label_end = pos - 1
        if src[pos : pos + 1] == "(":
            end, pos = self._inline_tail(pos + 1)
            if end != -1:
                return end  # a link, or -2: not one, and no reference either
        else:
            pos = label_end + 1
        label = ""
        end = label_end + 1
        if src[pos : pos + 1] == "[":
            close = self.next_of["]"][pos + 1]
            inner = src[pos + 1 : close]
            if close < n and self.next_of["["][pos + 1] > close and len(inner) < 1000:
                label, end = inner, close + 1
                if self.references is None:  # definitions unknown: a full or collapsed
                    return end  # reference is taken for a link
        if not label:
            label = src[label_start:label_end]
        if self.references is not None and normalize_label(label) in self.references:
            return end
        return -1

    def _inline_tail(self, pos: int) -> tuple[int, int]:
        """After ``(``: the end of an inline link's tail, or (-1, where a reference
        label would be looked for), or (-2, 0) when the text is no link at all."""
        src, n = self.src, self.n
        pos = self._skip_space(pos)
        if pos >= n:
            return -2, 0
        start = pos
        if src[pos] == "<":
            close = self.next_of[">"][pos + 1]
            newline = self.next_of["\n"][pos + 1]
            less = self.next_of["<"][pos + 1]
            ok = close < n and newline > close and less > close
            dest_end = close + 1
        else:
            dest_end = min(self.next_space[pos], self.drop[pos])
            ok = dest_end > pos and self.balance[dest_end] == self.balance[pos]
        if ok:
            destination = src[start:dest_end].strip("<>").strip().lower()
            if _BAD_PROTOCOL.match(destination) and not _GOOD_DATA.match(destination):
                ok = False  # markdown-it drops the destination and stays where it was
            else:
                pos = dest_end
        if ok:
            spaced = self._skip_space(pos)
            if spaced > pos and spaced < n and src[spaced] in "\"'(":
                quote = src[spaced]
                close = self.next_of[")" if quote == "(" else quote][spaced + 1]
                if close < n and not (quote == "(" and self.next_of["("][spaced + 1] < close):
                    spaced = self._skip_space(close + 1)
            pos = spaced
        if pos < n and src[pos] == ")":
            return pos + 1, 0
        return -1, pos + 1

    def _skip_space(self, pos: int) -> int:
        """The first position at or after ``pos`` that is not a space, tab or newline."""
        src, n = self.src, self.n
        while pos < n and src[pos] in " \t\n":
            nxt = self.next_nonspace[pos]
            if nxt > pos + 1 and src[pos:nxt].strip(" \t\n"):
                return pos  # another control character: stop at it
            pos = nxt
        return pos
