"""Deterministic benchmark corpus: trend articles like ``tests/fixtures/sample-article.md``.

    python bench/generate.py [OUT] [--articles N] [--seed S] [--big 0.5,5,50]

writes ``OUT/corpus/NNNN.md`` (default 2,000 articles, about 15 MB) and
``OUT/big/big-<size>mb.md`` (one long article each). ``OUT`` defaults to ``bench/out``.
The same arguments always give the same bytes.

Each article has front matter, an H1, an introduction, three to six sections with
numbered subsections, comparison tables (route / advantage / disadvantage), bullet and
recommendation lists and a conclusion, in Chinese or English. About half carry one or
more of the defects seen in generated articles: indented front matter, a document-wide
```` ```markdown ```` wrapper whose closing fence opens a never-closed fence, unnumbered
or skipped section numbers, a heading-level jump, tables with missing or extra cells, a
missing front-matter key or a bad date, trailing spaces, CRLF line endings, no final
newline, an unclosed code fence.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

ZH_TOPICS = [
    ("生成式 AI", "从文本到多模态生成"),
    ("AI 芯片", "算力与能效的双重提升"),
    ("多模态学习", "跨越感知与认知的界限"),
    ("边缘计算", "让智能走近数据源头"),
    ("量子计算", "从实验室走向早期应用"),
    ("低代码平台", "开发效率的再次飞跃"),
    ("云原生数据库", "弹性与一致性的平衡"),
    ("自动驾驶", "感知、决策与法规的赛跑"),
    ("机器人技术", "具身智能的落地之路"),
    ("网络安全", "零信任架构的普及"),
]
EN_TOPICS = [
    ("Generative AI", "from text to multimodal generation"),
    ("AI accelerators", "more compute per watt"),
    ("Edge computing", "intelligence next to the data"),
    ("Quantum computing", "from the lab to early use"),
    ("Low-code platforms", "another leap in productivity"),
    ("Cloud-native databases", "elasticity versus consistency"),
    ("Autonomous driving", "perception, planning and regulation"),
    ("Robotics", "embodied intelligence in practice"),
    ("Security", "zero trust goes mainstream"),
    ("WebAssembly", "a portable runtime beyond the browser"),
]
ZH_ROUTES = [
    "大型语言模型（LLM）",
    "扩散模型（Diffusion）",
    "多模态模型",
    "GPU",
    "TPU",
    "专用 AI 加速器",
    "RISC-V AI 芯片",
    "联合嵌入模型",
    "分布式表示模型",
    "预训练大模型 + 多模态适配",
]
EN_ROUTES = [
    "Large language models",
    "Diffusion models",
    "Mixture of experts",
    "GPUs",
    "TPUs",
    "FPGAs",
    "Serverless",
    "Managed Kubernetes",
    "On-device inference",
    "Hybrid cloud",
]
ZH_PHRASES = [
    "数据覆盖面广，生成内容更具连贯性",
    "训练成本高，模型参数量庞大，推理速度较慢",
    "图像生成效果逼真，用户可控性强",
    "模型训练需要大量计算资源，生成速度较慢",
    "能够处理多种数据类型，应用场景广泛",
    "通用性强，生态完善，支持多种工作负载",
    "价格昂贵，能效比低于专用芯片",
    "开放性不足，仅适用于特定平台",
    "针对特定场景优化，能效比高",
    "开发门槛高，生态不成熟",
]
EN_PHRASES = [
    "broad data coverage and coherent output",
    "expensive to train and slow to serve",
    "realistic images with fine user control",
    "needs large compute budgets",
    "handles many data types",
    "general purpose with a mature ecosystem",
    "costly and less efficient than dedicated chips",
    "tied to a single vendor platform",
    "tuned for one workload and very efficient",
    "steep learning curve and a young ecosystem",
]
ZH_SENTENCES = [
    "{t} 在 {y} 年延续了高速发展的态势，多个方向在理论研究和实际应用中取得了重要突破。",
    "主流方案包括 **{r}** 等技术路线，各家厂商围绕性能、成本与生态展开了激烈竞争。",
    "随着模型规模的指数级增长，{t} 成为支撑业务创新的关键领域，"
    "例如 `batch_size` 的选择直接影响成本。",
    "开发者需要在性能与能效之间取得平衡，并关注 [官方文档](https://example.com/{n}) 中的最佳实践。",
    "与 {y} 年相比，相关开源项目的数量增长了约 {p}%，社区活跃度显著提升。",
    "业内普遍认为，{t} 将在未来三到五年内进入规模化落地阶段，带来新的机遇与挑战。",
]
EN_SENTENCES = [
    "In {y}, {t} kept its fast pace, with progress in both research and production use.",
    "The main approaches include **{r}**, and vendors compete on speed, cost and ecosystem.",
    "As models grow, {t} becomes central to new products; `batch_size` alone moves the bill.",
    "Teams must balance throughput against energy use; see [the guide](https://example.com/{n}).",
    "Compared with {y}, the number of open-source projects grew by about {p}%.",
    "Most analysts expect {t} to reach wide adoption within three to five years.",
]
ZH_CN_NUMERALS = "一二三四五六七八九十"


class Writer:
    """Builds one article as a list of lines."""

    def __init__(self, rng: random.Random, english: bool, number: int) -> None:
        self.rng = rng
        self.en = english
        self.number = number
        self.lines: list[str] = []

    def sentence(self, topic: str) -> str:
        pool = EN_SENTENCES if self.en else ZH_SENTENCES
        routes = EN_ROUTES if self.en else ZH_ROUTES
        return self.rng.choice(pool).format(
            t=topic,
            y=self.rng.randint(2019, 2025),
            r=self.rng.choice(routes),
            n=self.rng.randint(1, 999),
            p=self.rng.randint(5, 300),
        )

    def paragraph(self, topic: str) -> str:
        joiner = " " if self.en else ""
        return joiner.join(self.sentence(topic) for _ in range(self.rng.randint(1, 3)))

    def table(self, defect: str | None) -> None:
        rng = self.rng
        header = (
            ["Approach", "Advantages", "Disadvantages"] if self.en else ["技术路线", "优势", "劣势"]
        )
        routes = EN_ROUTES if self.en else ZH_ROUTES
        phrases = EN_PHRASES if self.en else ZH_PHRASES
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("| " + " | ".join("-" * rng.randint(3, 20) for _ in header) + " |")
        rows = rng.randint(3, 5)
        for index in range(rows):
            cells = [f"**{rng.choice(routes)}**", rng.choice(phrases), rng.choice(phrases)]
            if defect == "missing-cell" and index == rows - 1:
                cells = cells[:2]
            if defect == "extra-cell" and index == 0:
                cells.append(rng.choice(phrases))
            self.lines.append("| " + " | ".join(cells) + " |")
        self.lines.append("")

    def bullets(self, topic: str) -> None:
        for _ in range(self.rng.randint(2, 4)):
            route = self.rng.choice(EN_ROUTES if self.en else ZH_ROUTES)
            sep = ": " if self.en else "："
            self.lines.append(f"- **{route}**{sep}{self.sentence(topic)}")
        self.lines.append("")

    def recommendations(self, topic: str) -> None:
        for index in range(1, self.rng.randint(3, 4) + 1):
            head = "Watch the costs" if self.en else "关注落地成本"
            sep = ": " if self.en else "："
            self.lines.append(f"{index}. **{head}**{sep}{self.sentence(topic)}")
        self.lines.append("")


def article(seed: int, number: int) -> str:
    """One article; its defects are chosen by the seeded generator."""
    rng = random.Random(seed * 1_000_003 + number)
    english = rng.random() < 0.3
    defects = _defects(rng)
    w = Writer(rng, english, number)
    topics = rng.sample(EN_TOPICS if english else ZH_TOPICS, rng.randint(3, 5))
    year = rng.randint(2020, 2025)
    title = (
        f"{len(topics)} trends that shaped {year}"
        if english
        else f"{year} 年技术领域的{ZH_CN_NUMERALS[len(topics) - 1]}大发展趋势分析"
    )
    indent = " " * 12 if "indented-front-matter" in defects else ""
    lines = w.lines
    lines.append("---")
    lines.append(f'{indent}title: "{title}"')
    if "bad-date" in defects:
        lines.append(f"{indent}date: {year}-13-45")
    elif "missing-key" not in defects:
        lines.append(f"{indent}date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    lines.append(f"{indent}description: Generated from {year}-{number % 12 + 1:02d}-01.md")
    lines.append(f"{indent}---" if indent else "---")
    lines.append("")
    if "wrapper" in defects:
        lines.append(" " * 12 + "```markdown")
    lines.append(f"# {title}")
    lines.append("")
    lines.append(w.paragraph(topics[0][0]))
    lines.append("")
    lines.append("---")
    lines.append("")
    for index, (topic, subtitle) in enumerate(topics, start=1):
        _section(w, index, topic, subtitle, defects)
    lines.append("## Conclusion" if english else "## 结语")
    lines.append("")
    lines.append(w.paragraph(topics[-1][0]))
    if "wrapper" in defects:
        lines.append("```")
    if "trailing-spaces" in defects:
        for pick in rng.sample(range(len(lines)), 3):
            if lines[pick]:
                lines[pick] += "  " if rng.random() < 0.5 else " "
    eol = "\r\n" if "crlf" in defects else "\n"
    final = "" if "no-final-newline" in defects or "wrapper" in defects else eol
    return eol.join(lines) + final


def _section(w: Writer, index: int, topic: str, subtitle: str, defects: set[str]) -> None:
    rng, lines = w.rng, w.lines
    sep = ": " if w.en else "："
    if "unnumbered-h2" in defects:
        lines.append(f"## {topic}{sep}{subtitle}")
    elif "chinese-numerals" in defects and not w.en:
        lines.append(f"## {ZH_CN_NUMERALS[index - 1]}、{topic}{sep}{subtitle}")
    else:
        lines.append(f"## {index}. {topic}{sep}{subtitle}")
    lines.append("")
    subsections = (
        ["Where things stand", "Comparing the approaches", "Advice for developers"]
        if w.en
        else ["技术发展现状", "技术路线比较", "对开发者的建议"]
    )
    numbers = [1, 2, 3]
    if "skipped-number" in defects and index == 2:
        numbers = [1, 3, 4]
    for sub, title in zip(numbers, subsections, strict=True):
        level = "####" if "level-jump" in defects and index == 1 and sub == 1 else "###"
        lines.append(f"{level} {index}.{sub} {title}")
        lines.append("")
        if title in ("技术路线比较", "Comparing the approaches"):
            table_defect = None
            if "table-cells" in defects and index == 1:
                table_defect = rng.choice(["missing-cell", "extra-cell"])
            w.table(table_defect)
        elif title in ("对开发者的建议", "Advice for developers"):
            w.recommendations(topic)
        else:
            lines.append(w.paragraph(topic))
            lines.append("")
            w.bullets(topic)
            if "unclosed-code" in defects and index == 1:
                lines.extend(["```python", "print('unclosed')", ""])
            elif rng.random() < 0.2:
                lines.extend(["```bash", "pip install example", "```", ""])
    lines.append("---")
    lines.append("")


_DEFECT_RATES: dict[str, float] = {
    "indented-front-matter": 0.15,
    "wrapper": 0.15,
    "unnumbered-h2": 0.15,
    "chinese-numerals": 0.15,
    "skipped-number": 0.08,
    "level-jump": 0.05,
    "table-cells": 0.10,
    "missing-key": 0.05,
    "bad-date": 0.03,
    "trailing-spaces": 0.10,
    "crlf": 0.05,
    "no-final-newline": 0.10,
    "unclosed-code": 0.03,
}


def _defects(rng: random.Random) -> set[str]:
    return {name for name, rate in _DEFECT_RATES.items() if rng.random() < rate}


def big_article(seed: int, megabytes: float) -> str:
    """One long, well-formed article of about ``megabytes`` MB (UTF-8) with many sections."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    w = Writer(rng, english=False, number=0)
    w.lines.extend(["---", 'title: "技术趋势长篇汇编"', "date: 2025-01-01", "---", ""])
    w.lines.extend(["# 技术趋势长篇汇编", ""])
    size = 0
    index = 0
    while size < target:
        index += 1
        w.en = index % 3 == 0
        topic, subtitle = rng.choice(EN_TOPICS if w.en else ZH_TOPICS)
        start = len(w.lines)
        _section(w, index, topic, subtitle, set())
        size += sum(len(line.encode("utf-8")) + 1 for line in w.lines[start:])
    return "\n".join(w.lines) + "\n"


def generate(out: Path, articles: int, seed: int, big: list[float]) -> None:
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        _write(corpus / f"{number:04d}.md", article(seed, number))
    big_dir = out / "big"
    big_dir.mkdir(parents=True, exist_ok=True)
    for megabytes in big:
        _write(big_dir / big_name(megabytes), big_article(seed, megabytes))


def big_name(megabytes: float) -> str:
    return f"big-{megabytes:g}mb.md"


def _write(path: Path, text: str, _read: Callable[[Path], bytes] = Path.read_bytes) -> None:
    data = text.encode("utf-8")
    if path.exists() and _read(path) == data:
        return  # keep mtimes stable between runs
    path.write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(Path(__file__).parent / "out"))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--big", default="0.5,5,50", help="sizes in MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(part) for part in args.big.split(",") if part.strip()]
    generate(Path(args.out), args.articles, args.seed, sizes)
    print(f"wrote {args.articles} articles and {len(sizes)} big files under {args.out}")


if __name__ == "__main__":
    main()
