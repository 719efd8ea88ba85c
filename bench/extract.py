"""Extraction speed: documents per second on one core, against a plain-regex baseline timed in the same run.

    python bench/extract.py [--seconds 3]

The corpus is the seed documents plus varied copies of each (CRLF line ends, NFD
accents, accents stripped as OCR does, en dashes in the numbers, web markup), so the
figure covers the cleaning paths real input takes.  The baseline only runs two
regexes over the same texts: the floor any extractor pays to read them.  The last
line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from cancu.ingest.citations import find_mentions
from cancu.ingest.clean import clean
from cancu.ingest.extract import extract_text
from cancu.ingest.header import find_header
from cancu.ingest.relations import find_relations

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
_BASELINE_SYMBOL = re.compile(
    r"\b\d+(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ]+)+|\b\d+-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ]\w*"
)
_BASELINE_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}")

VARIANTS: dict[str, Callable[[str], str]] = {
    "as given": lambda t: t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "accents stripped": lambda t: "".join(
        c
        for c in unicodedata.normalize("NFD", t.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    ),
    "en dashes": lambda t: re.sub(r"(?<=\d)-(?=[A-Z])|(?<=[A-Z])-(?=[A-Z])", "\u2013", t),
    "web markup": lambda t: (
        "Trang chủ > Văn bản\n<p>" + t.replace("\n\n", "</p>\n\n<p>") + "</p>\nChia sẻ bài viết\n"
    ),
}


def corpus() -> list[str]:
    """The seeds and their varied copies."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [vary(t) for t in texts for vary in VARIANTS.values()]


def references(text: str) -> int:
    """The header, citations and relations stages alone (clean → header → mentions → relations)."""
    doc = clean(text)
    found = find_mentions(doc, find_header(doc))
    return len(find_relations(doc, found))


def baseline(text: str) -> int:
    return len(_BASELINE_SYMBOL.findall(text)) + len(_BASELINE_DATE.findall(text))


def rate(fn: Callable[[str], object], texts: list[str], seconds: float) -> float:
    """Documents per second of `fn` over `texts`, repeated for at least `seconds`."""
    done, start = 0, time.perf_counter()
    while True:
        for t in texts:
            fn(t)
        done += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum time per measurement")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = corpus()
    for t in texts:  # warm the caches (compiled patterns, tables) outside the timing
        extract_text(t)
    ours = rate(extract_text, texts, args.seconds)
    refs = rate(references, texts, args.seconds)
    floor = rate(baseline, texts, args.seconds)
    kib = sum(len(t) for t in texts) / len(texts) / 1024
    print(
        f"corpus: {len(texts)} documents ({len(VARIANTS)} variants of {len(texts) // len(VARIANTS)} seeds), mean {kib:.1f} KiB"
    )
    print(
        f"cancu extract_text (whole record)        {ours:10.1f} docs/s   baseline is {floor / ours:6.1f}x faster"
    )
    print(
        f"header + citations + relations stages    {refs:10.1f} docs/s   baseline is {floor / refs:6.1f}x faster"
    )
    print(f"plain-regex baseline                     {floor:10.1f} docs/s")
    figures = {
        "docs": len(texts),
        "extract_docs_per_s": round(ours, 1),
        "references_docs_per_s": round(refs, 1),
        "baseline_docs_per_s": round(floor, 1),
        "baseline_over_extract": round(floor / ours, 1),
        "baseline_over_references": round(floor / refs, 1),
        "goal_docs_per_s": 500,
        "meets_goal": ours >= 500,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
