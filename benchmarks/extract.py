"""
How long extract takes on a long article, once the record is loaded: prints the median.

    python benchmarks/extract.py [--words 5000] [--repeats 20]

The article is made of passages in the style of the news, repeated to the length asked,
with one announcement among them; the target is under 50 ms for 5,000 words.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pendulum

import twoplustwo as tpt

FILLER = (
    "The ministers also discussed maritime security, supply chains and cooperation in "
    "space, and agreed to deepen exchanges between their armed forces. "
)
NEWS = (
    "India and the US will hold their sixth 2+2 ministerial dialogue in Washington in the "
    "third week of January, officials said on Friday. "
)


def main() -> None:
    """
    Time extract on an article of the asked length; print the median and the target.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    half = FILLER * (args.words // len(FILLER.split()) // 2)
    text = half + NEWS + half
    record = tpt.load_dataset()
    day = pendulum.Date(2026, 12, 4)
    found = tpt.extract(text, published=day, dataset=record)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        tpt.extract(text, published=day, dataset=record)
        times.append(time.perf_counter() - start)
    words = len(text.split())
    median = statistics.median(times) * 1000
    print(f"extract: {words:,} words, {len(found)} proposal(s), median {median:.1f} ms")
    print(f"target: under 50 ms for 5,000 words: {'met' if median < 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
