"""Chinese word segmenters for search: rjieba (Rust) against jieba (pure Python), on our own texts.

The texts are the problems (title and text) and measures of the three samples, read through the
parser. Each segmenter cuts them in search mode (`cut_for_search`, what the index stores) ROUNDS
times after a first call has loaded its dictionary; the load (import and first cut) is timed apart,
in a fresh interpreter each, because jieba's cost there is its dictionary and rjieba's is nothing
that a run repeats. Printed: chars/s for each, the ratio, how many texts the two cut differently
(with the first few differences) and the cuts of a few phrases from the notices, to judge quality.
Run: uv run python bench/segment_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import jieba
import rjieba

from dagster_project.parse import parse_document

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "raw" / "samples"
DEFAULT_ROUNDS = 50
DIFFERENCES_SHOWN = 5
PHRASES = [
    "政府债务",
    "隐性债务风险",
    "土地使用",
    "违规吃喝",
    "形式主义",
    "官僚主义",
    "三重一大",
    "党风廉政建设",
    "招商引资",
]

Segmenter = Callable[[str], list[str]]
SEGMENTERS: dict[str, Segmenter] = {"rjieba": rjieba.cut_for_search, "jieba": jieba.lcut_for_search}
# What each one costs a fresh process before its first cut: import and dictionary.
LOAD_SNIPPETS = {
    "rjieba": "import rjieba; rjieba.cut_for_search('测试')",
    "jieba": "import jieba; jieba.setLogLevel(60); jieba.lcut_for_search('测试')",
}


def sample_segments() -> list[str]:
    """Every problem (title and text) and measure of the samples, as the warehouse holds them."""
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for issue in parse_document(path.read_bytes(), path.name).issues:
            texts.append(f"{issue.title}\n{issue.text}")
            texts.extend(measure.text for measure in issue.measures)
    return texts


def load_seconds(name: str) -> float:
    code = f"import time; t = time.perf_counter(); {LOAD_SNIPPETS[name]}; print(time.perf_counter() - t)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def chars_per_second(segment: Segmenter, texts: list[str], rounds: int) -> float:
    segment(texts[0])  # warm: the dictionary is loaded before the clock starts
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            segment(text)
    return rounds * sum(map(len, texts)) / (time.perf_counter() - started)


def words(tokens: Iterable[str]) -> list[str]:
    return [token for token in tokens if token.strip()]


def cut_differences(text: str) -> list[tuple[str, str]]:
    """The stretches of `text` that rjieba and jieba cut differently, each as 'a/b' per segmenter."""
    ours, theirs = words(rjieba.cut_for_search(text)), words(jieba.lcut_for_search(text))
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    return [
        ("/".join(ours[a0:a1]), "/".join(theirs[b0:b1]))
        for tag, a0, a1, b0, b1 in matcher.get_opcodes()
        if tag != "equal"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="passes over the sample texts")
    rounds = parser.parse_args().rounds
    jieba.setLogLevel(60)  # jieba logs its dictionary load on stderr
    texts = sample_segments()
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} chars, {rounds} rounds, search mode")
    speed = {}
    for name, segment in SEGMENTERS.items():
        speed[name] = chars_per_second(segment, texts, rounds)
        print(f"{name:>7}: load {load_seconds(name):.3f} s, then {speed[name]:,.0f} chars/s")
    print(f"rjieba/jieba: {speed['rjieba'] / speed['jieba']:.1f}x")
    differences = [difference for text in texts for difference in cut_differences(text)]
    print(f"cuts that differ: {len(differences)} in {len(texts)} texts")
    for ours, theirs in differences[:DIFFERENCES_SHOWN]:
        print(f"  rjieba {ours}   jieba {theirs}")
    for phrase in PHRASES:
        cuts = "   ".join(f"{name} {'/'.join(segment(phrase))}" for name, segment in SEGMENTERS.items())
        print(f"{phrase}: {cuts}")


if __name__ == "__main__":
    main()
