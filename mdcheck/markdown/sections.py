"""Section titles that need no number (结语, References, …), matched cheaply.

The numbering rules skip these when they ask for a missing number: a conclusion, a
reference list or a preface is commonly left unnumbered among numbered sections.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from mdcheck.markdown.inline import normalize

DEFAULT_EXEMPT = (
    "结语",
    "总结",
    "小结",
    "结论",
    "结束语",
    "写在最后",
    "参考文献",
    "参考资料",
    "参考链接",
    "延伸阅读",
    "相关阅读",
    "附录",
    "前言",
    "引言",
    "序言",
    "导语",
    "摘要",
    "目录",
    "后记",
    "致谢",
    "免责声明",
    "常见问题",
    "Conclusion",
    "Conclusions",
    "Summary",
    "References",
    "Bibliography",
    "Further Reading",
    "See Also",
    "Resources",
    "Appendix",
    "Introduction",
    "Preface",
    "Foreword",
    "Abstract",
    "Table of Contents",
    "Contents",
    "TL;DR",
    "FAQ",
    "Glossary",
    "Notes",
    "Acknowledgements",
    "Acknowledgments",
    "License",
    "Contributing",
    "Changelog",
    "Final Thoughts",
    "Wrapping Up",
    "Key Takeaways",
)


def _starts_cjk(name: str) -> bool:
    """CJK punctuation, kana or ideograph first (by code point: a regular-expression
    class this wide costs milliseconds to compile at start-up)."""
    return bool(name) and (0x3000 <= ord(name[0]) <= 0x9FFF or 0xF900 <= ord(name[0]) <= 0xFAFF)


@functools.lru_cache(maxsize=16)  # one per configured list, not one per document
def exempt_matcher(names: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a title is an exempt section: set look-ups, not a scan of the names.

    A title matches a name exactly, or followed by ``:`` (``Appendix: Data``), or followed
    by at most two words (``Appendix A``, ``Summary and outlook``); a Chinese name also
    followed by up to four characters (``总结与展望``, ``参考文献列表``).
    """
    wanted = {normalize(name) for name in names if name.strip()}
    cjk_lengths = sorted({len(name) for name in wanted if _starts_cjk(name)})

    @functools.lru_cache(maxsize=4096)  # pure; section titles recur across documents
    def matches(title: str) -> bool:
        plain = normalize(title)
        if plain in wanted:
            return True
        head = re.split(r"[:：]", plain, maxsplit=1)[0].strip()
        if head != plain and head in wanted:
            return True
        words = plain.split()
        for count in range(max(1, len(words) - 2), len(words)):
            if " ".join(words[:count]) in wanted:
                return True
        return any(len(plain) - length <= 4 and plain[:length] in wanted for length in cjk_lengths)

    return matches
