"""The phrases that give generated text away, per kind and language, and their matching.

Each kind (``preamble``, ``closing``, ``prompt``, ``title``) has default patterns per
language (``zh``, ``en``), written against the folded text of a block
(:func:`fold_phrase`): NFKC (so ``，：！`` are ``,:!``), case folded, curly quotes
straightened, whitespace collapsed and kept only between two ASCII letters or digits
(``根据 您的 要求`` is ``根据您的要求``, ``Sure ! Here's`` is ``sure!here's``). A
configuration extends a kind with literal phrases (``extend-phrases = {zh = ["…"],
ja = ["…"]}``): they are folded the same way and looked for as they are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "「": '"', "」": '"'})
_SPACE_RUNS = re.compile(r"\s+")
_LONE_SPACE = re.compile(r"(?<![a-z0-9]) | (?![a-z0-9])")

#: what a preamble opens with: courtesy words and a reply to the request
_PREAMBLE = {
    "zh": (
        r"^(?:好的|好滴|当然|没问题|明白了?|收到|可以的?)[,!.。~]",
        r"^(?:以下|下面)(?:是|为)(?:我|根据|按照|依据|基于|为您|为你|您|你).{0,20}"
        r"(?:要求|撰写|生成|编写|写作|改写|润色|整理|翻译|创作)",
        r"^(?:以下|下面)(?:是|为)(?:一篇|本篇|这篇)?.{0,30}(?:文章|博文|稿件|正文)[:。]?$",
        r"^(?:根据|按照|依据)(?:您|你)的(?:要求|需求|指示|提示)",
        r"^我(?:会|将|已)(?:严格)?(?:遵循|遵守|按照|根据)",
        r"^嗯[,.]?(?:用户|我需要|让我|好的)",
        r"^(?:用户|对方)(?:让我|要求我|希望我|想要我|想让我|需要我)",
        r"^(?:首先,?)?我需要(?:写|撰写|生成|创作)一篇",
    ),
    "en": (
        r"^(?:sure|certainly|of course|absolutely)(?: thing)?[!,.]",
        r"^here(?:'s| is) (?:the|your|an?)(?: [\w-]+){0,5} (?:article|blog post|post|draft|"
        r"rewrite|essay|markdown|version)\b.{0,60}:$",
        r"^(?:okay|ok|alright|so)[,.]? ?(?:so )?(?:the user|i need to|let me|i'll|i will)\b",
        r"^the user (?:wants|asked|is asking|would like|has asked)\b",
        r"^as requested\b",
        r"^i(?:'ll| will| have|'ve) (?:write|written|create|created|draft|drafted|generate|"
        r"generated) (?:a|an|the|your)\b",
    ),
}
#: what closing chatter says: an offer to change the text, an invitation to ask for more
_CLOSING = {
    "zh": (
        r"如(?:需|果需要|有需要)(?:修改|调整|补充|扩展|扩写|润色|进一步|更多|其他|任何)",
        r"(?:请|随时|欢迎)(?:随时)?告诉我",
        r"如果(?:您|你)(?:还)?(?:需要|希望|想要|想)(?:我|进一步|调整|修改|补充|其他|更多|对)",
        r"我(?:可以|能够|很乐意)(?:为您|为你|帮您|帮你|进一步|继续|再)",
        r"(?:需要|是否需要)我(?:为您|为你|帮您|帮你|进一步|继续|再)",
    ),
    "en": (
        r"let me know if (?:you'd|you would|you want|you need|you'd like|there's|there is|"
        r"any|i should)\b",
        r"would you like me to\b",
        r"if you(?:'d| would) like,? ?i can\b",
        r"i can (?:also )?(?:expand|adjust|revise|rewrite|shorten|tailor|add more)\b",
        r"i hope (?:this|the) (?:article|post|draft|essay|piece) (?:helps|meets|is helpful)\b",
        r"(?:feel free|don't hesitate) to (?:ask|let me know) (?:me )?(?:for|if)\b",
    ),
}
#: instructions of the prompt that leaked into the text
_PROMPT = {
    "zh": (
        r"(?:字数|篇幅|全文)(?:要求)?(?:不少于|不低于|不得少于|至少|不超过|控制在|约|在)\d+",
        r"不(?:少于|低于)\d+(?:个)?(?:汉)?字",
        r"^[(](?:备注|注|注意|说明|提示|要求)[:].{0,200}(?:不要|请勿|不能|不得|禁止|务必|必须|请使用|"
        r"请用|请以|请直接).{0,200}[)]$",
        r"^(?:要求|写作要求|输出要求|约束条件|格式要求)[:].{0,100}(?:字数|markdown|格式|标题|输出|"
        r"语气|风格|文章)",
        r"(?:以|用|使用)markdown格式(?:输出|撰写|编写|返回|书写)",
        r"mermaid(?:流程)?(?:图)?(?:的)?节点(?:中|里)?不(?:要|能|得)(?:有|出现|使用|包含)",
        r"^(?:请)?(?:以|围绕|根据).{1,40}(?:为题|为主题|为标题).{0,10}(?:写|撰写|生成|创作)一篇",
    ),
    "en": (
        r"\b(?:at least|no fewer than|no less than|a minimum of|minimum of) \d[\d,]* words\b",
        r"\bword count ?[:(]",
        r"^[(]?note: ?(?:use|write|format|output|do not|don't|avoid|include|make sure)\b.{0,80}"
        r"\b(?:markdown|headings?|word count|articles?|sections?)\b",
        r"^(?:requirements?|instructions?|constraints?): ?.{0,80}\b(?:words|markdown|headings?|"
        r"tone|article|output)\b",
        r"^write (?:a|an) (?:\d+[- ]word )?(?:article|blog post|essay|post)\b",
        r"\b(?:output|respond|answer) (?:only )?in markdown\b",
    ),
}
#: whole titles that are a placeholder (compared with the title's folded text,
#: brackets and braces around it removed)
_TITLE = {
    "zh": (
        r"(?:此处|这里|在此)?(?:是|为|输入|填写|填入)?(?:你的|您的)?(?:文章|博客|博文)?(?:主|大|一级)?"
        r"(?:标题|题目)(?:名称|占位符|写在这里|在这里)?",
        r"无标题",
        r"(?:请)?(?:输入|填写)(?:文章)?(?:标题|题目)",
    ),
    "en": (
        r"(?:your |the |article |post |blog post |page |main |placeholder )*(?:title|heading)"
        r"(?: here| goes here| placeholder)?",
        r"(?:insert|enter|add) (?:the |your )?(?:article |post )?title(?: here)?",
        r"untitled(?: (?:article|post|document))?",
    ),
}
#: what a paragraph must hold (ASCII in lower case) for a default prompt pattern to match:
#: rare enough in prose that only a few paragraphs are read
PROMPT_HINTS = (
    *("字数", "篇幅", "不少于", "不低于", "全文约", "全文控制", "全文至少", "全文不超过"),
    *("要求：", "要求:", "约束条件", "为题", "为主题", "为标题", "markdown格式", "markdown 格式"),
    *("（备注", "(备注", "（注", "(注", "（说明", "(说明", "（提示", "(提示", "mermaid"),
    *("at least", "fewer than", "less than", "minimum of", "word count", "in markdown"),
    *("note:", "note :", "requirements:", "requirement:", "instructions:", "instruction:"),
    *("constraints:", "constraint:", "write a"),
)
KINDS: dict[str, Mapping[str, tuple[str, ...]]] = {
    "preamble": _PREAMBLE,
    "closing": _CLOSING,
    "prompt": _PROMPT,
    "title": _TITLE,
}


def fold_phrase(text: str) -> str:
    """The folded form that phrases and texts are compared in (see the module docs)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = _SPACE_RUNS.sub(" ", text).strip()
    return _LONE_SPACE.sub("", text) if " " in text else text


class Phrases:
    """The default patterns of one kind plus configured literal phrases."""

    def __init__(self, kind: str, extend: Mapping[str, Sequence[str]] | None = None) -> None:
        self.kind = kind
        self._patterns = _compiled(kind)
        literals = {fold_phrase(p) for phrases in (extend or {}).values() for p in phrases}
        self._literals = tuple(sorted(literal for literal in literals if literal))
        self.extended = bool(self._literals)

    def search(self, folded: str, *, whole: bool = False) -> str | None:
        """The part of ``folded`` that a phrase matches (all of it with ``whole``)."""
        for pattern in self._patterns:
            match = pattern.fullmatch(folded) if whole else pattern.search(folded)
            if match is not None:
                return match.group()
        for literal in self._literals:
            if (folded == literal) if whole else (literal in folded):
                return literal
        return None


@functools.cache
def _compiled(kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for patterns in KINDS[kind].values() for p in patterns)


def from_settings(kind: str, settings: Mapping[str, object]) -> Phrases:
    """The phrases of ``kind`` extended by a rule's ``extend-phrases`` option."""
    extend = settings.get("extend-phrases")
    if not isinstance(extend, Mapping):
        extend = {}
    return Phrases(kind, {str(k): [str(p) for p in v] for k, v in extend.items()})


EXTEND_SCHEMA: Mapping[str, object] = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}},
}
